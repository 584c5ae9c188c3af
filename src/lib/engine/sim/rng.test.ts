import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SplitMix64, Xoshiro128, createPathRng } from './rng';

/** Reference SplitMix64 in BigInt, straight from the paper's C code. */
function splitMixRef(seed: bigint, count: number): bigint[] {
  const mask = (1n << 64n) - 1n;
  let s = seed;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b97f4a7c15n) & mask;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

describe('SplitMix64', () => {
  it('matches the published sequence for seed 1234567', () => {
    const g = new SplitMix64(1234567);
    expect([g.next(), g.next(), g.next(), g.next(), g.next()]).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
  });

  it('matches seed 0 (0xe220a8397b1dcdaf, ...)', () => {
    const g = new SplitMix64(0);
    expect([g.next(), g.next(), g.next()]).toEqual([
      0xe220a8397b1dcdafn,
      0x6e789e6aa1b965f4n,
      0x06c45d188009454fn,
    ]);
  });

  it('agrees with a BigInt reference for any seed (32-bit-half arithmetic is exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const g = new SplitMix64(seed);
        const got = [g.next(), g.next(), g.next()];
        expect(got).toEqual(splitMixRef(BigInt(seed), 3));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects seeds that are not integers in [0, 2^53)', () => {
    expect(() => new SplitMix64(-1)).toThrow(RangeError);
    expect(() => new SplitMix64(1.5)).toThrow(RangeError);
    expect(() => createPathRng(2 ** 53, 0)).toThrow(RangeError);
  });
});

describe('Xoshiro128 (xoshiro128**)', () => {
  it('matches the reference output from state {1, 2, 3, 4}', () => {
    const r = new Xoshiro128();
    r.setState(1, 2, 3, 4);
    const got = Array.from({ length: 6 }, () => r.nextU32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('seeds path i from SplitMix64(seed) output i+1, then SplitMix64(key) outputs 1-2', () => {
    const seed = 987654321;
    const pathIndex = 41;
    const key = splitMixRef(BigInt(seed), pathIndex + 1)[pathIndex]!;
    const [a, b] = splitMixRef(key, 2) as [bigint, bigint];
    const r = createPathRng(seed, pathIndex);
    expect([r.s0 >>> 0, r.s1 >>> 0, r.s2 >>> 0, r.s3 >>> 0]).toEqual([
      Number(a & 0xffffffffn),
      Number(a >> 32n),
      Number(b & 0xffffffffn),
      Number(b >> 32n),
    ]);
  });

  it('gives each path its own stream, independent of which paths were drawn before', () => {
    const a = createPathRng(7, 3);
    const first = [a.nextU32(), a.nextU32()];
    const b = createPathRng(7, 4);
    b.nextU32();
    b.seedPath(7, 3);
    expect([b.nextU32(), b.nextU32()]).toEqual(first);
    expect(createPathRng(7, 4).nextU32()).not.toBe(first[0]);
    expect(createPathRng(8, 3).nextU32()).not.toBe(first[0]);
  });

  it('nextDouble stays strictly inside (0, 1) and has mean 1/2', () => {
    const r = createPathRng(1, 0);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.nextDouble();
      sum += u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // SD of the mean is sqrt(1/12/n) = 0.00091; allow 4 SE.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it('nextIndex is uniform on [0, n) (chi-square, 10 cells)', () => {
    const r = createPathRng(2, 0);
    const counts = new Array<number>(10).fill(0);
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const k = r.nextIndex(10);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const e = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    // 9 degrees of freedom: the 99.9th percentile is 27.88.
    expect(chi2).toBeLessThan(27.88);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('nextIndex covers large n through the 53-bit path', () => {
    const r = createPathRng(3, 0);
    const n = 5_000_000;
    for (let i = 0; i < 1000; i++) {
      const k = r.nextIndex(n);
      expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
    }
  });
});
