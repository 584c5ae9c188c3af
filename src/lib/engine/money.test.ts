import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocate,
  cents,
  centsToDecimalString,
  formatCents,
  guessDecimalStyle,
  parseAmount,
  type Cents,
} from './money';

const val = (s: string, style: 'dot' | 'comma' = 'dot') => {
  const r = parseAmount(s, style);
  return r.ok ? r.value : r.error.code;
};

describe('parseAmount', () => {
  it.each([
    ['$(1,234.50)', 'dot', -123450],
    ['-5', 'dot', -500],
    ['1.234,56', 'comma', 123456],
    ['(23,20)', 'comma', -2320],
    ['12.50-', 'dot', -1250],
    ['\u22123.10', 'dot', -310],
    ['39,30 $', 'comma', 3930],
    ['"$1,200.00"'.replace(/"/g, ''), 'dot', 120000],
    ['-$18.98', 'dot', -1898],
    ['€ 1 250,50', 'comma', 125050],
    ['1\u00a0250,50 $', 'comma', 125050],
    ['+0.07', 'dot', 7],
    ['.5', 'dot', 50],
    ['5.', 'dot', 500],
    ['1.005', 'dot', 100],
    ['1.015', 'dot', 102],
    ['1.0051', 'dot', 101],
    ['12.00 DR', 'dot', -1200],
    ['AUD 10', 'dot', 1000],
  ] as const)('%s (%s) → %d', (text, style, expected) => {
    expect(val(text, style)).toBe(expected);
  });

  it.each(['', 'abc', '1,2,3', '$', '--5', '1.2.3', 'NaN', 'Infinity', '1e5'])('rejects %j', (text) => {
    expect(val(text)).toBe('bad-amount');
  });

  it('round-trips formatted values in both styles and several locales', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (n) => {
        const c = cents(n);
        expect(val(centsToDecimalString(c))).toBe(c);
        expect(val(formatCents(c, { locale: 'en-AU', currency: 'AUD' }))).toBe(c);
        expect(val(formatCents(c, { locale: 'en-US', currency: 'USD' }))).toBe(c);
        expect(val(formatCents(c, { locale: 'de-DE', currency: 'EUR' }), 'comma')).toBe(c);
        expect(val(formatCents(c, { locale: 'fr-FR', currency: 'EUR' }), 'comma')).toBe(c);
      }),
      { numRuns: 300 },
    );
  });

  it('never returns NaN or a fraction for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('dot', 'comma' as const), (s, style) => {
        const r = parseAmount(s, style);
        if (r.ok) expect(Number.isInteger(r.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('cents and allocate', () => {
  it('rejects fractions and huge values', () => {
    expect(() => cents(1.5)).toThrow();
    expect(() => cents(Number.NaN)).toThrow();
    expect(() => cents(2 ** 52)).toThrow();
    expect(Object.is(cents(-0), 0)).toBe(true);
  });
  it('allocate sums to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (t, w) => {
          const parts = allocate(cents(t) as Cents, w);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
          expect(parts).toHaveLength(w.length);
        },
      ),
    );
  });
  it('guesses decimal style', () => {
    expect(guessDecimalStyle(['1,234.56', '12.00'])).toBe('dot');
    expect(guessDecimalStyle(['1.234,56', '12,00'])).toBe('comma');
  });
});
