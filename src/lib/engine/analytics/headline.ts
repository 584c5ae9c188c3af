/**
 * The headline figures of the Bets page for a filter, and the same figures for two date ranges side by
 * side. Money panels read settled bets only (the filter's `status` shapes the bets table); pending count
 * and stake come from the pending bets matching the rest of the filter; deposits and withdrawals come
 * from `cash_analytics` within the filter's dates and venues (sport, market and the like do not apply to
 * cash). As in the ledger headline, a returned withdrawal counts as money back in.
 *
 * One query returns the cash totals, the settled and pending totals and the curve (see `curveSelect`);
 * the drawdown is folded from the curve in TypeScript.
 */
import { dimKeySql } from './bet-analytics';
import { curveSelect, foldSwings, parseCurve, type CurveData, type Swing } from './days';
import { datesWhere, type BetFilter } from './filter';
import { lit } from './sql-text';
import { ratioOf, toCents, type Row } from './values';
import { cents } from '../money';

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
  const parts: string[] = [datesWhere(f)];
  if (f.venues?.length) {
    parts.push(`venue_h IN (${f.venues.map((v) => dimKeySql(lit(v))).join(', ')})`);
  }
  return parts.join(' AND ');
}

/** A SELECT giving the one headline row for the filter. */
function headlineSelect(f: BetFilter, precomputed: boolean): string {
  return `WITH hl_curve AS (${curveSelect(f, precomputed)}),
hl_cash AS (SELECT
    CAST(coalesce(sum(amount_cents) FILTER (WHERE kind IN ('deposit', 'returned-withdrawal')), 0) AS BIGINT) AS deposits,
    CAST(coalesce(-sum(amount_cents) FILTER (WHERE kind = 'withdrawal'), 0) AS BIGINT) AS withdrawals
  FROM cash_analytics WHERE ${cashWhere(f)})
SELECT * FROM hl_cash, hl_curve`;
}

/** Headline figures for the filter: one row, see `parseHeadline`. */
export function headlineSql(f: BetFilter, precomputed = true): string {
  return headlineSelect(f, precomputed);
}

/** The headline from parsed curve data and cash totals. */
export function headlineFromCurve(
  c: CurveData,
  depositsCents: number,
  withdrawalsCents: number,
): BetHeadline {
  return {
    netCents: c.netCents,
    stakedCents: c.stakedCents,
    returnedCents: cents(c.stakedCents + c.netCents),
    roi: ratioOf(c.netCents, c.stakedCents),
    bets: c.bets,
    wonBets: c.won,
    strikeRate: ratioOf(c.won, c.bets),
    pendingBets: c.pendingBets,
    pendingStakeCents: c.pendingStakeCents,
    depositsCents,
    withdrawalsCents,
    maxDrawdown: foldSwings(c.days).drawdown,
    firstDay: c.firstDay,
    lastDay: c.lastDay,
  };
}

export function parseHeadlineRow(r: Row): BetHeadline {
  return headlineFromCurve(parseCurve(r), toCents(r.deposits), toCents(r.withdrawals));
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
export function comparisonSql(f: BetFilter, a: DateRange, b: DateRange, precomputed = true): string {
  const withRange = (r: DateRange): BetFilter => {
    const { from: _from, to: _to, ...rest } = f;
    return {
      ...rest,
      ...(r.from === undefined ? {} : { from: r.from }),
      ...(r.to === undefined ? {} : { to: r.to }),
    };
  };
  return `SELECT 'a' AS period, * FROM (${headlineSelect(withRange(a), precomputed)})
UNION ALL SELECT 'b' AS period, * FROM (${headlineSelect(withRange(b), precomputed)})`;
}

export interface Comparison {
  a: BetHeadline;
  b: BetHeadline;
}

export function parseComparison(rows: readonly Row[]): Comparison {
  const find = (p: string) => rows.find((r) => r.period === p) ?? {};
  return { a: parseHeadlineRow(find('a')), b: parseHeadlineRow(find('b')) };
}
