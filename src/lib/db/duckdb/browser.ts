/**
 * Browser adapter for the `Sql` port: AsyncDuckDB (eh bundle) started inside the data worker from files the
 * app serves itself (no CDN), lazily, once. Extension autoloading is off: the package ships no extensions
 * and fetching them fails offline with misleading errors (PLATFORM-NOTES.md).
 *
 * Only the eh bundle is shipped: every current browser supports WebAssembly exceptions, and the mvp bundle
 * would add 37 MiB to the offline precache.
 */
import { AsyncDuckDB, VoidLogger, type InstantiationProgress } from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { err, ok, type Result } from '../../engine/result';
import { arrowRowToObject, CONNECTION_SETUP, type Sql, type SqlRow } from './port';

export type LoadProgress = { loadedBytes: number; totalBytes: number };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function openBrowserSql(onProgress?: (p: LoadProgress) => void): Promise<Sql> {
  const worker = new Worker(ehWorkerUrl);
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  await db.instantiate(ehWasmUrl, null, (p: InstantiationProgress) =>
    onProgress?.({ loadedBytes: p.bytesLoaded, totalBytes: p.bytesTotal }),
  );
  await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: false } });
  const conn = await db.connect();
  for (const s of CONNECTION_SETUP) await conn.query(s);
  const version = await db.getVersion();
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
  };
}
