/**
 * The pieces of the stake search ("how big can I play with this bankroll?") shared by the one-thread
 * `stakeSearch` (fit.ts) and the page, which simulates each candidate in the worker pool: reading the
 * candidate stakes a person types, the closed-form risk of ruin of a stake, the closed-form highest safe
 * stake, and the choice of the recommended stake from simulated risks.
 *
 * A stake is a multiplier of the model's step results (2 = every result doubled: from $1/$2 to $2/$4, or
 * from 1 to 2 contracts). Withdrawals and drains are money taken out, so they do not scale with it.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import { discreteBarrierShift, finiteHorizonRuin } from './closed-form';
import { compileModel } from './distributions';
import type { SimParams } from './types';

/** Most candidates one search takes: each is a whole simulation. */
export const MAX_STAKE_CANDIDATES = 25;

/** Rounds to 10 significant digits, so a range stepped by 0.1 gives 0.3 and not 0.30000000000000004. */
function tidy(x: number): number {
  return Number(x.toPrecision(10));
}

/**
 * The stakes from `from` to `to` inclusive in steps of `step` (all positive), ascending. `to` is included
 * when it lies on the grid within rounding. 'invalid-argument' for bad numbers or more than
 * MAX_STAKE_CANDIDATES stakes. Example: (0.5, 2, 0.5) gives [0.5, 1, 1.5, 2].
 */
export function stakeRange(from: number, to: number, step: number): Result<number[]> {
  if (![from, to, step].every((x) => Number.isFinite(x) && x > 0))
    return err('invalid-argument', 'the stake range needs positive numbers');
  if (to < from) return err('invalid-argument', 'the range must end at or above where it starts');
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  if (n > MAX_STAKE_CANDIDATES)
    return err('invalid-argument', `that range has ${n} stakes; use at most ${MAX_STAKE_CANDIDATES}`);
  return ok(Array.from({ length: n }, (_, i) => tidy(from + i * step)));
}

/**
 * Reads stakes typed as a list ("1, 2, 5", "0.5 1 2.5"; commas, semicolons or spaces between them) into
 * distinct positive numbers, ascending. 'invalid-argument' names the first entry that is not a positive
 * number, or says when there are none or too many.
 */
export function parseStakeList(text: string): Result<number[]> {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return err('invalid-argument', 'type at least one stake');
  const out = new Set<number>();
  for (const p of parts) {
    const x = /^\d*\.?\d+$/.test(p) ? Number(p) : Number.NaN;
    if (!(x > 0)) return err('invalid-argument', `“${p}” is not a positive number`);
    out.add(x);
  }
  if (out.size > MAX_STAKE_CANDIDATES)
    return err('invalid-argument', `give at most ${MAX_STAKE_CANDIDATES} stakes`);
  return ok([...out].sort((a, b) => a - b));
}

/**
 * The closed-form risk of ruin within the horizon as a function of the stake multiplier: Brownian motion
 * with the model's exact mean and SD per step times the stake, less withdrawals and the drain spread per
 * step, started `startCents - ruinFloorCents` above the floor moved by the discrete-monitoring correction
 * (RISK-MATH §2 with Broadie-Glasserman-Kou). Per-step stop-loss and stop-win are ignored. The model is
 * validated once; 'invalid-argument' if it is not valid.
 */
export function stakeRiskClosedForm(params: SimParams): Result<(stakeMultiplier: number) => number> {
  const unit = compileModel(params.model, 1);
  if (!unit.ok) return unit;
  const { meanCents, sdCents } = unit.value;
  const out =
    (params.withdrawal ? params.withdrawal.amountCents / params.withdrawal.everySteps : 0) +
    (params.drainCentsPerStep ?? 0);
  const distance = params.startCents - (params.ruinFloorCents ?? 0);
  return ok((m: number) =>
    finiteHorizonRuin(
      m * meanCents - out,
      m * sdCents,
      distance + discreteBarrierShift(m * sdCents),
      params.horizonSteps,
    ),
  );
}

/**
 * The highest stake multiplier whose closed-form risk of ruin (see `stakeRiskClosedForm`) is at most
 * `maxRisk`, to within 1e-9 relative; null when no stake from 1/1024 to 1024 is that safe, and +Infinity
 * when even 1024 is (no variance, say). Without withdrawals the risk rises with the stake; with them a
 * small stake may not cover the withdrawals, so the safe stakes form a band. The search scans a
 * geometric grid (16 points per doubling) down from the top for the first safe point, then bisects
 * between it and the unsafe point above, which finds the top of the highest band either way.
 */
export function closedFormMaxStake(params: SimParams, maxRisk: number): Result<number | null> {
  if (!(maxRisk > 0 && maxRisk < 1)) return err('invalid-argument', 'the risk limit must be between 0 and 1');
  const f = stakeRiskClosedForm(params);
  if (!f.ok) return f;
  const risk = f.value;
  const at = (k: number) => 2 ** (k / 16);
  const top = 160;
  if (risk(at(top)) <= maxRisk) return ok(Number.POSITIVE_INFINITY);
  let k = top - 1;
  while (k >= -top && risk(at(k)) > maxRisk) k--;
  if (k < -top) return ok(null);
  let lo = at(k);
  let hi = at(k + 1);
  while (hi - lo > lo * 1e-9) {
    const mid = (lo + hi) / 2;
    if (risk(mid) <= maxRisk) lo = mid;
    else hi = mid;
  }
  return ok(lo);
}

/** One simulated candidate, as the recommendation reads it. */
export interface SimulatedStake {
  stakeMultiplier: number;
  riskOfRuin: number;
}

/**
 * The recommended stake: the highest simulated stake whose risk of ruin is at most `maxRisk` (the limit
 * itself counts as safe). Returns its index in `rows`, or -1 when none is safe. The rows may come in any
 * order.
 */
export function recommendStake(rows: readonly SimulatedStake[], maxRisk: number): number {
  let best = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.riskOfRuin <= maxRisk && (best < 0 || r.stakeMultiplier > rows[best]!.stakeMultiplier)) best = i;
  }
  return best;
}
