import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookTxn } from '../engine/model';
import { chunkSizes, hasIpcLayout, rowsToIpc, rowsToIpcChunks } from './arrow';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import {
  applyChanged,
  changedOrdinals,
  changedSegmentIpcs,
  ensureSchema,
  headline,
  refreshDerived,
  replayChunks,
  stageAndDiff,
} from './ledger';

const base: Omit<BookTxn, 'key' | 'betKey' | 'kind' | 'amountCents' | 'at' | 'line'> = {
  venue: 'sportsbet',
  tz: 'Australia/Sydney',
  balanceCents: null,
  betType: 'single',
  event: 'A v B',
  market: 'Head to Head',
  selection: 'A',
  oddsDecimal: 2.5,
  result: null,
  sport: 'Soccer',
  description: 'A v B',
};
const txn = (
  id: number,
  bet: number | null,
  kind: BookTxn['kind'],
  amountCents: number,
  at: string,
): BookTxn => ({
  ...base,
  key: `sportsbet:txn:${id}`,
  betKey: bet === null ? null : `sportsbet:bet:${bet}`,
  kind,
  amountCents,
  at,
  line: id + 1,
});

async function ingest(sql: Sql, rows: BookTxn[]) {
  const d = await stageAndDiff(sql, 'book_txns', rowsToIpc('book_txns', rows));
  if (!d.ok) throw new Error(d.error.message);
  const ords = await changedOrdinals(sql, 'book_txns');
  const a = await applyChanged(sql, 'book_txns');
  if (!a.ok) throw new Error(a.error.message);
  await refreshDerived(sql);
  return { ...d.value, ords: ords.ok ? ords.value : [] };
}

describe('ledger in DuckDB (node adapter)', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openNodeSql();
    const r = await ensureSchema(sql);
    expect(r.ok).toBe(true);
  });

  it('inserts, then re-import is unchanged, then an overlapping export settles a pending bet', async () => {
    const first = [
      txn(1, null, 'deposit', 10000, '2024-01-01T00:00:00Z'),
      txn(2, 10, 'stake', -500, '2024-01-01T01:00:00Z'),
      txn(3, 10, 'payout', 1250, '2024-01-01T03:00:00Z'),
      txn(4, 11, 'stake', -1000, '2024-01-02T01:00:00Z'),
      txn(5, 11, 'lose', 0, '2024-01-02T03:00:00Z'),
      txn(6, 12, 'stake', -2000, '2024-01-03T01:00:00Z'), // pending
    ];
    expect(await ingest(sql, first)).toMatchObject({ total: 6, inserted: 6, updated: 0, unchanged: 0 });
    let h = await headline(sql);
    expect(h.ok && h.value).toMatchObject({
      stakedCents: 1500,
      returnedCents: 1250,
      netCents: -250,
      bets: 2,
      wonBets: 1,
      pendingBets: 1,
      pendingStakeCents: 2000,
      depositsCents: 10000,
      withdrawalsCents: 0,
      maxDrawdownCents: 1000,
    });
    // Same file again, different line numbers: nothing changes.
    const again = first.map((r) => ({ ...r, line: r.line + 100 }));
    expect(await ingest(sql, again)).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
    // Overlapping later export: 6 again, its settlement, a withdrawal, and a corrected row 5.
    const later = [
      txn(6, 12, 'stake', -2000, '2024-01-03T01:00:00Z'),
      txn(7, 12, 'payout', 5000, '2024-01-03T05:00:00Z'),
      txn(8, null, 'withdrawal', -3000, '2024-01-04T00:00:00Z'),
      { ...txn(5, 11, 'lose', 0, '2024-01-02T03:00:00Z'), result: 'Lose' },
    ];
    const r = await ingest(sql, later);
    expect(r).toMatchObject({ total: 4, inserted: 2, updated: 1, unchanged: 1 });
    expect(r.ords).toEqual([1, 2, 3]);
    h = await headline(sql);
    expect(h.ok && h.value).toMatchObject({
      stakedCents: 3500,
      returnedCents: 6250,
      netCents: 2750,
      bets: 3,
      pendingBets: 0,
      withdrawalsCents: 3000,
    });
    const count = await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM book_txns');
    expect(count.ok && Number(count.value[0]?.n)).toBe(8);
  });

  it('keeps sums exact beyond 2^53 cents in total as BIGINT', async () => {
    const r = await sql.query<{ s: bigint }>(
      'SELECT CAST(sum(x) AS BIGINT) AS s FROM (VALUES (4503599627370495::BIGINT), (4503599627370497::BIGINT)) t(x)',
    );
    expect(r.ok && r.value[0]?.s).toBe(9007199254740992n);
  });
});

describe('staging in chunks', () => {
  it('stages several IPC chunks as one batch and reads the changed rows back in chunks', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const rows = [1, 2, 3, 4, 5].map((i) => txn(i, null, 'deposit', i * 100, '2026-03-01T00:00:00.000Z'));
    const first = await stageAndDiff(sql, 'book_txns', rowsToIpcChunks('book_txns', rows, 2));
    expect(first.ok && first.value).toEqual({ total: 5, inserted: 5, updated: 0, unchanged: 0 });
    expect((await applyChanged(sql, 'book_txns')).ok).toBe(true);

    // Rows 2 and 4 change, row 6 is new: three changed rows, read back two per chunk.
    const next = [...rows, txn(6, null, 'deposit', 600, '2026-03-02T00:00:00.000Z')].map((r, i) =>
      i === 1 || i === 3 ? { ...r, amountCents: r.amountCents + 1 } : r,
    );
    const second = await stageAndDiff(sql, 'book_txns', rowsToIpcChunks('book_txns', next, 4));
    expect(second.ok && second.value).toEqual({ total: 6, inserted: 1, updated: 2, unchanged: 3 });
    const parts = await changedSegmentIpcs(sql, 'book_txns', 3, 2);
    if (!parts.ok) throw new Error(parts.error.message);
    const tables = parts.value.map((p) => tableFromIPC(p));
    expect(tables.map((t) => t.numRows)).toEqual([2, 1]);
    expect(tables.flatMap((t) => Array.from(t.getChild('_ord')!.toArray() as Int32Array))).toEqual([0, 1, 2]);
    expect(tables.flatMap((t) => t.getChild('key')!.toArray() as string[])).toEqual([
      'sportsbet:txn:2',
      'sportsbet:txn:4',
      'sportsbet:txn:6',
    ]);
    expect(chunkSizes(5, 2)).toEqual([2, 2, 1]);
  });
});

describe('the stage', () => {
  it('is a temporary table: staging writes nothing into the database file', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const rows = [1, 2, 3].map((i) => txn(i, null, 'deposit', i * 100, '2026-03-01T00:00:00.000Z'));
    expect((await stageAndDiff(sql, 'book_txns', rowsToIpcChunks('book_txns', rows, 2))).ok).toBe(true);
    const where = await sql.query<{ db: string; name: string }>(
      `SELECT database_name AS db, table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'stage_%'
       UNION ALL SELECT database_name, view_name FROM duckdb_views() WHERE view_name LIKE 'changed_%'`,
    );
    expect(where.ok && where.value).toEqual(
      expect.arrayContaining([
        { db: 'temp', name: 'stage_book_txns' },
        { db: 'temp', name: 'changed_book_txns' },
      ]),
    );
    expect(where.ok && where.value.every((w) => w.db === 'temp')).toBe(true);
  });

  it('replays a segment whose columns are in another order (an older layout) to the same rows', async () => {
    const rows = [1, 2, 3].map((i) =>
      txn(i, i, i === 2 ? 'payout' : 'stake', i * 100 - 250, `2026-03-0${i}T10:00:00.000Z`),
    );
    const ipc = rowsToIpc('book_txns', rows);
    const t = tableFromIPC(ipc);
    const names = t.schema.fields.map((f) => f.name).reverse();
    const reordered = tableToIPC(
      new Table(Object.fromEntries(names.map((n) => [n, t.getChild(n)!]))),
      'stream',
    );
    expect(hasIpcLayout('book_txns', ipc)).toBe(true);
    expect(hasIpcLayout('book_txns', reordered)).toBe(false);
    const read = async (chunk: Uint8Array) => {
      const sql = await openNodeSql();
      expect((await ensureSchema(sql)).ok).toBe(true);
      const r = await replayChunks(sql, 'book_txns', [chunk]);
      if (!r.ok) throw new Error(r.error.message);
      const out = await sql.query('SELECT * FROM book_txns ORDER BY key');
      if (!out.ok) throw new Error(out.error.message);
      return out.value;
    };
    const direct = await read(ipc);
    expect(direct).toHaveLength(3);
    expect(await read(reordered)).toEqual(direct);
  });
});
