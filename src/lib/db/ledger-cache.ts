/**
 * Stamps naming what DuckDB's tables hold, kept in DuckDB itself (`bg_cache`), so a database that persists
 * across page loads (the OPFS file, `duckdb/browser.ts`) is used only when it holds exactly the ledger
 * IndexedDB holds now.
 *
 * - The **ledger** stamp: the fact tables' layout and the derivation of `bet_facts` (a hash of their SQL, so
 *   an app update that changes them invalidates the file), then the ids of the imports replayed, in order.
 * - The **analytics** stamp: a hash of the ledger stamp and every statement that built the Bets tables (the
 *   typed closing prices, the profile's zone and the years of its offsets are all in that SQL text).
 * - The **headline**: the overview's figures as DuckDB last computed them, under the ledger stamp they were
 *   computed on (the ledger stamp itself carries the ledger's row count).
 *
 * A stamp is deleted before DuckDB's tables change and written after the change succeeded, each in its own
 * statement: a change cut short (a closed tab, a failure) leaves no stamp, and the next load replays.
 */
import { FACT_TABLES } from '../engine/model';
import { err, ok, type Result } from '../engine/result';
import { ident, lit, type Sql } from './duckdb/port';
import { loadSegments } from './import-service';
import { BET_FACTS_SQL, createTables, createTableSql } from './ledger';
import type { Segment } from './schema';

export type StampKind = 'ledger' | 'analytics' | 'headline';

/** Bump when what the cache holds changes in a way its SQL text does not show. */
const CACHE_FORMAT = 1;

const TABLE = 'bg_cache';

async function sha256Text(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

let schemaHash: Promise<string> | null = null;
/** The hash of the fact tables' DDL and the `bet_facts` derivation (computed once). */
function schemaStamp(): Promise<string> {
  schemaHash ??= sha256Text(
    [`format ${CACHE_FORMAT}`, ...FACT_TABLES.map((t) => createTableSql(t)), BET_FACTS_SQL].join('\n'),
  );
  return schemaHash;
}

/** The ledger stamp for the imports replayed in this order. */
export async function ledgerStamp(importIds: readonly string[]): Promise<string> {
  return `${(await schemaStamp()).slice(0, 16)}:${importIds.join(',')}`;
}

/** The analytics stamp for a ledger and the statements that build the Bets tables over it. */
export async function analyticsStamp(ledger: string, statements: readonly string[]): Promise<string> {
  return sha256Text([ledger, ...statements].join('\n;\n'));
}

async function ensureTable(sql: Sql): Promise<Result<null>> {
  return sql.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (kind VARCHAR PRIMARY KEY, stamp VARCHAR NOT NULL, value VARCHAR)`,
  );
}

/** The stamp stored for `kind` and the value kept with it, or null when there is none. */
export async function readStamped(
  sql: Sql,
  kind: StampKind,
): Promise<Result<{ stamp: string; value: string | null } | null>> {
  const t = await ensureTable(sql);
  if (!t.ok) return t;
  const r = await sql.query<{ stamp: string; value: string | null }>(
    `SELECT stamp, value FROM ${TABLE} WHERE kind = ${lit(kind)}`,
  );
  if (!r.ok) return r;
  const row = r.value[0];
  return ok(row ? { stamp: row.stamp, value: row.value ?? null } : null);
}

/** The stamp stored for `kind`, or null when there is none. */
export async function readStamp(sql: Sql, kind: StampKind): Promise<Result<string | null>> {
  const r = await readStamped(sql, kind);
  return r.ok ? ok(r.value?.stamp ?? null) : r;
}

export async function writeStamp(
  sql: Sql,
  kind: StampKind,
  stamp: string,
  value: string | null = null,
): Promise<Result<null>> {
  const t = await ensureTable(sql);
  if (!t.ok) return t;
  return sql.exec(`INSERT OR REPLACE INTO ${TABLE} VALUES (${lit(kind)}, ${lit(stamp)}, ${lit(value)})`);
}

/** Deletes the stamps of `kinds` (all by default): what the tables hold is about to change. */
export async function clearStamps(
  sql: Sql,
  kinds: readonly StampKind[] = ['ledger', 'analytics', 'headline'],
): Promise<Result<null>> {
  const t = await ensureTable(sql);
  if (!t.ok) return t;
  if (kinds.length === 0) return err('invalid-argument', 'no stamp kinds to clear');
  return sql.exec(`DELETE FROM ${TABLE} WHERE kind IN (${kinds.map((k) => lit(k)).join(', ')})`);
}

/**
 * Drops every table and view DuckDB holds (fact, derived, analytics, staging, and the stamps), for a replay
 * into a persisted database whose stamp does not match: the replay then starts from nothing, as in memory.
 */
export async function dropAllTables(sql: Sql): Promise<Result<null>> {
  const r = await sql.query<{ name: string; kind: string }>(
    `SELECT table_name AS name, table_type AS kind FROM information_schema.tables WHERE table_schema = 'main'`,
  );
  if (!r.ok) return r;
  // Views first (the staging views read the staging tables).
  const views = r.value.filter((t) => t.kind === 'VIEW');
  const tables = r.value.filter((t) => t.kind !== 'VIEW');
  for (const t of [...views, ...tables]) {
    const d = await sql.exec(`DROP ${t.kind === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${ident(t.name)}`);
    if (!d.ok) return d;
  }
  return ok(null);
}

/** The rows in the fact tables. */
export async function rowCount(sql: Sql): Promise<Result<number>> {
  const r = await sql.query<{ n: bigint }>(
    `SELECT (${FACT_TABLES.map((t) => `(SELECT count(*) FROM ${ident(t)})`).join(' + ')}) AS n`,
  );
  return r.ok ? ok(Number(r.value[0]?.n ?? 0)) : r;
}

/** What `restoreLedger` needs of a started DuckDB. */
export interface CacheTarget {
  sql: Sql;
  /** Whether the tables may hold a ledger from an earlier page load. */
  persistent: boolean;
  checkpoint(): Promise<Result<null>>;
}

/**
 * Brings a started DuckDB to the stored ledger, the imports `ids` in order: nothing to do when a persisted
 * database's stamp matches them; else every table is dropped and the stored segments (read only then, by
 * `segments`) are replayed, and the stamp written (a page load, and the rebuild after an undo). Read `ids` before the segments, so a stamp never names an
 * import the replay missed. Returns the ledger's row count (rows in the fact tables) and whether the
 * persisted tables were reused.
 */
export async function restoreLedger(
  target: CacheTarget,
  ids: readonly string[],
  segments: () => AsyncIterable<Segment> | Iterable<Segment>,
  onProgress?: (p: { phase: 'restore'; loaded: number; total: number }) => void,
): Promise<Result<{ rows: number; reused: boolean }>> {
  const { sql } = target;
  const want = await ledgerStamp(ids);
  if (target.persistent) {
    // A stamp that cannot be read (a file from another version) is no match either.
    const have = await readStamped(sql, 'ledger');
    if (have.ok && have.value?.stamp === want) {
      const kept = Number(have.value.value);
      const rows = Number.isSafeInteger(kept) ? ok(kept) : await rowCount(sql);
      return rows.ok ? ok({ rows: rows.value, reused: true }) : rows;
    }
  }
  // From nothing (a fresh database has nothing to drop): dropping is far cheaper than deleting every row.
  const d = await dropAllTables(sql);
  if (!d.ok) return d;
  // Derived tables are built once, after the replay.
  const schema = await createTables(sql);
  if (!schema.ok) return schema;
  onProgress?.({ phase: 'restore', loaded: 0, total: 1 });
  const restored = await loadSegments(sql, segments());
  if (!restored.ok) return restored;
  const rows = await rowCount(sql);
  if (!rows.ok) return rows;
  const w = await writeStamp(sql, 'ledger', want, String(rows.value));
  if (!w.ok) return w;
  // A large replay is folded into the file now, so the next load finds it whole.
  const cp = await target.checkpoint();
  return cp.ok ? ok({ rows: rows.value, reused: false }) : cp;
}
