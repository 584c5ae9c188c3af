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
import { isDateOnly, settledWhere, type BetFilter } from './filter';
import { cents } from '../money';
import { labelListSql, ODDS_BANDS, STAKE_BANDS } from './bet-analytics';
import { lit } from './sql-text';
import { ratioOf, toCount, toIntList, toNumList, toTextList, type Row } from './values';

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

/** Grouping key, and the label expression of ordered dimensions (text ones look theirs up in `bet_dims`). */
const DIM_SQL: Record<Dimension, { key: string; label: string | null }> = {
  sport: { key: 'sport_id', label: null },
  competition: { key: 'competition_id', label: null },
  participant: { key: 'participant_id', label: null },
  market: { key: 'market_id', label: null },
  bet_type: { key: 'bet_type_id', label: null },
  venue: { key: 'venue_id', label: null },
  odds_band: { key: 'odds_band_id', label: `${labelListSql(ODDS_BANDS)}[k + 1]` },
  stake_band: { key: 'stake_band_id', label: `${labelListSql(STAKE_BANDS)}[k + 1]` },
  dow: { key: 'dow', label: 'CAST(k AS VARCHAR)' },
  hour: { key: 'hour', label: 'CAST(k AS VARCHAR)' },
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
 * Creates `bet_dim_totals(dim, k, bets, won, staked, net, nn, ns, ss)`: every dimension's groups over all
 * settled bets, in one pass over `bet_analytics` (run after it). A breakdown with no filter (the page's
 * default view) reads its few rows instead of grouping every bet (35-70 ms at 1M bets in wasm).
 */
export function betDimTotalsSql(): string {
  const keys = DIMENSIONS.map((dim) => DIM_SQL[dim].key);
  const which = keys.map((k, i) => `WHEN grouping(${k}) = 0 THEN ${lit(DIMENSIONS[i] ?? '')}`).join(' ');
  const pick = keys.map((k) => `WHEN grouping(${k}) = 0 THEN ${k}`).join(' ');
  return `CREATE OR REPLACE TABLE bet_dim_totals AS
SELECT CASE ${which} END AS dim, CAST(CASE ${pick} END AS INTEGER) AS k,
  count(*) AS bets, CAST(sum(won_n) AS BIGINT) AS won, CAST(sum(stake_cents) AS BIGINT) AS staked,
  CAST(sum(net_cents) AS BIGINT) AS net, sum(nn) AS nn, sum(ns) AS ns, sum(ss) AS ss
FROM bet_analytics WHERE is_settled
GROUP BY GROUPING SETS (${keys.map((k) => `(${k})`).join(', ')})`;
}

/**
 * One row of lists (one element per group; see `parseBreakdown`). `topN` applies to text dimensions;
 * when only one group would go into 'Other' it is shown by name instead. With no filter (and unless
 * `precomputed` is false) the groups come from `bet_dim_totals`.
 */
export function breakdownSql(f: BetFilter, dim: Dimension, topN = 12, precomputed = true): string {
  const d = DIM_SQL[dim];
  if (!d) throw new RangeError(`unknown dimension: ${String(dim)}`);
  if (!Number.isInteger(topN) || topN < 1) throw new RangeError(`bad topN: ${topN}`);
  const label = d.label ?? "coalesce(dm.label, '')";
  const join = d.label === null ? `LEFT JOIN bet_dims dm ON dm.dim = ${lit(dim)} AND dm.id = g.k` : '';
  const all = precomputed && isDateOnly(f) && f.from === undefined && f.to === undefined;
  const groups = all
    ? `SELECT k, bets, won, staked, net, nn, ns, ss FROM bet_dim_totals WHERE dim = ${lit(dim)}`
    : `SELECT ${d.key} AS k, count(*) AS bets, sum(won_n) AS won, sum(stake_cents) AS staked, sum(net_cents) AS net,
    sum(nn) AS nn, sum(ns) AS ns, sum(ss) AS ss
  FROM bet_analytics WHERE ${settledWhere(f)} GROUP BY 1`;
  return `WITH bd_g AS (
  ${groups}
)
SELECT ${lit(dim)} AS dim, ${d.label === null ? 'FALSE' : 'TRUE'} AS ordered, ${topN} AS top_n,
  list(${label}) AS label, list(CAST(k AS DOUBLE)) AS k, list(CAST(bets AS BIGINT)) AS bets,
  list(CAST(won AS BIGINT)) AS won, list(CAST(staked AS BIGINT)) AS staked, list(CAST(net AS BIGINT)) AS net,
  list(nn) AS nn, list(ns) AS ns, list(ss) AS ss
FROM bd_g g ${join}`;
}

interface Group {
  key: string;
  ord: number;
  bets: number;
  won: number;
  staked: number;
  net: number;
  nn: number;
  ns: number;
  ss: number;
}

function toRow(g: Group, isOther: boolean): BreakdownRow {
  const ci = roiInterval(g.bets, g.net, g.staked, g.nn, g.ns, g.ss);
  return {
    key: isOther ? 'Other' : g.key,
    isOther,
    bets: g.bets,
    won: g.won,
    stakedCents: cents(g.staked),
    returnedCents: cents(g.staked + g.net),
    netCents: cents(g.net),
    roi: ratioOf(g.net, g.staked),
    roiLow: ci ? ci[0] : null,
    roiHigh: ci ? ci[1] : null,
  };
}

/**
 * Groups in display order: ordered dimensions by their order; text dimensions by staked (descending,
 * then by key), the first `topN` by name and the rest pooled as 'Other' (last).
 */
export function parseBreakdown(rows: readonly Row[]): BreakdownRow[] {
  const r = rows[0] ?? {};
  const labels = toTextList(r.label);
  const k = toNumList(r.k);
  const bets = toIntList(r.bets);
  const won = toIntList(r.won);
  const staked = toIntList(r.staked);
  const net = toIntList(r.net);
  const nn = toNumList(r.nn);
  const ns = toNumList(r.ns);
  const ss = toNumList(r.ss);
  const groups: Group[] = labels.map((key, i) => ({
    key,
    ord: k[i] ?? 0,
    bets: bets[i] ?? 0,
    won: won[i] ?? 0,
    staked: staked[i] ?? 0,
    net: net[i] ?? 0,
    nn: nn[i] ?? 0,
    ns: ns[i] ?? 0,
    ss: ss[i] ?? 0,
  }));
  if (r.ordered === true) return groups.sort((a, b) => a.ord - b.ord).map((g) => toRow(g, false));
  groups.sort((a, b) => b.staked - a.staked || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const topN = Math.max(1, toCount(r.top_n));
  if (groups.length <= topN + 1) return groups.map((g) => toRow(g, false));
  const other: Group = { key: 'Other', ord: 0, bets: 0, won: 0, staked: 0, net: 0, nn: 0, ns: 0, ss: 0 };
  for (const g of groups.slice(topN)) {
    other.bets += g.bets;
    other.won += g.won;
    other.staked += g.staked;
    other.net += g.net;
    other.nn += g.nn;
    other.ns += g.ns;
    other.ss += g.ss;
  }
  return [...groups.slice(0, topN).map((g) => toRow(g, false)), toRow(other, true)];
}

/** Short names of the days of week, indexed by `dow` (0 = Monday). */
export const DOW_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
