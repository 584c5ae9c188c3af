/**
 * Results by one dimension (sport, competition, participant, market, bet type, odds band, stake band,
 * venue, day of week, hour) over the filtered settled bets: bets, won, staked, returned, net, ROI and a
 * 95% confidence interval for ROI.
 *
 * ROI = Σnet / Σstake is a ratio estimator, so its standard error is the linearised (delta-method) one
 * used for ratio estimates in survey sampling (Cochran, Sampling Techniques, §6.4):
 *   se = sqrt( Σ(net_i − R·stake_i)² / (n(n−1)) ) / mean(stake),  R = Σnet / Σstake,
 * and the interval is R ± 1.96·se (normal approximation; rough for a handful of bets, and null below two).
 * Σ(net_i − R·stake_i)² is expanded as Σnet² − 2R·Σnet·stake + R²·Σstake², whose three sums add across
 * groups, so the 'Other' row gets its own exact interval from the sums of the groups it pools.
 *
 * Text dimensions show the top N groups by turnover (staked), then 'Other'; ordered dimensions (odds and
 * stake bands, day of week, hour) show every group in their natural order.
 */
import { settledWhere } from './curve';
import type { BetFilter } from './filter';
import { ratioOf, toCents, toCount, toLabel, toRatio, type Row } from './values';

export type Dimension =
  | 'sport'
  | 'competition'
  | 'participant'
  | 'market'
  | 'bet_type'
  | 'odds_band'
  | 'stake_band'
  | 'venue'
  | 'dow'
  | 'hour';

export const DIMENSIONS: readonly Dimension[] = [
  'sport',
  'competition',
  'participant',
  'market',
  'bet_type',
  'odds_band',
  'stake_band',
  'venue',
  'dow',
  'hour',
];

/** Grouping key, label expression and whether the dimension has a natural order. */
const DIM_SQL: Record<Dimension, { key: string; label: string; ordered: boolean }> = {
  sport: { key: 'sport_h', label: "coalesce(sport, '')", ordered: false },
  competition: { key: 'competition_h', label: "coalesce(competition, '')", ordered: false },
  participant: { key: 'participant_h', label: 'participant', ordered: false },
  market: { key: 'market_h', label: "coalesce(market, '')", ordered: false },
  bet_type: { key: 'bet_type_h', label: 'bet_type', ordered: false },
  venue: { key: 'venue_h', label: "coalesce(venue, '')", ordered: false },
  odds_band: { key: 'odds_band_id', label: 'odds_band', ordered: true },
  stake_band: { key: 'stake_band_id', label: 'stake_band', ordered: true },
  dow: { key: 'dow', label: 'CAST(dow AS VARCHAR)', ordered: true },
  hour: { key: 'hour', label: 'CAST(hour AS VARCHAR)', ordered: true },
};

/** z for a two-sided 95% normal interval. */
const Z95 = 1.959963984540054;

export interface BreakdownRow {
  /** The group's value as filters take it ('' = not recorded; dow and hour as digits); 'Other' pools. */
  key: string;
  isOther: boolean;
  bets: number;
  won: number;
  stakedCents: number;
  returnedCents: number;
  netCents: number;
  roi: number | null;
  /** 95% interval for ROI; null with fewer than two bets or no stake. */
  roiLow: number | null;
  roiHigh: number | null;
}

/**
 * The ROI interval from a group's sums (see the module comment): n bets, Σnet and Σstake in cents, and
 * the DOUBLE sums Σnet², Σnet·stake, Σstake². Returns [low, high] or null when n < 2 or Σstake is 0.
 */
export function roiInterval(
  n: number,
  netCents: number,
  stakedCents: number,
  sumNetSq: number,
  sumNetStake: number,
  sumStakeSq: number,
): [number, number] | null {
  if (n < 2 || stakedCents === 0) return null;
  const r = netCents / stakedCents;
  const resid = Math.max(0, sumNetSq - 2 * r * sumNetStake + r * r * sumStakeSq);
  const se = Math.sqrt(resid / (n * (n - 1))) / (stakedCents / n);
  return [r - Z95 * se, r + Z95 * se];
}

/**
 * One row per group, 'Other' last. `topN` applies to text dimensions; when only one group would go
 * into 'Other' it is shown by name instead.
 */
export function breakdownSql(f: BetFilter, dim: Dimension, topN = 12): string {
  const d = DIM_SQL[dim];
  if (!d) throw new RangeError(`unknown dimension: ${String(dim)}`);
  if (!Number.isInteger(topN) || topN < 1) throw new RangeError(`bad topN: ${topN}`);
  const rank = d.ordered
    ? `row_number() OVER (ORDER BY k)`
    : `row_number() OVER (ORDER BY staked DESC, label)`;
  const keep = d.ordered ? 'TRUE' : `(rk <= ${topN} OR groups <= ${topN + 1})`;
  return `WITH bd_g AS (
  SELECT ${d.key} AS k, any_value(${d.label}) AS label, count(*) AS bets, count(*) FILTER (WHERE status = 'won') AS won,
    CAST(sum(stake_cents) AS BIGINT) AS staked, CAST(sum(return_cents) AS BIGINT) AS returned,
    CAST(sum(net_cents) AS BIGINT) AS net,
    sum(CAST(net_cents AS DOUBLE) * net_cents) AS nn, sum(CAST(net_cents AS DOUBLE) * stake_cents) AS ns,
    sum(CAST(stake_cents AS DOUBLE) * stake_cents) AS ss
  FROM bet_analytics WHERE ${settledWhere(f)} GROUP BY 1
), bd_r AS (
  SELECT *, ${rank} AS rk, count(*) OVER () AS groups FROM bd_g
), bd_m AS (
  SELECT ${keep} AS is_top, CASE WHEN ${keep} THEN rk ELSE 0 END AS slot, * FROM bd_r
)
SELECT CASE WHEN is_top THEN any_value(label) ELSE 'Other' END AS label, NOT is_top AS is_other,
  CAST(sum(bets) AS BIGINT) AS bets, CAST(sum(won) AS BIGINT) AS won, CAST(sum(staked) AS BIGINT) AS staked,
  CAST(sum(returned) AS BIGINT) AS returned, CAST(sum(net) AS BIGINT) AS net,
  sum(nn) AS nn, sum(ns) AS ns, sum(ss) AS ss
FROM bd_m GROUP BY is_top, slot ORDER BY is_other, min(rk)`;
}

export function parseBreakdown(rows: readonly Row[]): BreakdownRow[] {
  return rows.map((r) => {
    const bets = toCount(r.bets);
    const staked = toCents(r.staked);
    const net = toCents(r.net);
    const ci = roiInterval(bets, net, staked, toRatio(r.nn) ?? 0, toRatio(r.ns) ?? 0, toRatio(r.ss) ?? 0);
    return {
      key: toLabel(r.label),
      isOther: r.is_other === true,
      bets,
      won: toCount(r.won),
      stakedCents: staked,
      returnedCents: toCents(r.returned),
      netCents: net,
      roi: ratioOf(net, staked),
      roiLow: ci ? ci[0] : null,
      roiHigh: ci ? ci[1] : null,
    };
  });
}

/** Display labels of the ordered dimensions' keys (odds and stake bands are their own labels). */
export const DOW_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
