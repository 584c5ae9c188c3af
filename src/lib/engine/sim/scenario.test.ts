import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, type ModelSpec } from './distributions';
import { runSimulation } from './monte-carlo';
import {
  WEEKS_PER_MONTH,
  applyScenario,
  shiftScaleModel,
  winRateDeltaCentsPerStep,
  type PlayRate,
} from './scenario';
import type { SimParams } from './types';

const value = <T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message?: string } },
): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const moments = (m: ModelSpec, stake = 1) => {
  const c = value(compileModel(m, stake));
  return { mean: c.meanCents, sd: c.sdCents };
};

/** A $1/$2 player: 5 sessions of 4 hours and 150 hands a week, +$5 and SD $100 a session. */
const base: SimParams = {
  model: { kind: 'normal', meanCents: 500, sdCents: 10_000 },
  startCents: 200_000,
  horizonSteps: 1000,
  paths: 4000,
  seed: 9,
  targetCents: 400_000,
};
const rate: PlayRate = { stepsPerWeek: 5, hoursPerStep: 4, handsPerStep: 150, bigBlindCents: 200 };

describe('winRateDeltaCentsPerStep', () => {
  it('converts $ per hour and bb/100 into cents per step', () => {
    expect(value(winRateDeltaCentsPerStep({ amount: -250, unit: 'cents-per-step' }, rate))).toBe(-250);
    // -$5 an hour over 4-hour sessions: -$20 a session.
    expect(value(winRateDeltaCentsPerStep({ amount: -500, unit: 'cents-per-hour' }, rate))).toBe(-2000);
    // -1 bb/100 at a $2 big blind over 150 hands: -1.5 big blinds = -$3 a session.
    expect(value(winRateDeltaCentsPerStep({ amount: -1, unit: 'bb-per-100' }, rate))).toBe(-300);
  });

  it('says what is missing for the unit', () => {
    expect(code(winRateDeltaCentsPerStep({ amount: 1, unit: 'cents-per-hour' }, { stepsPerWeek: 5 }))).toBe(
      'invalid-argument',
    );
    expect(
      code(
        winRateDeltaCentsPerStep({ amount: 1, unit: 'bb-per-100' }, { stepsPerWeek: 5, handsPerStep: 100 }),
      ),
    ).toBe('invalid-argument');
    expect(code(winRateDeltaCentsPerStep({ amount: Number.NaN, unit: 'cents-per-step' }, rate))).toBe(
      'invalid-argument',
    );
  });
});

describe('shiftScaleModel', () => {
  it('moves the mean and scales the SD of normal and Student-t exactly', () => {
    const n = shiftScaleModel({ kind: 'normal', meanCents: 500, sdCents: 10_000 }, -300, 1.2);
    expect(n).toEqual({ kind: 'normal', meanCents: 200, sdCents: 12_000 });
    const t = shiftScaleModel({ kind: 'student-t', meanCents: 500, sdCents: 10_000, df: 5 }, 100, 0.5);
    expect(t).toEqual({ kind: 'student-t', meanCents: 600, sdCents: 5000, df: 5 });
  });

  it('keeps the shape of a bootstrap history (each value moved along the same line)', () => {
    const h = [-5000, -1000, 0, 2500, 12_000];
    const m = shiftScaleModel({ kind: 'bootstrap', historyCents: h }, 250, 1.5);
    const before = moments({ kind: 'bootstrap', historyCents: h });
    const after = moments(m);
    expect(after.mean).toBeCloseTo(before.mean + 250, 9);
    expect(after.sd).toBeCloseTo(before.sd * 1.5, 9);
    // Standardised values are unchanged: the skew and tails are the history's.
    const z = (x: number, s: { mean: number; sd: number }) => (x - s.mean) / s.sd;
    const out = (m as { historyCents: Float64Array }).historyCents;
    h.forEach((x, i) => expect(z(out[i]!, after)).toBeCloseTo(z(x, before), 12));
  });

  it('moves a whole mixture exactly, spread between components included (property)', () => {
    const component = fc.oneof(
      fc.record({
        kind: fc.constant('normal' as const),
        meanCents: fc.double({ min: -5000, max: 5000, noNaN: true }),
        sdCents: fc.double({ min: 0, max: 20_000, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('bootstrap' as const),
        historyCents: fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
            stakeMultiplier: fc.double({ min: 0.25, max: 4, noNaN: true }),
            model: component,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.double({ min: -3000, max: 3000, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        (components, shift, factor) => {
          const mix: ModelSpec = { kind: 'mixture', components };
          const before = moments(mix);
          const after = moments(shiftScaleModel(mix, shift, factor));
          // Relative to the size of the numbers: moments come from E[x] and E[x^2], whose rounding error
          // grows with the values, and an SD near 0 is the square root of a difference near 0.
          const scale = before.mean ** 2 + before.sd ** 2 + shift ** 2 + 1;
          expect(Math.abs(after.mean - (before.mean + shift))).toBeLessThanOrEqual(1e-9 * Math.sqrt(scale));
          expect(Math.abs(after.sd ** 2 - (before.sd * factor) ** 2)).toBeLessThanOrEqual(
            1e-9 * scale * factor ** 2,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('applyScenario', () => {
  it('with no changes gives the base parameters back (same run, same figures)', () => {
    const s = value(applyScenario(base, rate, {}));
    expect(s.params).toEqual(base);
    expect(s.weeks).toBe(200);
    expect(value(runSimulation(s.params))).toEqual(value(runSimulation(base)));
  });

  it('applies all four changes in explicit units', () => {
    const s = value(
      applyScenario(base, rate, {
        winRateDelta: { amount: -1, unit: 'bb-per-100' },
        volatilityFactor: 1.2,
        extraVolumePerWeek: { amount: 10, unit: 'hours' },
        monthlyWithdrawalCents: 50_000,
      }),
    );
    // 1,000 sessions at 5 a week = 200 weeks; +10 hours = +2.5 sessions a week = 7.5 a week = 1,500 sessions.
    expect(s.weeks).toBe(200);
    expect(s.stepsPerWeek).toBe(7.5);
    expect(s.params.horizonSteps).toBe(1500);
    // -1 bb/100 = -$3 a session; SD $100 x 1.2.
    expect(s.meanDeltaCentsPerStep).toBe(-300);
    expect(s.params.model).toEqual({ kind: 'normal', meanCents: 200, sdCents: 12_000 });
    expect(s.base).toEqual({ meanCents: 500, sdCents: 10_000 });
    expect(s.scenario).toEqual({ meanCents: 200, sdCents: 12_000 });
    // $500 a month over 7.5 sessions a week: 50,000 / (4.348... x 7.5) cents a session.
    expect(s.drainCentsPerStep).toBeCloseTo(50_000 / (WEEKS_PER_MONTH * 7.5), 9);
    expect(s.params.drainCentsPerStep).toBe(s.drainCentsPerStep);
    // A month of play drains exactly the monthly amount.
    expect(s.drainCentsPerStep * 7.5 * WEEKS_PER_MONTH).toBeCloseTo(50_000, 6);
    // Everything else is the base's.
    expect(s.params.seed).toBe(base.seed);
    expect(s.params.startCents).toBe(base.startCents);
    expect(s.params.targetCents).toBe(base.targetCents);
  });

  it('states the win-rate change at the stake actually played', () => {
    const staked = { ...base, stakeMultiplier: 2 };
    const s = value(applyScenario(staked, rate, { winRateDelta: { amount: -1000, unit: 'cents-per-step' } }));
    expect(moments(s.params.model, 2).mean).toBeCloseTo(1000 - 1000, 9);
    expect(s.scenario.meanCents).toBeCloseTo(0, 9);
    expect(s.scenario.sdCents).toBeCloseTo(20_000, 9);
  });

  it('adds the monthly drain to a drain the base already has, and volume in steps', () => {
    const s = value(
      applyScenario({ ...base, drainCentsPerStep: 10 }, rate, {
        extraVolumePerWeek: { amount: -1, unit: 'steps' },
        monthlyWithdrawalCents: 40_000,
      }),
    );
    expect(s.params.horizonSteps).toBe(800);
    expect(s.params.drainCentsPerStep).toBeCloseTo(10 + 40_000 / (WEEKS_PER_MONTH * 4), 9);
  });

  it('rejects what cannot be applied', () => {
    expect(code(applyScenario(base, { stepsPerWeek: 0 }, {}))).toBe('invalid-argument');
    expect(code(applyScenario(base, rate, { volatilityFactor: 0 }))).toBe('invalid-argument');
    expect(code(applyScenario(base, rate, { extraVolumePerWeek: { amount: -5, unit: 'steps' } }))).toBe(
      'invalid-argument',
    );
    expect(
      code(applyScenario(base, { stepsPerWeek: 5 }, { extraVolumePerWeek: { amount: 2, unit: 'hours' } })),
    ).toBe('invalid-argument');
    expect(code(applyScenario(base, rate, { monthlyWithdrawalCents: -1 }))).toBe('invalid-argument');
  });

  it('a drain of d a step ruins about as often as a mean d lower (same seed)', () => {
    const s = value(applyScenario(base, rate, { monthlyWithdrawalCents: 4348 * 5 }));
    const d = s.drainCentsPerStep;
    const drained = value(runSimulation({ ...s.params, fanCheckpoints: 0 }));
    const lower = value(
      runSimulation({
        ...base,
        model: { kind: 'normal', meanCents: 500 - d, sdCents: 10_000 },
        fanCheckpoints: 0,
      }),
    );
    expect(Math.abs(drained.riskOfRuin - lower.riskOfRuin)).toBeLessThan(0.01);
    expect(drained.riskOfRuin).toBeGreaterThan(
      value(runSimulation({ ...base, fanCheckpoints: 0 })).riskOfRuin,
    );
  });
});
