import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime, toIsoInstant } from '../time';
import { createInstantReader, createIsoWriter, readDmyMinutes } from './instant';
import { readAmount, readAmountByRegex } from './amount';
import { parseAmount } from '../money';

const ZONES = [
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Australia/Perth',
  'Europe/London',
  'America/New_York',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'UTC',
];

describe('createInstantReader (property)', () => {
  it('equals toIsoInstant from time.ts for any wall time, DST changes included', () => {
    const readers = new Map(ZONES.map((z) => [z, createInstantReader('ymd', z)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 1990, max: 2035 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        // Hours near 2-3am, when DST changes happen, are drawn more often.
        fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 3 })),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, y, mo, d, h, mi, s) => {
          const p2 = (n: number) => String(n).padStart(2, '0');
          const text = `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`;
          const parsed = parseDateTime(text, 'ymd');
          if (!parsed) throw new Error(`unparsed ${text}`);
          expect(readers.get(zone)?.(text)?.iso).toBe(toIsoInstant(parsed, zone));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('instant fast paths (property)', () => {
  it('writes ISO instants exactly as toISOString', () => {
    const iso = createIsoWriter();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 253_402_300_799_999 }),
          fc.integer({ min: 1_400_000_000_000, max: 2_100_000_000_000 }),
          fc.integer({ min: -100_000_000_000_000, max: 300_000_000_000_000 }),
          fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        ),
        (ms) => {
          expect(iso(ms)).toBe(new Date(ms).toISOString());
          expect(iso(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads DD/MM/YYYY HH:MM[:SS] as parseDateTime does, and the reader gives toIsoInstant', () => {
    const readers = new Map(ZONES.map((z) => [z, createInstantReader('dmy', z)]));
    const digit = fc.constantFrom('0', '1', '2', '3', '5', '9');
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 0, max: 69 }),
        fc.option(fc.integer({ min: 0, max: 69 })),
      )
      .map(([d, mo, y, h, mi, s]) => {
        const p2 = (n: number) => String(n).padStart(2, '0');
        return `${p2(d)}/${p2(mo)}/${String(y).padStart(4, '0')} ${p2(h)}:${p2(mi)}${s === null ? '' : `:${p2(s)}`}`;
      });
    const noisy = fc
      .array(fc.oneof(digit, fc.constantFrom('/', ' ', ':', '-', 'a')), { minLength: 14, maxLength: 20 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(shaped, noisy), fc.constantFrom(...ZONES), (text, zone) => {
        const fast = readDmyMinutes(text);
        const slow = parseDateTime(text, 'dmy');
        if (fast !== null) expect(slow).toEqual({ local: fast, offsetMinutes: null });
        const got = readers.get(zone)?.(text)?.iso ?? null;
        expect(got).toBe(slow && slow.offsetMinutes === null ? toIsoInstant(slow, zone) : got);
        if (slow === null) expect(got).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readAmount (property)', () => {
  it('gives the same result as parseAmount for plain and decorated amounts', () => {
    const text = fc.oneof(
      fc
        .integer({ min: -(2 ** 51), max: 2 ** 51 })
        .map(
          (c) =>
            `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`,
        ),
      fc.stringMatching(/^[+-]?\d{0,16}(\.\d{0,3})?$/),
      fc.stringMatching(/^[+-]?\d{0,16}(,\d{0,3})?$/),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('dot' as const, 'comma' as const), (t, style) => {
        expect(readAmount(t, style)).toEqual(parseAmount(t, style));
      }),
      { numRuns: 200 },
    );
  });

  it('reads char by char exactly as by the plain-amount regexes', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[+-]?\d{0,15}([.,]\d{0,3})?$/),
      fc
        .array(fc.constantFrom('0', '1', '9', '.', ',', '+', '-', ' ', 'a', '\n', '٣'), { maxLength: 18 })
        .map((a) => a.join('')),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('dot' as const, 'comma' as const), (t, style) => {
        expect(readAmount(t, style)).toEqual(readAmountByRegex(t, style));
      }),
      { numRuns: 2000 },
    );
  });
});
