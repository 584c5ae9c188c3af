/**
 * Money as exact integer cents. Every amount the app stores, sums or compares is a `Cents`:
 * 123.45 dollars is 12345. Parsing understands the ways exports write amounts; formatting for people
 * happens in the UI through `formatCents` (Intl.NumberFormat), never by string arithmetic.
 */
import type { Result } from './result';
import { err, ok } from './result';

export type Cents = number & { readonly __unit: 'cents' };

/** Largest magnitude accepted: ±2^51 cents keeps every sum of a few thousand amounts exact in a double. */
export const MAX_CENTS = 2 ** 51;

export class CentsRangeError extends Error {
  override name = 'CentsRangeError';
}

/** Makes a Cents from an integer; throws on a fraction, NaN or a magnitude beyond ±2^51 (a bug, not bad input). */
export function cents(n: number): Cents {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_CENTS) throw new CentsRangeError(`not integer cents: ${n}`);
  return (n === 0 ? 0 : n) as Cents; // normalise -0
}

/** Converts a DuckDB BIGINT (or HUGEINT narrowed by a ::BIGINT cast) to Cents, checked. */
export function centsFromBigInt(v: bigint | number | null | undefined): Cents {
  if (v === null || v === undefined) return cents(0);
  if (typeof v === 'number') return cents(v);
  if (v > BigInt(MAX_CENTS) || v < -BigInt(MAX_CENTS)) throw new CentsRangeError(`out of range: ${v}`);
  return cents(Number(v));
}

export function addCents(a: Cents, b: Cents): Cents {
  return cents(a + b);
}

export function sumCents(xs: Iterable<number>): Cents {
  let s = 0;
  for (const x of xs) s += x;
  return cents(s);
}

/** How a file writes decimals: "1,234.56" (dot) or "1.234,56" (comma). */
export type DecimalStyle = 'dot' | 'comma';

const MINUS_SIGNS = /[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g;
const SPACES = /[\s\u00A0\u202F\u2009']/g;
const CURRENCY = /(?:US\$|AU\$|A\$|C\$|NZ\$|\$|€|£|¥|₹|AUD|USD|EUR|GBP|CAD|NZD|CHF|JPY)/gi;

/**
 * Parses an amount as exports write it into exact integer cents: "$(1,234.50)", "-5", "1.234,56" (comma
 * style), "(23,20)", "12.50-", "−3" (U+2212), "39,30 $", "+1,200.00", "-$18.98", "CR 12.00"/"12.00 DR".
 * Amounts with more than two decimals are rounded half-even to the cent (some platforms write 4 places).
 * Returns 'bad-amount' for anything else, never NaN.
 */
export function parseAmount(text: string, style: DecimalStyle = 'dot'): Result<Cents> {
  let s = text.trim();
  if (s === '') return err('bad-amount', 'empty');
  let negative = false;
  s = s.replace(MINUS_SIGNS, '-');
  const crdr = /^(CR|DR)\b|\b(CR|DR)$/i.exec(s);
  if (crdr) {
    negative = (crdr[1] ?? crdr[2] ?? '').toUpperCase() === 'DR';
    s = s.replace(/^(CR|DR)\b|\b(CR|DR)$/i, '').trim();
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = !negative;
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY, '').replace(SPACES, '');
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = !negative;
    s = s.slice(1, -1);
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  // Currency may sit between the sign and the digits ("-$18.98") and was removed above.
  const decimalSep = style === 'dot' ? '.' : ',';
  const groupSep = style === 'dot' ? ',' : '.';
  const groupOk = new RegExp(`^\\d{1,3}(\\${groupSep}\\d{3})+(\\${decimalSep}\\d+)?$`);
  const plainOk = new RegExp(`^(\\d+)?(\\${decimalSep}\\d*)?$`);
  let intPart: string;
  let fracPart: string;
  if (groupOk.test(s)) {
    const [i, f] = s.split(decimalSep);
    intPart = (i ?? '').split(groupSep).join('');
    fracPart = f ?? '';
  } else if (plainOk.test(s) && s !== '' && s !== decimalSep) {
    const [i, f] = s.split(decimalSep);
    intPart = i === undefined || i === '' ? '0' : i;
    fracPart = f ?? '';
  } else {
    return err('bad-amount', `“${text}” is not an amount`);
  }
  if (intPart.length > 15) return err('bad-amount', `“${text}” is too large`);
  let whole = Number(intPart) * 100 + Number((fracPart + '00').slice(0, 2));
  const rest = fracPart.slice(2);
  if (rest !== '' && /[1-9]/.test(rest)) {
    // half-even on the remaining digits
    const firstRest = Number(rest[0]);
    const beyondHalf = firstRest > 5 || (firstRest === 5 && /[1-9]/.test(rest.slice(1)));
    const exactlyHalf = firstRest === 5 && !/[1-9]/.test(rest.slice(1));
    if (beyondHalf || (exactlyHalf && whole % 2 === 1)) whole += 1;
  }
  if (!Number.isSafeInteger(whole) || whole > MAX_CENTS) return err('bad-amount', `“${text}” is too large`);
  return ok(cents(negative ? -whole : whole));
}

/** Guesses a column's decimal style from sample cells: the last separator followed by 1-2 digits wins. */
export function guessDecimalStyle(samples: readonly string[]): DecimalStyle {
  let dot = 0;
  let comma = 0;
  for (const raw of samples) {
    const s = raw.replace(/[^\d.,]/g, '');
    const m = /([.,])(\d{1,2})$/.exec(s);
    if (m) {
      if (m[1] === '.') dot++;
      else comma++;
    } else if (/\.\d{3}$/.test(s) && !s.includes(',')) comma += 0.5; // "1.234" alone leans comma-style grouping
  }
  return comma > dot ? 'comma' : 'dot';
}

/** Formats cents for people in a locale and currency (the UI, and texts the engine writes for people); never parse it back. */
export function formatCents(
  value: number,
  opts: { locale?: string; currency?: string; signDisplay?: 'auto' | 'always' | 'exceptZero' } = {},
): string {
  const { locale = 'en-AU', currency = 'AUD', signDisplay = 'auto' } = opts;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    signDisplay,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value / 100);
}

/** Plain machine format with a dot: 123456 → "1234.56", -5 → "-0.05". Exact, no floating point. */
export function centsToDecimalString(value: number): string {
  const neg = value < 0;
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/**
 * Splits a total into parts proportional to weights by largest remainder: the parts always sum to the total.
 * Weights must be non-negative with a positive sum.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  const sumW = weights.reduce((a, b) => a + b, 0);
  if (!(sumW > 0) || weights.some((w) => !(w >= 0)))
    throw new RangeError('weights must be >= 0 with a positive sum');
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const raw = weights.map((w) => (abs * w) / sumW);
  const floors = raw.map((r) => Math.floor(r));
  let rest = abs - floors.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest--;
  }
  return floors.map((f) => cents(sign * f));
}
