/**
 * The synthetic-world generator's own pseudo-random numbers: xoshiro128** (Blackman and Vigna, 2018) with
 * its 128-bit state filled by SplitMix32 from a 32-bit seed and a stream label.
 *
 * Determinism is the point: the same seed must give byte-identical export files on any machine and in any
 * JavaScript engine. So every draw is made from 32-bit integer operations (Math.imul, shifts) and the only
 * floating-point work downstream is +, -, *, / and sqrt, which IEEE 754 rounds identically everywhere.
 * Transcendental functions (Math.log, Math.exp, Math.cos) are deliberately not used: engines may differ
 * in their last bit. This generator is separate from the Monte Carlo engine's (sim/rng.ts) so that tuning
 * one never changes the other's published outputs.
 */

/** 2^-32: turns a uint32 into a double in [0, 1). */
const TWO_NEG_32 = 1 / 4294967296;

/** One step of SplitMix32 on `state`; returns [next state, output]. Mixing constants from Java's SplittableRandom port. */
function splitMix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return [s, z >>> 0];
}

/** A seeded stream of random numbers. Not cryptographic. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed any integer (taken modulo 2^32)
   * @param stream a label that gives an independent stream for the same seed (one per persona or file),
   *   so adding draws to one part of the world does not shift the numbers every other part sees.
   */
  constructor(seed: number, stream = '') {
    let s = seed >>> 0;
    // Fold the label into the seed with FNV-1a so different labels start far apart.
    let h = 0x811c9dc5;
    for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
    s = (s ^ h) >>> 0;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, z] = splitMix32(s);
      s = next;
      out.push(z);
    }
    this.a = out[0] ?? 1;
    this.b = out[1] ?? 2;
    this.c = out[2] ?? 3;
    this.d = out[3] ?? 4;
    // xoshiro's all-zero state is a fixed point; SplitMix32 never yields four zeros, but guard anyway.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A generator with an explicit xoshiro128** state, for checking against the published reference outputs. */
  static fromState(a: number, b: number, c: number, d: number): Rng {
    const r = new Rng(0);
    r.a = a | 0;
    r.b = b | 0;
    r.c = c | 0;
    r.d = d | 0;
    return r;
  }

  /** The next uint32 (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A double in [0, 1) with 32 random bits. */
  float(): number {
    return this.nextU32() * TWO_NEG_32;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** An integer in [lo, hi], both inclusive. Uses rejection so every value is exactly equally likely. */
  int(lo: number, hi: number): number {
    const span = hi - lo + 1;
    if (!(span >= 1) || span > 4294967296) throw new RangeError(`bad range [${lo}, ${hi}]`);
    const limit = 4294967296 - (4294967296 % span);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return lo + (x % span);
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** One element, with probability proportional to its weight (weights >= 0, positive sum). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.float() * total;
    for (const [item, w] of items) {
      if (r < w) return item;
      r -= w;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /**
   * An approximately standard normal number: the Irwin-Hall sum of 12 uniforms minus 6 (mean 0, variance 1,
   * tails cut at ±6). Chosen over Box-Muller because it needs no log or cos, so it is bit-identical everywhere.
   */
  normal(): number {
    let s = 0;
    for (let i = 0; i < 12; i++) s += this.float();
    return s - 6;
  }
}

/**
 * A fixed list of weighted choices, prepared once (cumulative weights) so hot loops pick without
 * allocating: `new WeightedTable([['a', 2], ['b', 1]]).pick(rng)` gives 'a' two times in three.
 */
export class WeightedTable<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = [];
    this.cumulative = [];
    let sum = 0;
    for (const [item, w] of entries) {
      if (!(w >= 0)) throw new RangeError('weights must be >= 0');
      if (w === 0) continue;
      sum += w;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    if (!(sum > 0)) throw new RangeError('weights need a positive sum');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const r = rng.float() * this.total;
    const cum = this.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < (cum[mid] ?? 0)) hi = mid;
      else lo = mid + 1;
    }
    const item = this.items[lo];
    if (item === undefined) throw new RangeError('empty table');
    return item;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
