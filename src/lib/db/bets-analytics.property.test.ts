/**
 * Properties of the Bets analytics SQL over random ledgers on the Node DuckDB adapter: every breakdown
 * adds up to the headline for the same filter, every series adds up to the headline, the precomputed
 * (dates-only) path agrees with the windowed path, and the curve panels agree with brute force over the
 * filtered bets in settlement order. Also the filter's URL round trip.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyticsRefreshSql,
  BET_TYPES,
  betsTableSql,
  breakdownSql,
  clvSql,
  curveSelect,
  DIMENSIONS,
  extremesSql,
  filterFromParams,
  filterWhere,
  filterToParams,
  GRAINS,
  headlineSql,
  isDateOnly,
  isSportsDates,
  ledgerYearsSql,
  losingStreakSql,
  normaliseFilter,
  ODDS_BANDS,
  parseBetsTable,
  parseBreakdown,
  parseClv,
  parseCurve,
  parseExtremes,
  parseHeadline,
  parseLedgerYears,
  parseLosingStreak,
  parseSeries,
  parseSwings,
  seriesSql,
  settledWhere,
  STAKE_BANDS,
  STATUS_FILTERS,
  swingsSql,
  type BetFilter,
} from '../engine/analytics';
import type { Bet, BetStatus, BetType } from '../engine/model';
import { rowsToIpc } from './arrow';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import { applyChanged, ensureSchema, refreshDerived, stageAndDiff } from './ledger';

const ZONE = 'Australia/Sydney';
const SPORTS = ['AFL', 'Soccer', 'Tennis'];
const VENUES = ['Sportsbet', 'TAB'];
const SELECTIONS = ['Sydney Swans', 'Collingwood -3.5', 'Over 45.5', 'Home', '1. Winx @ 2.10', null];
/** 2024-03-25 00:00Z: the generated bets straddle the end of daylight saving in Sydney (2024-04-07). */
const T0 = Date.parse('2024-03-25T00:00:00Z');
const DAYS = Array.from({ length: 24 }, (_, i) => new Date(T0 + i * 86_400_000).toISOString().slice(0, 10));

const betArb = fc.record({
  placedMin: fc.integer({ min: 0, max: 20 * 1440 }).map((m) => (m % 2 === 0 ? m : m % (4 * 1440))),
  settleAfterMin: fc.integer({ min: 0, max: 3 * 1440 }).map((m) => (m % 3 === 0 ? m : m % 240)),
  status: fc.constantFrom<BetStatus>('won', 'lost', 'lost', 'void', 'cashed-out', 'push', 'pending'),
  stake: fc.integer({ min: 1, max: 60000 }),
  winFactor: fc.integer({ min: 100, max: 1000 }),
  sport: fc.constantFrom<string | null>(...SPORTS, null),
  venue: fc.constantFrom(...VENUES),
  betType: fc.constantFrom<BetType>('single', 'multi', 'sgm'),
  odds: fc.option(fc.constantFrom(1.2, 1.5, 1.91, 2, 2.75, 4, 7.5, 10, 26), { nil: null }),
  closingDelta: fc.option(fc.constantFrom(-0.2, -0.05, 0, 0.1, 0.3), { nil: null }),
  selection: fc.constantFrom(...SELECTIONS),
  event: fc.constantFrom('Sydney Swans v Collingwood', 'Lakers @ Celtics', null),
});
type GenBet = typeof betArb extends fc.Arbitrary<infer T> ? T : never;

function toBet(g: GenBet, i: number): Bet {
  const placed = T0 + g.placedMin * 60_000;
  const ret =
    g.status === 'won'
      ? Math.round((g.stake * g.winFactor) / 100)
      : g.status === 'void' || g.status === 'push'
        ? g.stake
        : g.status === 'cashed-out'
          ? Math.round((g.stake * g.winFactor) / 500)
          : 0;
  return {
    key: `p:${i}`,
    venue: g.venue,
    placedAt: new Date(placed).toISOString(),
    settledAt: g.status === 'pending' ? null : new Date(placed + g.settleAfterMin * 60_000).toISOString(),
    tz: ZONE,
    status: g.status,
    betType: g.betType,
    stakeCents: g.stake,
    returnCents: ret,
    oddsDecimal: g.odds,
    closingOddsDecimal: g.odds !== null && g.closingDelta !== null ? g.odds + g.closingDelta : null,
    sport: g.sport,
    competition: g.sport === null ? null : `${g.sport} League`,
    event: g.event,
    market: 'Head to Head',
    selection: g.selection,
    isBonus: false,
    legCount: 1,
    line: i + 1,
  };
}

const dayArb = fc.constantFrom(...DAYS);
const subset = <T>(xs: readonly T[]) => fc.option(fc.subarray([...xs], { minLength: 1 }), { nil: undefined });

/** Filters over the generated ledger's domain (dates only, or any dimensions). */
const filterArb: fc.Arbitrary<BetFilter> = fc
  .record({
    from: fc.option(dayArb, { nil: undefined }),
    to: fc.option(dayArb, { nil: undefined }),
    sports: subset([...SPORTS, '']),
    venues: subset(VENUES),
    betTypes: subset<BetType>(['single', 'multi', 'sgm']),
    oddsBands: subset(ODDS_BANDS),
    dow: subset([0, 1, 2, 3, 4, 5, 6]),
    hours: subset(Array.from({ length: 24 }, (_, h) => h)),
    search: fc.option(fc.constantFrom('swans', 'CELTICS', 'x'), { nil: undefined }),
    pick: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ pick, ...f }) => {
    // Mostly one or two constraints, as a user clicking through the page makes.
    if (pick === 0) return normaliseFilter({ from: f.from, to: f.to });
    if (pick === 1) return normaliseFilter({ from: f.from, sports: f.sports, venues: f.venues });
    if (pick === 2)
      return normaliseFilter({ betTypes: f.betTypes, oddsBands: f.oddsBands, search: f.search });
    return normaliseFilter(f);
  });

async function must(sql: Sql, text: string): Promise<Record<string, unknown>[]> {
  const r = await sql.query(text);
  if (!r.ok) throw new Error(`${r.error.message}\n${text.slice(0, 300)}`);
  return r.value;
}

async function loadLedger(sql: Sql, bets: Bet[]): Promise<void> {
  for (const t of ['bets', 'book_txns', 'bet_legs']) await sql.exec(`DELETE FROM ${t}`);
  if (bets.length > 0) {
    const d = await stageAndDiff(sql, 'bets', rowsToIpc('bets', bets));
    if (!d.ok) throw new Error(d.error.message);
    const a = await applyChanged(sql, 'bets');
    if (!a.ok) throw new Error(a.error.message);
  }
  const r = await refreshDerived(sql);
  if (!r.ok) throw new Error(r.error.message);
  const years = parseLedgerYears(await must(sql, ledgerYearsSql())) ?? { fromYear: 2024, toYear: 2024 };
  for (const stmt of analyticsRefreshSql(ZONE, years)) {
    const x = await sql.exec(stmt);
    if (!x.ok) throw new Error(x.error.message);
  }
}

/** Brute force over the filtered settled bets in settlement order. */
function bruteCurve(bets: { day: string; net: number }[]) {
  const levels = [0];
  for (const b of bets) levels.push((levels[levels.length - 1] ?? 0) + b.net);
  let drawdown = 0;
  let runUp = 0;
  for (let j = 1; j < levels.length; j++) {
    for (let i = 0; i < j; i++) {
      drawdown = Math.max(drawdown, (levels[i] ?? 0) - (levels[j] ?? 0));
      runUp = Math.max(runUp, (levels[j] ?? 0) - (levels[i] ?? 0));
    }
  }
  let best = { n: 0, net: 0, end: -1 };
  let run = { n: 0, net: 0 };
  bets.forEach((b, i) => {
    run = b.net < 0 ? { n: run.n + 1, net: run.net + b.net } : { n: 0, net: 0 };
    if (run.n > 0 && run.n >= best.n) best = { ...run, end: i };
  });
  return { drawdown, runUp, streak: best };
}

describe('bets analytics properties (node DuckDB)', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openNodeSql();
    const s = await ensureSchema(sql);
    expect(s.ok).toBe(true);
  });

  it('breakdowns and series add up to the headline; curves match brute force; both paths agree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(betArb, { minLength: 0, maxLength: 40 }),
        fc.array(filterArb, { minLength: 2, maxLength: 2 }),
        async (gen, filters) => {
          await loadLedger(sql, gen.map(toBet));
          for (const f of [{}, ...filters]) {
            const h = parseHeadline(await must(sql, headlineSql(f)));
            expect(h.netCents).toBe(h.returnedCents - h.stakedCents);
            for (const dim of DIMENSIONS) {
              const bd = parseBreakdown(await must(sql, breakdownSql(f, dim, 3)));
              // bet_dim_totals (no filter) and the scan give the same groups; the ROI interval comes from
              // DOUBLE sums, which may add in another order.
              if (isDateOnly(f) && f.from === undefined && f.to === undefined) {
                const scan = parseBreakdown(await must(sql, breakdownSql(f, dim, 3, false)));
                const exact = (rows: typeof bd) => rows.map(({ roiLow: _l, roiHigh: _h, ...r }) => r);
                expect(exact(bd)).toEqual(exact(scan));
                bd.forEach((r, i) => {
                  expect(r.roiLow ?? 0).toBeCloseTo(scan[i]?.roiLow ?? 0, 9);
                  expect(r.roiHigh ?? 0).toBeCloseTo(scan[i]?.roiHigh ?? 0, 9);
                });
              }
              const sum = (k: 'netCents' | 'stakedCents' | 'bets' | 'won') =>
                bd.reduce((s, r) => s + r[k], 0);
              expect([dim, sum('netCents'), sum('stakedCents'), sum('bets'), sum('won')]).toEqual([
                dim,
                h.netCents,
                h.stakedCents,
                h.bets,
                h.wonBets,
              ]);
            }
            for (const grain of GRAINS) {
              const s = parseSeries(await must(sql, seriesSql(f, grain, 3)));
              expect(s.length).toBeLessThanOrEqual(3);
              expect(s.reduce((a, p) => a + p.netCents, 0)).toBe(h.netCents);
              expect(s.reduce((a, p) => a + p.stakedCents, 0)).toBe(h.stakedCents);
              expect(s.reduce((a, p) => a + p.bets, 0)).toBe(h.bets);
              expect(s[s.length - 1]?.cumulativeCents ?? 0).toBe(h.netCents);
            }
            const settled = (
              await must(
                sql,
                `SELECT CAST(local_day AS VARCHAR) AS day, net_cents FROM bet_analytics WHERE ${settledWhere(f)} ORDER BY seq`,
              )
            ).map((r) => ({ day: String(r.day), net: Number(r.net_cents) }));
            const brute = bruteCurve(settled);
            const swings = parseSwings(await must(sql, swingsSql(f)));
            expect(swings.drawdown.amountCents).toBe(brute.drawdown);
            expect(swings.runUp.amountCents).toBe(brute.runUp);
            expect(h.maxDrawdown).toEqual(swings.drawdown);
            if (brute.drawdown > 0)
              expect((swings.drawdown.startDay ?? '') <= (swings.drawdown.endDay ?? '')).toBe(true);
            const streak = parseLosingStreak(await must(sql, losingStreakSql(f)));
            expect([streak.bets, streak.netCents, streak.endDay]).toEqual([
              brute.streak.n,
              brute.streak.net,
              brute.streak.end < 0 ? null : (settled[brute.streak.end]?.day ?? null),
            ]);
            const ex = parseExtremes(await must(sql, extremesSql(f, 3)));
            const nets = settled.map((b) => b.net).sort((a, b) => b - a);
            expect(ex.best.map((b) => b.netCents)).toEqual(nets.slice(0, 3));
            expect(ex.worst.map((b) => b.netCents)).toEqual([...nets].reverse().slice(0, 3));
            // The precomputed path (dates-only filters) and the windowed path agree.
            expect(parseHeadline(await must(sql, headlineSql(f, false)))).toEqual(h);
            if (isDateOnly(f)) {
              // bet_days' SQL rows equal the rows built in TypeScript from the bets, field by field.
              const fast = parseCurve((await must(sql, curveSelect(f)))[0] ?? {});
              const slow = parseCurve((await must(sql, curveSelect(f, false)))[0] ?? {});
              expect(fast).toEqual(slow);
            }
            expect(parseSwings(await must(sql, swingsSql(f, false)))).toEqual(swings);
            expect(parseLosingStreak(await must(sql, losingStreakSql(f, false)))).toEqual(streak);
            expect(parseExtremes(await must(sql, extremesSql(f, 3, false)))).toEqual(ex);
            const clv = parseClv(await must(sql, clvSql(f)));
            const clvSlow = parseClv(await must(sql, clvSql(f, false)));
            expect(clv.bets).toBe(clvSlow.bets);
            expect(clv.meanClv ?? 0).toBeCloseTo(clvSlow.meanClv ?? 0, 9);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);

  it('dates-and-sports filters: bet_sport_days agrees with the scan of bet_analytics', async () => {
    const sportsDates: fc.Arbitrary<BetFilter> = fc
      .record({
        from: fc.option(dayArb, { nil: undefined }),
        to: fc.option(dayArb, { nil: undefined }),
        sports: fc.subarray([...SPORTS, ''], { minLength: 1 }),
        status: fc.option(fc.constantFrom(...STATUS_FILTERS), { nil: undefined }),
      })
      .map((f) => normaliseFilter(f));
    await fc.assert(
      fc.asyncProperty(
        fc.array(betArb, { minLength: 0, maxLength: 40 }),
        fc.array(sportsDates, { minLength: 3, maxLength: 3 }),
        async (gen, filters) => {
          await loadLedger(sql, gen.map(toBet));
          for (const f of filters) {
            expect(isSportsDates(f)).toBe(true);
            // One sport: the curve rows themselves; several: the totals (curve rows are the scan's).
            expect(parseCurve((await must(sql, curveSelect(f)))[0] ?? {})).toEqual(
              parseCurve((await must(sql, curveSelect(f, false)))[0] ?? {}),
            );
            expect(parseHeadline(await must(sql, headlineSql(f)))).toEqual(
              parseHeadline(await must(sql, headlineSql(f, false))),
            );
            for (const grain of GRAINS) {
              expect(parseSeries(await must(sql, seriesSql(f, grain)))).toEqual(
                parseSeries(await must(sql, seriesSql(f, grain, undefined, false))),
              );
            }
            const fast = parseClv(await must(sql, clvSql(f)));
            const slow = parseClv(await must(sql, clvSql(f, false)));
            expect([fast.bets, fast.beatCloseShare]).toEqual([slow.bets, slow.beatCloseShare]);
            expect(fast.meanClv ?? 0).toBeCloseTo(slow.meanClv ?? 0, 9);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('the bets table sorted by net or stake (sort keys, bet_sort_head) pages as sorting by (column, seq)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(betArb, { minLength: 0, maxLength: 40 }),
        filterArb,
        fc.constantFrom(...STATUS_FILTERS),
        fc.integer({ min: 0, max: 6 }),
        async (gen, filter, status, offset) => {
          await loadLedger(sql, gen.map(toBet));
          // The status alone reads the page from bet_sort_head; any other filter sorts by the keys.
          for (const f of [{ ...filter, status }, { status }]) {
            const all = (
              await must(
                sql,
                `SELECT key, net_cents, stake_cents, seq FROM bet_analytics WHERE ${filterWhere(f)}`,
              )
            ).map((r) => ({
              key: String(r.key),
              net: Number(r.net_cents),
              stake: Number(r.stake_cents),
              seq: Number(r.seq),
            }));
            for (const [column, field] of [
              ['netCents', 'net'],
              ['stakeCents', 'stake'],
            ] as const) {
              for (const dir of ['asc', 'desc'] as const) {
                const sign = dir === 'asc' ? 1 : -1;
                const expected = [...all]
                  .sort((a, b) => sign * (a[field] - b[field] || a.seq - b.seq))
                  .slice(offset, offset + 5)
                  .map((b) => b.key);
                const page = parseBetsTable(
                  await must(sql, betsTableSql(f, { column, dir }, { offset, limit: 5 })),
                );
                expect([column, dir, page.total, page.rows.map((r) => r.key)]).toEqual([
                  column,
                  dir,
                  all.length,
                  expected,
                ]);
                const slow = parseBetsTable(
                  await must(sql, betsTableSql(f, { column, dir }, { offset, limit: 5 }, false)),
                );
                expect(slow).toEqual(page);
              }
            }
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('filters survive the URL round trip', () => {
    const text = fc.string({ maxLength: 12 });
    const full: fc.Arbitrary<BetFilter> = fc.record(
      {
        from: dayArb,
        to: dayArb,
        sports: fc.array(text, { minLength: 1, maxLength: 3 }),
        betTypes: fc.subarray([...BET_TYPES], { minLength: 1 }),
        venues: fc.array(text, { minLength: 1, maxLength: 2 }),
        competitions: fc.array(text, { minLength: 1, maxLength: 2 }),
        markets: fc.array(text, { minLength: 1, maxLength: 2 }),
        participants: fc.array(text, { minLength: 1, maxLength: 3 }),
        oddsBands: fc.subarray([...ODDS_BANDS], { minLength: 1 }),
        stakeBands: fc.subarray([...STAKE_BANDS], { minLength: 1 }),
        dow: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
        hours: fc.subarray(
          Array.from({ length: 24 }, (_, h) => h),
          { minLength: 1 },
        ),
        search: fc.string({ minLength: 1, maxLength: 20 }),
        status: fc.constantFrom(...STATUS_FILTERS),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(full, (f) => {
        const back = filterFromParams(new URLSearchParams(filterToParams(f).toString()));
        expect(back).toEqual(normaliseFilter(f));
      }),
      { numRuns: 300 },
    );
  });
});
