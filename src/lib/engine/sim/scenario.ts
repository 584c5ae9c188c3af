/**
 * The scenario lab's "what if": a base simulation changed the way people think about their play ("my win
 * rate 1 bb/100 lower", "my swings 20% bigger", "ten more hours a week", "$500 out every month"), turned
 * into simulation parameters over the same calendar time. The seed is kept, so base and scenario draw the
 * same random numbers and differ only by the change (common random numbers).
 *
 * Units are explicit everywhere: a step is the base's unit of play (a session, a day, a bet); the base
 * horizon of H steps at S steps a week covers H / S weeks, and the scenario covers the same weeks.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import type { ComponentSpec, ModelSpec } from './distributions';
import { compileModel } from './distributions';
import type { SimParams } from './types';

/** Weeks in an average calendar month: 365.25 / 7 / 12 = 4.348214... */
export const WEEKS_PER_MONTH = 365.25 / 7 / 12;

/** How the base is played, in real time. */
export interface PlayRate {
  /** Steps (sessions, days, bets) played per week at the base volume; > 0. */
  stepsPerWeek: number;
  /** Average length of one step in hours (> 0); needed for volume in hours and win rates per hour. */
  hoursPerStep?: number;
  /** Average hands per step (> 0) and the big blind in cents (> 0); needed for win rates in bb/100. */
  handsPerStep?: number;
  bigBlindCents?: number;
}

/** Units of a win-rate change: cents per step, cents per hour played, or big blinds per 100 hands. */
export type WinRateUnit = 'cents-per-step' | 'cents-per-hour' | 'bb-per-100';

export interface ScenarioAdjustments {
  /** Change of the expected result, negative for worse (e.g. { amount: -1, unit: 'bb-per-100' }). */
  winRateDelta?: { amount: number; unit: WinRateUnit };
  /** Multiplies the SD of every step's result (1.2 = 20% more volatile); > 0. */
  volatilityFactor?: number;
  /** More play per week (negative = less), in hours (needs hoursPerStep) or steps. */
  extraVolumePerWeek?: { amount: number; unit: 'hours' | 'steps' };
  /** Money taken out every calendar month, in cents (>= 0), spread evenly over the steps played. */
  monthlyWithdrawalCents?: number;
}

export interface Scenario {
  /** The scenario's parameters: same seed, paths, bankroll, target and limits as the base. */
  params: SimParams;
  /** Calendar length of both runs in weeks: base horizon / base steps per week. */
  weeks: number;
  /** Steps a week in the scenario (base + extra volume). */
  stepsPerWeek: number;
  /** Change of the mean of one step in cents, at the stake actually played. */
  meanDeltaCentsPerStep: number;
  /** The monthly withdrawal as cents per scenario step (added to any drain of the base). */
  drainCentsPerStep: number;
  /** Mean and SD of one step's result in cents at the stake played, before withdrawals: base, scenario. */
  base: { meanCents: number; sdCents: number };
  scenario: { meanCents: number; sdCents: number };
}

const positive = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Converts a win-rate change to cents per step: cents per hour × hours per step, or
 * bb/100 × big blind (cents) × hands per step / 100. 'invalid-argument' when the play rate lacks what the
 * unit needs.
 */
export function winRateDeltaCentsPerStep(
  delta: { amount: number; unit: WinRateUnit },
  rate: PlayRate,
): Result<number> {
  if (!Number.isFinite(delta.amount)) return err('invalid-argument', 'the win-rate change must be a number');
  switch (delta.unit) {
    case 'cents-per-step':
      return ok(delta.amount);
    case 'cents-per-hour':
      if (!positive(rate.hoursPerStep))
        return err('invalid-argument', 'a win rate per hour needs the hours one step lasts');
      return ok(delta.amount * rate.hoursPerStep);
    case 'bb-per-100':
      if (!positive(rate.handsPerStep) || !positive(rate.bigBlindCents))
        return err('invalid-argument', 'a win rate in bb/100 needs the big blind and the hands per step');
      return ok((delta.amount * rate.bigBlindCents * rate.handsPerStep) / 100);
  }
}

/**
 * Moves a model's mean by `shiftCents` and scales its spread around the mean by `factor`: every draw x
 * becomes M + factor (x - M) + shiftCents, M the model's exact mean (stake 1). Normal and Student-t keep
 * their shape (mean and SD change); bootstrap values are transformed one by one, so the history's shape
 * (skew, fat tails) is kept; a mixture maps each component so that the whole mixture is transformed
 * exactly, including the spread between components. Inputs are assumed valid (see `applyScenario`).
 */
export function shiftScaleModel(model: ModelSpec, shiftCents: number, factor: number): ModelSpec {
  const unit = compileModel(model, 1);
  const mean = unit.ok ? unit.value.meanCents : 0;
  // For a component whose draws are multiplied by s: s y' = M + f (s y - M) + shift, so y' = f y + a / s.
  const a = mean * (1 - factor) + shiftCents;
  const component = (c: ComponentSpec, s: number): ComponentSpec => {
    if (c.kind === 'bootstrap')
      return {
        kind: 'bootstrap',
        historyCents: Float64Array.from(c.historyCents, (y) => factor * y + a / s),
      };
    if (c.kind === 'normal')
      return { kind: 'normal', meanCents: factor * c.meanCents + a / s, sdCents: factor * c.sdCents };
    return {
      kind: 'student-t',
      meanCents: factor * c.meanCents + a / s,
      sdCents: factor * c.sdCents,
      df: c.df,
    };
  };
  if (model.kind !== 'mixture') return component(model, 1);
  return {
    kind: 'mixture',
    components: model.components.map((c) => ({
      weight: c.weight,
      ...(c.stakeMultiplier === undefined ? {} : { stakeMultiplier: c.stakeMultiplier }),
      model: component(c.model, c.stakeMultiplier ?? 1),
    })),
  };
}

/**
 * Applies the adjustments to the base parameters. Over the same calendar weeks W = horizon / stepsPerWeek:
 * - win rate: the mean of every step moves by the change in cents per step (at the stake played);
 * - volatility: the SD of every step is multiplied by the factor, around the (new) mean;
 * - volume: steps a week become S' = S + extra (hours / hoursPerStep when in hours), and the horizon
 *   round(W S') steps; each step is the same game as before;
 * - monthly withdrawal: drainCentsPerStep += monthly / (WEEKS_PER_MONTH × S'), a deterministic drain of
 *   whole cents per step (see SimParams.drainCentsPerStep), so more play means less taken per step.
 * Withdrawals of the base given in steps stay in steps. 'invalid-argument' names the bad input.
 */
export function applyScenario(base: SimParams, rate: PlayRate, adj: ScenarioAdjustments): Result<Scenario> {
  if (!positive(rate.stepsPerWeek))
    return err('invalid-argument', 'steps per week must be a positive number');
  const compiled = compileModel(base.model, base.stakeMultiplier ?? 1);
  if (!compiled.ok) return compiled;
  const stake = base.stakeMultiplier ?? 1;
  let delta = 0;
  if (adj.winRateDelta) {
    const d = winRateDeltaCentsPerStep(adj.winRateDelta, rate);
    if (!d.ok) return d;
    delta = d.value;
  }
  const factor = adj.volatilityFactor ?? 1;
  if (!positive(factor)) return err('invalid-argument', 'the volatility factor must be a positive number');
  let extraSteps = 0;
  if (adj.extraVolumePerWeek) {
    const v = adj.extraVolumePerWeek;
    if (!Number.isFinite(v.amount)) return err('invalid-argument', 'the extra volume must be a number');
    if (v.unit === 'hours') {
      if (!positive(rate.hoursPerStep))
        return err('invalid-argument', 'volume in hours needs the hours one step lasts');
      extraSteps = v.amount / rate.hoursPerStep;
    } else extraSteps = v.amount;
  }
  const stepsPerWeek = rate.stepsPerWeek + extraSteps;
  if (!(stepsPerWeek > 0)) return err('invalid-argument', 'with that change no play would be left');
  const monthly = adj.monthlyWithdrawalCents ?? 0;
  if (!(Number.isFinite(monthly) && monthly >= 0))
    return err('invalid-argument', 'the monthly withdrawal must be an amount >= 0');
  const weeks = base.horizonSteps / rate.stepsPerWeek;
  const horizonSteps = Math.max(1, Math.round(weeks * stepsPerWeek));
  const drain = monthly / (WEEKS_PER_MONTH * stepsPerWeek);
  const model = delta === 0 && factor === 1 ? base.model : shiftScaleModel(base.model, delta / stake, factor);
  const params: SimParams = { ...base, model, horizonSteps };
  const totalDrain = (base.drainCentsPerStep ?? 0) + drain;
  if (totalDrain > 0) params.drainCentsPerStep = totalDrain;
  const check = compileModel(model, stake);
  if (!check.ok) return check;
  return ok({
    params,
    weeks,
    stepsPerWeek,
    meanDeltaCentsPerStep: delta,
    drainCentsPerStep: drain,
    base: { meanCents: compiled.value.meanCents, sdCents: compiled.value.sdCents },
    scenario: { meanCents: check.value.meanCents, sdCents: check.value.sdCents },
  });
}
