/**
 * Rows → Arrow IPC stream bytes, column by column, following the engine's `TABLES` layout. This is how
 * fact rows travel to DuckDB (insertArrowFromIPCStream) and how they are stored in IndexedDB: one columnar
 * segment per import and table instead of one IndexedDB record per row (see docs/ARCHITECTURE.md).
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
  let cap = 64;
  for (let i = 0; i < n; i++) cap += (values[i]?.length ?? 0) * 3;
  let bytes = new Uint8Array(cap);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s) {
      const r = encoder.encodeInto(s, bytes.subarray(pos));
      pos += r.written;
    }
    offsets[i + 1] = pos;
  }
  bytes = bytes.slice(0, pos);
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
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = get(i);
        if (typeof v === 'number') data[i] = BigInt(v);
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
      for (let i = 0; i < n; i++) {
        const v = get(i);
        data[i] = isTs ? (typeof v === 'string' ? Date.parse(v) : Number.NaN) : typeof v === 'number' ? v : 0;
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

/** Encodes fact rows as one Arrow IPC stream (with an `_ord` column 0..n-1). */
export function rowsToIpc<T extends FactTable>(table: T, rows: readonly FactRows[T][]): Uint8Array {
  const cols: Record<string, Vector> = {};
  const objs = rows as unknown as readonly Record<string, unknown>[];
  for (const spec of TABLES[table]) cols[arrowName(spec)] = columnVector(spec, objs);
  const ord = new Int32Array(rows.length);
  for (let i = 0; i < ord.length; i++) ord[i] = i;
  cols[ORD] = makeVector(ord);
  return tableToIPC(new Table(cols), 'stream');
}
