/**
 * The data shapes of the Monte Carlo engine. Everything here is plain data and typed arrays so that
 * parameters and chunk results cross a worker boundary by structured clone (or transfer) unchanged.
 */
import type { ModelSpec } from './distributions';

export type { ModelSpec } from './distributions';

/**
 * One bankroll simulation. Money is integer cents; a "step" is the model's unit (a session, a day, a bet).
 * Each step's result is drawn from `model`, multiplied by `stakeMultiplier`, rounded to whole cents
 * (half to even), clamped to [-stopLossCents, stopWinCents] when those are set, and added to the
 * bankroll. Every `withdrawal.everySteps` steps `withdrawal.amountCents` is then taken out, and every step
 * its share of `drainCentsPerStep` (even if that causes ruin, so withdrawals never hide risk). A path is ruined the first time its bankroll is <=
 * `ruinFloorCents`; it then stops and keeps that bankroll to the end of the horizon.
 */
export interface SimParams {
  model: ModelSpec;
  /** Starting bankroll in cents; must be above the ruin floor. */
  startCents: number;
  /** Number of steps per path (>= 1). */
  horizonSteps: number;
  /** Number of paths in the whole run (>= 1); a chunk simulates a sub-range of them. */
  paths: number;
  /** Integer in [0, 2^53): path i of a run depends only on (seed, i). */
  seed: number;
  /** Multiplies every step result (default 1): a stake level relative to the history or model. */
  stakeMultiplier?: number;
  /** Per-step loss limit in cents (> 0): a step result below -stopLossCents becomes -stopLossCents. */
  stopLossCents?: number;
  /** Per-step win limit in cents (> 0): a step result above stopWinCents becomes stopWinCents. */
  stopWinCents?: number;
  /** A fixed withdrawal of amountCents (> 0) after every `everySteps` (>= 1) steps. */
  withdrawal?: { amountCents: number; everySteps: number };
  /**
   * A deterministic drain of this many cents per step (finite, >= 0, may be fractional: $500 a month at
   * 5 sessions a week is 2,299.79 cents a session). Whole cents leave the bankroll: after step t the
   * total drained is D(t) = round_half_even(drainCentsPerStep * t), so step t takes D(t) - D(t-1) and
   * nothing is lost to rounding over the horizon. Applied with the step's result, like a withdrawal, so
   * it can cause ruin. Not scaled by `stakeMultiplier` (it is money taken out, not a result).
   */
  drainCentsPerStep?: number;
  /** Ruin when the bankroll is <= this many cents (default 0). */
  ruinFloorCents?: number;
  /** Target bankroll in cents: a path "hits" the first time its bankroll is >= target before any ruin. */
  targetCents?: number;
  /** Number of fan-chart intervals (default 50; 0 stores no checkpoints). Capped at the horizon. */
  fanCheckpoints?: number;
  /** How many of the first paths (by index) `summarize` returns whole at the checkpoints (default 5). */
  samplePaths?: number;
}

/** A half-open range of path indices [fromPath, toPath) within 0..paths. */
export type PathRange = { fromPath: number; toPath: number };

/**
 * Mergeable per-path results of paths [fromPath, toPath). Arrays indexed by p hold path fromPath + p.
 * `checkpointCents` is path-major: the bankroll of path p at checkpoint c is at p * checkpointSteps.length
 * + c (one path's row is written contiguously; a checkpoint-major layout made each write a cache miss and
 * doubled the run time at 10^5 paths).
 */
export interface SimChunkResult {
  fromPath: number;
  toPath: number;
  horizonSteps: number;
  /** Steps at which checkpoints are taken, from 0 (the start) to the horizon, increasing. */
  checkpointSteps: Int32Array;
  ruinedCount: number;
  targetHitCount: number;
  /** Bankroll in cents at the end of the horizon, or at ruin (then at or below the floor: nothing is clamped). */
  finalCents: Float64Array;
  /** Largest fall in cents from a running peak (the start included) to a later bankroll, withdrawals included. */
  maxDrawdownCents: Float64Array;
  /** Step (1-based) at which the path was ruined, or -1. */
  ruinStep: Int32Array;
  /** Step at which the path first reached the target before ruin (0 if it starts there), or -1. */
  targetStep: Int32Array;
  checkpointCents: Float64Array;
  /**
   * Smallest and largest bankroll at each checkpoint over these paths (+Infinity and -Infinity when there
   * are none), kept by the worker as it writes the rows so that `summarize` skips a pass over the table.
   */
  checkpointMin: Float64Array;
  checkpointMax: Float64Array;
}

/** Five-number band of a distribution: the 5th, 25th, 50th, 75th and 95th percentiles. */
export interface Percentiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * What a run means for people. Percentiles use linear interpolation between order statistics (type 7, the
 * NumPy and R default). All money is integer cents, rounded half to even from the exact statistic.
 *
 * Loss convention: loss = startCents - finalCents (positive = money lost over the horizon). VaR at level q
 * is the q-quantile of the loss (e.g. var95Cents = 95th percentile); CVaR (expected shortfall) is the mean
 * loss over the paths whose loss is at or beyond that VaR. Both are negative when even the bad tail ends in
 * profit.
 */
export interface SimSummary {
  paths: number;
  horizonSteps: number;
  /** Share of paths ruined within the horizon, and its binomial standard error sqrt(p(1-p)/n). */
  riskOfRuin: number;
  riskOfRuinSe: number;
  /** Share of paths that reached the target before ruin (0 when no target is set), and its standard error. */
  pTarget: number;
  pTargetSe: number;
  finalCents: Percentiles;
  meanFinalCents: number;
  var95Cents: number;
  cvar95Cents: number;
  var99Cents: number;
  cvar99Cents: number;
  maxDrawdownCents: Percentiles;
  /** Median step at which the target was reached, over the paths that reached it; null if none did. */
  medianStepsToTarget: number | null;
  /** Fan chart: bankroll percentiles (cents) at each checkpoint step. */
  fan: {
    steps: Int32Array;
    p5: Float64Array;
    p25: Float64Array;
    p50: Float64Array;
    p75: Float64Array;
    p95: Float64Array;
  };
  /** The first few paths (by index) at the checkpoints, in cents. */
  samplePaths: Float64Array[];
}
