/**
 * Columns built value by value without row objects: UTF-8 bytes with Int32 offsets for text, a Float64Array
 * for numbers, and a per-row "is null" byte for both. A byte-level importer (sportsbet-fast.ts) appends
 * byte ranges of the file straight into text columns; the db layer turns a finished chunk into Arrow
 * (`columnsToIpc` in db/arrow.ts) with the layout `rowsToIpc` writes for row objects.
 */
import type { FactTable } from '../model';
import { TABLES } from '../model';

export interface TextColumn {
  kind: 'text';
  /** Exactly the bytes of the values, concatenated (no spare capacity). */
  bytes: Uint8Array;
  /** rows + 1 offsets into `bytes`; a null value has no bytes. */
  offsets: Int32Array;
  isNull: Uint8Array;
  nulls: number;
}

export interface NumberColumn {
  kind: 'number';
  /** One value per row (0 where null); timestamps as epoch milliseconds, NaN where null. */
  values: Float64Array;
  isNull: Uint8Array;
  nulls: number;
}

export type BuiltColumn = TextColumn | NumberColumn;

/** Rows of one fact table, one column per `TABLES[table]` entry in that order. */
export interface ColumnChunk {
  table: FactTable;
  rows: number;
  columns: BuiltColumn[];
}

const encoder = new TextEncoder();

export class TextBuilder {
  bytes: Uint8Array;
  len = 0;
  offsets: Int32Array;
  isNull: Uint8Array;
  nulls = 0;
  n = 0;

  constructor(capacity: number, bytesPerRow = 16) {
    this.bytes = new Uint8Array(Math.max(64, capacity * bytesPerRow));
    this.offsets = new Int32Array(capacity + 1);
    this.isNull = new Uint8Array(capacity);
  }

  private grow(extra: number): void {
    let size = this.bytes.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.len));
    this.bytes = next;
  }

  /** Appends bytes [start, end) of `src` as one value. */
  range(src: Uint8Array, start: number, end: number): void {
    const k = end - start;
    if (this.len + k > this.bytes.length) this.grow(k);
    const out = this.bytes;
    let p = this.len;
    if (k > 32) out.set(src.subarray(start, end), p);
    else for (let i = start; i < end; i++) out[p++] = src[i]!;
    this.len += k;
    this.offsets[++this.n] = this.len;
  }

  /** Appends `prefix` then bytes [start, end) of `src` as one value. */
  prefixed(prefix: Uint8Array, src: Uint8Array, start: number, end: number): void {
    const k = prefix.length + end - start;
    if (this.len + k > this.bytes.length) this.grow(k);
    const out = this.bytes;
    let p = this.len;
    for (let i = 0; i < prefix.length; i++) out[p++] = prefix[i]!;
    for (let i = start; i < end; i++) out[p++] = src[i]!;
    this.len = p;
    this.offsets[++this.n] = p;
  }

  /** Appends byte ranges of `src` joined with " / " as one value. */
  joined(src: Uint8Array, parts: readonly { start: number; len: number }[]): void {
    let k = 3 * (parts.length - 1);
    for (const part of parts) k += part.len;
    if (this.len + k > this.bytes.length) this.grow(k);
    const out = this.bytes;
    let p = this.len;
    for (let j = 0; j < parts.length; j++) {
      if (j > 0) {
        out[p++] = 32;
        out[p++] = 47;
        out[p++] = 32;
      }
      const { start, len } = parts[j]!;
      for (let i = start; i < start + len; i++) out[p++] = src[i]!;
    }
    this.len = p;
    this.offsets[++this.n] = p;
  }

  /** Appends a string known to be ASCII. */
  ascii(s: string): void {
    const k = s.length;
    if (this.len + k > this.bytes.length) this.grow(k);
    const out = this.bytes;
    let p = this.len;
    for (let i = 0; i < k; i++) out[p++] = s.charCodeAt(i);
    this.len = p;
    this.offsets[++this.n] = p;
  }

  /** Appends any string (UTF-8 encoded), or a null for null and undefined. */
  text(s: string | null | undefined): void {
    if (s === null || s === undefined) {
      this.null();
      return;
    }
    const max = s.length * 3;
    if (this.len + max > this.bytes.length) this.grow(max);
    this.len += encoder.encodeInto(s, this.bytes.subarray(this.len)).written;
    this.offsets[++this.n] = this.len;
  }

  null(): void {
    this.isNull[this.n] = 1;
    this.nulls++;
    this.offsets[this.n + 1] = this.len;
    this.n++;
  }

  finish(): TextColumn {
    const n = this.n;
    return {
      kind: 'text',
      bytes: this.bytes.slice(0, this.len),
      offsets: this.offsets.slice(0, n + 1),
      isNull: this.isNull.slice(0, n),
      nulls: this.nulls,
    };
  }
}

export class NumberBuilder {
  values: Float64Array;
  isNull: Uint8Array;
  nulls = 0;
  n = 0;

  constructor(
    capacity: number,
    private readonly nullValue = 0,
  ) {
    this.values = new Float64Array(capacity);
    this.isNull = new Uint8Array(capacity);
  }

  push(v: number): void {
    this.values[this.n++] = v;
  }

  null(): void {
    this.isNull[this.n] = 1;
    this.values[this.n] = this.nullValue;
    this.nulls++;
    this.n++;
  }

  finish(): NumberColumn {
    const n = this.n;
    return {
      kind: 'number',
      values: this.values.slice(0, n),
      isNull: this.isNull.slice(0, n),
      nulls: this.nulls,
    };
  }
}

/** Builders for every column of a table, in `TABLES` order (timestamps hold NaN where null). */
export function tableBuilders(table: FactTable, capacity: number): (TextBuilder | NumberBuilder)[] {
  return TABLES[table].map((spec) =>
    spec.type === 'text'
      ? new TextBuilder(capacity)
      : new NumberBuilder(capacity, spec.type === 'timestamp' ? Number.NaN : 0),
  );
}
