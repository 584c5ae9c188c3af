/**
 * Profit and loss over time: settled bets bucketed by local day, week (ISO, from Monday), month or year
 * of `local_day`, with net, staked, bets and the cumulative net. Periods without bets are left out.
 * Long histories are downsampled to at most `maxPoints` points by merging runs of consecutive periods
 * (sums add up, so every total still equals the headline's, and the cumulative line keeps its ends).
 */
import { settledWhere } from './curve';
import type { BetFilter } from './filter';
import { toCents, toCount, toLabel, type Row } from './values';

export type Grain = 'day' | 'week' | 'month' | 'year';
export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'year'];

/** Default point cap: about one point per pixel of a wide chart. */
export const MAX_SERIES_POINTS = 1500;

export interface SeriesPoint {
  /** First local day of the first period in the point ("YYYY-MM-DD"). */
  start: string;
  /** Last local day of the last period in the point. */
  end: string;
  netCents: number;
  stakedCents: number;
  bets: number;
  /** Net of this point and every earlier point in the filter. */
  cumulativeCents: number;
}

export function seriesSql(f: BetFilter, grain: Grain, maxPoints: number = MAX_SERIES_POINTS): string {
  if (!GRAINS.includes(grain)) throw new RangeError(`unknown grain: ${String(grain)}`);
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new RangeError(`bad maxPoints: ${maxPoints}`);
  return `WITH sr_p AS (
  SELECT CAST(date_trunc('${grain}', local_day) AS DATE) AS period, CAST(sum(net_cents) AS BIGINT) AS net,
    CAST(sum(stake_cents) AS BIGINT) AS staked, count(*) AS bets
  FROM bet_analytics WHERE ${settledWhere(f)} GROUP BY 1
), sr_g AS (
  SELECT *, (row_number() OVER (ORDER BY period) - 1) // CAST(ceil(count(*) OVER () / ${maxPoints}) AS BIGINT) AS grp
  FROM sr_p
)
SELECT CAST(min(period) AS VARCHAR) AS start,
  CAST(CAST(max(period) + INTERVAL 1 ${grain.toUpperCase()} - INTERVAL 1 DAY AS DATE) AS VARCHAR) AS "end",
  CAST(sum(net) AS BIGINT) AS net, CAST(sum(staked) AS BIGINT) AS staked, CAST(sum(bets) AS BIGINT) AS bets,
  CAST(sum(sum(net)) OVER (ORDER BY min(period)) AS BIGINT) AS cum
FROM sr_g GROUP BY grp ORDER BY min(period)`;
}

export function parseSeries(rows: readonly Row[]): SeriesPoint[] {
  return rows.map((r) => ({
    start: toLabel(r.start),
    end: toLabel(r.end),
    netCents: toCents(r.net),
    stakedCents: toCents(r.staked),
    bets: toCount(r.bets),
    cumulativeCents: toCents(r.cum),
  }));
}
