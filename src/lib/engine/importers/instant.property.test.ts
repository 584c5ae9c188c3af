import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime, toIsoInstant } from '../time';
import { createInstantReader } from './instant';
import { readAmount } from './amount';
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
});
