/**
 * Seeded, splittable pseudo-random numbers for the Monte Carlo engine.
 *
 * Every simulated path owns its own xoshiro128** stream whose 128-bit state is derived only from
 * (seed, path index) through SplitMix64. A run split across any number of workers, in any chunking,
 * therefore draws exactly the same numbers for path i and merges to bit-identical results.
 *
 * SplitMix64 needs 64-bit multiplication, which is done here on 32-bit halves with 16-bit limbs so that
 * every intermediate stays an exact double (no BigInt on the per-path hot path). The implementation is
 * checked against the published SplitMix64 and xoshiro128** sequences in rng.test.ts.
 *
 * References: Steele, Lea, Flood, "Fast splittable pseudorandom number generators" (SplitMix64, 2014);
 * Blackman and Vigna, "Scrambled linear pseudorandom number generators" (xoshiro128**, 2018).
 */

const TWO_32 = 4294967296;
/** 2^-53: turns a 53-bit integer into a double in [0, 1). */
const TWO_NEG_53 = 1 / 9007199254740992;

/** The SplitMix64 increment 0x9E3779B97F4A7C15 as 32-bit halves. */
const GAMMA_HI = 0x9e3779b9;
const GAMMA_LO = 0x7f4a7c15;
/** The two SplitMix64 (Stafford variant 13) multipliers as 32-bit halves. */
const M1_HI = 0xbf58476d;
const M1_LO = 0x1ce4e5b9;
const M2_HI = 0x94d049bb;
const M2_LO = 0x133111eb;

/**
 * A 64-bit unsigned value as two unsigned 32-bit halves. Module-level scratch registers below keep the
 * per-path seeding free of allocation; the functions that use them are not re-entrant (JS is single-threaded).
 */
let rHi = 0;
let rLo = 0;

/** (rHi, rLo) = a * b mod 2^64, for a = (aHi, aLo) and b = (bHi, bLo), all unsigned 32-bit. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  // Full 64-bit product of the low halves from 16-bit limbs; each partial product is < 2^32 and exact.
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const mid = a1 * b0 + a0 * b1; // < 2^33
  const lo = a0 * b0 + (mid % 65536) * 65536; // < 2^33
  const carry = Math.floor(lo / TWO_32);
  const hiFromLo = a1 * b1 + Math.floor(mid / 65536) + carry; // < 2^33, exact
  // Cross terms only affect the high half, modulo 2^32.
  rHi = (hiFromLo + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
  rLo = lo >>> 0;
}

/** (rHi, rLo) = SplitMix64's output mix of z = (zHi, zLo). */
function mix64(zHi: number, zLo: number): void {
  // z ^= z >>> 30
  let lo = (zLo ^ ((zLo >>> 30) | (zHi << 2))) >>> 0;
  let hi = (zHi ^ (zHi >>> 30)) >>> 0;
  mul64(hi, lo, M1_HI, M1_LO);
  // z ^= z >>> 27
  lo = (rLo ^ ((rLo >>> 27) | (rHi << 5))) >>> 0;
  hi = (rHi ^ (rHi >>> 27)) >>> 0;
  mul64(hi, lo, M2_HI, M2_LO);
  // z ^= z >>> 31
  lo = (rLo ^ ((rLo >>> 31) | (rHi << 1))) >>> 0;
  hi = (rHi ^ (rHi >>> 31)) >>> 0;
  rHi = hi;
  rLo = lo;
}

/** (rHi, rLo) = (aHi, aLo) + k * GAMMA mod 2^64 for a non-negative integer k < 2^53. */
function addGammaTimes(aHi: number, aLo: number, k: number): void {
  mul64(Math.floor(k / TWO_32) >>> 0, k >>> 0, GAMMA_HI, GAMMA_LO);
  const lo = aLo + rLo;
  rHi = (aHi + rHi + (lo >= TWO_32 ? 1 : 0)) >>> 0;
  rLo = lo >>> 0;
}

/** Throws unless `seed` is an integer in [0, 2^53): seeds are part of a reproducible run's identity. */
export function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be an integer in [0, 2^53): ${seed}`);
}

/**
 * SplitMix64 as a plain sequence generator (mainly for tests and for seeding): outputs are returned as
 * exact `bigint`s, which is fine off the hot path.
 */
export class SplitMix64 {
  private hi: number;
  private lo: number;

  constructor(seed: number) {
    assertSeed(seed);
    this.hi = Math.floor(seed / TWO_32) >>> 0;
    this.lo = seed >>> 0;
  }

  /** The next 64-bit output. */
  next(): bigint {
    addGammaTimes(this.hi, this.lo, 1);
    this.hi = rHi;
    this.lo = rLo;
    mix64(this.hi, this.lo);
    return (BigInt(rHi) << 32n) | BigInt(rLo);
  }
}

/**
 * xoshiro128** (32-bit output, period 2^128 - 1). Fields are public so the engine's inner loops can be
 * written against one monomorphic object shape that V8 inlines.
 */
export class Xoshiro128 {
  s0 = 1;
  s1 = 0;
  s2 = 0;
  s3 = 0;

  /** Sets the raw state (for tests against the reference sequence); an all-zero state is replaced by s0 = 1. */
  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * Positions this generator at the start of path `pathIndex` of run `seed`: the state depends only on
   * (seed, pathIndex). The path key is output number pathIndex+1 of SplitMix64(seed); the xoshiro state
   * is the first two outputs of SplitMix64(path key), the seeding its authors recommend.
   */
  seedPath(seed: number, pathIndex: number): void {
    const seedHi = Math.floor(seed / TWO_32) >>> 0;
    const seedLo = seed >>> 0;
    addGammaTimes(seedHi, seedLo, pathIndex + 1);
    mix64(rHi, rLo);
    const keyHi = rHi;
    const keyLo = rLo;
    addGammaTimes(keyHi, keyLo, 1);
    mix64(rHi, rLo);
    const aHi = rHi;
    const aLo = rLo;
    addGammaTimes(keyHi, keyLo, 2);
    mix64(rHi, rLo);
    this.setState(aLo, aHi, rLo, rHi);
  }

  /** The next unsigned 32-bit integer in [0, 2^32). */
  nextU32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** A uniform double strictly inside (0, 1) with 53 random bits (two 32-bit draws, no allocation). */
  nextDouble(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b + 0.5) * TWO_NEG_53;
  }

  /**
   * A uniform integer in [0, n) without modulo bias (Lemire's multiply-and-reject), for 1 <= n <= 2^21 so
   * that the 32x21-bit product stays an exact double; larger n use a 53-bit double, whose bias is < 2^-31.
   */
  nextIndex(n: number): number {
    if (n <= 2097152) {
      for (;;) {
        const m = this.nextU32() * n;
        const hi = Math.floor(m / TWO_32);
        const lo = m - hi * TWO_32;
        if (lo >= n || lo >= (TWO_32 - n) % n) return hi;
      }
    }
    return Math.floor(this.nextDouble() * n);
  }
}

/** A new generator positioned at path `pathIndex` of run `seed`. */
export function createPathRng(seed: number, pathIndex: number): Xoshiro128 {
  assertSeed(seed);
  const rng = new Xoshiro128();
  rng.seedPath(seed, pathIndex);
  return rng;
}
