/**
 * Replaying stored segments (page load, undo) against the way they were always replayed: every import's
 * segments for a table staged, compared with the ledger and applied (`stageAndDiff` + `applyChanged`), then
 * `bet_facts` and the headline derived. Random overlapping imports of book transactions and bet legs are
 * committed through the pipeline; the replay of all of them, and of what is left after undoing some (a
 * middle one included), must give the reference ledger row for row. Each commit derives `bet_facts` only
 * for the bets it touched; that must equal deriving every bet.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bet, BetLeg, BetStatus, BookTxn, FactBatch } from '../engine/model';
import type { Result } from '../engine/result';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import { commitImport, loadSegments } from './import-service';
import { applyChanged, clearLedger, ensureSchema, headline, refreshDerived, stageAndDiff } from './ledger';
import type { Segment } from './schema';
import { memoryStore, prepared } from './test-helpers';

/** The value type an arbitrary generates. */
type Gen<A> = A extends fc.Arbitrary<infer T> ? T : never;

const KINDS = ['stake', 'payout', 'lose', 'void', 'deposit', 'withdrawal'] as const;
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'];

const txnArb = fc.record({
  id: fc.integer({ min: 1, max: 14 }),
  bet: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  kind: fc.constantFrom(...KINDS),
  amount: fc.integer({ min: -5000, max: 5000 }),
  day: fc.constantFrom(...DAYS),
  hour: fc.integer({ min: 0, max: 23 }),
  sport: fc.constantFrom<string | null>('Soccer', 'Tennis', null),
  line: fc.integer({ min: 1, max: 500 }),
});
const legArb = fc.record({
  id: fc.integer({ min: 1, max: 8 }),
  bet: fc.integer({ min: 1, max: 5 }),
  odds: fc.constantFrom<number | null>(1.5, 2.25, null),
  line: fc.integer({ min: 1, max: 500 }),
});
const betArb = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  status: fc.constantFrom<BetStatus>('won', 'lost', 'pending'),
  stake: fc.integer({ min: 1, max: 5000 }),
  legs: fc.integer({ min: 0, max: 3 }),
  line: fc.integer({ min: 1, max: 500 }),
});
const importArb = fc.record({
  txns: fc.uniqueArray(txnArb, { selector: (t) => t.id, maxLength: 10 }),
  legs: fc.uniqueArray(legArb, { selector: (l) => l.id, maxLength: 5 }),
  bets: fc.uniqueArray(betArb, { selector: (b) => b.id, maxLength: 3 }),
});

function toBatch(imp: Omit<Gen<typeof importArb>, 'bets'> & { bets?: Gen<typeof betArb>[] }): FactBatch {
  const book_txns: BookTxn[] = imp.txns.map((t) => ({
    key: `sportsbet:txn:${t.id}`,
    venue: 'sportsbet',
    betKey: t.bet === null ? null : `sportsbet:bet:${t.bet}`,
    at: `${t.day}T${String(t.hour).padStart(2, '0')}:00:00.000Z`,
    tz: 'Australia/Sydney',
    kind: t.kind,
    amountCents: t.amount,
    balanceCents: null,
    betType: 'single',
    event: 'A v B',
    market: 'Head to Head',
    selection: 'A',
    oddsDecimal: 2.5,
    result: null,
    sport: t.sport,
    description: 'A v B',
    line: t.line,
  }));
  const bet_legs: BetLeg[] = imp.legs.map((l) => ({
    key: `sportsbet:leg:${l.id}`,
    betKey: `sportsbet:bet:${l.bet}`,
    venue: 'sportsbet',
    legIndex: l.id,
    event: 'C v D',
    market: null,
    selection: null,
    oddsDecimal: l.odds,
    result: null,
    sport: null,
    competition: null,
    line: l.line,
  }));
  // Bet-level rows share keys with the ledger-style bets above, so one key can have two bet_facts rows.
  const bets: Bet[] = (imp.bets ?? []).map((b) => ({
    key: `sportsbet:bet:${b.id}`,
    venue: 'sportsbet',
    placedAt: '2026-03-01T10:00:00.000Z',
    settledAt: b.status === 'pending' ? null : '2026-03-02T10:00:00.000Z',
    tz: 'Australia/Sydney',
    status: b.status,
    betType: 'single',
    stakeCents: b.stake,
    returnCents: b.status === 'won' ? b.stake * 2 : 0,
    oddsDecimal: 2,
    closingOddsDecimal: null,
    sport: 'Soccer',
    competition: null,
    event: 'E v F',
    market: null,
    selection: null,
    isBonus: false,
    legCount: b.legs,
    line: b.line,
  }));
  return { book_txns, bet_legs, bets };
}

/** The replay as it was before the empty-table fast path: stage, compare and apply every group. */
async function referenceReplay(sql: Sql, segments: Segment[]): Promise<void> {
  const groups: Segment[][] = [];
  for (const s of segments) {
    const last = groups.at(-1)?.[0];
    if (last && last.importId === s.importId && last.table === s.table) groups.at(-1)!.push(s);
    else groups.push([s]);
  }
  for (const g of groups) {
    const table = g[0]!.table;
    must(
      await stageAndDiff(
        sql,
        table,
        g.map((s) => s.ipc),
      ),
    );
    must(await applyChanged(sql, table));
  }
  must(await refreshDerived(sql));
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
}

async function rows(sql: Sql, table: string) {
  return must(await sql.query(`SELECT * FROM ${table} ORDER BY ALL`));
}

describe('replaying stored segments', () => {
  let live: Sql;
  let fast: Sql;
  let reference: Sql;
  beforeAll(async () => {
    [live, fast, reference] = await Promise.all([openNodeSql(), openNodeSql(), openNodeSql()]);
    for (const s of [live, fast, reference]) must(await ensureSchema(s));
  }, 60_000);

  it('commits derive bet_facts as a full derivation would; replay gives the compare-and-apply ledger after any undo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(importArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (imports, undo) => {
          for (const s of [live, fast, reference]) must(await clearLedger(s));
          const { store, records, segments } = memoryStore();
          for (let i = 0; i < imports.length; i++)
            must(await commitImport(live, store, prepared(toBatch(imports[i]!), i), 'default'));
          // Each commit after the first derived only the bets it touched: the same as deriving them all.
          const incremental = await rows(live, 'bet_facts');
          must(await refreshDerived(live));
          expect(incremental).toEqual(await rows(live, 'bet_facts'));

          const undone = new Set(records.filter((_, i) => undo[i]).map((r) => r.id));
          const kept = segments.filter((s) => !undone.has(s.importId));

          must(await loadSegments(fast, kept));
          await referenceReplay(reference, kept);
          for (const t of ['book_txns', 'bet_legs', 'bet_facts'])
            expect(await rows(fast, t)).toEqual(await rows(reference, t));
          expect(await headline(fast)).toEqual(await headline(reference));
          // Nothing undone: the replay is the ledger the commits built.
          if (undone.size === 0)
            for (const t of ['book_txns', 'bet_legs', 'bet_facts'])
              expect(await rows(fast, t)).toEqual(await rows(live, t));
          // A bet's legs, counted by the pre-aggregated join, as a lookup per bet counts them.
          const wrong = must(
            await fast.query<{ n: bigint }>(
              `SELECT count(*) AS n FROM (SELECT DISTINCT bet_key FROM book_txns WHERE bet_key IS NOT NULL) b
               WHERE NOT EXISTS (SELECT 1 FROM bet_facts f WHERE f.key = b.bet_key
                 AND f.leg_count = (SELECT count(*) FROM bet_legs l WHERE l.bet_key = b.bet_key))`,
            ),
          );
          expect(Number(wrong[0]?.n)).toBe(0);
        },
      ),
      { numRuns: 15 },
    );
  }, 240_000);

  it('a middle import undone: the first and last imports replayed, overlapping keys resolved in order', async () => {
    for (const s of [live, fast]) must(await clearLedger(s));
    const { store, records, segments } = memoryStore();
    const mk = (txns: Gen<typeof txnArb>[]) => toBatch({ txns, legs: [] });
    const t = (id: number, amount: number, line: number) => ({
      id,
      bet: null,
      kind: 'deposit' as const,
      amount,
      day: '2026-03-01',
      hour: id,
      sport: null,
      line,
    });
    // 1: rows 1, 2. 2: changes row 2, adds 3. 3: changes row 1 and 3, adds 4.
    must(await commitImport(live, store, prepared(mk([t(1, 100, 1), t(2, 200, 2)]), 0), 'default'));
    must(await commitImport(live, store, prepared(mk([t(2, 250, 1), t(3, 300, 2)]), 1), 'default'));
    must(
      await commitImport(live, store, prepared(mk([t(1, 150, 1), t(3, 350, 2), t(4, 400, 3)]), 2), 'default'),
    );
    const middle = records[1]!.id;
    must(
      await loadSegments(
        fast,
        segments.filter((s) => s.importId !== middle),
      ),
    );
    const got = must(
      await fast.query<{ key: string; amount_cents: bigint }>(
        'SELECT key, amount_cents FROM book_txns ORDER BY key',
      ),
    );
    expect(got.map((r) => [r.key, Number(r.amount_cents)])).toEqual([
      ['sportsbet:txn:1', 150],
      ['sportsbet:txn:2', 200],
      ['sportsbet:txn:3', 350],
      ['sportsbet:txn:4', 400],
    ]);
    const h = must(await headline(fast));
    expect(h.depositsCents).toBe(1100);
  }, 60_000);
});
