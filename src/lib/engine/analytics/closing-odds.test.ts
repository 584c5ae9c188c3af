import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closingLineValue,
  closingManualReplaceSql,
  isClosingOdds,
  MAX_CLOSING_ODDS,
  parseClosingOdds,
  setClosingSql,
} from './closing-odds';

const value = (text: string) => {
  const r = parseClosingOdds(text);
  return r.ok ? r.value : r.error.code;
};

describe('parseClosingOdds', () => {
  it.each([
    ['2.10', 2.1],
    [' 2.1 ', 2.1],
    ['2,10', 2.1],
    ['1.01', 1.01],
    ['1000', 1000],
    ['11/10', 2.1],
    ['5/2', 3.5],
    ['1/3', 1.3333],
    ['evens', 2],
    ['+110', 2.1],
    ['-150', 1.6667],
    ['-110', 1.9091],
  ])('reads %s as %f', (text, odds) => {
    expect(value(text)).toBe(odds);
  });

  it.each([
    '',
    '   ',
    'abc',
    '1',
    '1.00',
    '0.95',
    '-50',
    '+99',
    '1000.01',
    '2/0',
    '2.1.0',
    '1,000.00',
    'NaN',
    'Infinity',
  ])('refuses %j with invalid-argument and a hint', (text) => {
    const r = parseClosingOdds(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-argument');
      expect(r.error.message?.length).toBeGreaterThan(10);
    }
  });

  it('reads any two-place decimal price in range back exactly, and accepts only what isClosingOdds accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: MAX_CLOSING_ODDS * 100 }), (hundredths) => {
        const odds = hundredths / 100;
        const r = parseClosingOdds(odds.toFixed(2));
        return r.ok && r.value === odds && isClosingOdds(r.value);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (text) => {
        const r = parseClosingOdds(text);
        return !r.ok || isClosingOdds(r.value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('closing-line value and SQL', () => {
  it('is odds / closing − 1, null without both prices', () => {
    expect(closingLineValue(2.2, 2)).toBeCloseTo(0.1, 12);
    expect(closingLineValue(1.9, 2)).toBeCloseTo(-0.05, 12);
    expect(closingLineValue(null, 2)).toBeNull();
    expect(closingLineValue(2, null)).toBeNull();
    expect(closingLineValue(0.5, 2)).toBeNull();
  });

  it('quotes keys and refuses prices that are not closing prices', () => {
    const stmts = setClosingSql("o'k", 2.5);
    expect(stmts.join('\n')).toContain("'o''k'");
    expect(() => setClosingSql('k', 1)).toThrow(RangeError);
    expect(() => closingManualReplaceSql([{ betKey: 'k', oddsDecimal: Number.NaN }])).toThrow(RangeError);
    expect(setClosingSql('k', null).some((s) => s.startsWith('INSERT'))).toBe(false);
    // 2,500 entries go in three INSERTs of at most 1,000 rows.
    const many = Array.from({ length: 2500 }, (_, i) => ({ betKey: `k${i}`, oddsDecimal: 2 }));
    expect(closingManualReplaceSql(many).filter((s) => s.startsWith('INSERT'))).toHaveLength(3);
  });
});
