import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { cents } from '../money';
import {
  americanToDecimal,
  betTypeFromText,
  impliedReturn,
  isTruthy,
  parseBetStatus,
  parseLegResult,
  parseOdds,
  parseOddsExact,
} from './bet-fields';

describe('odds', () => {
  it.each([
    [150, 2.5],
    [100, 2],
    [-100, 2],
    [-110, 1.9091],
    [-150, 1.6667],
    [+596, 6.96],
    [-200, 1.5],
    [-115, 1.8696],
    [99, null],
    [Number.NaN, null],
  ])('americanToDecimal(%d) = %s', (a, d) => {
    expect(americanToDecimal(a)).toBe(d);
  });

  it.each([
    ['1.91', 'auto', 1.91],
    ['-110', 'auto', 1.9091],
    ['+150', 'auto', 2.5],
    ['150', 'auto', 150],
    ['150', 'american', 2.5],
    ['5/2', 'auto', 3.5],
    ['1/3', 'fractional', 1.3333],
    ['Evens', 'auto', 2],
    ['evs', 'fractional', 2],
    ['2.5', 'fractional', null],
    ['5/0', 'auto', null],
    ['0.5', 'decimal', null],
    ['−110', 'american', 1.9091],
    ['1.23456', 'decimal', 1.23456],
    ['abc', 'auto', null],
    ['', 'auto', null],
  ] as const)('parseOdds(%j, %s) = %s', (text, format, odds) => {
    expect(parseOdds(text, format)).toBe(odds);
  });

  it('keeps exact odds for payouts: $1000 at -110 returns $1909.09', () => {
    const exact = parseOddsExact('-110', 'american');
    expect(exact?.toFixed(6)).toBe('1.909091');
    expect(impliedReturn('won', cents(100000), exact)).toBe(190909);
    expect(impliedReturn('won', cents(100000), 1.9091)).toBe(190910);
  });
});

describe('impliedReturn', () => {
  it.each([
    ['won', 1000, 2.5, 2500],
    ['won', 333, 1.5, 500],
    ['won', 1, 2.5, 2],
    ['won', 3, 2.5, 8],
    ['lost', 1000, 2.5, 0],
    ['pending', 1000, 2.5, 0],
    ['void', 1000, null, 1000],
    ['push', 1000, null, 1000],
    ['won', 1000, null, null],
    ['cashed-out', 1000, 2, null],
  ] as const)('%s, stake %d at %s → %s (half-even)', (status, stake, odds, ret) => {
    expect(impliedReturn(status, cents(stake), odds)).toBe(ret);
  });

  it('returns null rather than throw when the product is beyond the cents range', () => {
    expect(impliedReturn('won', cents(2 ** 50), new Decimal(1e9))).toBeNull();
  });
});

describe('status words', () => {
  it.each([
    ['WON', 'won'],
    ['Won', 'won'],
    ['SETTLED_WIN', 'won'],
    ['W', 'won'],
    ['LOST', 'lost'],
    ['loss', 'lost'],
    ['L', 'lost'],
    ['VOID', 'void'],
    ['Cancelled', 'void'],
    ['REFUNDED', 'void'],
    ['Draw', 'push'],
    ['PUSH', 'push'],
    ['P', 'push'],
    ['', 'pending'],
    ['Open', 'pending'],
    ['Unsettled', 'pending'],
    ['CASHED_OUT', 'cashed-out'],
    ['CashOut', 'cashed-out'],
    ['cashed-out', 'cashed-out'],
    ['half win', null],
  ])('parseBetStatus(%j) = %s', (text, status) => {
    expect(parseBetStatus(text)).toBe(status);
  });

  it('gives cashed-out legs no result', () => {
    expect(parseLegResult('CashOut')).toBeNull();
    expect(parseLegResult('Win')).toBe('won');
  });

  it.each([
    ['', 'single'],
    ['Straight', 'single'],
    ['SGP', 'sgm'],
    ['Same Game Parlay', 'sgm'],
    ['Parlay', 'multi'],
    ['Round Robin', 'multi'],
    ['Teaser', 'multi'],
    ['Boxed Trifecta', 'exotic'],
    ['Tote', 'pool'],
    ['Futures', 'other'],
  ])('betTypeFromText(%j) = %s', (text, type) => {
    expect(betTypeFromText(text)).toBe(type);
  });

  it('reads flag cells', () => {
    expect(['true', 'TRUE', 'yes', '1', 'y'].map(isTruthy)).toEqual([true, true, true, true, true]);
    expect(['false', '0', '', 'no'].map(isTruthy)).toEqual([false, false, false, false]);
  });
});
