/**
 * Monte Carlo bankroll walks in integer cents, split into mergeable chunks.
 *
 * `simulate(params, range)` runs paths [fromPath, toPath) and returns per-path typed arrays; any number of
 * workers can each run a range and `mergeChunks` joins them back in path order, so the merged result (and
 * therefore `summarize`) is bit-identical however the run was split: path i's random numbers come only from
 * (seed, i) (see rng.ts). Nothing is allocated per step or per path: step results are drawn in blocks into
 * a reused buffer by model-specialised loops (`fillSteps`), and one tight loop walks the bankroll.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CompiledModel } from './distributions';
import { compileModel, fillSteps } from './distributions';
import { beginLanesChunk, lanesChunkRanges, lanesFit, walkLanes, type LaneOut } from './lanes';
import { Xoshiro128, assertSeed } from './rng';
import { columnQuantiles, quantiles, varCvar } from './stats';
import type { Percentiles, PathRange, SimChunkResult, SimParams, SimSummary } from './types';

export type { PathRange, SimChunkResult, SimParams, SimSummary } from './types';

/**
 * Largest accepted sizes, so one run's arrays fit in a browser tab: 24 bytes per path, plus 8 bytes per
 * stored checkpoint (at most 160 MB of fan-chart data).
 */
export const MAX_PATHS = 2_000_000;
export const MAX_HORIZON_STEPS = 1_000_000;
export const MAX_CHECKPOINT_VALUES = 20_000_000;
const DEFAULT_FAN_CHECKPOINTS = 50;
/** Largest total drain over a horizon (2^50 cents), so its half-even rounding below stays exact. */
const MAX_DRAIN_CENTS = 2 ** 50;
const DEFAULT_SAMPLE_PATHS = 5;

/** Thrown by `simulate` when given parameters that `checkSimParams` rejects: callers must check first. */
export class SimParamsError extends Error {
  override name = 'SimParamsError';
}

/** Parameters after validation, with defaults filled in and the model compiled. */
export interface CheckedSim {
  model: CompiledModel;
  startCents: number;
  horizonSteps: number;
  paths: number;
  seed: number;
  stopLossCents: number;
  stopWinCents: number;
  withdrawalCents: number;
  withdrawalEverySteps: number;
  /** Cents drained per step (0 = none); see SimParams.drainCentsPerStep. */
  drainCentsPerStep: number;
  ruinFloorCents: number;
  targetCents: number;
  checkpointSteps: Int32Array;
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/**
 * Validates simulation parameters and compiles the model. Returns 'invalid-argument' with a sentence
 * naming the bad field (money must be integer cents; limits must be positive; df must exceed 2...).
 */
export function checkSimParams(params: SimParams): Result<CheckedSim> {
  const model = compileModel(params.model, params.stakeMultiplier ?? 1);
  if (!model.ok) return model;
  const { startCents, horizonSteps, paths, seed } = params;
  if (!isInt(startCents)) return err('invalid-argument', 'starting bankroll must be integer cents');
  if (!isInt(horizonSteps) || horizonSteps < 1 || horizonSteps > MAX_HORIZON_STEPS)
    return err('invalid-argument', `horizon must be an integer from 1 to ${MAX_HORIZON_STEPS}`);
  if (!isInt(paths) || paths < 1 || paths > MAX_PATHS)
    return err('invalid-argument', `paths must be an integer from 1 to ${MAX_PATHS}`);
  if (!isInt(seed) || seed < 0) return err('invalid-argument', 'seed must be an integer >= 0 and < 2^53');
  const ruinFloorCents = params.ruinFloorCents ?? 0;
  if (!isInt(ruinFloorCents)) return err('invalid-argument', 'ruin floor must be integer cents');
  if (startCents <= ruinFloorCents)
    return err('invalid-argument', 'starting bankroll must be above the ruin floor');
  const limit = (x: number | undefined, name: string): Result<number> => {
    if (x === undefined) return ok(Number.POSITIVE_INFINITY);
    if (!isInt(x) || x <= 0) return err('invalid-argument', `${name} must be positive integer cents`);
    return ok(x);
  };
  const stopLoss = limit(params.stopLossCents, 'stop-loss');
  if (!stopLoss.ok) return stopLoss;
  const stopWin = limit(params.stopWinCents, 'stop-win');
  if (!stopWin.ok) return stopWin;
  let withdrawalCents = 0;
  let withdrawalEverySteps = 0;
  if (params.withdrawal !== undefined) {
    const w = params.withdrawal;
    if (!isInt(w.amountCents) || w.amountCents <= 0)
      return err('invalid-argument', 'withdrawal must be positive integer cents');
    if (!isInt(w.everySteps) || w.everySteps < 1)
      return err('invalid-argument', 'withdrawal interval must be a whole number of steps >= 1');
    withdrawalCents = w.amountCents;
    withdrawalEverySteps = w.everySteps;
  }
  const drainCentsPerStep = params.drainCentsPerStep ?? 0;
  if (
    typeof drainCentsPerStep !== 'number' ||
    !Number.isFinite(drainCentsPerStep) ||
    drainCentsPerStep < 0 ||
    drainCentsPerStep * horizonSteps > MAX_DRAIN_CENTS
  )
    return err('invalid-argument', 'drain per step must be a finite number of cents >= 0');
  const targetCents = params.targetCents ?? Number.POSITIVE_INFINITY;
  if (params.targetCents !== undefined && !isInt(targetCents))
    return err('invalid-argument', 'target must be integer cents');
  const fan = params.fanCheckpoints ?? DEFAULT_FAN_CHECKPOINTS;
  if (!isInt(fan) || fan < 0) return err('invalid-argument', 'fan checkpoints must be an integer >= 0');
  if (params.samplePaths !== undefined && (!isInt(params.samplePaths) || params.samplePaths < 0))
    return err('invalid-argument', 'sample paths must be an integer >= 0');
  const checkpointSteps = checkpointStepsFor(horizonSteps, fan);
  if (checkpointSteps.length * paths > MAX_CHECKPOINT_VALUES)
    return err(
      'invalid-argument',
      'too many paths for a fan chart this detailed: use fewer paths or checkpoints',
    );
  return ok({
    model: model.value,
    startCents,
    horizonSteps,
    paths,
    seed,
    stopLossCents: stopLoss.value,
    stopWinCents: stopWin.value,
    withdrawalCents,
    withdrawalEverySteps,
    drainCentsPerStep,
    ruinFloorCents,
    targetCents,
    checkpointSteps,
  });
}

/**
 * Checkpoint steps for a fan chart: floor(c * horizon / K) for c = 0..K with K = min(fan, horizon), so
 * step 0 (the start) and the horizon are always included and the steps are distinct. Empty when fan is 0.
 */
export function checkpointStepsFor(horizonSteps: number, fan: number): Int32Array {
  if (fan === 0) return new Int32Array(0);
  const k = Math.min(fan, horizonSteps);
  const steps = new Int32Array(k + 1);
  for (let c = 0; c <= k; c++) steps[c] = Math.floor((c * horizonSteps) / k);
  return steps;
}

/**
 * Runs paths [range.fromPath, range.toPath) (default: all paths) of the walk described by `params`.
 * Throws SimParamsError if the parameters are invalid (validate with `checkSimParams` at the boundary).
 */
export function simulate(params: SimParams, range?: PathRange): SimChunkResult {
  const checked = checkSimParams(params);
  if (!checked.ok) throw new SimParamsError(checked.error.message ?? checked.error.code);
  return simulateChecked(checked.value, range);
}

const laneOut: LaneOut = {
  final: new Float64Array(4),
  maxDrawdown: new Float64Array(4),
  ruinStep: new Int32Array(4),
  targetStep: new Int32Array(4),
};

/**
 * `simulate` for parameters already validated by `checkSimParams` (e.g. the same run split into chunks).
 * `scalarOnly` walks every path with the scalar code even where the WebAssembly lanes could (for tests
 * that compare the two). `tableFor(length)`, when given, supplies the checkpoint table (a worker recycles
 * them: writing a fresh 5 MB table faulted in its pages, ~30% of a normal walk in Node).
 */
export function simulateChecked(
  sim: CheckedSim,
  range?: PathRange,
  scalarOnly = false,
  tableFor?: (length: number) => Float64Array,
): SimChunkResult {
  const fromPath = range?.fromPath ?? 0;
  const toPath = range?.toPath ?? sim.paths;
  if (!isInt(fromPath) || !isInt(toPath) || fromPath < 0 || toPath > sim.paths || fromPath > toPath)
    throw new SimParamsError(`path range [${fromPath}, ${toPath}) is not within [0, ${sim.paths})`);
  assertSeed(sim.seed);
  const count = toPath - fromPath;
  const cpSteps = sim.checkpointSteps;
  const nc = cpSteps.length;
  const finalCents = new Float64Array(count);
  const maxDrawdownCents = new Float64Array(count);
  const ruinStep = new Int32Array(count);
  const targetStep = new Int32Array(count);
  // Every cell is written below, so a recycled table needs no clearing.
  const checkpointCents = tableFor?.(nc * count) ?? new Float64Array(nc * count);
  const checkpointMin = new Float64Array(nc).fill(Number.POSITIVE_INFINITY);
  const checkpointMax = new Float64Array(nc).fill(Number.NEGATIVE_INFINITY);
  const rng = new Xoshiro128();
  let ruinedCount = 0;
  let targetHitCount = 0;
  // Four paths at a time in WebAssembly where the model allows (bit-identical, see lanes.ts).
  const inLanes = !scalarOnly && lanesFit(sim);
  // The lanes keep the checkpoints' min and max themselves.
  if (inLanes) beginLanesChunk(sim);
  for (let p = 0; p < count;) {
    let used = 1;
    if (inLanes) {
      used = Math.min(4, count - p);
      walkLanes(sim, fromPath + p, used, checkpointCents, p, laneOut);
    } else {
      rng.seedPath(sim.seed, fromPath + p);
      walkPath(sim, rng, checkpointCents, p);
      laneOut.final[0] = outFinal;
      laneOut.maxDrawdown[0] = outMaxDrawdown;
      laneOut.ruinStep[0] = outRuinStep;
      laneOut.targetStep[0] = outTargetStep;
    }
    for (let l = 0; l < used; l++, p++) {
      finalCents[p] = laneOut.final[l]!;
      maxDrawdownCents[p] = laneOut.maxDrawdown[l]!;
      ruinStep[p] = laneOut.ruinStep[l]!;
      targetStep[p] = laneOut.targetStep[l]!;
      if (ruinStep[p]! >= 0) ruinedCount++;
      if (targetStep[p]! >= 0) targetHitCount++;
      if (!inLanes)
        for (let c = 0, k = p * nc; c < nc; c++, k++) {
          const x = checkpointCents[k]!;
          if (x < checkpointMin[c]!) checkpointMin[c] = x;
          if (x > checkpointMax[c]!) checkpointMax[c] = x;
        }
    }
  }
  if (inLanes) lanesChunkRanges(checkpointMin, checkpointMax);
  return {
    fromPath,
    toPath,
    horizonSteps: sim.horizonSteps,
    checkpointSteps: cpSteps.slice(),
    ruinedCount,
    targetHitCount,
    finalCents,
    maxDrawdownCents,
    ruinStep,
    targetStep,
    checkpointCents,
    checkpointMin,
    checkpointMax,
  };
}

/** Rounds |x| < 2^51 to an integer, half to even (adding 1.5 * 2^52 makes the FPU do it). */
function rint(x: number): number {
  return x + 6755399441055744 - 6755399441055744;
}

/** Per-path outcome written by `walkPath` into module scratch (no allocation per path). */
let outFinal = 0;
let outMaxDrawdown = 0;
let outRuinStep = -1;
let outTargetStep = -1;
/** Step results are drawn STEP_BLOCK at a time into this reused buffer (see `fillSteps`). */
const STEP_BLOCK = 256;
const stepBuffer = new Float64Array(STEP_BLOCK);

/**
 * Walks one path: draws its step results block by block, applies the per-step clamp, and tracks the
 * bankroll, running peak and drawdown, target and ruin, writing checkpoints into `cp` (path-major: this
 * path's row p). Draws after ruin in the last block are discarded;
 * that cannot change other paths because each path has its own stream.
 */
function walkPath(sim: CheckedSim, rng: Xoshiro128, cp: Float64Array, p: number): void {
  const model = sim.model;
  const buf = stepBuffer;
  const horizon = sim.horizonSteps;
  const stopLoss = -sim.stopLossCents;
  const stopWin = sim.stopWinCents;
  const hasClamp = stopLoss > Number.NEGATIVE_INFINITY || stopWin < Number.POSITIVE_INFINITY;
  const wEvery = sim.withdrawalEverySteps;
  const wAmount = sim.withdrawalCents;
  const drain = sim.drainCentsPerStep;
  const floor = sim.ruinFloorCents;
  const target = sim.targetCents;
  const cpSteps = sim.checkpointSteps;
  const nc = cpSteps.length;
  const base = p * nc;
  let b = sim.startCents;
  let peak = b;
  let mdd = 0;
  let hit = b >= target ? 0 : -1;
  // Once the target is hit, the bankroll is compared against +Infinity so one test serves both cases.
  let mark = hit === 0 ? Number.POSITIVE_INFINITY : target;
  let ruin = -1;
  let ci = 0;
  if (nc > 0) {
    cp[base] = b;
    ci = 1;
  }
  let nextCp = ci < nc ? cpSteps[ci]! : -1;
  let untilW = wEvery;
  let t = 0;
  walk: while (t < horizon) {
    const n = Math.min(STEP_BLOCK, horizon - t);
    fillSteps(rng, model, buf, n);
    if (hasClamp)
      for (let k = 0; k < n; k++) {
        const r = buf[k]!;
        if (r < stopLoss) buf[k] = stopLoss;
        else if (r > stopWin) buf[k] = stopWin;
      }
    // A withdrawal after step k is folded into that step's change: same bankroll, one test less per step.
    if (wEvery > 0) {
      for (let k = untilW - 1; k < n; k += wEvery) buf[k] = buf[k]! - wAmount;
      untilW = untilW > n ? untilW - n : wEvery - ((n - untilW) % wEvery);
    }
    // The drain's whole cents for step s are D(s) - D(s-1), D(s) = rint(drain * s) (half to even).
    if (drain > 0)
      for (let k = 0, prev = rint(drain * t); k < n; k++) {
        const d = rint(drain * (t + k + 1));
        buf[k] = buf[k]! - (d - prev);
        prev = d;
      }
    // Block index of the next checkpoint (-1 when none is left, else possibly beyond this block). The block
    // is walked in segments that end at a checkpoint, so the per-step loop has no checkpoint test; target
    // and ruin share one rarely-taken branch.
    let cpK = nextCp < 0 ? -1 : nextCp - t - 1;
    let k = 0;
    while (k < n) {
      const end = cpK >= 0 && cpK < n ? cpK + 1 : n;
      for (; k < end; k++) {
        b += buf[k]!;
        // Math.max measured faster than either a branch or a ternary here (V8 has no select for doubles).
        peak = Math.max(peak, b);
        mdd = Math.max(mdd, peak - b);
        if (b >= mark || b <= floor) {
          if (b >= mark) {
            hit = t + k + 1;
            mark = Number.POSITIVE_INFINITY;
          }
          if (b <= floor) {
            ruin = t + k + 1;
            break walk;
          }
        }
      }
      if (k - 1 === cpK) {
        cp[base + ci] = b;
        ci++;
        nextCp = ci < nc ? cpSteps[ci]! : -1;
        cpK = nextCp < 0 ? -1 : nextCp - t - 1;
      }
    }
    t += n;
  }
  // A ruined path keeps its bankroll at ruin for the remaining checkpoints.
  for (; ci < nc; ci++) cp[base + ci] = b;
  outFinal = b;
  outMaxDrawdown = mdd;
  outRuinStep = ruin;
  outTargetStep = hit;
}

/** A chunk as `ChunkMerger` takes it: the checkpoint table may have stayed in the worker. */
export type MergeableChunk = Omit<SimChunkResult, 'checkpointCents'> & { checkpointCents?: Float64Array };

/** Throws unless chunk `c` comes from the same run as `first` (same horizon and checkpoint steps). */
function assertSameRun(
  first: { horizonSteps: number; checkpointSteps: Int32Array },
  c: { horizonSteps: number; checkpointSteps: Int32Array },
): void {
  const nc = first.checkpointSteps.length;
  if (c.horizonSteps !== first.horizonSteps || c.checkpointSteps.length !== nc)
    throw new RangeError('chunks come from different runs (horizon or checkpoints differ)');
  for (let i = 0; i < nc; i++)
    if (c.checkpointSteps[i] !== first.checkpointSteps[i])
      throw new RangeError('chunks come from different runs (checkpoints differ)');
}

/**
 * Joins the chunks of paths [fromPath, toPath) of one run as they arrive, so the copying overlaps the
 * workers' computing (the page adds each chunk while the others are still running). `add` takes chunks
 * in any order; `finish` returns the merged result and throws unless the chunks tiled the range exactly.
 */
export class ChunkMerger {
  private readonly nc: number;
  private readonly merged: SimChunkResult;
  private readonly seen: PathRange[] = [];

  /**
   * With `withCheckpoints` false the merged result's `checkpointCents` stays empty and chunks need not
   * carry theirs (the worker pool keeps the tables in the workers, see fan-parts.ts).
   */
  constructor(
    fromPath: number,
    toPath: number,
    horizonSteps: number,
    checkpointSteps: Int32Array,
    private readonly withCheckpoints = true,
  ) {
    if (!isInt(fromPath) || !isInt(toPath) || fromPath < 0 || toPath < fromPath)
      throw new RangeError(`bad path range [${fromPath}, ${toPath})`);
    const count = toPath - fromPath;
    const nc = checkpointSteps.length;
    this.nc = nc;
    this.merged = {
      fromPath,
      toPath,
      horizonSteps,
      checkpointSteps: checkpointSteps.slice(),
      ruinedCount: 0,
      targetHitCount: 0,
      finalCents: new Float64Array(count),
      maxDrawdownCents: new Float64Array(count),
      ruinStep: new Int32Array(count),
      targetStep: new Int32Array(count),
      checkpointCents: new Float64Array(withCheckpoints ? nc * count : 0),
      checkpointMin: new Float64Array(nc).fill(Number.POSITIVE_INFINITY),
      checkpointMax: new Float64Array(nc).fill(Number.NEGATIVE_INFINITY),
    };
  }

  add(c: MergeableChunk): void {
    const m = this.merged;
    assertSameRun(m, c);
    if (c.fromPath < m.fromPath || c.toPath > m.toPath || c.fromPath > c.toPath)
      throw new RangeError(`chunk [${c.fromPath}, ${c.toPath}) is outside [${m.fromPath}, ${m.toPath})`);
    const nc = this.nc;
    for (let i = 0; i < nc; i++) {
      m.checkpointMin[i] = Math.min(m.checkpointMin[i]!, c.checkpointMin[i]!);
      m.checkpointMax[i] = Math.max(m.checkpointMax[i]!, c.checkpointMax[i]!);
    }
    const off = c.fromPath - m.fromPath;
    m.finalCents.set(c.finalCents, off);
    m.maxDrawdownCents.set(c.maxDrawdownCents, off);
    m.ruinStep.set(c.ruinStep, off);
    m.targetStep.set(c.targetStep, off);
    if (this.withCheckpoints) {
      if (!c.checkpointCents) throw new RangeError('chunk has no checkpoints to merge');
      m.checkpointCents.set(c.checkpointCents, off * nc);
    }
    m.ruinedCount += c.ruinedCount;
    m.targetHitCount += c.targetHitCount;
    this.seen.push({ fromPath: c.fromPath, toPath: c.toPath });
  }

  finish(): SimChunkResult {
    const m = this.merged;
    const ranges = [...this.seen].sort((a, b) => a.fromPath - b.fromPath);
    let expectedFrom = m.fromPath;
    for (const r of ranges) {
      if (r.fromPath !== expectedFrom)
        throw new RangeError(`chunks do not tile the paths: expected ${expectedFrom}, got ${r.fromPath}`);
      expectedFrom = r.toPath;
    }
    if (expectedFrom !== m.toPath)
      throw new RangeError(`chunks do not tile the paths: they end at ${expectedFrom}, not ${m.toPath}`);
    return m;
  }
}

/**
 * Joins chunk results of one run into one result covering their union, in path order. The chunks may
 * come in any order but must tile a contiguous range without gaps or overlaps and share the horizon and
 * checkpoints; anything else is a bug in the caller and throws.
 */
export function mergeChunks(chunks: readonly SimChunkResult[]): SimChunkResult {
  if (chunks.length === 0) throw new RangeError('mergeChunks needs at least one chunk');
  const first = chunks[0]!;
  let fromPath = first.fromPath;
  let toPath = first.toPath;
  for (const c of chunks) {
    assertSameRun(first, c);
    fromPath = Math.min(fromPath, c.fromPath);
    toPath = Math.max(toPath, c.toPath);
  }
  const merger = new ChunkMerger(fromPath, toPath, first.horizonSteps, first.checkpointSteps);
  for (const c of chunks) merger.add(c);
  return merger.finish();
}

const BAND_PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * Rounds a statistic to whole cents, half to even, without producing -0. Half-even commutes with
 * "start minus", so var95Cents is exactly startCents - finalCents.p5 (half up would break that at .5).
 */
function roundCents(x: number): number {
  const r = x + 6755399441055744 - 6755399441055744;
  return r === 0 ? 0 : r;
}

function percentilesOf(values: Float64Array): Percentiles {
  const q = quantiles(values, BAND_PROBS);
  return {
    p5: roundCents(q[0]!),
    p25: roundCents(q[1]!),
    p50: roundCents(q[2]!),
    p75: roundCents(q[3]!),
    p95: roundCents(q[4]!),
  };
}

/**
 * Turns a (merged) chunk into the figures people read. `params` must be those of the run (start
 * bankroll and target are read from it). See `SimSummary` for the quantile method and the VaR/CVaR sign
 * convention; money is rounded half to even to whole cents after the statistic is computed exactly.
 */
export function summarize(merged: SimChunkResult, params: SimParams): SimSummary {
  const n = merged.toPath - merged.fromPath;
  if (n === 0) throw new RangeError('summarize needs at least one path');
  const nc = merged.checkpointSteps.length;
  const cp = merged.checkpointCents;
  const bands = columnQuantiles(cp, n, nc, BAND_PROBS, {
    min: merged.checkpointMin,
    max: merged.checkpointMax,
  });
  const samplePaths: Float64Array[] = [];
  for (let i = 0; i < sampleCount(merged, params); i++) samplePaths.push(cp.slice(i * nc, (i + 1) * nc));
  return summarizeOutcomes(merged, bands, samplePaths, params);
}

/**
 * How many sample paths a summary of `run` shows: the first rows of a run that starts at path 0 (none
 * without checkpoints).
 */
export function sampleCount(
  run: { fromPath: number; toPath: number; checkpointSteps: Int32Array },
  params: SimParams,
): number {
  const n = run.toPath - run.fromPath;
  return run.fromPath === 0 && run.checkpointSteps.length > 0
    ? Math.min(n, params.samplePaths ?? DEFAULT_SAMPLE_PATHS)
    : 0;
}

/** The fan chart's probabilities, in the order of `summarizeOutcomes`'s bands. */
export const FAN_PROBS: readonly number[] = BAND_PROBS;

/**
 * `summarize` from the per-path outcomes of a run (its `checkpointCents` is not read), the fan chart's
 * type-7 quantiles at FAN_PROBS per checkpoint (unrounded, as `columnQuantiles` returns them) and its
 * sample paths' rows: the worker pool computes the fan chart where the checkpoint table is (fan-parts.ts).
 */
export function summarizeOutcomes(
  merged: SimChunkResult,
  bands: Float64Array[],
  samplePaths: Float64Array[],
  params: SimParams,
): SimSummary {
  const n = merged.toPath - merged.fromPath;
  if (n === 0) throw new RangeError('summarize needs at least one path');
  const start = params.startCents;
  const riskOfRuin = merged.ruinedCount / n;
  const pTarget = merged.targetHitCount / n;
  const losses = new Float64Array(n);
  let sumFinal = 0;
  for (let i = 0; i < n; i++) {
    const f = merged.finalCents[i]!;
    sumFinal += f;
    losses[i] = start - f;
  }
  const v95 = varCvar(losses, 0.95);
  const v99 = varCvar(losses, 0.99);
  let hits = 0;
  for (let i = 0; i < n; i++) if (merged.targetStep[i]! >= 0) hits++;
  const hitSteps = new Float64Array(hits);
  for (let i = 0, k = 0; i < n; i++) if (merged.targetStep[i]! >= 0) hitSteps[k++] = merged.targetStep[i]!;
  return {
    paths: n,
    horizonSteps: merged.horizonSteps,
    riskOfRuin,
    riskOfRuinSe: Math.sqrt((riskOfRuin * (1 - riskOfRuin)) / n),
    pTarget,
    pTargetSe: Math.sqrt((pTarget * (1 - pTarget)) / n),
    finalCents: percentilesOf(merged.finalCents),
    meanFinalCents: roundCents(sumFinal / n),
    var95Cents: roundCents(v95.var),
    cvar95Cents: roundCents(v95.cvar),
    var99Cents: roundCents(v99.var),
    cvar99Cents: roundCents(v99.cvar),
    maxDrawdownCents: percentilesOf(merged.maxDrawdownCents),
    medianStepsToTarget: hits === 0 ? null : quantiles(hitSteps, [0.5])[0]!,
    fan: fanOf(merged.checkpointSteps, bands),
    samplePaths,
  };
}

/** The summary's fan chart from the quantiles at FAN_PROBS per checkpoint, rounded to cents. */
export function fanOf(steps: Int32Array, bands: Float64Array[]): SimSummary['fan'] {
  const nc = steps.length;
  const rounded = bands.map((band) => {
    const r = new Float64Array(nc);
    for (let c = 0; c < nc; c++) r[c] = roundCents(band[c]!);
    return r;
  });
  return {
    steps: steps.slice(),
    p5: rounded[0]!,
    p25: rounded[1]!,
    p50: rounded[2]!,
    p75: rounded[3]!,
    p95: rounded[4]!,
  };
}

/** Validates, simulates all paths in one chunk and summarises: the single-thread convenience path. */
export function runSimulation(params: SimParams): Result<SimSummary> {
  const checked = checkSimParams(params);
  if (!checked.ok) return checked;
  return ok(summarize(simulateChecked(checked.value), params));
}
