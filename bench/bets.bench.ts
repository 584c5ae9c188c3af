/**
 * Bets panels at scale: builds 10k and 1M synthetic bets directly in DuckDB (Node adapter; SQL range()
 * and hash(), no JS rows), refreshes `bet_analytics`, then times every panel query (7 runs, median) for
 * the default view, and a full repaint (every filtered panel, one after another) for one filter change.
 *
 * Reports `bets.panel.10k.median.ms` and `bets.panel.1m.median.ms` (the slowest panel's median),
 * `bets.panel.1m.<panel>.median.ms` per panel, `bets.filter-repaint.1m.ms` (a sport + date filter, which
 * reads the per-sport days of `bet_sport_days` for the curve, series and CLV panels and scans
 * `bet_analytics` for the rest), `bets.filter-repaint.dates.1m.ms` (a date-only filter, which reads the
 * precomputed curve) and `bets.refresh.1m.ms` (building the analytics tables).
 */
import { openNodeSql } from '../src/lib/db/duckdb/node';
import type { Sql } from '../src/lib/db/duckdb/port';
import { ensureSchema, refreshDerived } from '../src/lib/db/ledger';
import {
  analyticsRefreshSql,
  betLegsSql,
  betsTableSql,
  breakdownSql,
  clvSql,
  dayClvRefreshSql,
  comparisonSql,
  DIMENSIONS,
  extremesSql,
  headlineSql,
  ledgerYearsSql,
  losingStreakSql,
  parseLedgerYears,
  rgSignalsSql,
  seriesSql,
  setClosingSql,
  sportDayClvRefreshSql,
  swingsSql,
  type BetFilter,
} from '../src/lib/engine/analytics';
import type { BenchContext } from './lib';

const RUNS = 7;
const ZONE = 'Australia/Sydney';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function must(sql: Sql, text: string): Promise<void> {
  const r = await sql.exec(text);
  if (!r.ok) throw new Error(`${r.error.message ?? r.error.code}\n${text.slice(0, 300)}`);
}

/** A list literal indexed by a hash slice: `pick(['a','b'], 'h1', 8)` uses bits 8.. of h1. */
const pick = (items: readonly (string | number)[], h: string, shift: number): string =>
  `[${items.map((x) => (typeof x === 'number' ? String(x) : `'${x}'`)).join(', ')}][CAST(1 + ((${h} >> ${shift}) % ${items.length}) AS BIGINT)]`;

const SPORTS = ['AFL', 'NRL', 'Soccer', 'Tennis', 'Basketball', 'Horse Racing', 'Greyhounds', 'Cricket'];
const MARKETS = [
  'Head to Head',
  'Line',
  'Total Points',
  'Win',
  'Place',
  'First Goal Scorer',
  'Margin',
  'Both Teams',
];
const ODDS = [1.3, 1.5, 1.8, 1.91, 2.0, 2.2, 2.5, 3.0, 3.5, 4.5, 6.0, 8.0, 11.0, 15.0, 21.0];
const STAKES = [500, 1000, 1500, 2000, 2500, 5000, 10000, 20000, 50000];
const TYPES = ['single', 'single', 'single', 'single', 'multi', 'multi', 'sgm', 'exotic', 'pool', 'other'];

/**
 * Fills `bets` with `n` synthetic bets over eight years (Sportsbet-like mix: sports, 60 competitions,
 * 3000 teams, prices 1.3-21 won at about 92% of fair), the last 0.5% pending; 3 legs for each multi in
 * `bet_legs`; deposits and withdrawals in `book_txns`.
 */
export async function buildSyntheticBets(sql: Sql, n: number): Promise<void> {
  const spanS = 8 * 365 * 86400;
  const base = `SELECT i, hash(i) AS h1, hash(i + 1000003) AS h2, hash(i * 7 + 11) AS h3 FROM range(${n}) t(i)`;
  const odds = pick(ODDS, 'h1', 8);
  await must(
    sql,
    `INSERT INTO bets (key, venue, placed_at, settled_at, tz, status, bet_type, stake_cents, return_cents,
      odds_decimal, closing_odds_decimal, sport, competition, event, market, selection, is_bonus, leg_count, line)
    SELECT key, venue, placed_at, CASE WHEN pending THEN NULL ELSE settled_at END, '${ZONE}',
      CASE WHEN pending THEN 'pending' WHEN void THEN 'void' WHEN won THEN 'won' ELSE 'lost' END, bet_type,
      stake, CASE WHEN pending THEN 0 WHEN void THEN stake WHEN won THEN CAST(round(stake * odds) AS BIGINT) ELSE 0 END,
      odds, closing, sport, competition, event, market, selection, (h3 % 50 = 0), CASE WHEN bet_type = 'multi' THEN 3 ELSE 1 END,
      CAST(i AS INTEGER)
    FROM (
      SELECT i, h3, 'syn:' || i AS key, ${pick(['Sportsbet', 'Ladbrokes', 'TAB'], 'h1', 0)} AS venue,
        TIMESTAMP '2018-01-01' + to_seconds(CAST(i * ${spanS} // ${n} AS BIGINT)) AS placed_at,
        TIMESTAMP '2018-01-01' + to_seconds(CAST(i * ${spanS} // ${n} + 1800 + (h2 % 259200) AS BIGINT)) AS settled_at,
        i >= ${Math.floor(n * 0.995)} AS pending, (h2 >> 20) % 100 < 3 AS void,
        ((h2 >> 30) % 10000) / 10000.0 < 0.92 / ${odds} AS won,
        ${pick(TYPES, 'h1', 4)} AS bet_type,
        CAST(${pick(STAKES, 'h1', 16)} + (h3 >> 8) % 300 AS BIGINT) AS stake,
        ${odds} AS odds,
        CASE WHEN (h3 >> 20) % 10 < 3 THEN round(${odds} * (0.9 + ((h3 >> 24) % 200) / 1000.0), 2) END AS closing,
        ${pick(SPORTS, 'h1', 24)} AS sport,
        'Comp ' || ((h1 >> 24) % 60) AS competition,
        'Team ' || ((h2 >> 40) % 3000) || ' v Team ' || ((h3 >> 40) % 3000) AS event,
        ${pick(MARKETS, 'h1', 32)} AS market,
        CASE WHEN (h1 >> 36) % 4 = 0 THEN 'Over ' || ((h1 >> 40) % 200) || '.5'
          ELSE 'Team ' || ((h2 >> 40) % 3000) END AS selection
      FROM (${base}))`,
  );
  await must(
    sql,
    `INSERT INTO bet_legs (key, bet_key, venue, leg_index, event, market, selection, odds_decimal, result, sport, competition, line)
    SELECT b.key || ':leg:' || l.j, b.key, b.venue, CAST(l.j AS INTEGER), 'Leg event ' || l.j, 'Head to Head',
      'Team ' || (hash(b.line * 3 + l.j) % 3000), 1.5 + l.j / 10.0, 'won', b.sport, b.competition, b.line
    FROM bets b, range(1, 4) l(j) WHERE b.bet_type = 'multi'`,
  );
  await must(
    sql,
    `INSERT INTO book_txns (key, venue, bet_key, ts, tz, kind, amount_cents, description, line)
    SELECT 'cash:' || i, 'Sportsbet', NULL, TIMESTAMP '2018-01-01' + to_seconds(CAST(i * ${spanS} // ${Math.max(1, Math.floor(n / 20))} AS BIGINT)),
      '${ZONE}', CASE WHEN i % 5 = 4 THEN 'withdrawal' ELSE 'deposit' END,
      CASE WHEN i % 5 = 4 THEN -CAST(20000 + hash(i) % 100000 AS BIGINT) ELSE CAST(5000 + hash(i) % 50000 AS BIGINT) END,
      'cash', CAST(i AS INTEGER)
    FROM range(${Math.max(1, Math.floor(n / 20))}) t(i)`,
  );
}

/** Opens a fresh database with `n` synthetic bets and the analytics tables; returns it and the refresh time. */
async function prepare(n: number): Promise<{ sql: Sql; refreshMs: number }> {
  const sql = await openNodeSql();
  const s = await ensureSchema(sql);
  if (!s.ok) throw new Error(s.error.message);
  await buildSyntheticBets(sql, n);
  const t0 = performance.now();
  const d = await refreshDerived(sql);
  if (!d.ok) throw new Error(d.error.message);
  const years = await sql.query(ledgerYearsSql());
  const range = years.ok ? parseLedgerYears(years.value) : null;
  if (!range) throw new Error('no ledger years');
  for (const stmt of analyticsRefreshSql(ZONE, range)) await must(sql, stmt);
  return { sql, refreshMs: performance.now() - t0 };
}

/** The panels of the default view (no filter), by bench name. */
function panels(f: BetFilter): [string, string][] {
  return [
    ['headline', headlineSql(f)],
    ['series-day', seriesSql(f, 'day')],
    ['series-month', seriesSql(f, 'month')],
    ...DIMENSIONS.map((d): [string, string] => [`breakdown-${d}`, breakdownSql(f, d)]),
    ['best-worst', extremesSql(f, 5)],
    ['swings', swingsSql(f)],
    ['losing-streak', losingStreakSql(f)],
    [
      'comparison',
      comparisonSql(f, { from: '2024-01-01', to: '2024-12-31' }, { from: '2025-01-01', to: '2025-12-31' }),
    ],
    ['table-newest', betsTableSql(f, { column: 'localDay', dir: 'desc' }, { offset: 0, limit: 50 })],
    ['table-page3-newest', betsTableSql(f, { column: 'localDay', dir: 'desc' }, { offset: 100, limit: 50 })],
    ['table-sort-net', betsTableSql(f, { column: 'netCents', dir: 'asc' }, { offset: 100, limit: 50 })],
    ['table-sort-stake', betsTableSql(f, { column: 'stakeCents', dir: 'desc' }, { offset: 0, limit: 50 })],
    ['legs', betLegsSql('syn:12')],
    ['clv', clvSql(f)],
    ['rg-signals', rgSignalsSql('2025-12-31')],
  ];
}

/** The panels a filter change repaints (the comparison, legs and signals do not depend on the filter). */
function repaint(f: BetFilter): string[] {
  return [
    headlineSql(f),
    seriesSql(f, 'day'),
    breakdownSql(f, 'participant'),
    extremesSql(f, 5),
    swingsSql(f),
    losingStreakSql(f),
    betsTableSql(f),
    clvSql(f),
  ];
}

async function time(sql: Sql, text: string): Promise<number> {
  const t0 = performance.now();
  const r = await sql.query(text);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${r.error.message ?? r.error.code}\n${text.slice(0, 300)}`);
  return ms;
}

async function panelMedians(sql: Sql): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // Warm-up: every panel once. Queries right after the refresh run 2-3x slower (memory the build left
  // behind is being reused), which would otherwise land on whichever panel is measured first.
  for (const [, text] of panels({})) await time(sql, text);
  for (const [name, text] of panels({})) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await time(sql, text));
    out.set(name, median(runs));
  }
  return out;
}

async function repaintMedian(sql: Sql, filters: BetFilter[]): Promise<number> {
  const runs: number[] = [];
  for (const f of filters) {
    const t0 = performance.now();
    for (const text of repaint(f)) await time(sql, text);
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

export async function run(ctx: BenchContext): Promise<void> {
  const small = await prepare(10_000);
  const m10k = await panelMedians(small.sql);
  ctx.add('bets.panel.10k.median.ms', Math.max(...m10k.values()), 'ms');

  const big = await prepare(1_000_000);
  ctx.add('bets.refresh.1m.ms', big.refreshMs, 'ms');
  const m1m = await panelMedians(big.sql);
  ctx.add('bets.panel.1m.median.ms', Math.max(...m1m.values()), 'ms');
  for (const [name, ms] of m1m) ctx.add(`bets.panel.1m.${name}.median.ms`, ms, 'ms');

  // Each repaint is a different filter, as a user clicking through sports would make.
  const sportFilters = SPORTS.slice(0, RUNS).map((s): BetFilter => ({ sports: [s], from: '2022-01-01' }));
  await repaintMedian(big.sql, sportFilters.slice(0, 1));
  ctx.add('bets.filter-repaint.1m.ms', await repaintMedian(big.sql, sportFilters), 'ms');
  const dateFilters = Array.from({ length: RUNS }, (_, i): BetFilter => ({ from: `${2018 + i}-01-01` }));
  ctx.add('bets.filter-repaint.dates.1m.ms', await repaintMedian(big.sql, dateFilters), 'ms');

  // Typing a closing price on one bet: its bet_analytics row and its day's bet_days and bet_sport_days CLV
  // totals updated in place.
  const setRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    for (const stmt of [
      ...setClosingSql(`syn:${12 + i}`, 2 + i / 10),
      dayClvRefreshSql(`syn:${12 + i}`),
      sportDayClvRefreshSql(`syn:${12 + i}`),
    ])
      await must(big.sql, stmt);
    setRuns.push(performance.now() - t0);
  }
  ctx.add('bets.closing-odds-set.1m.median.ms', median(setRuns), 'ms');
}
