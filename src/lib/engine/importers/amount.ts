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

/** Reads an amount as exact integer cents, like `parseAmount(text, style)` but faster on plain numbers. */
export function readAmount(text: string, style: DecimalStyle = 'dot'): Result<Cents> {
  const m = (style === 'dot' ? PLAIN_DOT : PLAIN_COMMA).exec(text);
  if (m) {
    const frac = m[3] ?? '';
    const units =
      Number(m[2]) * 100 + (frac === '' ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
    return ok(cents(m[1] === '-' ? -units : units));
  }
  return parseAmount(text, style);
}
