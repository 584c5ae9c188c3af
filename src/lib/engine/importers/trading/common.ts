/**
 * Cell and column helpers shared by the trading-platform importers: header lookup that survives BOMs,
 * Excel re-saves and French UI headers; number, money and time cells as the platforms write them; and
 * the reject record. Everything here is row-local and pure.
 */
import type { DecimalStyle } from '../../money';
import { parseAmount } from '../../money';
import type { ErrorCode, Result } from '../../result';
import type { DateOrder } from '../../time';
import { cellAt } from '../columns';
import { createInstantReader } from '../instant';
import type { RowReject } from '../types';

/** Lower case, no accents, no BOM, letters and digits only: "Pos. marché." → "posmarche". */
export function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Finds columns by any of several names. An exact (trimmed, BOM-free) match wins, so Tradovate Fills'
 * `_timestamp` (UTC) and `Timestamp` (local) stay apart; otherwise names are compared by `normHeader`,
 * which also drops accents ("Qté" = "Qte"). ../columns.ts `findColumn` cannot do either: it maps
 * `_timestamp` and `Timestamp` to the same name and keeps accents.
 */
export class Columns {
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number>();

  constructor(readonly header: readonly string[]) {
    header.forEach((h, i) => {
      const trimmed = h.replace(/^\uFEFF/, '').trim();
      if (!this.exact.has(trimmed)) this.exact.set(trimmed, i);
      const n = normHeader(h);
      if (!this.loose.has(n)) this.loose.set(n, i);
    });
  }

  /** Index of the first name found, or -1. */
  find(...names: string[]): number {
    for (const n of names) {
      const i = this.exact.get(n);
      if (i !== undefined) return i;
    }
    for (const n of names) {
      const i = this.loose.get(normHeader(n));
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Index of the first name found by exact (trimmed) match only, or -1. */
  findExact(...names: string[]): number {
    for (const n of names) {
      const i = this.exact.get(n);
      if (i !== undefined) return i;
    }
    return -1;
  }

  /** Index of the first header that contains `part` (normalised), or -1 (Rithmic "Update Time (RDT)"). */
  findIncluding(part: string): number {
    const p = normHeader(part);
    return this.header.findIndex((h) => normHeader(h).includes(p));
  }

  has(...names: string[]): boolean {
    return this.find(...names) >= 0;
  }
}

/** Share of signature column groups present (each group lists alternative names). */
export function signatureScore(header: readonly string[], groups: readonly (readonly string[])[]): number {
  const cols = new Columns(header);
  let found = 0;
  for (const g of groups) if (cols.has(...g)) found++;
  return groups.length === 0 ? 0 : found / groups.length;
}

/** The trimmed cell at `i`, or '' when the column is missing or the row is short. */
export function cell(row: readonly string[], i: number): string {
  return cellAt(row, i).trim();
}

function reject(
  line: number,
  row: readonly string[],
  column: string | null,
  code: ErrorCode,
  reason: string,
): RowReject {
  return { line, column, code, reason, raw: row.join(',') };
}

/** Thrown inside a row parser to reject the row; caught by `parseRows`. */
export class RowError extends Error {
  override name = 'RowError';
  constructor(
    readonly code: ErrorCode,
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** Unwraps a Result or rejects the row naming the column. */
function need<T>(r: Result<T>, column: string): T {
  if (r.ok) return r.value;
  throw new RowError(r.error.code, column, `${column}: ${r.error.message ?? r.error.code}`);
}

/** A required non-empty cell. */
export function required(row: readonly string[], i: number, column: string): string {
  const v = cell(row, i);
  if (v === '') throw new RowError('bad-row', column, `${column} is empty`);
  return v;
}

/**
 * Runs a row parser over a slice: each row yields zero or more outputs, or a reject. Bugs (anything but
 * RowError) still throw.
 */
export function parseRows<T>(
  rows: readonly string[][],
  lines: readonly number[],
  one: (row: readonly string[], line: number) => T | null,
): { out: T[]; rejects: RowReject[] } {
  const out: T[] = [];
  const rejects: RowReject[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = lines[r] ?? 0;
    if (row.every((c) => c.trim() === '')) continue;
    try {
      const v = one(row, line);
      if (v !== null) out.push(v);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      rejects.push(reject(line, row, e.column, e.code, e.message));
    }
  }
  return { out, rejects };
}

/**
 * The decimal style a cell shows by itself, else `fallback`: with both separators the later one is the
 * decimal point ("1.234,56", "$1,234.56"); a separator repeated is grouping ("1.234.567"); a single one
 * followed by other than three digits is the decimal point ("39,30 $", "-23.20", "30182.500000000").
 * A single separator before exactly three digits ("1,250") is ambiguous and takes the fallback.
 */
export function cellDecimalStyle(text: string, fallback: DecimalStyle): DecimalStyle {
  const s = text.replace(/[^\d.,]/g, '');
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? 'dot' : 'comma';
  const sep = dot >= 0 ? '.' : comma >= 0 ? ',' : null;
  if (sep === null) return fallback;
  const at = Math.max(dot, comma);
  if (s.indexOf(sep) !== at) return sep === '.' ? 'comma' : 'dot';
  if (s.length - at - 1 !== 3) return sep === '.' ? 'dot' : 'comma';
  return fallback;
}

/** Money cell → integer cents (see parseAmount), with the cell's own decimal style when it shows one. */
export function money(text: string, column: string, fallback: DecimalStyle = 'dot'): number {
  return need(parseAmount(text, cellDecimalStyle(text, fallback)), column);
}

/** Like `money`, but an empty cell is 0. */
export function moneyOrZero(text: string, column: string, fallback: DecimalStyle = 'dot'): number {
  return text === '' ? 0 : money(text, column, fallback);
}

/** Quarter-32nds in CME bond quotes: the third digit of "112'162" is 2 → .25 of a 32nd. */
const QUARTER_32ND: Readonly<Record<string, number>> = { '0': 0, '2': 0.25, '5': 0.5, '7': 0.75 };

/**
 * A price or quantity as a number: "28531.75", "30182.500000000", "20 010,00", "$1,234.5", and bond
 * 32nds "112'16" (= 112.5) or "112'162" (= 112 + 16.25/32). Returns null when it is not a number.
 */
export function parseNumberText(text: string, style: DecimalStyle = 'dot'): number | null {
  let s = text.trim().replace(/[\s\u00A0\u202F$€£]/g, '');
  const bond = /^(-?)(\d+)'(\d{2})(\d?)$/.exec(s);
  if (bond) {
    const quarter = QUARTER_32ND[bond[4] || '0'];
    if (quarter === undefined) return null;
    const value = Number(bond[2]) + (Number(bond[3]) + quarter) / 32;
    return bond[1] === '-' ? -value : value;
  }
  s = cellDecimalStyle(s, style) === 'comma' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function num(text: string, column: string, style: DecimalStyle = 'dot'): number {
  const n = parseNumberText(text, style);
  if (n === null) throw new RowError('bad-number', column, `${column}: “${text}” is not a number`);
  return n;
}

/** A positive whole contract count. */
export function qty(text: string, column: string, style: DecimalStyle = 'dot'): number {
  const n = num(text, column, style);
  if (!Number.isInteger(n) || n <= 0)
    throw new RowError('bad-number', column, `${column}: “${text}” is not a contract count`);
  return n;
}

/** Reads a date-time cell into an ISO UTC instant, or rejects the row naming the column. */
export type InstantReader = (text: string, column: string) => string;

/**
 * A date-time reader for one parse call (it caches zone offsets per local day; see ../instant.ts): a value
 * with its own offset ("-04:00", "Z") uses it, any other is wall-clock time in `zone`.
 */
export function instantReader(order: DateOrder, zone: string): InstantReader {
  const read = createInstantReader(order, zone);
  return (text, column) => {
    const r = read(text);
    if (!r) throw new RowError('bad-date', column, `${column}: “${text}” is not a date and time`);
    return r.iso;
  };
}

/** Compares two numeric ids of any length (fill ids exceed 2^53 in some exports); non-numeric ids as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
