/**
 * The headline figures of the Bets page for a filter, and the same figures for two date ranges side by
 * side. Money panels read settled bets only (`status` of the filter shapes the bets table); pending
 * count and stake come from the pending bets matching the rest of the filter; deposits and withdrawals
 * come from `cash_analytics` within the date range and venues of the filter (sport, market and the like
 * do not apply to cash). As in the ledger headline, a returned withdrawal counts as money back in.
 */
import { curveCtes, parseSwing, settledWhere, type Swing } from './curve';
import { filterWhere, type BetFilter } from './filter';
import { dayLit, lit } from './sql-text';
import { dimKeySql } from './bet-analytics';
import { ratioOf, toCents, toCount, toText, type Row } from './values';

export interface BetHeadline {
  /** Returned − staked over settled bets, cents. */
  netCents: number;
  stakedCents: number;
  /** Everything paid back, stakes included, cents. */
  returnedCents: number;
  /** net / staked as a decimal (0.052 for 5.2%), null when nothing was staked. */
  roi: number | null;
  bets: number;
  wonBets: number;
  /** won / bets, null when there are no bets. */
  strikeRate: number | null;
  pendingBets: number;
  pendingStakeCents: number;
  depositsCents: number;
  withdrawalsCents: number;
  /** Largest fall of the cumulative net: start = peak day, end = trough day (local "YYYY-MM-DD"). */
  maxDrawdown: Swing;
  /** First and last local day with a settled bet in the filter. */
  firstDay: string | null;
  lastDay: string | null;
}

/** Cash movements within the filter's dates and venues. */
function cashWhere(f: BetFilter): string {
  const parts: string[] = [];
  if (f.from !== undefined) parts.push(`local_day >= ${dayLit(f.from)}`);
  if (f.to !== undefined) parts.push(`local_day <= ${dayLit(f.to)}`);
  if (f.venues?.length) {
    parts.push(
      `venue_h IN (${f.venues.map((v) => dimKeySql(lit(v))).join(', ')})`,
      `coalesce(venue, '') IN (${f.venues.map((v) => lit(v)).join(', ')})`,
    );
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** A SELECT (with its own WITH) giving one headline row for the filter. */
function headlineSelect(f: BetFilter, precomputed?: boolean): string {
  return `WITH ${curveCtes(f, precomputed)},
hl_agg AS (SELECT count(*) AS bets, count(*) FILTER (WHERE status = 'won') AS won,
    CAST(coalesce(sum(stake_cents), 0) AS BIGINT) AS staked, CAST(coalesce(sum(return_cents), 0) AS BIGINT) AS returned,
    CAST(min(local_day) AS VARCHAR) AS first_day, CAST(max(local_day) AS VARCHAR) AS last_day
  FROM bet_analytics WHERE ${settledWhere(f)}),
hl_pending AS (SELECT count(*) AS pending, CAST(coalesce(sum(stake_cents), 0) AS BIGINT) AS pending_stake
  FROM bet_analytics WHERE ${filterWhere({ ...f, status: 'pending' })}),
hl_cash AS (SELECT
    CAST(coalesce(sum(amount_cents) FILTER (WHERE kind IN ('deposit', 'returned-withdrawal')), 0) AS BIGINT) AS deposits,
    CAST(coalesce(-sum(amount_cents) FILTER (WHERE kind = 'withdrawal'), 0) AS BIGINT) AS withdrawals
  FROM cash_analytics WHERE ${cashWhere(f)})
SELECT * FROM hl_agg, hl_pending, hl_cash, cv_swing`;
}

/** Headline figures for the filter: one row, see `parseHeadline`. */
export function headlineSql(f: BetFilter, precomputed?: boolean): string {
  return headlineSelect(f, precomputed);
}

export function parseHeadlineRow(r: Row): BetHeadline {
  const staked = toCents(r.staked);
  const returned = toCents(r.returned);
  const bets = toCount(r.bets);
  const won = toCount(r.won);
  const net = returned - staked;
  return {
    netCents: net,
    stakedCents: staked,
    returnedCents: returned,
    roi: ratioOf(net, staked),
    bets,
    wonBets: won,
    strikeRate: ratioOf(won, bets),
    pendingBets: toCount(r.pending),
    pendingStakeCents: toCents(r.pending_stake),
    depositsCents: toCents(r.deposits),
    withdrawalsCents: toCents(r.withdrawals),
    maxDrawdown: parseSwing(r, 'dd'),
    firstDay: toText(r.first_day),
    lastDay: toText(r.last_day),
  };
}

export function parseHeadline(rows: readonly Row[]): BetHeadline {
  return parseHeadlineRow(rows[0] ?? {});
}

/** A local date range, inclusive ("YYYY-MM-DD"); an absent end is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * The headline for two date ranges with the rest of the filter the same (its own dates are replaced),
 * in one query: rows tagged period 'a' and 'b'.
 */
export function comparisonSql(f: BetFilter, a: DateRange, b: DateRange): string {
  const withRange = (r: DateRange): BetFilter => {
    const { from: _from, to: _to, ...rest } = f;
    return { ...rest, ...(r.from === undefined ? {} : { from: r.from }), ...(r.to === undefined ? {} : { to: r.to }) };
  };
  return `SELECT 'a' AS period, * FROM (${headlineSelect(withRange(a))})
UNION ALL SELECT 'b' AS period, * FROM (${headlineSelect(withRange(b))})`;
}

export interface Comparison {
  a: BetHeadline;
  b: BetHeadline;
}

export function parseComparison(rows: readonly Row[]): Comparison {
  const find = (p: string) => rows.find((r) => r.period === p) ?? {};
  return { a: parseHeadlineRow(find('a')), b: parseHeadlineRow(find('b')) };
}
