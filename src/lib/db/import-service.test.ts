import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ALL_IMPORTERS } from '../engine/importers/index';
import { FACT_TABLES } from '../engine/model';
import { generateWorld } from '../engine/generate/index';
import type { Sql } from './duckdb/port';
import { openNodeSql } from './duckdb/node';
import {
  abandonStaged,
  accountFromFileName,
  commitImport,
  loadSegments,
  prepareImport,
  type LedgerStore,
} from './import-service';
import { ensureSchema, headline } from './ledger';
import { memoryStore } from './test-helpers';
import { err } from '../engine/result';

describe('accountFromFileName', () => {
  it.each([
    ['tradovate-performance-APEX4977960000002.csv', 'APEX4977960000002'],
    ['Performance PAAPEX5898520000066 (1).csv', 'PAAPEX5898520000066'],
    ['acct_54066902_fills.csv', '54066902'],
    ['Performance.csv', null],
    ['sportsbet-march-2026.csv', null],
  ])('%s → %s', (name, expected) => {
    expect(accountFromFileName(name)).toBe(expected);
  });
});

describe('prepare → commit → reload through stored segments', () => {
  const fixture = (name: string) => new Uint8Array(readFileSync(`tests/e2e/fixtures/${name}`));

  async function importFile(sql: Sql, store: LedgerStore, name: string) {
    const r = await prepareImport(
      sql,
      store,
      { fileName: name, bytes: fixture(name), zone: 'Australia/Sydney' },
      ALL_IMPORTERS,
    );
    if (!r.ok || r.value.kind !== 'ready') throw new Error(JSON.stringify(r));
    const c = await commitImport(sql, store, r.value.prepared, 'default');
    if (!c.ok) throw new Error(JSON.stringify(c));
    return c.value.record;
  }

  it('stores only the changed rows of an overlapping export, and a reload rebuilds the same ledger', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const { store, records, segments } = memoryStore();
    const first = await importFile(sql, store, 'sportsbet-march-1.csv');
    const second = await importFile(sql, store, 'sportsbet-march-2.csv');
    expect(second.unchanged).toBeGreaterThan(0);
    expect(second.inserted + second.updated).toBeGreaterThan(0);

    const txnSegs = segments.filter((s) => s.table === 'book_txns');
    expect(txnSegs.map((s) => s.rowCount)).toEqual([first.inserted, second.inserted + second.updated]);
    // The partial segment is read back from DuckDB: rows in file order, `_ord` renumbered from 0.
    const partial = tableFromIPC(txnSegs[1]!.ipc);
    expect(partial.numRows).toBe(second.inserted + second.updated);
    expect(Array.from(partial.getChild('_ord')!.toArray() as Int32Array)).toEqual(
      Array.from({ length: partial.numRows }, (_, i) => i),
    );

    const before = await headline(sql);
    const reloaded = await openNodeSql();
    expect((await ensureSchema(reloaded)).ok).toBe(true);
    const n = await loadSegments(reloaded, segments);
    expect(n.ok).toBe(true);
    expect(await headline(reloaded)).toEqual(before);
    const rows = async (s: Sql) => {
      const r = await s.query('SELECT * FROM book_txns ORDER BY key');
      return r.ok ? r.value : [];
    };
    expect(await rows(reloaded)).toEqual(await rows(sql));
    expect(records).toHaveLength(2);
  }, 60_000);

  it('a store that fails its commit (a full disk) leaves DuckDB exactly as it was, and a retry lands', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const { store, records } = memoryStore();
    await importFile(sql, store, 'sportsbet-march-1.csv');
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const t of ['book_txns', 'bets', 'bet_facts']) {
        const r = await sql.query(`SELECT * FROM ${t} ORDER BY ALL`);
        out[t] = r.ok ? r.value : r;
      }
      return { tables: out, headline: await headline(sql) };
    };
    const before = await snapshot();
    const full: LedgerStore = {
      ...store,
      commit: () => Promise.resolve(err('quota-exceeded', 'the disk is full')),
    };
    const r = await prepareImport(
      sql,
      full,
      {
        fileName: 'sportsbet-march-2.csv',
        bytes: fixture('sportsbet-march-2.csv'),
        zone: 'Australia/Sydney',
      },
      ALL_IMPORTERS,
    );
    if (!r.ok || r.value.kind !== 'ready') throw new Error(JSON.stringify(r));
    const failed = await commitImport(sql, full, r.value.prepared, 'default');
    expect(failed.ok ? null : failed.error.code).toBe('quota-exceeded');
    expect(await snapshot()).toEqual(before);
    expect(records).toHaveLength(1);
    // The same prepared import commits once the store takes it.
    const retried = await commitImport(sql, store, r.value.prepared, 'default');
    expect(retried.ok).toBe(true);
    expect(records).toHaveLength(2);
    expect(await snapshot()).not.toEqual(before);
  }, 60_000);

  const count = async (s: Sql, table = 'book_txns') => {
    const r = await s.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return Number(r.value[0]?.n ?? 0);
  };
  const prepare = async (s: Sql, store: LedgerStore, name: string) => {
    const r = await prepareImport(
      s,
      store,
      { fileName: name, bytes: fixture(name), zone: 'Australia/Sydney' },
      ALL_IMPORTERS,
    );
    if (!r.ok || r.value.kind !== 'ready') throw new Error(JSON.stringify(r));
    return r.value.prepared;
  };

  it('a prepare into empty tables applies the rows in a transaction only its connection sees until Import', async () => {
    const page = await openNodeSql();
    expect((await ensureSchema(page)).ok).toBe(true);
    const conn = await page.connect();
    const { store } = memoryStore();
    const p = await prepare(conn, store, 'sportsbet-march-1.csv');
    const n = p.counts.book_txns ?? 0;
    expect(n).toBeGreaterThan(0);
    expect(p.diff).toEqual({ total: n, inserted: n, updated: 0, unchanged: 0 });
    // Applied already, in the import's own transaction.
    expect(await count(conn)).toBe(n);
    expect(await count(page)).toBe(0);
    const c = await commitImport(conn, store, p, 'default');
    expect(c.ok && c.value.record.inserted).toBe(n);
    expect(await count(page)).toBe(n);
    expect(await count(page, 'bet_facts')).toBeGreaterThan(0);
    // The same file again: nothing new, and nothing applied before the commit.
    const again = await prepare(conn, store, 'sportsbet-march-1.csv');
    expect(again.diff).toEqual({ total: n, inserted: 0, updated: 0, unchanged: n });
    expect(await count(conn)).toBe(n);
  }, 60_000);

  it('a prepare let go of (another change of the ledger first) leaves nothing, and its commit compares again', async () => {
    const page = await openNodeSql();
    expect((await ensureSchema(page)).ok).toBe(true);
    const conn = await page.connect();
    const { store } = memoryStore();
    const p = await prepare(conn, store, 'sportsbet-march-1.csv');
    await abandonStaged(conn);
    expect(await count(conn)).toBe(0);
    expect(await count(page)).toBe(0);
    const c = await commitImport(conn, store, p, 'default');
    expect(c.ok && c.value.record.inserted).toBe(p.counts.book_txns);
    expect(await count(page)).toBe(p.counts.book_txns);
  }, 60_000);

  it('two overlapping files prepared before either is committed land without a row twice', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const { store } = memoryStore();
    // The second prepare rolls back what the first applied; each commit compares with the ledger as it is.
    const first = await prepare(sql, store, 'sportsbet-march-1.csv');
    const second = await prepare(sql, store, 'sportsbet-march-2.csv');
    const b = await commitImport(sql, store, second, 'default');
    const a = await commitImport(sql, store, first, 'default');
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(a.value.record.unchanged + a.value.record.updated).toBeGreaterThan(0);
    const keys = await sql.query<{ n: bigint; d: bigint }>(
      'SELECT count(*) AS n, count(DISTINCT key) AS d FROM book_txns',
    );
    if (!keys.ok) throw new Error(JSON.stringify(keys));
    expect(keys.value[0]?.n).toBe(keys.value[0]?.d);
    expect(Number(keys.value[0]?.n)).toBe(b.value.record.inserted + a.value.record.inserted);
  }, 60_000);

  it('a first import whose store fails is rolled back, the rows its prepare applied included', async () => {
    const sql = await openNodeSql();
    expect((await ensureSchema(sql)).ok).toBe(true);
    const { store, records } = memoryStore();
    const full: LedgerStore = {
      ...store,
      commit: () => Promise.resolve(err('quota-exceeded', 'the disk is full')),
    };
    const p = await prepare(sql, full, 'sportsbet-march-1.csv');
    expect(await count(sql)).toBe(p.counts.book_txns);
    const failed = await commitImport(sql, full, p, 'default');
    expect(failed.ok ? null : failed.error.code).toBe('quota-exceeded');
    expect(await count(sql)).toBe(0);
    expect(await count(sql, 'bet_facts')).toBe(0);
    const retried = await commitImport(sql, store, p, 'default');
    expect(retried.ok).toBe(true);
    expect(records).toHaveLength(1);
    expect(await count(sql)).toBe(p.counts.book_txns);
  }, 60_000);

  it.each([
    'src/lib/engine/importers/__fixtures__/draftkings.csv',
    'src/lib/engine/importers/__fixtures__/fanduel.csv',
    'src/lib/engine/importers/__fixtures__/pikkit-transactions.csv',
    'src/lib/engine/importers/__fixtures__/sportsbet-history.csv',
    'tests/e2e/fixtures/tradovate_performance.csv',
  ])(
    '%s: rows appended as staged equal the rows a replay of the stored segments gives',
    async (path) => {
      const sql = await openNodeSql();
      expect((await ensureSchema(sql)).ok).toBe(true);
      const { store, segments } = memoryStore();
      const r = await prepareImport(
        sql,
        store,
        { fileName: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)), zone: 'UTC' },
        ALL_IMPORTERS,
      );
      if (!r.ok || r.value.kind !== 'ready') throw new Error(JSON.stringify(r));
      const c = await commitImport(sql, store, r.value.prepared, 'default');
      expect(c.ok).toBe(true);
      const replayed = await openNodeSql();
      expect((await ensureSchema(replayed)).ok).toBe(true);
      expect((await loadSegments(replayed, segments)).ok).toBe(true);
      let rows = 0;
      for (const t of [...FACT_TABLES, 'bet_facts']) {
        const q = `SELECT * FROM ${t} ORDER BY ALL`;
        const [a, b] = [await sql.query(q), await replayed.query(q)];
        if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
        expect(a.value).toEqual(b.value);
        rows += a.value.length;
      }
      expect(rows).toBeGreaterThan(0);
    },
    60_000,
  );

  it('a prepare cancelled part-way leaves nothing applied, and the next prepare starts clean', async () => {
    const page = await openNodeSql();
    expect((await ensureSchema(page)).ok).toBe(true);
    const conn = await page.connect();
    const appended: string[] = [];
    const insert = conn.insertArrowIpc.bind(conn);
    conn.insertArrowIpc = (table, ipc, create) => {
      appended.push(table);
      return insert(table, ipc, create);
    };
    const { store } = memoryStore();
    // A generated export of more than one 100k-row chunk, so a chunk is appended before the cancel.
    const world = generateWorld({ seed: 3, persona: 'punter', months: 6, scale: 50 });
    const text = world.files.find((f) => f.name.startsWith('sportsbet'))?.text ?? '';
    const bytes = new TextEncoder().encode(text);
    // Cancelled as soon as a chunk has gone into the table.
    const r = await prepareImport(
      conn,
      store,
      { fileName: 'big.csv', bytes, zone: 'Australia/Sydney' },
      ALL_IMPORTERS,
      { isCancelled: () => appended.includes('book_txns') },
    );
    expect(r.ok ? r.value.kind : r.error.code).toBe('cancelled');
    expect(appended).toContain('book_txns');
    expect(await count(conn)).toBe(0);
    expect(await count(page)).toBe(0);
    const p = await prepare(conn, store, 'sportsbet-march-1.csv');
    const c = await commitImport(conn, store, p, 'default');
    expect(c.ok && c.value.record.inserted).toBe(9);
    expect(await count(page)).toBe(9);
  }, 60_000);
});
