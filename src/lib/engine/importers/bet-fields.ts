/**
 * Field readers shared by the bet-level importers (DraftKings, FanDuel, Pikkit, mapped spreadsheets):
 * odds in decimal, American or fractional form, result and status words, bet-type words, and the return
 * of a settled bet. Each reader returns null for text it does not understand, so the importer can reject
 * the row naming the column.
 */
import Decimal from 'decimal.js';
import type { BetStatus, BetType, LegResult } from '../model';
import type { Cents } from '../money';
import { cents, MAX_CENTS } from '../money';

export type OddsFormat = 'decimal' | 'american' | 'fractional';

/** Decimal odds are rounded to this many places when converted from American or fractional odds. */
const ODDS_PLACES = 4;

function roundOdds(d: Decimal): number {
  return d.toDecimalPlaces(ODDS_PLACES, Decimal.ROUND_HALF_EVEN).toNumber();
}

/**
 * American odds to decimal: +150 → 1 + 150/100 = 2.5; -110 → 1 + 100/110 = 1.9091 (exact, then rounded
 * half-even to 4 places). Returns null when |american| < 100, which American odds never are.
 */
export function americanToDecimal(american: number): number | null {
  if (!Number.isFinite(american) || Math.abs(american) < 100) return null;
  const a = new Decimal(american);
  const d = a.isPositive() ? a.div(100).plus(1) : new Decimal(100).div(a.abs()).plus(1);
  return roundOdds(d);
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Odds written in `format` as an exact decimal-odds value (no rounding: -110 is 1 + 100/110 to 20
 * significant digits), or null when the text is not odds in that format. "auto" reads a/b as
 * fractional, a signed number with |x| >= 100 as American, anything else as decimal. Decimal odds must
 * be at least 1.
 */
export function parseOddsExact(text: string, format: OddsFormat | 'auto' = 'auto'): Decimal | null {
  return readOdds(text, format)?.exact ?? null;
}

/** The exact odds and the form the text was read in. */
function readOdds(text: string, format: OddsFormat | 'auto'): { exact: Decimal; read: OddsFormat } | null {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return null;
  if (/^(evens?|evs)$/i.test(t))
    return format === 'american' ? null : { exact: new Decimal(2), read: 'fractional' };
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (frac && (format === 'fractional' || format === 'auto')) {
    const den = new Decimal(frac[2] ?? '0');
    if (den.isZero()) return null;
    return { exact: new Decimal(frac[1] ?? '0').div(den).plus(1), read: 'fractional' };
  }
  if (format === 'fractional' || !NUMBER.test(t)) return null;
  const x = new Decimal(t);
  const signed = t.startsWith('+') || t.startsWith('-');
  if (format === 'american' || (format === 'auto' && signed && x.abs().gte(100))) {
    if (x.abs().lt(100)) return null;
    const exact = x.isPositive() ? x.div(100).plus(1) : new Decimal(100).div(x.abs()).plus(1);
    return { exact, read: 'american' };
  }
  return x.gte(1) && x.lt(1e9) ? { exact: x, read: 'decimal' } : null;
}

/**
 * Odds as a decimal number for storage: decimal odds as written, American and fractional odds converted
 * and rounded half-even to 4 places (-110 → 1.9091, +150 → 2.5, 5/2 → 3.5).
 */
export function parseOdds(text: string, format: OddsFormat | 'auto' = 'auto'): number | null {
  const r = readOdds(text, format);
  if (r === null) return null;
  return r.read === 'decimal' ? r.exact.toNumber() : roundOdds(r.exact);
}

/** Bet status words as exports write them (DraftKings, FanDuel, Pikkit, tracker templates). */
const STATUS: Record<string, BetStatus> = {
  won: 'won',
  win: 'won',
  w: 'won',
  winner: 'won',
  settled_win: 'won',
  lost: 'lost',
  lose: 'lost',
  loss: 'lost',
  l: 'lost',
  loser: 'lost',
  settled_loss: 'lost',
  void: 'void',
  voided: 'void',
  cancelled: 'void',
  canceled: 'void',
  refunded: 'void',
  refund: 'void',
  scratched: 'void',
  push: 'push',
  pushed: 'push',
  p: 'push',
  draw: 'push',
  '': 'pending',
  open: 'pending',
  pending: 'pending',
  unsettled: 'pending',
  'not settled': 'pending',
  cashed_out: 'cashed-out',
  'cashed out': 'cashed-out',
  cashout: 'cashed-out',
  'cash out': 'cashed-out',
  settled_cashout: 'cashed-out',
};

/** Reads a bet status ("WON", "Lost", "SETTLED_WIN", "Open", "CashOut", "W", "P"...); null if unknown. */
export function parseBetStatus(text: string): BetStatus | null {
  return STATUS[text.trim().toLowerCase().replace(/-/g, '_')] ?? STATUS[text.trim().toLowerCase()] ?? null;
}

/** Reads a leg result; a cashed-out bet's legs have no result of their own, so they read as null. */
export function parseLegResult(text: string): LegResult | null {
  const s = parseBetStatus(text);
  if (s === null || s === 'cashed-out') return null;
  return s;
}

/**
 * Bet type from a bet-type word ("Parlay", "SGP", "Same Game Parlay", "Straight", "Teaser", "Round
 * Robin", "Single", "Multi", "Exotic"): 'single' when the text is empty.
 */
export function betTypeFromText(text: string): BetType {
  const t = text.trim().toLowerCase();
  if (t === '' || /^(single|straight|singles?|win|place|each ?way)$/.test(t)) return 'single';
  if (/same ?game|\bsgp\b|\bsgm\b|\bsgpmax\b/.test(t)) return 'sgm';
  if (/parlay|multi|accumulator|\bacca\b|teaser|round ?robin|double|treble|trixie|yankee/.test(t))
    return 'multi';
  if (/trifecta|first ?4|first four|exacta|quinella|quaddie|boxed|superfecta|exotic/.test(t)) return 'exotic';
  if (/\bpool\b|tote/.test(t)) return 'pool';
  return 'other';
}

/** Integer cents within range, or null (a product of a huge stake and huge odds). */
export function centsOrNull(n: number): Cents | null {
  return Number.isSafeInteger(n) && Math.abs(n) <= MAX_CENTS ? cents(n) : null;
}

/**
 * Amount paid back on a settled bet when the file gives no payout column: stake × decimal odds for a win
 * (rounded half-even to the cent; pass the exact odds from `parseOddsExact` so -110 pays 1909.09 on 1000), the stake for void and push, 0 for a loss or a pending bet. Returns
 * null for a win without odds or a cash-out, whose amount cannot be known.
 */
export function impliedReturn(
  status: BetStatus,
  stake: Cents,
  oddsDecimal: number | Decimal | null,
): Cents | null {
  switch (status) {
    case 'won':
      if (oddsDecimal === null) return null;
      return centsOrNull(
        new Decimal(stake)
          .times(new Decimal(oddsDecimal))
          .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN)
          .toNumber(),
      );
    case 'void':
    case 'push':
      return stake;
    case 'lost':
    case 'pending':
      return cents(0);
    case 'cashed-out':
      return null;
  }
}

/** True for flag cells written as true/yes/1/y (any case). */
export function isTruthy(text: string): boolean {
  return /^(true|yes|y|1|t)$/i.test(text.trim());
}
