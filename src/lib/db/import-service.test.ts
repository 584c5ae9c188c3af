import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ALL_IMPORTERS } from '../engine/importers/index';
import type { Sql } from './duckdb/port';
import { openNodeSql } from './duckdb/node';
import {
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
});
