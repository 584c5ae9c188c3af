/**
 * Profit and loss over time: settled bets bucketed by local day, week (ISO, from Monday), month or year
 * of `local_day`, with net, staked, bets and the cumulative net. Periods without bets are left out.
 * Long histories are downsampled to at most `maxPoints` points by merging runs of consecutive periods
 * (sums add up, so every total still equals the headline's, and the cumulative line keeps its ends).
 * Dates-only filters read `bet_days`, dates-and-sports filters `bet_sport_days`; others group
 * `bet_analytics` directly. Buckets come back as lists.
 */
import {
  datesWhere,
  isDateOnly,
  isSportsDates,
  settledWhere,
  sportsDatesWhere,
  type BetFilter,
} from './filter';
import { dayFromNumber, toIntList, toLabel, toCount, type Row } from './values';

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

export function seriesSql(
  f: BetFilter,
  grain: Grain,
  maxPoints: number = MAX_SERIES_POINTS,
  precomputed = true,
): string {
  if (!GRAINS.includes(grain)) throw new RangeError(`unknown grain: ${String(grain)}`);
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw new RangeError(`bad maxPoints: ${maxPoints}`);
  const period = `CAST(CAST(date_trunc('${grain}', local_day) AS DATE) - DATE '1970-01-01' AS INTEGER)`;
  const days: [string, string] | null = !precomputed
    ? null
    : isDateOnly(f)
      ? ['bet_days', datesWhere(f)]
      : isSportsDates(f)
        ? ['bet_sport_days', sportsDatesWhere(f)]
        : null;
  const source = days
    ? `SELECT ${period} AS p, sum(net) AS net, sum(staked) AS staked, sum(bets) AS bets
         FROM ${days[0]} WHERE ${days[1]}
         AND bets > 0 GROUP BY 1`
    : `SELECT ${period} AS p, sum(net_cents) AS net, sum(stake_cents) AS staked, count(*) AS bets
         FROM bet_analytics WHERE ${settledWhere(f)} GROUP BY 1`;
  return `SELECT '${grain}' AS grain, ${maxPoints} AS max_points, list(p) AS p, list(CAST(net AS BIGINT)) AS net,
  list(CAST(staked AS BIGINT)) AS staked, list(CAST(bets AS BIGINT)) AS bets FROM (${source})`;
}

/** Last day of the period starting on `start` ("YYYY-MM-DD"). */
function periodEnd(start: string, grain: Grain): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const t =
    grain === 'day'
      ? Date.UTC(y, m - 1, d)
      : grain === 'week'
        ? Date.UTC(y, m - 1, d + 6)
        : grain === 'month'
          ? Date.UTC(y, m, 0)
          : Date.UTC(y, 11, 31);
  return new Date(t).toISOString().slice(0, 10);
}

export function parseSeries(rows: readonly Row[]): SeriesPoint[] {
  const r = rows[0] ?? {};
  const grain = toLabel(r.grain) as Grain;
  const maxPoints = Math.max(1, toCount(r.max_points));
  const p = toIntList(r.p);
  const net = toIntList(r.net);
  const staked = toIntList(r.staked);
  const bets = toIntList(r.bets);
  const order = p.map((_, i) => i).sort((a, b) => (p[a] ?? 0) - (p[b] ?? 0));
  const per = Math.ceil(order.length / maxPoints);
  const out: SeriesPoint[] = [];
  let cum = 0;
  for (let g = 0; g < order.length; g += per) {
    const idx = order.slice(g, g + per);
    const first = idx[0] ?? 0;
    const last = idx[idx.length - 1] ?? 0;
    const point: SeriesPoint = {
      start: dayFromNumber(p[first] ?? 0),
      end: periodEnd(dayFromNumber(p[last] ?? 0), grain),
      netCents: 0,
      stakedCents: 0,
      bets: 0,
      cumulativeCents: 0,
    };
    for (const i of idx) {
      point.netCents += net[i] ?? 0;
      point.stakedCents += staked[i] ?? 0;
      point.bets += bets[i] ?? 0;
    }
    cum += point.netCents;
    point.cumulativeCents = cum;
    out.push(point);
  }
  return out;
}
