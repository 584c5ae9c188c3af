/**
 * Node adapter for the `Sql` port: duckdb-wasm's blocking Node bindings (about 1 s to start). Used by
 * Vitest and by the CLI, so SQL is exercised without a browser. Not bundled into the app.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { err, ok, type Result } from '../../engine/result';
import { arrowRowToObject, CONNECTION_SETUP, type Sql, type SqlRow } from './port';

interface BlockingConn {
  query(sql: string): { toArray(): unknown[] };
  insertArrowFromIPCStream(buf: Uint8Array, opts: { name: string; create?: boolean }): void;
  close(): void;
}
interface BlockingDb {
  instantiate(): Promise<unknown>;
  connect(): BlockingConn;
  getVersion(): string;
}

const require = createRequire(import.meta.url);
/**
 * The CommonJS build of apache-arrow, the same module instance the blocking bindings return tables from
 * (an ES-module import would be a second instance, whose `tableToIPC` does not recognise those tables).
 */
const arrow = require('apache-arrow') as { tableToIPC(table: unknown, type: 'stream'): Uint8Array };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Starts an in-memory DuckDB in this Node process. */
export async function openNodeSql(): Promise<Sql> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as {
    createDuckDB(b: unknown, l: unknown, r: unknown): Promise<BlockingDb>;
    NODE_RUNTIME: unknown;
    VoidLogger: new () => unknown;
  };
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  return sqlOn(db);
}

/** A `Sql` on a new connection to `db`. */
function sqlOn(db: BlockingDb): Sql {
  const conn = db.connect();
  for (const s of CONNECTION_SETUP) conn.query(s);
  return {
    query<Row extends SqlRow = SqlRow>(sql: string): Promise<Result<Row[]>> {
      try {
        return Promise.resolve(
          ok(
            conn
              .query(sql)
              .toArray()
              .map((r) => arrowRowToObject(r) as Row),
          ),
        );
      } catch (e) {
        return Promise.resolve(err('db-error', message(e)));
      }
    },
    queryIpc(sql: string): Promise<Result<Uint8Array>> {
      try {
        return Promise.resolve(ok(arrow.tableToIPC(conn.query(sql), 'stream')));
      } catch (e) {
        return Promise.resolve(err('db-error', message(e)));
      }
    },
    exec(sql: string): Promise<Result<null>> {
      try {
        conn.query(sql);
        return Promise.resolve(ok(null));
      } catch (e) {
        return Promise.resolve(err('db-error', message(e)));
      }
    },
    insertArrowIpc(table: string, ipc: Uint8Array, create: boolean): Promise<Result<null>> {
      try {
        conn.insertArrowFromIPCStream(ipc, { name: table, create });
        return Promise.resolve(ok(null));
      } catch (e) {
        return Promise.resolve(err('db-error', message(e)));
      }
    },
    version: () => Promise.resolve(db.getVersion()),
    connect: () => Promise.resolve(sqlOn(db)),
  };
}
