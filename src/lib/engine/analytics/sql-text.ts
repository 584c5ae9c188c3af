/**
 * SQL text helpers: the one place SQL literals and identifiers are quoted (the db layer re-exports `lit`
 * and `ident` from `db/duckdb/port.ts`). Every value a user can influence (filter values from the URL, a
 * bet key, a search text) reaches SQL only through `lit`.
 */

/** Quotes a value as a SQL literal: strings with doubled single quotes, finite numbers, TRUE/FALSE, NULL. */
export function lit(v: string | number | bigint | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replace(/'/g, "''")}'`;
}

/** Quotes an identifier (a column or table name). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written "YYYY-MM-DD" (2024-02-30 is not one). */
export function isDayKey(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** A DATE literal for a "YYYY-MM-DD" day; throws on anything else (callers validate user input first). */
export function dayLit(day: string): string {
  if (!isDayKey(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return `DATE '${day}'`;
}

/** The day `n` days after `day` (negative n goes back), both "YYYY-MM-DD". */
export function addDays(day: string, n: number): string {
  if (!isDayKey(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
