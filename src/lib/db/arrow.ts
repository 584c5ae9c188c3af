/**
 * Rows → Arrow IPC stream bytes, column by column, following the engine's `TABLES` layout. This is how
 * fact rows travel to DuckDB (insertArrowFromIPCStream) and how they are stored in IndexedDB: columnar
 * segments per import and table (chunks of at most SEGMENT_ROWS) instead of one IndexedDB record per row
 * (see docs/ARCHITECTURE.md).
 *
 * Timestamps travel as Float64 epoch milliseconds (`<name>_ms`) and are converted in SQL, which avoids
 * Arrow-JS timestamp unit pitfalls; money travels as Int64 (exact).
 */
import {
  Bool,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
} from 'apache-arrow';
import type { ColumnSpec, FactRows, FactTable } from '../engine/model';
import { TABLES } from '../engine/model';

/** Extra column carrying each row's position in its batch, used to pick changed rows after a diff. */
export const ORD = '_ord';

function validity(
  n: number,
  isNull: (i: number) => boolean,
): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap: nulls === 0 ? undefined : bitmap, nulls };
}

const encoder = new TextEncoder();

function utf8Vector(values: readonly (string | null | undefined)[]): Vector {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  // Sized for mostly-ASCII text and grown when a value does not fit: sizing for the UTF-8 worst case (3
  // bytes per UTF-16 unit) allocated hundreds of MB for a 700k-row file and stalled the worker in GC.
  let chars = 0;
  for (let i = 0; i < n; i++) chars += values[i]?.length ?? 0;
  let bytes = new Uint8Array(Math.ceil(chars * 1.1) + 64);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s) {
      let r = encoder.encodeInto(s, bytes.subarray(pos));
      while (r.read < s.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, pos + s.length * 3));
        grown.set(bytes.subarray(0, pos));
        bytes = grown;
        r = encoder.encodeInto(s, bytes.subarray(pos));
      }
      pos += r.written;
    }
    offsets[i + 1] = pos;
  }
  bytes = bytes.subarray(0, pos);
  const { bitmap, nulls } = validity(n, (i) => values[i] === null || values[i] === undefined);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: nulls,
      nullBitmap: bitmap,
      valueOffsets: offsets,
      data: bytes,
    }),
  );
}

function columnVector(spec: ColumnSpec, rows: readonly Record<string, unknown>[]): Vector {
  const n = rows.length;
  const get = (i: number): unknown => rows[i]![spec.field];
  switch (spec.type) {
    case 'text':
      return utf8Vector(rows.map((r) => r[spec.field] as string | null));
    case 'bigint': {
      // Written as two 32-bit halves (little-endian, as Arrow's buffers are): a BigInt per value costs an
      // allocation each, which at 700k rows and two money columns is measurable. Cents are safe integers.
      const data = new BigInt64Array(n);
      const halves = new Int32Array(data.buffer);
      for (let i = 0; i < n; i++) {
        const v = get(i);
        if (typeof v !== 'number') continue;
        const hi = Math.floor(v / 4294967296);
        halves[2 * i] = (v - hi * 4294967296) | 0;
        halves[2 * i + 1] = hi | 0;
      }
      const { bitmap, nulls } = validity(n, (i) => typeof get(i) !== 'number');
      return makeVector(
        makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'int': {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) data[i] = (get(i) as number | null) ?? 0;
      const { bitmap, nulls } = validity(n, (i) => typeof get(i) !== 'number');
      return makeVector(
        makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'double':
    case 'timestamp': {
      const data = new Float64Array(n);
      const isTs = spec.type === 'timestamp';
      // Consecutive rows often share a time (a bet's rows, exports written to the minute).
      let lastText = '';
      let lastMs = Number.NaN;
      for (let i = 0; i < n; i++) {
        const v = get(i);
        if (!isTs) data[i] = typeof v === 'number' ? v : 0;
        else if (typeof v !== 'string') data[i] = Number.NaN;
        else {
          if (v !== lastText) {
            lastText = v;
            lastMs = Date.parse(v);
          }
          data[i] = lastMs;
        }
      }
      const { bitmap, nulls } = validity(n, (i) =>
        isTs ? Number.isNaN(data[i]) : typeof get(i) !== 'number',
      );
      return makeVector(
        makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'bool': {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (get(i) === true) data[i >> 3]! |= 1 << (i & 7);
      const { bitmap, nulls } = validity(n, (i) => typeof get(i) !== 'boolean');
      return makeVector(
        makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
  }
}

/** The Arrow column name of a spec: timestamps carry their unit. */
export function arrowName(spec: ColumnSpec): string {
  return spec.type === 'timestamp' ? `${spec.name}_ms` : spec.name;
}

/**
 * Rows per stored segment. Chromium refuses an IndexedDB value over about 127 MiB ("The serialized keys
 * and/or value are too large"); 100k Sportsbet ledger rows, Summary text included, are about 35 MB.
 */
export const SEGMENT_ROWS = 100_000;

/** Encodes fact rows as one Arrow IPC stream, with an `_ord` column counting from `ordBase`. */
export function rowsToIpc<T extends FactTable>(
  table: T,
  rows: readonly FactRows[T][],
  ordBase = 0,
): Uint8Array {
  const cols: Record<string, Vector> = {};
  const objs = rows as unknown as readonly Record<string, unknown>[];
  for (const spec of TABLES[table]) cols[arrowName(spec)] = columnVector(spec, objs);
  const ord = new Int32Array(rows.length);
  for (let i = 0; i < ord.length; i++) ord[i] = ordBase + i;
  cols[ORD] = makeVector(ord);
  return tableToIPC(new Table(cols), 'stream');
}

/** Encodes rows as IPC streams of at most `maxRows` rows each, `_ord` counting across them. */
export function rowsToIpcChunks<T extends FactTable>(
  table: T,
  rows: readonly FactRows[T][],
  maxRows = SEGMENT_ROWS,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let from = 0; from < rows.length; from += maxRows)
    out.push(rowsToIpc(table, rows.slice(from, from + maxRows), from));
  return out;
}

/** How many rows each of the chunks `rowsToIpcChunks` makes of `n` rows holds. */
export function chunkSizes(n: number, maxRows = SEGMENT_ROWS): number[] {
  const sizes: number[] = [];
  for (let from = 0; from < n; from += maxRows) sizes.push(Math.min(maxRows, n - from));
  return sizes;
}
