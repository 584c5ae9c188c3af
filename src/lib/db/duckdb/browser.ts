/**
 * Browser adapter for the `Sql` port: AsyncDuckDB (eh bundle) started inside the data worker from files the
 * app serves itself (no CDN), lazily, once. Extension autoloading is off: the package ships no extensions
 * and fetching them fails offline with misleading errors (PLATFORM-NOTES.md).
 *
 * Only the eh bundle is shipped: every current browser supports WebAssembly exceptions, and the mvp bundle
 * would add 37 MiB to the offline precache.
 *
 * Persistence: DuckDB's own database file lives in the origin private file system (OPFS) as a cache of the
 * ledger, so a page load can answer at once instead of replaying every stored segment. IndexedDB stays the
 * source of truth; `ledger-cache.ts` stamps the file with the imports it holds and the worker replays when
 * the stamp does not match. Only one tab can hold OPFS's exclusive file handles: a Web Lock decides which
 * tab uses the file, and any other tab (or a browser without OPFS or Web Locks) runs DuckDB in memory, as
 * before. A file that cannot be opened (damaged, say) is deleted and created again: it is only a cache.
 */
import {
  AsyncDuckDB,
  DuckDBAccessMode,
  VoidLogger,
  type AsyncDuckDBConnection,
  type InstantiationProgress,
} from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { err, ok, type Result } from '../../engine/result';
import { arrowRowToObject, CONNECTION_SETUP, type Sql, type SqlRow } from './port';

export type LoadProgress = { loadedBytes: number; totalBytes: number };

/** The database file in OPFS (and DuckDB's write-ahead log beside it). */
export const DB_FILE = 'bankroll-guardian.duckdb';
const DB_FILES = [DB_FILE, `${DB_FILE}.wal`];
const LOCK = 'bankroll-guardian-duckdb-file';

/** A started DuckDB: its SQL port, whether its tables persist across page loads, and its lifecycle. */
export interface BrowserEngine {
  sql: Sql;
  /** True when the tables live in the OPFS file (and survive a reload), false when in memory. */
  persistent: boolean;
  /**
   * Writes what DuckDB has buffered out to the file. DuckDB-WASM keeps OPFS writes buffered: measured here,
   * committed rows not followed by a flush (or a checkpoint) were all gone on the next page load.
   */
  flush(): Promise<Result<null>>;
  /** Folds the write-ahead log into the database file and flushes it (a no-op in memory). */
  checkpoint(): Promise<Result<null>>;
  /** Stops DuckDB and, when persistent, deletes its file ("Delete all data"). */
  destroy(): Promise<void>;
  /** Stops DuckDB and lets go of its file, which is kept (a start that failed part-way). */
  close(): Promise<void>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

let releaseLock: (() => void) | null = null;

/**
 * Takes the file's Web Lock for the life of this worker, if no other tab holds it. Resolves to whether it
 * was taken; the lock is released when the worker ends (or by `destroy`). A reload's new worker can ask
 * before the old one has gone, so a held lock is waited for briefly before falling back to memory.
 */
export function takeFileLock(waitMs = 750): Promise<boolean> {
  if (releaseLock) return Promise.resolve(true);
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks || typeof globalThis.FileSystemFileHandle === 'undefined') return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const hold = () => {
      resolve(true);
      return new Promise<void>((release) => (releaseLock = release));
    };
    locks
      .request(LOCK, { ifAvailable: true }, (lock) => {
        if (lock) return hold();
        locks.request(LOCK, { signal: AbortSignal.timeout(waitMs) }, hold).catch(() => resolve(false));
        return undefined;
      })
      .catch(() => resolve(false));
  });
}

async function removeFiles(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for (const name of DB_FILES) await root.removeEntry(name).catch(() => undefined);
}

async function instantiate(onProgress?: (p: LoadProgress) => void): Promise<AsyncDuckDB> {
  const db = new AsyncDuckDB(new VoidLogger(), new Worker(ehWorkerUrl));
  await db.instantiate(ehWasmUrl, null, (p: InstantiationProgress) =>
    onProgress?.({ loadedBytes: p.bytesLoaded, totalBytes: p.bytesTotal }),
  );
  return db;
}

const QUERY_CONFIG = { castBigIntToDouble: false, castDecimalToDouble: false };

/**
 * Opens the OPFS file in `db`; on failure (a damaged file) restarts DuckDB, deletes the file and tries once
 * more. Returns null when the file cannot be used at all (the caller falls back to memory).
 */
async function openFile(db: AsyncDuckDB): Promise<AsyncDuckDB | null> {
  const open = (d: AsyncDuckDB) =>
    d.open({ path: `opfs://${DB_FILE}`, accessMode: DuckDBAccessMode.READ_WRITE, query: QUERY_CONFIG });
  try {
    await open(db);
    return db;
  } catch {
    await db.terminate().catch(() => undefined);
  }
  try {
    await removeFiles();
    const fresh = await instantiate();
    try {
      await open(fresh);
      return fresh;
    } catch {
      await fresh.terminate().catch(() => undefined);
      return null;
    }
  } catch {
    return null;
  }
}

function sqlOf(db: AsyncDuckDB, conn: AsyncDuckDBConnection, version: string): Sql {
  return {
    async query<Row extends SqlRow = SqlRow>(sql: string): Promise<Result<Row[]>> {
      try {
        const t = await conn.query(sql);
        return ok(t.toArray().map((r) => arrowRowToObject(r) as Row));
      } catch (e) {
        return err('db-error', message(e));
      }
    },
    async queryIpc(sql: string): Promise<Result<Uint8Array>> {
      try {
        return ok(tableToIPC(await conn.query(sql), 'stream'));
      } catch (e) {
        return err('db-error', message(e));
      }
    },
    async exec(sql: string): Promise<Result<null>> {
      try {
        await conn.query(sql);
        return ok(null);
      } catch (e) {
        return err('db-error', message(e));
      }
    },
    async insertArrowIpc(table: string, ipc: Uint8Array, create: boolean): Promise<Result<null>> {
      try {
        // duckdb-wasm transfers (detaches) the buffer it is given: hand it a copy.
        await conn.insertArrowFromIPCStream(ipc.slice(), { name: table, create });
        return ok(null);
      } catch (e) {
        return err('db-error', message(e));
      }
    },
    version: () => Promise.resolve(version),
    async connect() {
      const other = await db.connect();
      for (const s of CONNECTION_SETUP) await other.query(s);
      return sqlOf(db, other, version);
    },
  };
}

/**
 * Starts DuckDB: on the OPFS file when `persist` is (or resolves to) true and this tab can have it, else in
 * memory. DuckDB-WASM boots while the file's lock is decided: the boot is most of a page load's wait. A
 * persistent start that fails after opening is the caller's to retry with `persist: false`.
 */
export async function openBrowserEngine(
  onProgress?: (p: LoadProgress) => void,
  opts: { persist?: boolean | Promise<boolean> } = {},
): Promise<BrowserEngine> {
  const booting = instantiate(onProgress);
  // A boot that fails while the lock is awaited is reported when awaited below, not as an unhandled rejection.
  booting.catch(() => undefined);
  const wanted = await opts.persist;
  const locked = wanted !== false ? await takeFileLock() : false;
  let db = await booting;
  let persistent = false;
  if (locked) {
    const opened = await openFile(db);
    if (opened) {
      db = opened;
      persistent = true;
    } else {
      db = await instantiate();
    }
  }
  if (!persistent) await db.open({ query: QUERY_CONFIG });
  const conn = await db.connect();
  for (const s of CONNECTION_SETUP) await conn.query(s);
  const sql = sqlOf(db, conn, await db.getVersion());
  const flush = async (): Promise<Result<null>> => {
    if (!persistent) return ok(null);
    try {
      await db.flushFiles();
      return ok(null);
    } catch (e) {
      return err('db-error', message(e));
    }
  };
  const close = async (): Promise<void> => {
    await conn.close().catch(() => undefined);
    await db.terminate().catch(() => undefined);
  };
  return {
    sql,
    persistent,
    flush,
    async checkpoint() {
      if (!persistent) return ok(null);
      const r = await sql.exec('CHECKPOINT');
      return r.ok ? flush() : r;
    },
    async destroy() {
      await close();
      if (persistent) await removeFiles().catch(() => undefined);
    },
    close,
  };
}
