/**
 * Typed closing odds end to end on the Node DuckDB adapter and fake-indexeddb: stored in Dexie, mirrored
 * into `closing_manual`, merged into `bet_analytics` (typed wins over imported), kept across a re-import
 * and a restart. Expected CLV figures are worked out by hand in the comments.
 *
 * Ledger: b1 won at 2.50, imported close 2.20; b2 lost at 1.90, no close; b3 pending at 3.00.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clvSql, parseBetRow, parseClv, type BetFilter, type BetRow } from '../engine/analytics';
import type { Bet } from '../engine/model';
import { rowsToIpc } from './arrow';
import { refreshAnalytics } from './bets-panels';
import { setClosingOdds, syncClosingOdds } from './closing-odds';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import { applyChanged, ensureSchema, refreshDerived, stageAndDiff } from './ledger';
import { openDb, type BankrollDb } from './schema';

const ZONE = 'Australia/Sydney';

const bet = (n: number, b: Partial<Bet>): Bet => ({
  key: `t:b${n}`,
  venue: 'TAB',
  placedAt: `2024-05-0${n}T09:00:00Z`,
  settledAt: `2024-05-0${n}T11:00:00Z`,
  tz: ZONE,
  status: 'won',
  betType: 'single',
  stakeCents: 1000,
  returnCents: 0,
  oddsDecimal: 2,
  closingOddsDecimal: null,
  sport: 'AFL',
  competition: null,
  event: 'Geelong v Carlton',
  market: 'Head to Head',
  selection: 'Geelong',
  isBonus: false,
  legCount: 1,
  line: n + 1,
  ...b,
});

const BETS: Bet[] = [
  bet(1, { status: 'won', returnCents: 2500, oddsDecimal: 2.5, closingOddsDecimal: 2.2 }),
  bet(2, { status: 'lost', returnCents: 0, oddsDecimal: 1.9 }),
  bet(3, { status: 'pending', settledAt: null, oddsDecimal: 3 }),
];

async function loadBets(sql: Sql, bets: Bet[]): Promise<void> {
  const d = await stageAndDiff(sql, 'bets', rowsToIpc('bets', bets));
  if (!d.ok) throw new Error(d.error.message);
  const a = await applyChanged(sql, 'bets');
  if (!a.ok) throw new Error(a.error.message);
}

/** What the worker does after a ledger change: bet_facts, then typed prices from Dexie, then analytics. */
async function rebuild(sql: Sql, db: BankrollDb): Promise<void> {
  const d = await refreshDerived(sql);
  if (!d.ok) throw new Error(d.error.message);
  const c = await syncClosingOdds(sql, db);
  if (!c.ok) throw new Error(c.error.message);
  const r = await refreshAnalytics(sql, ZONE);
  if (!r.ok) throw new Error(r.error.message);
}

async function openLedger(db: BankrollDb, bets: Bet[] = BETS): Promise<Sql> {
  const sql = await openNodeSql();
  const s = await ensureSchema(sql);
  if (!s.ok) throw new Error(s.error.message);
  await loadBets(sql, bets);
  await rebuild(sql, db);
  return sql;
}

async function clv(sql: Sql, precomputed = true, f: BetFilter = {}) {
  const r = await sql.query(clvSql(f, precomputed));
  if (!r.ok) throw new Error(r.error.message);
  return parseClv(r.value);
}

async function row(sql: Sql, key: string): Promise<BetRow> {
  const r = await sql.query(
    `SELECT *, CAST(local_day AS VARCHAR) AS local_day FROM bet_analytics WHERE key = '${key}'`,
  );
  if (!r.ok || !r.value[0]) throw new Error('no row');
  return parseBetRow(r.value[0]);
}

async function set(sql: Sql, db: BankrollDb, key: string, text: string | null): Promise<BetRow> {
  const r = await setClosingOdds(sql, db, key, text);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
}

describe('typed closing odds', () => {
  let db: BankrollDb;
  let n = 0;
  beforeEach(async () => {
    db = openDb(`closing-odds-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('a typed close on a bet without one makes its CLV appear at once, in both CLV paths', async () => {
    const sql = await openLedger(db);
    // Before: only b1 (2.5 / 2.2 − 1 = 0.13636...).
    expect(await clv(sql)).toMatchObject({ bets: 1, beatCloseShare: 1 });
    const b2 = await set(sql, db, 't:b2', '1.80');
    expect(b2).toMatchObject({
      closingOddsDecimal: 1.8,
      closingOddsTyped: 1.8,
      closingOddsImported: null,
      closingSource: 'typed',
    });
    expect(b2.clv).toBeCloseTo(1.9 / 1.8 - 1, 12);
    // After: b1 and b2, both beat the close; mean (2.5/2.2 − 1 + 1.9/1.8 − 1) / 2.
    const expected = (2.5 / 2.2 - 1 + (1.9 / 1.8 - 1)) / 2;
    // Dates-only reads bet_days, a sport filter bet_sport_days; both were updated in place.
    const cases: [boolean, BetFilter][] = [
      [true, {}],
      [false, {}],
      [true, { sports: ['AFL'] }],
      [false, { sports: ['AFL'] }],
    ];
    for (const [precomputed, f] of cases) {
      const c = await clv(sql, precomputed, f);
      expect(c.bets).toBe(2);
      expect(c.meanClv).toBeCloseTo(expected, 12);
      expect(c.beatCloseShare).toBe(1);
    }
    expect(await db.closingOdds.get('t:b2')).toMatchObject({
      betKey: 't:b2',
      oddsDecimal: 1.8,
      text: '1.80',
    });
  });

  it('a typed close wins over the imported one, which stays and returns when the typed one is cleared', async () => {
    const sql = await openLedger(db);
    // 5/4 fractional = 2.25: b1's CLV becomes 2.5 / 2.25 − 1 = 0.1111...
    const typed = await set(sql, db, 't:b1', '5/4');
    expect(typed).toMatchObject({
      closingOddsDecimal: 2.25,
      closingOddsTyped: 2.25,
      closingOddsImported: 2.2,
      closingSource: 'typed',
    });
    expect((await clv(sql)).meanClv).toBeCloseTo(2.5 / 2.25 - 1, 12);
    const cleared = await set(sql, db, 't:b1', null);
    expect(cleared).toMatchObject({
      closingOddsDecimal: 2.2,
      closingOddsTyped: null,
      closingSource: 'imported',
    });
    expect((await clv(sql)).meanClv).toBeCloseTo(2.5 / 2.2 - 1, 12);
    expect(await db.closingOdds.count()).toBe(0);
    // Blank text clears as well.
    await set(sql, db, 't:b1', '2.4');
    expect((await set(sql, db, 't:b1', '  ')).closingSource).toBe('imported');
  });

  it('a pending bet takes a close; its CLV shows on the row but settled CLV counts only settled bets', async () => {
    const sql = await openLedger(db);
    // American +150 = 2.50: b3 at 3.00 took 3 / 2.5 − 1 = 20% over the close.
    const b3 = await set(sql, db, 't:b3', '+150');
    expect(b3.closingOddsDecimal).toBe(2.5);
    expect(b3.clv).toBeCloseTo(0.2, 12);
    expect((await clv(sql)).bets).toBe(1);
  });

  it('refuses text that is not a price and unknown bets, storing nothing', async () => {
    const sql = await openLedger(db);
    for (const text of ['abc', '1', '1.00', '0.5', '-50', '1001', '2/0']) {
      const r = await setClosingOdds(sql, db, 't:b2', text);
      expect(r.ok ? 'ok' : r.error.code, text).toBe('invalid-argument');
    }
    const missing = await setClosingOdds(sql, db, 't:nope', '2.0');
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not-found');
    expect(await db.closingOdds.count()).toBe(0);
    expect((await row(sql, 't:b2')).closingOddsDecimal).toBeNull();
  });

  it('survives a re-import of the same bets (even changed ones) and a restart with a fresh DuckDB', async () => {
    const sql = await openLedger(db);
    await set(sql, db, 't:b2', '1.8');
    await set(sql, db, 't:b3', '2.75');
    // Re-import: b1 unchanged, b3 now settled as won; the typed prices are untouched.
    await loadBets(sql, [
      BETS[0]!,
      BETS[1]!,
      { ...BETS[2]!, status: 'won', settledAt: '2024-05-03T11:00:00Z', returnCents: 3000 },
    ]);
    await rebuild(sql, db);
    expect((await row(sql, 't:b2')).closingOddsDecimal).toBe(1.8);
    expect(await row(sql, 't:b3')).toMatchObject({
      status: 'won',
      closingOddsDecimal: 2.75,
      closingSource: 'typed',
    });
    // Settled CLV now b1, b2 and b3: (2.5/2.2 − 1 + 1.9/1.8 − 1 + 3/2.75 − 1) / 3.
    expect((await clv(sql)).meanClv).toBeCloseTo((2.5 / 2.2 - 1 + (1.9 / 1.8 - 1) + (3 / 2.75 - 1)) / 3, 12);
    // A restart: a new DuckDB fed from the same IndexedDB.
    const fresh = await openLedger(db);
    expect((await row(fresh, 't:b2')).closingOddsTyped).toBe(1.8);
    expect((await row(fresh, 't:b1')).closingSource).toBe('imported');
  });

  it('a typed price for a bet no longer in the ledger waits in Dexie and applies when the bet returns', async () => {
    const sql = await openLedger(db);
    await set(sql, db, 't:b2', '1.7');
    const without = await openLedger(db, [BETS[0]!]);
    expect((await clv(without)).bets).toBe(1);
    expect(await db.closingOdds.count()).toBe(1);
    await loadBets(without, [BETS[1]!]);
    await rebuild(without, db);
    expect((await row(without, 't:b2')).closingOddsDecimal).toBe(1.7);
  });
});
