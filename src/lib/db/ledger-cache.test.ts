import { beforeEach, describe, expect, it } from 'vitest';
import type { BookTxn, FactBatch } from '../engine/model';
import { ok, type Result } from '../engine/result';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import { commitImport } from './import-service';
import {
  analyticsStamp,
  clearStamps,
  dropAllTables,
  ledgerStamp,
  readStamp,
  restoreLedger,
  writeStamp,
  type CacheTarget,
} from './ledger-cache';
import { ensureSchema } from './ledger';
import type { Segment } from './schema';
import { memoryStore, prepared } from './test-helpers';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
}

function txns(ids: number[], amount: number): FactBatch {
  const book_txns: BookTxn[] = ids.map((id) => ({
    key: `sportsbet:txn:${id}`,
    venue: 'sportsbet',
    betKey: null,
    at: `2026-03-01T10:${String(id % 60).padStart(2, '0')}:00.000Z`,
    tz: 'Australia/Sydney',
    kind: 'deposit',
    amountCents: amount,
    balanceCents: null,
    betType: null,
    event: null,
    market: null,
    selection: null,
    oddsDecimal: null,
    result: null,
    sport: null,
    description: 'Deposit',
    line: id,
  }));
  return { book_txns };
}

async function total(sql: Sql): Promise<{ n: number; cents: number }> {
  const r = must(
    await sql.query<{ n: bigint; c: bigint }>('SELECT count(*) AS n, sum(amount_cents) AS c FROM book_txns'),
  );
  return { n: Number(r[0]!.n), cents: Number(r[0]!.c ?? 0) };
}

/** A target over one Node DuckDB, standing in for the OPFS file: its tables outlive a "page load". */
function target(sql: Sql, persistent: boolean): CacheTarget & { checkpoints: number } {
  const t = {
    sql,
    persistent,
    checkpoints: 0,
    checkpoint: () => {
      t.checkpoints++;
      return Promise.resolve(ok(null));
    },
  };
  return t;
}

describe('ledger stamps', () => {
  it('name the imports in order, and the analytics stamp its statements', async () => {
    const a = await ledgerStamp(['x', 'y']);
    expect(a).not.toBe(await ledgerStamp(['y', 'x']));
    expect(a).not.toBe(await ledgerStamp(['x']));
    expect(a).toBe(await ledgerStamp(['x', 'y']));
    expect(await ledgerStamp([])).not.toBe(a);
    const s = await analyticsStamp(a, ['CREATE TABLE t (x INT)']);
    expect(s).toBe(await analyticsStamp(a, ['CREATE TABLE t (x INT)']));
    expect(s).not.toBe(await analyticsStamp(a, ['CREATE TABLE t (x BIGINT)']));
    expect(s).not.toBe(await analyticsStamp(await ledgerStamp(['x']), ['CREATE TABLE t (x INT)']));
  });

  it('are read, replaced and cleared by kind', async () => {
    const sql = await openNodeSql();
    expect(must(await readStamp(sql, 'ledger'))).toBeNull();
    must(await writeStamp(sql, 'ledger', 'a'));
    must(await writeStamp(sql, 'ledger', 'b'));
    must(await writeStamp(sql, 'analytics', 'c'));
    expect(must(await readStamp(sql, 'ledger'))).toBe('b');
    must(await clearStamps(sql, ['analytics']));
    expect(must(await readStamp(sql, 'analytics'))).toBeNull();
    expect(must(await readStamp(sql, 'ledger'))).toBe('b');
    must(await clearStamps(sql));
    expect(must(await readStamp(sql, 'ledger'))).toBeNull();
  }, 30_000);
});

describe('restoreLedger', () => {
  let sql: Sql;
  let ids: string[];
  let segments: Segment[];
  beforeEach(async () => {
    sql = await openNodeSql();
    must(await ensureSchema(sql));
    // Two overlapping imports: the second changes txn 2 and adds txn 3.
    const m = memoryStore();
    must(await commitImport(sql, m.store, prepared(txns([1, 2], 100), 1), 'default'));
    must(await commitImport(sql, m.store, prepared(txns([2, 3], 250), 2), 'default'));
    ids = m.records.map((r) => r.id);
    segments = m.segments;
  }, 30_000);

  it('replays into a fresh database and stamps it; a reload with the same imports reads nothing', async () => {
    const fresh = await openNodeSql();
    const t = target(fresh, true);
    expect(must(await restoreLedger(t, ids, () => segments))).toEqual({ rows: 3, reused: false });
    expect(await total(fresh)).toEqual({ n: 3, cents: 600 });
    expect(t.checkpoints).toBe(1);
    expect(must(await readStamp(fresh, 'ledger'))).toBe(await ledgerStamp(ids));
    // The "next page load": the stamp matches, so the segments are not even read.
    let read = 0;
    const again = await restoreLedger(t, ids, () => {
      read++;
      return segments;
    });
    expect(must(again)).toEqual({ rows: 3, reused: true });
    expect(read).toBe(0);
    expect(await total(fresh)).toEqual({ n: 3, cents: 600 });
  }, 30_000);

  it('replays from nothing when the stamp names other imports (an undo in another tab), dropping every table', async () => {
    const fresh = await openNodeSql();
    const t = target(fresh, true);
    must(await restoreLedger(t, ids, () => segments));
    must(await fresh.exec('CREATE TABLE bet_analytics AS SELECT 1 AS x'));
    // Only the first import is stored now.
    const first = segments.filter((s) => s.importId === ids[0]);
    expect(must(await restoreLedger(t, [ids[0]!], () => first))).toEqual({ rows: 2, reused: false });
    expect(await total(fresh)).toEqual({ n: 2, cents: 200 });
    const left = must(
      await fresh.query(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'bet_analytics'`,
      ),
    );
    expect(Number(left[0]!.n)).toBe(0);
    expect(must(await readStamp(fresh, 'ledger'))).toBe(await ledgerStamp([ids[0]!]));
  }, 30_000);

  it('replays when a change was cut short (its stamp was cleared first), never doubling rows', async () => {
    const fresh = await openNodeSql();
    const t = target(fresh, true);
    must(await restoreLedger(t, ids, () => segments));
    // A change starts (stamps cleared), writes part of its rows, and the tab dies.
    must(await clearStamps(fresh));
    must(await fresh.exec(`DELETE FROM book_txns WHERE key = 'sportsbet:txn:1'`));
    expect(must(await restoreLedger(t, ids, () => segments))).toEqual({ rows: 3, reused: false });
    expect(await total(fresh)).toEqual({ n: 3, cents: 600 });
  }, 30_000);

  it('always replays in memory', async () => {
    const fresh = await openNodeSql();
    const t = target(fresh, false);
    must(await writeStamp(fresh, 'ledger', await ledgerStamp(ids)));
    let read = 0;
    const n = await restoreLedger(t, ids, () => {
      read++;
      return segments;
    });
    expect(must(n)).toEqual({ rows: 3, reused: false });
    expect(read).toBe(1);
  }, 30_000);

  it('dropAllTables leaves nothing, and a stamp table of another layout is no match', async () => {
    must(await writeStamp(sql, 'ledger', 'x'));
    must(await dropAllTables(sql));
    const left = must(await sql.query(`SELECT count(*) AS n FROM information_schema.tables`));
    expect(Number(left[0]!.n)).toBe(0);
    // An older file's stamp table without the value column: restore replays instead of failing.
    must(await sql.exec(`CREATE TABLE bg_cache (kind VARCHAR PRIMARY KEY, stamp VARCHAR NOT NULL)`));
    must(await sql.exec(`INSERT INTO bg_cache VALUES ('ledger', ${"'"}${await ledgerStamp(ids)}${"'"})`));
    expect(must(await restoreLedger(target(sql, true), ids, () => segments))).toEqual({
      rows: 3,
      reused: false,
    });
    expect(must(await readStamp(sql, 'ledger'))).toBe(await ledgerStamp(ids));
  }, 30_000);
});
