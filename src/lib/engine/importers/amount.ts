/**
 * A fast path in front of `parseAmount` (money.ts) for the plain amounts that fill large exports
 * ("-10.00", "5", "0.07"): a single regex test and integer arithmetic on the digits, no allocation of
 * regexes per call. Anything else ("$1,234.50", "(23,20)", "12.50-") goes to `parseAmount`, so both give
 * the same cents for every input (checked by a property test).
 */
import type { DecimalStyle } from '../money';
import type { Cents } from '../money';
import { cents, parseAmount } from '../money';
import type { Result } from '../result';
import { ok } from '../result';

const PLAIN_DOT = /^([+-]?)(\d{1,13})(?:\.(\d{0,2}))?$/;
const PLAIN_COMMA = /^([+-]?)(\d{1,13})(?:,(\d{0,2}))?$/;

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Cents of a plain amount read char by char (the `PLAIN_DOT` / `PLAIN_COMMA` shape: an optional sign,
 * 1-13 digits, then optionally the separator and 0-2 digits), or null for any other text. No match
 * object or substrings are made: at 700k rows and two amounts a row the regex's were measurable.
 */
export function plainCents(text: string, separator: number): number | null {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  const start = i;
  let units = 0;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) break;
    units = units * 10 + (c - DIGIT_0);
  }
  const digits = i - start;
  if (digits < 1 || digits > 13) return null;
  let frac = 0;
  if (i < n) {
    if (c !== separator) return null;
    const from = ++i;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < DIGIT_0 || c > DIGIT_9) return null;
      frac = frac * 10 + (c - DIGIT_0);
    }
    const fracDigits = i - from;
    if (fracDigits > 2) return null;
    if (fracDigits === 1) frac *= 10;
  }
  const total = units * 100 + frac;
  return negative ? -total : total;
}

/** Reads an amount as exact integer cents, like `parseAmount(text, style)` but faster on plain numbers. */
export function readAmount(text: string, style: DecimalStyle = 'dot'): Result<Cents> {
  const fast = plainCents(text, style === 'dot' ? 46 : 44);
  if (fast !== null) return ok(cents(fast));
  return readAmountByRegex(text, style);
}

/** `readAmount` by the regexes: the reference the char reader is tested against. */
export function readAmountByRegex(text: string, style: DecimalStyle = 'dot'): Result<Cents> {
  const m = (style === 'dot' ? PLAIN_DOT : PLAIN_COMMA).exec(text);
  if (m) {
    const frac = m[3] ?? '';
    const units =
      Number(m[2]) * 100 + (frac === '' ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
    return ok(cents(m[1] === '-' ? -units : units));
  }
  return parseAmount(text, style);
}
