/**
 * One SQL interface, two adapters: `browser.ts` (AsyncDuckDB inside the data worker) and `node.ts`
 * (duckdb-wasm's blocking Node bindings, for Vitest and the CLI). Everything above this file talks to `Sql`,
 * so the same SQL is unit-tested in Node and run in the browser.
 *
 * Rows come back as plain objects. BIGINT columns arrive as `bigint`: convert money with
 * `centsFromBigInt` and never enable DuckDB's cast-to-double options.
 */
import { ok, type Result } from '../../engine/result';

export type SqlValue = string | number | bigint | boolean | null;
export type SqlRow = Record<string, unknown>;

export interface Sql {
  /** Runs a statement and returns its rows as plain objects. */
  query<Row extends SqlRow = SqlRow>(sql: string): Promise<Result<Row[]>>;
  /** Runs statements for their effect. */
  exec(sql: string): Promise<Result<null>>;
  /** Runs a query and returns its result as Arrow IPC stream bytes (the segment format, see arrow.ts). */
  queryIpc(sql: string): Promise<Result<Uint8Array>>;
  /** Appends (or creates) a table from Arrow IPC stream bytes. */
  insertArrowIpc(table: string, ipc: Uint8Array, create: boolean): Promise<Result<null>>;
  /** DuckDB's version string, e.g. "v1.4.3". */
  version(): Promise<string>;
  /**
   * Another connection to the same database, with its own transactions and `TEMP` tables: the import
   * pipeline works in one so that the rows it applies before the user confirms stay invisible to the
   * page's queries until they are committed.
   */
  connect(): Promise<Sql>;
}

/** Runs statements in order, stopping at the first failure. */
export async function execAll(sql: Sql, statements: readonly string[]): Promise<Result<null>> {
  for (const s of statements) {
    const r = await sql.exec(s);
    if (!r.ok) return r;
  }
  return ok(null);
}

/** SQL quoting lives in the engine (the analytics builders need it too); re-exported for the db layer. */
export { ident, lit } from '../../engine/analytics/sql-text';

/** Turns one Arrow row (from any apache-arrow build) into a plain object, keeping bigint as bigint. */
export function arrowRowToObject(row: unknown): SqlRow {
  const r = row as { toJSON?: () => SqlRow } | null;
  if (r && typeof r.toJSON === 'function') return { ...r.toJSON() };
  return { ...(row as SqlRow) };
}

/** Settings every connection gets: no extension downloads (offline), and no implicit casts of money. */
export const CONNECTION_SETUP = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];
