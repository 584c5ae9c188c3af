/**
 * Fits a result history to the simulator's models, and searches for the largest stake a bankroll can
 * carry at a given risk of ruin (the "Bankroll Guardian" stake recommendation).
 *
 * The Student-t degrees of freedom come from the method of moments: a t with df > 4 has excess kurtosis
 * 6 / (df - 4), so df = 6 / k + 4 for a sample excess kurtosis k > 0; thin-tailed samples (k <= 0) get the
 * upper clamp, which is practically normal.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import { runSimulation } from './monte-carlo';
import { stakeRiskClosedForm } from './stake';
import type { SimParams } from './types';

/** Bounds of the fitted degrees of freedom (df must exceed 2 for a finite variance). */
export const DF_MIN = 2.1;
export const DF_MAX = 100;

/** Moments of a history of results per unit (session, day, bet), in cents per unit. */
export interface HistoryFit {
  n: number;
  /** Sample mean, cents per unit; a distribution parameter, so not rounded to whole cents. */
  meanCents: number;
  /** Sample standard deviation (n - 1 denominator), cents per unit. */
  sdCents: number;
  /**
   * Bias-adjusted sample excess kurtosis G2 = ((n+1) g2 + 6)(n-1) / ((n-2)(n-3)), g2 = m4/m2^2 - 3 (the
   * estimator of Excel KURT and pandas kurt); 0 when n < 4 or the SD is 0.
   */
  excessKurtosis: number;
  /** Student-t degrees of freedom 6 / k + 4 clamped to [DF_MIN, DF_MAX]; DF_MAX when k <= 0. */
  df: number;
}

/** Fits mean, SD and Student-t df to at least two results in cents; 'invalid-argument' otherwise. */
export function fitHistory(values: ArrayLike<number>): Result<HistoryFit> {
  const n = values.length;
  if (n < 2) return err('invalid-argument', 'a fit needs at least two results');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) return err('invalid-argument', `result ${i + 1} is not a number`);
    sum += x;
  }
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  const sd = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m4 /= n;
  let k = 0;
  if (n >= 4 && m2 > 0) {
    const g2 = m4 / (m2 * m2) - 3;
    k = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
  }
  const df = k > 0 ? Math.min(DF_MAX, Math.max(DF_MIN, 6 / k + 4)) : DF_MAX;
  return ok({ n, meanCents: mean, sdCents: sd, excessKurtosis: k, df });
}

/** One candidate stake as the search saw it. */
export interface StakeCandidate {
  stakeMultiplier: number;
  /** Finite-horizon ruin of a Brownian motion with the model's mean and SD (`stakeRiskClosedForm`). */
  closedFormRisk: number;
  /** Simulated risk of ruin, when the search simulated this stake; null otherwise. */
  simulatedRisk: number | null;
}

export interface StakeSearchResult {
  /** The highest candidate whose simulated risk of ruin is at most `maxRisk`; null if none is. */
  stakeMultiplier: number | null;
  riskOfRuin: number | null;
  riskOfRuinSe: number | null;
  candidates: StakeCandidate[];
}

/**
 * Finds the highest stake multiplier among `candidates` whose simulated risk of ruin over the horizon is
 * at most `maxRisk`. The candidates are absolute multipliers (they replace params.stakeMultiplier).
 *
 * Risk of ruin rises with the stake (mean and SD both scale with it, so exp(-2 mu B / sigma^2) grows), so
 * the search brackets with the closed form (`stakeRiskClosedForm`: Brownian motion with the model's mean
 * and SD, net of withdrawals and drain, with the discrete-monitoring correction), simulates the best
 * closed-form candidate, then steps up while the simulation still passes or down until it does: usually
 * two or three simulations.
 * All simulations share params.seed (common random numbers), so neighbouring stakes compare fairly.
 */
export function stakeSearch(
  params: SimParams,
  maxRisk: number,
  candidates: readonly number[],
): Result<StakeSearchResult> {
  if (!(maxRisk > 0 && maxRisk < 1)) return err('invalid-argument', 'the risk limit must be between 0 and 1');
  if (candidates.length === 0) return err('invalid-argument', 'give at least one stake to try');
  for (const c of candidates)
    if (!Number.isFinite(c) || c <= 0) return err('invalid-argument', 'stakes must be positive numbers');
  const closedForm = stakeRiskClosedForm(params);
  if (!closedForm.ok) return closedForm;
  const stakes = [...new Set(candidates)].sort((a, b) => a - b);
  const list: StakeCandidate[] = stakes.map((m) => ({
    stakeMultiplier: m,
    closedFormRisk: closedForm.value(m),
    simulatedRisk: null,
  }));
  const simulated = new Map<number, { risk: number; se: number }>();
  const simulateAt = (i: number): Result<{ risk: number; se: number }> => {
    const hit = simulated.get(i);
    if (hit) return ok(hit);
    const r = runSimulation({ ...params, stakeMultiplier: stakes[i]!, fanCheckpoints: 0 });
    if (!r.ok) return r;
    const v = { risk: r.value.riskOfRuin, se: r.value.riskOfRuinSe };
    simulated.set(i, v);
    list[i]!.simulatedRisk = v.risk;
    return ok(v);
  };
  let start = -1;
  for (let i = 0; i < list.length; i++) if (list[i]!.closedFormRisk <= maxRisk) start = i;
  if (start < 0) start = 0;
  const first = simulateAt(start);
  if (!first.ok) return first;
  let best = -1;
  if (first.value.risk <= maxRisk) {
    best = start;
    for (let i = start + 1; i < stakes.length; i++) {
      const r = simulateAt(i);
      if (!r.ok) return r;
      if (r.value.risk > maxRisk) break;
      best = i;
    }
  } else {
    for (let i = start - 1; i >= 0; i--) {
      const r = simulateAt(i);
      if (!r.ok) return r;
      if (r.value.risk <= maxRisk) {
        best = i;
        break;
      }
    }
  }
  const chosen = best < 0 ? undefined : simulated.get(best);
  return ok({
    stakeMultiplier: best < 0 ? null : stakes[best]!,
    riskOfRuin: chosen ? chosen.risk : null,
    riskOfRuinSe: chosen ? chosen.se : null,
    candidates: list,
  });
}
