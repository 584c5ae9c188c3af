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
  DataType,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  RecordBatchStreamReader,
  Table,
  tableFromIPC,
  TimestampMillisecond,
  tableToIPC,
  Utf8,
  type Vector,
} from 'apache-arrow';
import type { BuiltColumn, ColumnChunk } from '../engine/importers/column-builder';
import type { ColumnSpec, FactRows, FactTable } from '../engine/model';
import { TABLES } from '../engine/model';

/** Extra column carrying each row's position in its batch, used to pick changed rows after a diff. */
export const ORD = '_ord';

/** A validity bitmap from a per-row "is null" byte array; undefined when no value is null. */
function validityOf(isNull: Uint8Array, nulls: number): Uint8Array | undefined {
  if (nulls === 0) return undefined;
  const n = isNull.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (isNull[i] === 0) bitmap[i >> 3]! |= 1 << (i & 7);
  return bitmap;
}

const encoder = new TextEncoder();

/**
 * A UTF-8 column. The values are joined into one string and encoded by one native call; when the text is
 * all ASCII (the encoded length equals the string length) each value's byte length is its string length,
 * so the offsets come from lengths alone. Encoding value by value (a call and a view per value, or a
 * char loop that walks concatenated strings) cost ~300 ns a value, most of a 700k-row file's encoding.
 * Text with other characters is encoded value by value.
 */
function utf8Vector(values: readonly (string | null | undefined)[]): Vector {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const isNull = new Uint8Array(n);
  let nulls = 0;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      isNull[i] = 1;
      nulls++;
    } else chars += v.length;
    offsets[i + 1] = chars;
  }
  // join writes null and undefined as ''.
  let bytes: Uint8Array = encoder.encode(values.join(''));
  if (bytes.length !== chars) {
    bytes = new Uint8Array(bytes.length);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v) pos += encoder.encodeInto(v, bytes.subarray(pos)).written;
      offsets[i + 1] = pos;
    }
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: nulls,
      nullBitmap: validityOf(isNull, nulls),
      valueOffsets: offsets,
      data: bytes,
    }),
  );
}

/**
 * Each column's values, in `TABLES` order. The ledger's big tables are read by one pass over the rows with
 * every field named in code: reading `row[field]` column by column visited each row object once per
 * column, through a property load that saw every field name (~140 ms per 100k Sportsbet rows, against ~30).
 * `arrow.test.ts` holds each of these equal to the generic read, which serves every other table.
 */
const READ_COLUMNS: { [T in FactTable]?: (rows: readonly FactRows[T][]) => unknown[][] } = {
  book_txns: (rows) => {
    const n = rows.length;
    const cols = Array.from({ length: 17 }, () => new Array<unknown>(n));
    const [key, venue, betKey, at, tz, kind, amount, balance, betType, event, market, selection, odds] = cols;
    const [result, sport, description, line] = cols.slice(13);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      key![i] = r.key;
      venue![i] = r.venue;
      betKey![i] = r.betKey;
      at![i] = r.at;
      tz![i] = r.tz;
      kind![i] = r.kind;
      amount![i] = r.amountCents;
      balance![i] = r.balanceCents;
      betType![i] = r.betType;
      event![i] = r.event;
      market![i] = r.market;
      selection![i] = r.selection;
      odds![i] = r.oddsDecimal;
      result![i] = r.result;
      sport![i] = r.sport;
      description![i] = r.description;
      line![i] = r.line;
    }
    return cols;
  },
  bet_legs: (rows) => {
    const n = rows.length;
    const cols = Array.from({ length: 12 }, () => new Array<unknown>(n));
    const [key, betKey, venue, legIndex, event, market, selection, odds, result, sport, comp, line] = cols;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      key![i] = r.key;
      betKey![i] = r.betKey;
      venue![i] = r.venue;
      legIndex![i] = r.legIndex;
      event![i] = r.event;
      market![i] = r.market;
      selection![i] = r.selection;
      odds![i] = r.oddsDecimal;
      result![i] = r.result;
      sport![i] = r.sport;
      comp![i] = r.competition;
      line![i] = r.line;
    }
    return cols;
  },
};

/** Each column's values in `TABLES` order, read field by field (any table). */
export function readColumnsGeneric<T extends FactTable>(table: T, rows: readonly FactRows[T][]): unknown[][] {
  const objs = rows as unknown as readonly Record<string, unknown>[];
  return TABLES[table].map((spec) => {
    const values = new Array<unknown>(objs.length);
    for (let i = 0; i < objs.length; i++) values[i] = objs[i]![spec.field];
    return values;
  });
}

/** Each column's values in `TABLES` order. */
export function readColumns<T extends FactTable>(table: T, rows: readonly FactRows[T][]): unknown[][] {
  const read = READ_COLUMNS[table] as ((rows: readonly FactRows[T][]) => unknown[][]) | undefined;
  const cols = read?.(rows);
  return cols && cols.length === TABLES[table].length ? cols : readColumnsGeneric(table, rows);
}

function columnVector(spec: ColumnSpec, values: readonly unknown[]): Vector {
  const n = values.length;
  if (spec.type === 'text') return utf8Vector(values as (string | null)[]);
  const isNull = new Uint8Array(n);
  let nulls = 0;
  switch (spec.type) {
    case 'bigint': {
      // Written as two 32-bit halves (little-endian, as Arrow's buffers are): a BigInt per value costs an
      // allocation each, which at 700k rows and two money columns is measurable. Cents are safe integers.
      const data = new BigInt64Array(n);
      const halves = new Int32Array(data.buffer);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v !== 'number') {
          isNull[i] = 1;
          nulls++;
          continue;
        }
        const hi = Math.floor(v / 4294967296);
        halves[2 * i] = (v - hi * 4294967296) | 0;
        halves[2 * i + 1] = hi | 0;
      }
      const bitmap = validityOf(isNull, nulls);
      return makeVector(
        makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'int': {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'number') data[i] = v;
        else {
          isNull[i] = 1;
          nulls++;
        }
      }
      const bitmap = validityOf(isNull, nulls);
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
        const v = values[i];
        let x: number;
        if (!isTs) x = typeof v === 'number' ? v : Number.NaN;
        else if (typeof v !== 'string') x = Number.NaN;
        else {
          if (v !== lastText) {
            lastText = v;
            lastMs = Date.parse(v);
          }
          x = lastMs;
        }
        if ((isTs && Number.isNaN(x)) || (!isTs && typeof v !== 'number')) {
          isNull[i] = 1;
          nulls++;
          data[i] = isTs ? Number.NaN : 0;
        } else data[i] = x;
      }
      const bitmap = validityOf(isNull, nulls);
      return makeVector(
        makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: bitmap, data }),
      );
    }
    case 'bool': {
      const data = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === true) data[i >> 3]! |= 1 << (i & 7);
        else if (v !== false) {
          isNull[i] = 1;
          nulls++;
        }
      }
      const bitmap = validityOf(isNull, nulls);
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
  const values = readColumns(table, rows);
  TABLES[table].forEach((spec, c) => (cols[arrowName(spec)] = columnVector(spec, values[c]!)));
  const ord = new Int32Array(rows.length);
  for (let i = 0; i < ord.length; i++) ord[i] = ordBase + i;
  cols[ORD] = makeVector(ord);
  return tableToIPC(new Table(cols), 'stream');
}

/**
 * One built column as the vector `columnVector` makes from the same values: the same buffers (validity
 * only when a value is null, Int64 written as two halves, nulls as 0, or NaN for timestamps), so the IPC
 * bytes are identical.
 */
function builtVector(spec: ColumnSpec, col: BuiltColumn, n: number): Vector {
  const nullBitmap = validityOf(col.isNull, col.nulls);
  const nullCount = col.nulls;
  if (col.kind === 'text') {
    if (spec.type !== 'text') throw new Error(`column ${spec.name} is not text`);
    const data = makeData({
      type: new Utf8(),
      length: n,
      nullCount,
      nullBitmap,
      valueOffsets: col.offsets,
      data: col.bytes,
    });
    return makeVector(data);
  }
  const v = col.values;
  switch (spec.type) {
    case 'bigint': {
      const data = new BigInt64Array(n);
      const halves = new Int32Array(data.buffer);
      for (let i = 0; i < n; i++) {
        if (col.isNull[i]) continue;
        const x = v[i]!;
        const hi = Math.floor(x / 4294967296);
        halves[2 * i] = (x - hi * 4294967296) | 0;
        halves[2 * i + 1] = hi | 0;
      }
      return makeVector(makeData({ type: new Int64(), length: n, nullCount, nullBitmap, data }));
    }
    case 'int': {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) if (!col.isNull[i]) data[i] = v[i]!;
      return makeVector(makeData({ type: new Int32(), length: n, nullCount, nullBitmap, data }));
    }
    case 'double':
    case 'timestamp': {
      const data = new Float64Array(n);
      const nullValue = spec.type === 'timestamp' ? Number.NaN : 0;
      for (let i = 0; i < n; i++) data[i] = col.isNull[i] ? nullValue : v[i]!;
      return makeVector(makeData({ type: new Float64(), length: n, nullCount, nullBitmap, data }));
    }
    default:
      throw new Error(`column ${spec.name}: ${spec.type} columns are not built`);
  }
}

/**
 * Encodes a chunk of built columns (engine/importers/column-builder.ts) as one Arrow IPC stream, byte for
 * byte what `rowsToIpc` writes for the same rows, with an `_ord` column counting from `ordBase`.
 */
export function columnsToIpc(chunk: ColumnChunk, ordBase = 0): Uint8Array {
  const specs = TABLES[chunk.table];
  if (chunk.columns.length !== specs.length) throw new Error(`${chunk.table}: wrong column count`);
  const cols: Record<string, Vector> = {};
  specs.forEach((spec, c) => (cols[arrowName(spec)] = builtVector(spec, chunk.columns[c]!, chunk.rows)));
  const ord = new Int32Array(chunk.rows);
  for (let i = 0; i < ord.length; i++) ord[i] = ordBase + i;
  cols[ORD] = makeVector(ord);
  return tableToIPC(new Table(cols), 'stream');
}

/**
 * A batch chunk (`rowsToIpc`, `columnsToIpc`) in the table's own layout: its columns in `TABLES` order
 * under their SQL names, timestamps as Arrow millisecond timestamps, no `_ord`. DuckDB appends such a
 * stream to the table itself, converting each value once; staging it first and then inserting from the
 * stage cost twice as much (at 754k Sportsbet rows, about 1.6 s against 3.1 s for eight columns). The
 * buffers are reused as they are, except the timestamps'.
 */
export function ipcInTableLayout(table: FactTable, ipc: Uint8Array): Uint8Array {
  const batch = tableFromIPC(ipc);
  const cols: Record<string, Vector> = {};
  for (const spec of TABLES[table]) {
    const v = batch.getChild(arrowName(spec));
    if (!v) throw new Error(`${table}: no column ${arrowName(spec)}`);
    cols[spec.name] = spec.type === 'timestamp' ? millisecondVector(v) : v;
  }
  return tableToIPC(new Table(cols), 'stream');
}

/** Epoch-millisecond doubles (integers, NaN where null) as an Arrow millisecond timestamp vector. */
function millisecondVector(v: Vector): Vector {
  const n = v.length;
  const ms = new BigInt64Array(n);
  const halves = new Int32Array(ms.buffer);
  let offset = 0;
  for (const d of v.data) {
    const values = d.values as Float64Array;
    for (let i = 0; i < d.length; i++) {
      const x = values[i]!;
      if (!Number.isFinite(x)) continue;
      const hi = Math.floor(x / 4294967296);
      halves[2 * (offset + i)] = (x - hi * 4294967296) | 0;
      halves[2 * (offset + i) + 1] = hi | 0;
    }
    offset += d.length;
  }
  const bitmap =
    v.nullCount > 0
      ? validityOf(
          Uint8Array.from({ length: n }, (_, i) => (v.isValid(i) ? 0 : 1)),
          v.nullCount,
        )
      : undefined;
  return makeVector(
    makeData({
      type: new TimestampMillisecond(),
      length: n,
      nullCount: v.nullCount,
      nullBitmap: bitmap,
      data: ms,
    }),
  );
}

/** DuckDB's type for each Arrow column `rowsToIpc` writes (timestamps travel as epoch-ms doubles). */
const STAGE_SQL_TYPE = {
  text: 'VARCHAR',
  bigint: 'BIGINT',
  int: 'INTEGER',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'DOUBLE',
} as const;

/** The columns (Arrow name and DuckDB type) of the IPC streams `rowsToIpc` writes for a table, in order. */
export function ipcLayout(table: FactTable): { name: string; sqlType: string }[] {
  return [
    ...TABLES[table].map((spec) => ({ name: arrowName(spec), sqlType: STAGE_SQL_TYPE[spec.type] })),
    { name: ORD, sqlType: 'INTEGER' },
  ];
}

const sqlTypeOf = (t: DataType): string | null =>
  DataType.isUtf8(t)
    ? 'VARCHAR'
    : DataType.isBool(t)
      ? 'BOOLEAN'
      : DataType.isFloat(t) && t.precision === 2
        ? 'DOUBLE'
        : DataType.isInt(t) && t.isSigned && t.bitWidth === 64
          ? 'BIGINT'
          : DataType.isInt(t) && t.isSigned && t.bitWidth === 32
            ? 'INTEGER'
            : null;

/**
 * True when an IPC stream has exactly the columns `ipcLayout` names, in that order and with those types
 * (read from the stream's schema message only). A stage table made from the layout can then take the
 * stream's rows by position; a segment stored by an older layout cannot.
 */
export function hasIpcLayout(table: FactTable, ipc: Uint8Array): boolean {
  let fields: { name: string; type: DataType }[];
  try {
    const reader = RecordBatchStreamReader.from(ipc);
    reader.open();
    fields = reader.schema.fields;
  } catch {
    return false;
  }
  const want = ipcLayout(table);
  return (
    fields.length === want.length &&
    fields.every((f, i) => f.name === want[i]!.name && sqlTypeOf(f.type) === want[i]!.sqlType)
  );
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
