/**
 * Per-step result distributions for the Monte Carlo engine: standard normal (Ziggurat), Student-t rescaled
 * to a mean and SD, bootstrap resampling of a history, and weighted mixtures of those.
 *
 * A `ModelSpec` is plain data (it crosses the worker boundary); `compileModel` validates it once and turns
 * it into a `CompiledModel` whose draws allocate nothing. Draws are in cents, before rounding: the walk
 * rounds each step's result to whole cents.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import type { Xoshiro128 } from './rng';

/** Normal per-step results: mean and standard deviation in cents per step. */
export type NormalSpec = { kind: 'normal'; meanCents: number; sdCents: number };
/**
 * Student-t per-step results with `df` > 2 degrees of freedom, shifted and scaled so that the mean and SD
 * are exactly `meanCents` and `sdCents` (the standard t has variance df/(df-2), so it is multiplied by
 * sdCents * sqrt((df-2)/df)). df <= 2 has no finite variance and is rejected.
 */
export type StudentTSpec = { kind: 'student-t'; meanCents: number; sdCents: number; df: number };
/** Resampling with replacement from historical results, in cents per step (session, day, bet...). */
export type BootstrapSpec = {
  kind: 'bootstrap';
  historyCents: Float64Array | Int32Array | readonly number[];
};
export type ComponentSpec = NormalSpec | StudentTSpec | BootstrapSpec;
/**
 * One component of a mixture: each step picks a component with probability weight / sum(weights), draws
 * from its model and multiplies by its `stakeMultiplier` (default 1), e.g. playing 2x stakes 30% of the time.
 */
export type MixtureComponent = { weight: number; stakeMultiplier?: number; model: ComponentSpec };
export type MixtureSpec = { kind: 'mixture'; components: readonly MixtureComponent[] };
export type ModelSpec = ComponentSpec | MixtureSpec;

export const KIND_NORMAL = 0;
export const KIND_STUDENT_T = 1;
export const KIND_BOOTSTRAP = 2;

/** A validated component ready to draw from. All money fields are cents per step, already stake-scaled. */
export interface CompiledComponent {
  kind: typeof KIND_NORMAL | typeof KIND_STUDENT_T | typeof KIND_BOOTSTRAP;
  /** Mean added after scaling (normal, t); 0 for bootstrap. */
  mean: number;
  /** Multiplier of the standard draw: sd for normal, sd*sqrt((df-2)/df) for t, the stake for bootstrap. */
  scale: number;
  /** Gamma shape df/2 and Marsaglia-Tsang constants d = a - 1/3, c = 1/sqrt(9d) for the t's chi-square. */
  gammaShape: number;
  gammaD: number;
  gammaC: number;
  /** Bootstrap values in cents (unscaled); empty for parametric components. */
  history: Float64Array;
  /**
   * Bootstrap step results ready to add: each history value times the stake, rounded half to even to whole
   * cents, computed once so a draw is an index and a load. Empty for parametric components.
   */
  steps: Float64Array;
}

/** A validated model. `thresholds[i]` is the cumulative weight of components 0..i in units of 2^-32. */
export interface CompiledModel {
  isMixture: boolean;
  components: CompiledComponent[];
  thresholds: Float64Array;
  /** Exact mean and SD of one stake-scaled step (before rounding to cents), for closed-form brackets. */
  meanCents: number;
  sdCents: number;
}

// Ziggurat tables (Marsaglia and Tsang, "The Ziggurat Method for Generating Random Variables", JSS 2000),
// 256 layers (R and V for 256 from their paper). One 32-bit draw u gives the layer (bits 0-7), the sign
// (bit 8) and a 23-bit magnitude (bits 9-31); keeping them disjoint avoids the layer/value correlation
// Doornik (2005) found in the original RNOR. The accept and width tables are indexed by u & 511 and the
// width carries the sign, so the fast path has one branch (a random sign branch cost ~1 ns a draw here).
// 256 layers send 1.5% of draws to the slow path against 2.8% for 128, which measured ~10% faster overall.
const ZIG_LAYERS = 256;
const ZIG_R = 3.6541528853610088;
const ZIG_V = 0.00492867323399;
const ZIG_M = 8388608; // 2^23
/** The Ziggurat accept, width and density tables (exported for the four-lane WebAssembly walk, lanes.ts). */
export const KN = new Int32Array(2 * ZIG_LAYERS);
export const WN = new Float64Array(2 * ZIG_LAYERS);
export const FN = new Float64Array(ZIG_LAYERS);
{
  const top = ZIG_LAYERS - 1;
  let dn = ZIG_R;
  let tn = dn;
  const q = ZIG_V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * ZIG_M);
  KN[1] = 0;
  WN[0] = q / ZIG_M;
  WN[top] = dn / ZIG_M;
  FN[0] = 1;
  FN[top] = Math.exp(-0.5 * dn * dn);
  for (let i = top - 1; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * ZIG_M);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / ZIG_M;
  }
  for (let i = 0; i < ZIG_LAYERS; i++) {
    KN[i + ZIG_LAYERS] = KN[i]!;
    WN[i + ZIG_LAYERS] = -WN[i]!;
  }
}

/**
 * Completes a Ziggurat draw whose fast path rejected the 32-bit value `u`: the wedge test, the tail
 * beyond R, and fresh draws until one is accepted. Kept out of line because it runs 1.5% of the time.
 */
export function normalSlow(rng: Xoshiro128, u: number): number {
  for (;;) {
    const i = u & 255;
    const j = u >>> 9;
    const negative = (u & 256) !== 0;
    if (j < KN[i]!) {
      const x = j * WN[i]!;
      return negative ? -x : x;
    }
    if (i === 0) {
      // Tail beyond R by Marsaglia's exponential rejection.
      let x: number;
      let y: number;
      do {
        x = -Math.log(rng.nextDouble()) / ZIG_R;
        y = -Math.log(rng.nextDouble());
      } while (y + y < x * x);
      return negative ? -(ZIG_R + x) : ZIG_R + x;
    }
    const x = j * WN[i]!;
    if (FN[i]! + rng.nextDouble() * (FN[i - 1]! - FN[i]!) < Math.exp(-0.5 * x * x)) return negative ? -x : x;
    u = rng.nextU32();
  }
}

/** A standard normal draw (mean 0, SD 1). 98.5% of draws cost one 32-bit draw and one multiply. */
export function normal(rng: Xoshiro128): number {
  const u = rng.nextU32();
  const i = u & 511;
  if (u >>> 9 < KN[i]!) return (u >>> 9) * WN[i]!;
  return normalSlow(rng, u);
}

/** A Gamma(shape a >= 1, scale 1) draw by Marsaglia and Tsang (2000), with d = a - 1/3, c = 1/sqrt(9d). */
export function gammaDraw(rng: Xoshiro128, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextDouble();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A standard Student-t draw (variance df/(df-2)) as Z / sqrt(G / a), G ~ Gamma(a = df/2), i.e. Z over
 * sqrt(chi-square(df)/df). Throws on df <= 2: callers validate through `compileModel`, which returns an error.
 */
export function studentT(rng: Xoshiro128, df: number): number {
  if (!(df > 2)) throw new RangeError(`Student-t needs df > 2, got ${df}`);
  const a = df / 2;
  const d = a - 1 / 3;
  return normal(rng) / Math.sqrt(gammaDraw(rng, d, 1 / Math.sqrt(9 * d)) / a);
}

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

type Moments = { mean: number; variance: number };

function compileComponent(
  spec: ComponentSpec,
  stake: number,
  where: string,
): Result<{ c: CompiledComponent; m: Moments }> {
  const empty = new Float64Array(0);
  const base = { mean: 0, scale: stake, gammaShape: 0, gammaD: 0, gammaC: 0, history: empty, steps: empty };
  if (spec.kind === 'normal' || spec.kind === 'student-t') {
    if (!isFiniteNumber(spec.meanCents))
      return err('invalid-argument', `${where}mean must be a finite number`);
    if (!isFiniteNumber(spec.sdCents) || spec.sdCents < 0)
      return err('invalid-argument', `${where}SD must be a finite number >= 0`);
    const mean = spec.meanCents * stake;
    const sd = spec.sdCents * stake;
    // 16 SD is beyond any Ziggurat draw (its tail is bounded near 14 by the 53-bit uniform).
    if (Math.abs(mean) + 16 * sd > MAX_STEP_CENTS)
      return err('invalid-argument', `${where}mean and SD are too large (step results beyond 2^50 cents)`);
    const m = { mean, variance: sd * sd };
    if (spec.kind === 'normal') return ok({ c: { ...base, kind: KIND_NORMAL, mean, scale: sd }, m });
    if (!isFiniteNumber(spec.df) || !(spec.df > 2))
      return err(
        'invalid-argument',
        `${where}Student-t degrees of freedom must be greater than 2 (the variance is infinite at df <= 2); got ${String(spec.df)}`,
        { df: String(spec.df) },
      );
    const a = spec.df / 2;
    const d = a - 1 / 3;
    return ok({
      c: {
        ...base,
        kind: KIND_STUDENT_T,
        mean,
        scale: sd * Math.sqrt((spec.df - 2) / spec.df),
        gammaShape: a,
        gammaD: d,
        gammaC: 1 / Math.sqrt(9 * d),
      },
      m,
    });
  }
  if (spec.kind === 'bootstrap') {
    const h = Float64Array.from(spec.historyCents);
    if (h.length === 0)
      return err('invalid-argument', `${where}bootstrap needs at least one historical result`);
    let sum = 0;
    for (let i = 0; i < h.length; i++) {
      const x = h[i]!;
      if (!Number.isFinite(x))
        return err('invalid-argument', `${where}history value ${i + 1} is not a number`);
      if (Math.abs(x) * stake > MAX_STEP_CENTS)
        return err('invalid-argument', `${where}history value ${i + 1} is too large`);
      sum += x;
    }
    const mu = sum / h.length;
    let ss = 0;
    for (let i = 0; i < h.length; i++) ss += (h[i]! - mu) * (h[i]! - mu);
    // The bootstrap distribution is the empirical one: population variance (divide by n).
    const steps = new Float64Array(h.length);
    for (let i = 0; i < h.length; i++) steps[i] = stake * h[i]! + ROUND_MAGIC - ROUND_MAGIC;
    return ok({
      c: { ...base, kind: KIND_BOOTSTRAP, history: h, steps },
      m: { mean: mu * stake, variance: (ss / h.length) * stake * stake },
    });
  }
  return err('invalid-argument', `${where}unknown model kind`);
}

/**
 * Validates a model and prepares it for drawing, with every result multiplied by `stakeMultiplier`.
 * Returns 'invalid-argument' with a sentence for people on any bad parameter (df <= 2, negative SD,
 * empty history, weights that are negative or sum to 0...).
 */
export function compileModel(spec: ModelSpec, stakeMultiplier = 1): Result<CompiledModel> {
  if (!isFiniteNumber(stakeMultiplier) || stakeMultiplier <= 0)
    return err('invalid-argument', 'stake multiplier must be a positive number');
  if (spec.kind !== 'mixture') {
    const r = compileComponent(spec, stakeMultiplier, '');
    if (!r.ok) return r;
    return ok({
      isMixture: false,
      components: [r.value.c],
      thresholds: new Float64Array([4294967296]),
      meanCents: r.value.m.mean,
      sdCents: Math.sqrt(r.value.m.variance),
    });
  }
  const comps = spec.components;
  if (!Array.isArray(comps) || comps.length === 0)
    return err('invalid-argument', 'a mixture needs at least one component');
  let total = 0;
  for (const c of comps) {
    if (!isFiniteNumber(c.weight) || c.weight < 0)
      return err('invalid-argument', 'mixture weights must be numbers >= 0');
    total += c.weight;
  }
  if (!(total > 0)) return err('invalid-argument', 'mixture weights must not all be 0');
  const compiled: CompiledComponent[] = [];
  const thresholds = new Float64Array(comps.length);
  let cumulative = 0;
  let mean = 0;
  let second = 0;
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i]!;
    const stake = (c.stakeMultiplier ?? 1) * stakeMultiplier;
    if (!isFiniteNumber(stake) || stake <= 0)
      return err(
        'invalid-argument',
        `mixture component ${i + 1}: stake multiplier must be a positive number`,
      );
    const r = compileComponent(c.model, stake, `mixture component ${i + 1}: `);
    if (!r.ok) return r;
    compiled.push(r.value.c);
    const w = c.weight / total;
    cumulative += c.weight;
    // Compare a 32-bit draw u against round(2^32 * cumulative share); the last threshold is exactly 2^32.
    thresholds[i] = i === comps.length - 1 ? 4294967296 : Math.round((cumulative / total) * 4294967296);
    mean += w * r.value.m.mean;
    second += w * (r.value.m.variance + r.value.m.mean * r.value.m.mean);
  }
  return ok({
    isMixture: true,
    components: compiled,
    thresholds,
    meanCents: mean,
    sdCents: Math.sqrt(Math.max(0, second - mean * mean)),
  });
}

/**
 * Largest step result in cents the engine accepts (2^50): keeps the half-even rounding below exact and
 * bankroll sums far inside 2^53. Parametric models are validated against it; heavy-tailed draws are capped.
 */
export const MAX_STEP_CENTS = 2 ** 50;
/** 2^-32: scaling by a power of two is exact, and a multiply is much cheaper than a divide. */
const TWO_NEG_32 = 1 / 4294967296;
const TWO_NEG_53 = 1 / 9007199254740992;
/** Adding and subtracting 1.5 * 2^52 rounds any |x| < 2^51 to an integer, half to even (IEEE default). */
const ROUND_MAGIC = 6755399441055744;

/**
 * Fills buf[0..n) with the next n step results of model `m`, each rounded to whole cents, half to even
 * (the team's default rounding; also the one IEEE additions give for free, which matters here: Math.round
 * cost ~10 ns a call in Node 20's V8 on the dev machine, doubling the whole walk).
 *
 * Results are produced in blocks, away from the bankroll bookkeeping, and every model has a block loop
 * with xoshiro128** inlined on local variables and no calls in the common path: in V8 a call inside a
 * hot loop spilled registers and boxed returned doubles (a per-draw Student-t took ~100 ns, mostly
 * allocation). Rare slow paths (Ziggurat tail and wedges, Gamma rejections) are completed after the
 * block from the same stream, so the numbers still depend only on the seed, the path and the block sizes.
 */
export function fillSteps(rng: Xoshiro128, m: CompiledModel, buf: Float64Array, n: number): void {
  if (m.isMixture) fillMixture(rng, m, buf, n);
  else fillComponent(rng, m.components[0]!, buf, n);
}

function fillComponent(rng: Xoshiro128, c: CompiledComponent, buf: Float64Array, n: number): void {
  if (c.kind === KIND_NORMAL) fillNormal(rng, c.mean, c.scale, buf, n);
  else if (c.kind === KIND_STUDENT_T) fillStudentT(rng, c, buf, n);
  else fillBootstrap(rng, c.steps, buf, n);
}

/** Reused scratch arrays, grown on demand (blocks are at most a few hundred steps in the engine). */
let rejectedU = new Int32Array(256);
let rejectedAt = new Int32Array(256);
let scratchZ = new Float64Array(256);
let scratchX = new Float64Array(256);
let scratchU = new Float64Array(256);
let mixPick = new Int32Array(256);
let mixTmp = new Float64Array(256);

function ensureScratch(n: number): void {
  if (rejectedU.length >= n) return;
  rejectedU = new Int32Array(n);
  rejectedAt = new Int32Array(n);
  scratchZ = new Float64Array(n);
  scratchX = new Float64Array(n);
  scratchU = new Float64Array(n);
  mixPick = new Int32Array(n);
  mixTmp = new Float64Array(n);
}

/**
 * Standard normals into out[0..n). The Ziggurat fast path runs for the whole block first; the ~1.5% of
 * draws it rejects are remembered and completed afterwards by `normalSlow`, continuing the same stream
 * (keeping that call out of the hot loop made it ~35% faster).
 */
function fillStandardNormal(rng: Xoshiro128, out: Float64Array, n: number): void {
  ensureScratch(n);
  const rejU = rejectedU;
  const rejAt = rejectedAt;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  const kn = KN;
  const wn = WN;
  let nRejected = 0;
  for (let k = 0; k < n; k++) {
    // xoshiro128** step, as Xoshiro128.nextU32 (kept as int32: only its bits are used).
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const i = u & 511;
    const j = u >>> 9;
    if (j < kn[i]!) out[k] = j * wn[i]!;
    else {
      rejU[nRejected] = u;
      rejAt[nRejected] = k;
      nRejected++;
    }
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  for (let r = 0; r < nRejected; r++) out[rejAt[r]!] = normalSlow(rng, rejU[r]! >>> 0);
}

/** Uniform doubles in (0, 1) into out[0..n), 53 bits each, exactly as Xoshiro128.nextDouble. */
function fillUniform(rng: Xoshiro128, out: Float64Array, n: number): void {
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  for (let k = 0; k < n; k++) {
    let m = Math.imul(s1, 5);
    const a = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    m = Math.imul(s1, 5);
    const b = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    out[k] = (a * 67108864 + b + 0.5) * TWO_NEG_53;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}

/**
 * Normal steps mean + sd * Z rounded to cents: `fillStandardNormal` with the scaling and rounding done in
 * the same pass (the same operations in the same order, so the same numbers as scaling afterwards).
 */
function fillNormal(rng: Xoshiro128, mean: number, sd: number, buf: Float64Array, n: number): void {
  ensureScratch(n);
  const rejU = rejectedU;
  const rejAt = rejectedAt;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  const kn = KN;
  const wn = WN;
  let nRejected = 0;
  for (let k = 0; k < n; k++) {
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const i = u & 511;
    const j = u >>> 9;
    if (j < kn[i]!) buf[k] = mean + sd * (j * wn[i]!) + ROUND_MAGIC - ROUND_MAGIC;
    else {
      rejU[nRejected] = u;
      rejAt[nRejected] = k;
      nRejected++;
    }
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  for (let r = 0; r < nRejected; r++)
    buf[rejAt[r]!] = mean + sd * normalSlow(rng, rejU[r]! >>> 0) + ROUND_MAGIC - ROUND_MAGIC;
}

/**
 * Student-t steps mean + scale * Z / sqrt(G / a) for one block: n normals Z, then one Marsaglia-Tsang
 * Gamma attempt per step from n more normals and n uniforms. The few steps whose attempt fails get a
 * full `gammaDraw` after the block (attempts are independent, so the Gamma stays exact).
 */
function fillStudentT(rng: Xoshiro128, c: CompiledComponent, buf: Float64Array, n: number): void {
  ensureScratch(n);
  const zs = scratchZ;
  const xs = scratchX;
  const us = scratchU;
  const rejAt = rejectedAt;
  fillStandardNormal(rng, zs, n);
  fillStandardNormal(rng, xs, n);
  fillUniform(rng, us, n);
  const { mean, scale, gammaShape: a, gammaD: d, gammaC: gc } = c;
  // First pass: attempts that pass the cheap squeeze. Steps whose attempt needs the log test (or has
  // v <= 0) are listed and finished below, so no Math.log call sits in this loop.
  let nPending = 0;
  for (let k = 0; k < n; k++) {
    const x = xs[k]!;
    const w = 1 + gc * x;
    const v = w * w * w;
    const x2 = x * x;
    if (w > 0 && us[k]! < 1 - 0.0331 * x2 * x2)
      buf[k] = tStep(mean + scale * (zs[k]! / Math.sqrt((d * v) / a)));
    else rejAt[nPending++] = k;
  }
  for (let r = 0; r < nPending; r++) {
    const k = rejAt[r]!;
    const x = xs[k]!;
    const w = 1 + gc * x;
    const v = w * w * w;
    // The same attempt's full test; only if it fails too does the step get a fresh Gamma draw.
    const g =
      w > 0 && Math.log(us[k]!) < 0.5 * x * x + d * (1 - v + Math.log(v)) ? d * v : gammaDraw(rng, d, gc);
    buf[k] = tStep(mean + scale * (zs[k]! / Math.sqrt(g / a)));
  }
}

/**
 * A Student-t step result rounded half to even to whole cents. Heavy tails can exceed any bound, so it is
 * capped at MAX_STEP_CENTS first, which keeps the rounding exact.
 */
export function tStep(x: number): number {
  const y = x > MAX_STEP_CENTS ? MAX_STEP_CENTS : x < -MAX_STEP_CENTS ? -MAX_STEP_CENTS : x;
  return y + ROUND_MAGIC - ROUND_MAGIC;
}

/**
 * Mixture steps for one block: one 32-bit draw per step picks the component (against the cumulative
 * thresholds), then each component fills as many steps as it was picked for, in step order, and they are
 * scattered back into place.
 */
function fillMixture(rng: Xoshiro128, m: CompiledModel, buf: Float64Array, n: number): void {
  ensureScratch(n);
  const pick = mixPick;
  const tmp = mixTmp;
  const th = m.thresholds;
  const last = th.length - 1;
  for (let k = 0; k < n; k++) {
    const u = rng.nextU32();
    let i = 0;
    while (i < last && u >= th[i]!) i++;
    pick[k] = i;
  }
  const comps = m.components;
  for (let ci = 0; ci < comps.length; ci++) {
    let count = 0;
    for (let k = 0; k < n; k++) if (pick[k] === ci) count++;
    if (count === 0) continue;
    fillComponent(rng, comps[ci]!, tmp, count);
    for (let k = 0, r = 0; k < n; k++) if (pick[k] === ci) buf[k] = tmp[r++]!;
  }
}

/**
 * Bootstrap steps: uniform indices into the compiled, already rounded step results. The index is Lemire's
 * multiply-and-reject exactly as Xoshiro128.nextIndex (the high 32 bits of u * len, drawing again while the
 * low bits fall in the biased zone, which has probability below len / 2^32), so one 32-bit draw and one
 * load make a step in all but a vanishing share of cases.
 */
function fillBootstrap(rng: Xoshiro128, steps: Float64Array, buf: Float64Array, n: number): void {
  const len = steps.length;
  if (len > 2097152) {
    for (let k = 0; k < n; k++) buf[k] = steps[rng.nextIndex(len)]!;
    return;
  }
  const reject = (4294967296 - len) % len;
  let s0 = rng.s0;
  let s1 = rng.s1;
  let s2 = rng.s2;
  let s3 = rng.s3;
  for (let k = 0; k < n; k++) {
    let m = Math.imul(s1, 5);
    let u = Math.imul((m << 7) | (m >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // u * len < 2^53 is exact, so its high 32 bits are a truncation of an exact power-of-two scaling, and
    // its low 32 bits are Math.imul's: integer operations only (Math.floor cost ~40% more in Chromium).
    let idx = ((u >>> 0) * len * TWO_NEG_32) | 0;
    while (Math.imul(u, len) >>> 0 < reject) {
      m = Math.imul(s1, 5);
      u = Math.imul((m << 7) | (m >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      idx = ((u >>> 0) * len * TWO_NEG_32) | 0;
    }
    buf[k] = steps[idx]!;
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}
