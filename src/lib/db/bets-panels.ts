/**
 * The Bets dashboard over DuckDB: rebuilds the analytics tables after a ledger change (lazily, on first
 * need) and runs the panel queries, shaping rows in the worker so only plain data reaches the page.
 */
import {
  analyticsRefreshSql,
  betLegsSql,
  betsCsvSql,
  betsCsvTable,
  betsTableSql,
  breakdownSql,
  clvSql,
  comparisonSql,
  parseComparison,
  type Comparison,
  type DateRange,
  extremesSql,
  foldStreak,
  foldSwings,
  headlineSql,
  ledgerYearsSql,
  parseBetLegs,
  parseBetRow,
  parseBetsTable,
  parseBreakdown,
  parseClv,
  parseCurve,
  parseExtremes,
  parseHeadline,
  parseLedgerYears,
  parseRgSignals,
  parseSeries,
  rgSignalsSql,
  seriesSql,
  swingsSql,
  type BetFilter,
  type BetHeadline,
  type BetsPage,
  type BreakdownRow,
  type ClosingLineValue,
  type Dimension,
  type Extremes,
  type Grain,
  type LegRow,
  type LosingStreak,
  type RgSignals,
  type SeriesPoint,
  type Swings,
  type TableSort,
} from '../engine/analytics/index';
import { formatCsvRecord } from '../engine/importers/csv';
import { ok, type Result } from '../engine/result';
import { execAll, type Sql, type SqlRow } from './duckdb/port';

/**
 * The statements that rebuild the Bets tables for the ledger DuckDB holds now, in the profile's zone (the
 * zone's offsets are computed for the ledger's years, so they are part of the text).
 */
export async function analyticsPlan(sql: Sql, zone: string): Promise<Result<string[]>> {
  const y = await sql.query(ledgerYearsSql());
  if (!y.ok) return y;
  const now = new Date().getUTCFullYear();
  const years = parseLedgerYears(y.value) ?? { fromYear: now, toYear: now };
  return ok(analyticsRefreshSql(zone, years));
}

export async function refreshAnalytics(sql: Sql, zone: string): Promise<Result<null>> {
  const plan = await analyticsPlan(sql, zone);
  return plan.ok ? execAll(sql, plan.value) : plan;
}

export interface Dashboard {
  headline: BetHeadline;
  series: SeriesPoint[];
  breakdown: BreakdownRow[];
  extremes: Extremes;
  swings: Swings;
  streak: LosingStreak;
  clv: ClosingLineValue;
  table: BetsPage;
  signals: RgSignals;
}

async function rows(sql: Sql, text: string): Promise<Result<SqlRow[]>> {
  return sql.query(text);
}

export async function dashboard(
  sql: Sql,
  f: BetFilter,
  opts: { grain: Grain; dim: Dimension; sort: TableSort; offset: number; asOf: string },
): Promise<Result<Dashboard>> {
  const h = await rows(sql, headlineSql(f));
  if (!h.ok) return h;
  const s = await rows(sql, seriesSql(f, opts.grain));
  if (!s.ok) return s;
  const b = await rows(sql, breakdownSql(f, opts.dim));
  if (!b.ok) return b;
  const e = await rows(sql, extremesSql(f, 5));
  if (!e.ok) return e;
  // Swings and the losing streak fold the same curve (one query).
  const sw = await rows(sql, swingsSql(f));
  if (!sw.ok) return sw;
  const c = await rows(sql, clvSql(f));
  if (!c.ok) return c;
  const t = await rows(sql, betsTableSql(f, opts.sort, { offset: opts.offset, limit: 50 }));
  if (!t.ok) return t;
  const rg = await rows(sql, rgSignalsSql(opts.asOf));
  if (!rg.ok) return rg;
  const curve = parseCurve(sw.value[0] ?? {});
  return ok({
    headline: parseHeadline(h.value),
    series: parseSeries(s.value),
    breakdown: parseBreakdown(b.value),
    extremes: parseExtremes(e.value),
    swings: foldSwings(curve.days),
    streak: foldStreak(curve.days),
    clv: parseClv(c.value),
    table: parseBetsTable(t.value),
    signals: parseRgSignals(rg.value),
  });
}

export async function betLegs(sql: Sql, key: string): Promise<Result<LegRow[]>> {
  const r = await rows(sql, betLegsSql(key));
  return r.ok ? ok(parseBetLegs(r.value)) : r;
}

/** Every bet the filter shows, as CSV text (the "Export CSV" button). */
export async function betsCsv(sql: Sql, f: BetFilter, sort: TableSort): Promise<Result<string>> {
  const r = await rows(sql, betsCsvSql(f, sort));
  if (!r.ok) return r;
  const t = betsCsvTable(r.value.map(parseBetRow));
  return ok([t.header, ...t.rows].map((x) => formatCsvRecord(x)).join('\r\n') + '\r\n');
}

/** Two date ranges side by side with the rest of the filter the same. */
export async function comparison(
  sql: Sql,
  f: BetFilter,
  a: DateRange,
  b: DateRange,
): Promise<Result<Comparison>> {
  const r = await rows(sql, comparisonSql(f, a, b));
  return r.ok ? ok(parseComparison(r.value)) : r;
}
