/**
 * Row shaping for the analytics panels. Rows come back from DuckDB as plain objects whose BIGINT and
 * HUGEINT-cast-to-BIGINT columns are `bigint` (Node and browser adapters) or `number` (rows built by hand
 * in tests); these helpers turn them into checked integer cents, counts, ratios and day strings.
 */
import { centsFromBigInt, type Cents } from '../money';

export type Row = Readonly<Record<string, unknown>>;

/** Integer cents from a BIGINT cell (bigint or number); null and undefined are 0. Throws on a fraction. */
export function toCents(v: unknown): Cents {
  if (typeof v === 'bigint' || typeof v === 'number') return centsFromBigInt(v);
  if (v === null || v === undefined) return centsFromBigInt(0);
  throw new TypeError(`not a money cell: ${String(v)}`);
}

/** A count (BIGINT or INTEGER cell) as a number; null is 0. */
export function toCount(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new TypeError(`not a count: ${String(v)}`);
  return n;
}

/** A DOUBLE cell as a finite number, or null for NULL, NaN and infinities. */
export function toRatio(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A VARCHAR cell, or null. */
export function toText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** A VARCHAR cell that the SQL always fills ('' when the source had nothing). */
export function toLabel(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** ratio a / b, or null when b is 0. */
export function ratioOf(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/**
 * A LIST cell as a plain array. DuckDB's Arrow rows hold lists as Arrow Vectors (with `toArray()`);
 * rows built by hand hold arrays. Panels return one row of lists instead of many rows because turning
 * Arrow rows into objects costs ~10 µs a row, while a list column converts as one typed array.
 */
export function toList(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>);
  const vec = v as { toArray?: () => unknown };
  if (typeof vec.toArray === 'function') {
    const a = vec.toArray();
    return Array.isArray(a) ? a : Array.from(a as ArrayLike<unknown>);
  }
  throw new TypeError('not a list cell');
}

/** A LIST of integers (BIGINT cents or counts) as safe integers; NULL elements are 0. */
export function toIntList(v: unknown): number[] {
  return toList(v).map((x) => {
    if (x === null || x === undefined) return 0;
    const n = Number(x);
    if (!Number.isSafeInteger(n)) throw new TypeError(`not an integer: ${String(x)}`);
    return n;
  });
}

/** A LIST of DOUBLEs; NULL elements are 0. */
export function toNumList(v: unknown): number[] {
  return toList(v).map((x) => (x === null || x === undefined ? 0 : Number(x)));
}

/** A LIST of VARCHARs; NULL elements are ''. */
export function toTextList(v: unknown): string[] {
  return toList(v).map((x) => (x === null || x === undefined ? '' : String(x)));
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01, as `local_day - DATE '1970-01-01'` gives). */
export function dayFromNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
