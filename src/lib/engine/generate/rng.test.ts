import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rng, WeightedTable } from './rng';

describe('Rng', () => {
  it('matches the published xoshiro128** outputs for the state {1, 2, 3, 4}', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 6 }, () => r.nextU32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('seeds through SplitMix32 exactly as an independent implementation does', () => {
    // Values from a separate Python implementation of FNV-1a(label) ^ seed → SplitMix32 ×4 → xoshiro128**.
    const plain = new Rng(42);
    expect(Array.from({ length: 4 }, () => plain.nextU32())).toEqual([
      3792840668, 1421306600, 3224434297, 1544197899,
    ]);
    const punter = new Rng(42, 'punter');
    expect(Array.from({ length: 4 }, () => punter.nextU32())).toEqual([
      1830353681, 3090208611, 2289850714, 2213385784,
    ]);
  });

  it('gives the same stream for the same seed and label, and a different one otherwise', () => {
    const draw = (r: Rng): number[] => Array.from({ length: 8 }, () => r.nextU32());
    expect(draw(new Rng(7, 'a'))).toEqual(draw(new Rng(7, 'a')));
    expect(draw(new Rng(7, 'a'))).not.toEqual(draw(new Rng(7, 'b')));
    expect(draw(new Rng(7, 'a'))).not.toEqual(draw(new Rng(8, 'a')));
  });

  it('int stays within its inclusive bounds and reaches both ends', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 20 }),
        (seed, lo, span) => {
          const r = new Rng(seed);
          const seen = new Set<number>();
          for (let i = 0; i < 200; i++) {
            const x = r.int(lo, lo + span);
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(lo);
            expect(x).toBeLessThanOrEqual(lo + span);
            seen.add(x);
          }
          if (span <= 3) expect(seen.size).toBe(span + 1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('float is in [0, 1) and normal has mean near 0 and variance near 1', () => {
    const r = new Rng(123);
    let sum = 0;
    let sumSq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      const z = r.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
  });
});

describe('WeightedTable', () => {
  it('never picks a zero-weight item and follows the weights', () => {
    const t = new WeightedTable<string>([
      ['a', 3],
      ['never', 0],
      ['b', 1],
    ]);
    const r = new Rng(5);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 8000; i++) {
      const k = t.pick(r);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts['never']).toBeUndefined();
    expect((counts['a'] ?? 0) / 8000).toBeGreaterThan(0.72);
    expect((counts['a'] ?? 0) / 8000).toBeLessThan(0.78);
  });

  it('rejects tables with no positive weight', () => {
    expect(() => new WeightedTable([['x', 0]])).toThrow(RangeError);
  });
});
