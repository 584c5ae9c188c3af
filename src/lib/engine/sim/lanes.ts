/**
 * Four paths at once in WebAssembly SIMD (lanes.wat): the fast path of `simulateChecked` for the normal,
 * Student-t and bootstrap models (mixtures and bootstrap histories over 2^21 values keep the scalar walk).
 *
 * Lane l of a group walks path first + l with that path's own xoshiro128** stream and the scalar engine's
 * arithmetic (the same IEEE operations in the same order), so every number is bit-identical to the scalar
 * `walkPath`: the golden fingerprints hold and lanes.test.ts compares the two on random parameters. The
 * WebAssembly seeds the lanes, does the per-step work (draws, the Ziggurat's and the Gamma's rejected
 * draws after each block from the lane's own stream, exactly where the scalar code takes them, the walk
 * with its peak, drawdown, checkpoint rows and per-checkpoint min and max) and, for runs without clamps,
 * withdrawals or drain, whole groups with their ruin and target events (`group`). Otherwise this file
 * drives the blocks and applies stop-loss/win clamps, withdrawals and the drain, and records ruin and
 * target events. A ruined lane's steps are masked to 0 so its bankroll,
 * peak and drawdown stay as they were at ruin, like a scalar path that stopped. The module also runs the
 * fan chart's count and gather passes for the workers (`lanesBucketPasses`).
 */
import type { CompiledComponent } from './distributions';
import { FN, KIND_BOOTSTRAP, KIND_NORMAL, KN, WN } from './distributions';
import { LANES_WASM_BASE64 } from './lanes.wasm';
import type { CheckedSim } from './monte-carlo';
import { BUCKETS, type BucketLayout, type BucketPasses, type TablePart } from './stats';

interface LanesExports {
  memory: WebAssembly.Memory;
  fillNormal(out: number, n: number, mean: number, sd: number, round: number): void;
  fillUniform(out: number, n: number): void;
  fillBoot(n: number, len: number, reject: number): void;
  tSqueeze(n: number, mean: number, scale: number, d: number, a: number, gc: number): number;
  walk(from: number, to: number, floor: number, t: number): number;
  begin(seed: number, first: number, used: number, start: number, mark: number, hit0: number): void;
  group(
    kind: number,
    horizon: number,
    floor: number,
    mean: number,
    sd: number,
    len: number,
    reject: number,
    d: number,
    a: number,
    gc: number,
  ): void;
  tFinish(
    pending: number,
    alive: number,
    mean: number,
    scale: number,
    d: number,
    a: number,
    gc: number,
  ): void;
  finishNormals(out: number, alive: number, mean: number, sd: number, round: number): void;
  fillRest(): void;
  countTable(data: number, rows: number, cols: number, min: number, scale: number, counts: number): void;
  gatherTable(
    data: number,
    rows: number,
    cols: number,
    min: number,
    scale: number,
    next: number,
    out: number,
  ): void;
}

// Byte offsets of lanes.wat's memory layout (see its header).
const KN_AT = 1024;
const WN_AT = 3072;
const FN_AT = 81920;
const B = 7200;
const MDD = 7264;
const MARK = 7296;
const ALIVE = 7328;
const BUF = 16384;
const Z = 24576;
const X = 32768;
const U = 40960;
const ROWS = 7364;
const MINS = 7368;
const MAXS = 7372;
const NC = 7376;
const CPS = 7384;
const TGT = 7392;
const RUIN = 7408;
const STEPS = 131072;
/** Steps per block: as the scalar engine's STEP_BLOCK (the rejected draws are finished per block). */
const BLOCK = 256;
/** Longest bootstrap history the lanes take (Lemire's index stays a 32x21-bit product). */
const MAX_BOOT = 2097152;

let lanes: LanesExports | null | undefined;
let i32 = new Int32Array(0);
let f64 = new Float64Array(0);
let loadedSteps: Float64Array | null = null;

function decode(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The WebAssembly instance (compiled on first use: it is 2.6 KB, so synchronously, also on a page), or
 * null where WebAssembly SIMD is missing; the engine then walks every path with the scalar code.
 */
function instance(): LanesExports | null {
  if (lanes !== undefined) return lanes;
  try {
    const module = new WebAssembly.Module(decode(LANES_WASM_BASE64) as BufferSource);
    // The Ziggurat's rare wedge and tail tests call the very Math.exp and Math.log of the scalar code.
    const imports = { m: { exp: Math.exp, log: Math.log } };
    lanes = new WebAssembly.Instance(module, imports).exports as unknown as LanesExports;
    views();
    i32.set(KN, KN_AT >> 2);
    f64.set(WN, WN_AT >> 3);
    f64.set(FN, FN_AT >> 3);
  } catch {
    lanes = null;
  }
  return lanes;
}

/** Grows the module's memory to at least `need` bytes and refreshes the typed views over it. */
function ensureMemory(need: number): void {
  const memory = lanes!.memory;
  const have = memory.buffer.byteLength;
  if (need > have) memory.grow(Math.ceil((need - have) / 65536));
  views();
}

function views(): void {
  const buffer = lanes!.memory.buffer;
  if (i32.buffer !== buffer) {
    i32 = new Int32Array(buffer);
    f64 = new Float64Array(buffer);
  }
}

/** Whether `sim` can be walked four paths at a time (see the header); loads the module on first call. */
export function lanesFit(sim: CheckedSim): boolean {
  const m = sim.model;
  if (m.isMixture) return false;
  const c = m.components[0]!;
  if (c.kind === KIND_BOOTSTRAP && c.steps.length > MAX_BOOT) return false;
  return instance() !== null;
}

/** Copies the bootstrap steps into the module's memory (once per compiled model), growing it as needed. */
function loadSteps(steps: Float64Array): void {
  if (loadedSteps === steps) return;
  ensureMemory(STEPS + steps.length * 8);
  f64.set(steps, STEPS >> 3);
  loadedSteps = steps;
}

/**
 * Prepares the module for a chunk of `sim` (`lanesFit(sim)` must be true): the bootstrap steps, and past
 * them the group's checkpoint rows and the chunk's per-checkpoint min and max, which the walk keeps.
 */
export function beginLanesChunk(sim: CheckedSim): void {
  const c = sim.model.components[0]!;
  const len = c.kind === KIND_BOOTSTRAP ? c.steps.length : 0;
  if (len > 0) loadSteps(c.steps);
  const nc = sim.checkpointSteps.length;
  const rows = STEPS + len * 8;
  const mins = rows + 4 * nc * 8;
  const maxs = mins + nc * 8;
  const cps = maxs + nc * 8;
  const need = cps + nc * 4;
  ensureMemory(need);
  i32[ROWS >> 2] = rows;
  i32[MINS >> 2] = mins;
  i32[MAXS >> 2] = maxs;
  i32[NC >> 2] = nc;
  i32[CPS >> 2] = cps;
  i32.set(sim.checkpointSteps, cps >> 2);
  f64.fill(Number.POSITIVE_INFINITY, mins >> 3, (mins >> 3) + nc);
  f64.fill(Number.NEGATIVE_INFINITY, maxs >> 3, (maxs >> 3) + nc);
}

/** The chunk's per-checkpoint min and max since `beginLanesChunk`, into `min` and `max`. */
export function lanesChunkRanges(min: Float64Array, max: Float64Array): void {
  const nc = i32[NC >> 2]!;
  const mins = i32[MINS >> 2]! >> 3;
  const maxs = i32[MAXS >> 2]! >> 3;
  min.set(f64.subarray(mins, mins + nc));
  max.set(f64.subarray(maxs, maxs + nc));
}

/** Student-t steps for one block, as `fillStudentT` per lane (see distributions.ts). */
function fillStudentT4(w: LanesExports, c: CompiledComponent, n: number, alive: number): void {
  w.fillNormal(Z, n, 0, 1, 0);
  w.finishNormals(Z, alive, 0, 1, 0);
  w.fillNormal(X, n, 0, 1, 0);
  w.finishNormals(X, alive, 0, 1, 0);
  w.fillUniform(U, n);
  const { mean, scale, gammaShape: a, gammaD: d, gammaC: gc } = c;
  const pending = w.tSqueeze(n, mean, scale, d, a, gc);
  // Steps whose attempt failed the squeeze: each lane finishes its own from its stream.
  if (pending > 0) w.tFinish(pending, alive, mean, scale, d, a, gc);
}

/** Per-path results of a group, written by `walkLanes` (indexed by lane). */
export interface LaneOut {
  final: Float64Array;
  maxDrawdown: Float64Array;
  ruinStep: Int32Array;
  targetStep: Int32Array;
}

/**
 * Walks paths first .. first + lanesUsed - 1 (1 to 4 of them) of `sim`, writing each one's checkpoints
 * into row rows[l] of `cp` (path-major, as `walkPath`) and its outcome into `out`. `lanesFit(sim)` must
 * be true. Unused lanes walk a copy of the first path and are dropped.
 */
export function walkLanes(
  sim: CheckedSim,
  first: number,
  lanesUsed: number,
  cp: Float64Array,
  firstRow: number,
  out: LaneOut,
): void {
  const w = lanes!;
  const c = sim.model.components[0]!;
  const horizon = sim.horizonSteps;
  const stopLoss = -sim.stopLossCents;
  const stopWin = sim.stopWinCents;
  const hasClamp = stopLoss > Number.NEGATIVE_INFINITY || stopWin < Number.POSITIVE_INFINITY;
  const wEvery = sim.withdrawalEverySteps;
  const wAmount = sim.withdrawalCents;
  const drain = sim.drainCentsPerStep;
  const floor = sim.ruinFloorCents;
  const target = sim.targetCents;
  const nc = sim.checkpointSteps.length;
  const start = sim.startCents;
  const hit0 = start >= target ? 0 : -1;
  // begin also stores checkpoint 0 (the start); the walk stores the others as it passes them.
  w.begin(sim.seed, first, lanesUsed, start, hit0 === 0 ? Number.POSITIVE_INFINITY : target, hit0);
  if (!hasClamp && wEvery === 0 && drain === 0) {
    // The common case, all of it in WebAssembly: no JS per block.
    const len = c.steps.length;
    const reject = len > 0 ? (4294967296 - len) % len : 0;
    w.group(c.kind, horizon, floor, c.mean, c.scale, len, reject, c.gammaD, c.gammaShape, c.gammaC);
    finishGroup(lanesUsed, nc, cp, firstRow, out);
    for (let l = 0; l < 4; l++) {
      out.ruinStep[l] = i32[(RUIN >> 2) + l]!;
      out.targetStep[l] = i32[(TGT >> 2) + l]!;
    }
    return;
  }
  for (let l = 0; l < 4; l++) {
    out.ruinStep[l] = -1;
    out.targetStep[l] = hit0;
  }
  // Bit l set while lane l is not ruined.
  let alive = 15;
  let untilW = wEvery;
  const buf = BUF >> 3;
  let t = 0;
  while (t < horizon && alive !== 0) {
    const n = Math.min(BLOCK, horizon - t);
    if (c.kind === KIND_NORMAL) {
      w.fillNormal(BUF, n, c.mean, c.scale, 1);
      w.finishNormals(BUF, alive, c.mean, c.scale, 1);
    } else if (c.kind === KIND_BOOTSTRAP) {
      const len = c.steps.length;
      w.fillBoot(n, len, (4294967296 - len) % len);
    } else fillStudentT4(w, c, n, alive);
    if (hasClamp)
      for (let i = buf; i < buf + 4 * n; i++) {
        const r = f64[i]!;
        if (r < stopLoss) f64[i] = stopLoss;
        else if (r > stopWin) f64[i] = stopWin;
      }
    if (wEvery > 0) {
      for (let k = untilW - 1; k < n; k += wEvery)
        for (let l = 0; l < 4; l++) f64[buf + k * 4 + l] = f64[buf + k * 4 + l]! - wAmount;
      untilW = untilW > n ? untilW - n : wEvery - ((n - untilW) % wEvery);
    }
    if (drain > 0)
      for (let k = 0, prev = rint(drain * t); k < n; k++) {
        const d = rint(drain * (t + k + 1));
        for (let l = 0; l < 4; l++) f64[buf + k * 4 + l] = f64[buf + k * 4 + l]! - (d - prev);
        prev = d;
      }
    for (let k = 0; k < n;) {
      const e = w.walk(k, n, floor, t);
      if (e < 0) break;
      // A live lane reached the target or the floor at step e (both are rare).
      for (let l = 0; l < 4; l++) {
        if ((alive & (1 << l)) === 0) continue;
        const b = f64[(B >> 3) + l]!;
        if (b >= f64[(MARK >> 3) + l]!) {
          out.targetStep[l] = t + e + 1;
          f64[(MARK >> 3) + l] = Number.POSITIVE_INFINITY;
        }
        if (b <= floor) {
          out.ruinStep[l] = t + e + 1;
          alive &= ~(1 << l);
          i32[(ALIVE >> 2) + 2 * l] = 0;
          i32[(ALIVE >> 2) + 2 * l + 1] = 0;
        }
      }
      k = e + 1;
    }
    t += n;
  }
  // A ruined path keeps its bankroll at ruin for the remaining checkpoints.
  w.fillRest();
  finishGroup(lanesUsed, nc, cp, firstRow, out);
}

/** Copies a walked group's checkpoint rows into `cp` and its final bankrolls and drawdowns into `out`. */
function finishGroup(lanesUsed: number, nc: number, cp: Float64Array, firstRow: number, out: LaneOut): void {
  const rows = i32[ROWS >> 2]! >> 3;
  cp.set(f64.subarray(rows, rows + lanesUsed * nc), firstRow * nc);
  for (let l = 0; l < 4; l++) {
    out.final[l] = f64[(B >> 3) + l]!;
    out.maxDrawdown[l] = f64[(MDD >> 3) + l]!;
  }
}

/** Rounds |x| < 2^51 to an integer, half to even (as monte-carlo.ts). */
function rint(x: number): number {
  return x + 6755399441055744 - 6755399441055744;
}

/**
 * Lays out scratch memory past the walk's fixed areas for the fan chart's passes: the bucket array
 * (counts or cursor), the layout's min and scale, room for the largest part and `outLength` gathered
 * values. Forgets the loaded bootstrap steps, whose place this reuses.
 */
function scratch(layout: BucketLayout, parts: readonly TablePart[], outLength: number) {
  const w = lanes!;
  const cols = layout.cols;
  let largest = 0;
  for (const p of parts) largest = Math.max(largest, p.rows * cols);
  const buckets = STEPS;
  const min = buckets + cols * BUCKETS * 4;
  const scale = min + cols * 8;
  const data = scale + cols * 8;
  const out = data + largest * 8;
  const need = out + outLength * 8;
  ensureMemory(need);
  loadedSteps = null;
  f64.set(layout.min, min >> 3);
  f64.set(layout.scale, scale >> 3);
  return { w, cols, buckets, min, scale, data, out };
}

/**
 * The fan chart's count and gather passes (stats.ts) in WebAssembly, or null where the module is
 * unavailable: each part is copied into the module's memory (a memcpy) and walked there, ~2x faster
 * than the JavaScript passes with their bounds checks.
 */
export function lanesBucketPasses(): BucketPasses | null {
  if (instance() === null) return null;
  return {
    count(layout, parts, counts) {
      const m = scratch(layout, parts, 0);
      i32.set(counts, m.buckets >> 2);
      for (const p of parts) {
        f64.set(p.data.subarray(0, p.rows * m.cols), m.data >> 3);
        m.w.countTable(m.data, p.rows, m.cols, m.min, m.scale, m.buckets);
      }
      counts.set(i32.subarray(m.buckets >> 2, (m.buckets >> 2) + counts.length));
    },
    gather(layout, parts, next, out) {
      const m = scratch(layout, parts, out.length);
      i32.set(next, m.buckets >> 2);
      for (const p of parts) {
        f64.set(p.data.subarray(0, p.rows * m.cols), m.data >> 3);
        m.w.gatherTable(m.data, p.rows, m.cols, m.min, m.scale, m.buckets, m.out);
      }
      next.set(i32.subarray(m.buckets >> 2, (m.buckets >> 2) + next.length));
      out.set(f64.subarray(m.out >> 3, (m.out >> 3) + out.length));
    },
  };
}
