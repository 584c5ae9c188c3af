import { describe, expect, it } from 'vitest';
import { DF_MAX, fitHistory, stakeSearch } from './fit';
import { runSimulation } from './monte-carlo';
import type { SimParams } from './types';

const fitOf = (xs: number[]) => {
  const r = fitHistory(xs);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('fitHistory', () => {
  it('thin tails: [-200, -100, 0, 100, 200] has G2 = -1.2 and gets df at the upper clamp', () => {
    const f = fitOf([-200, -100, 0, 100, 200]);
    expect(f.n).toBe(5);
    expect(f.meanCents).toBe(0);
    expect(f.sdCents).toBeCloseTo(Math.sqrt(25000), 12);
    expect(f.excessKurtosis).toBeCloseTo(-1.2, 12);
    expect(f.df).toBe(DF_MAX);
  });

  it('fat tails: eight 0s, 1000 and -1000 has G2 = 4.5, so df = 6 / 4.5 + 4', () => {
    // m2 = 2e6/10, m4 = 2e12/10: g2 = 2e11 / 4e10 - 3 = 2; G2 = (11 * 2 + 6) * 9 / (8 * 7) = 4.5.
    const f = fitOf([0, 0, 0, 0, 0, 0, 0, 0, 1000, -1000]);
    expect(f.meanCents).toBe(0);
    expect(f.sdCents).toBeCloseTo(Math.sqrt(2e6 / 9), 10);
    expect(f.excessKurtosis).toBeCloseTo(4.5, 12);
    expect(f.df).toBeCloseTo(6 / 4.5 + 4, 12);
  });

  it('clamps very heavy tails at df 4+ and handles tiny or constant samples', () => {
    const heavy = [...new Array<number>(998).fill(0), 1e6, -1e6];
    expect(fitOf(heavy).df).toBeGreaterThan(4);
    expect(fitOf(heavy).df).toBeLessThan(4.02);
    expect(fitOf([5, 5, 5, 5]).df).toBe(DF_MAX);
    expect(fitOf([1, 3]).excessKurtosis).toBe(0);
    const r = fitHistory([1]);
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
    const nan = fitHistory([1, Number.NaN]);
    expect(nan.ok ? 'ok' : nan.error.code).toBe('invalid-argument');
  });
});

describe('stakeSearch', () => {
  const params: SimParams = {
    model: { kind: 'normal', meanCents: 50, sdCents: 1000 },
    startCents: 20_000,
    horizonSteps: 400,
    paths: 4000,
    seed: 12,
  };
  const simRisk = (stake: number) => {
    const r = runSimulation({ ...params, stakeMultiplier: stake, fanCheckpoints: 0 });
    if (!r.ok) throw new Error('bad params');
    return r.value.riskOfRuin;
  };

  it('returns the highest stake whose simulated risk stays within the limit', () => {
    const candidates = [4, 0.25, 0.5, 1, 2];
    const r = stakeSearch(params, 0.05, candidates);
    if (!r.ok) throw new Error(r.error.message);
    const found = r.value.stakeMultiplier;
    expect(found).not.toBeNull();
    // Independent check of the answer and of the next stake up.
    expect(simRisk(found!)).toBeLessThanOrEqual(0.05);
    expect(r.value.riskOfRuin).toBe(simRisk(found!));
    const sorted = [0.25, 0.5, 1, 2, 4];
    const next = sorted[sorted.indexOf(found!) + 1];
    if (next !== undefined) expect(simRisk(next)).toBeGreaterThan(0.05);
    expect(r.value.candidates.map((c) => c.stakeMultiplier)).toEqual(sorted);
    // The closed form rises with the stake, and only a few candidates needed simulating.
    const cf = r.value.candidates.map((c) => c.closedFormRisk);
    for (let i = 1; i < cf.length; i++) expect(cf[i]!).toBeGreaterThan(cf[i - 1]!);
    expect(r.value.candidates.filter((c) => c.simulatedRisk !== null).length).toBeLessThanOrEqual(3);
  });

  it('returns null when even the smallest stake is too risky, and the top one when all pass', () => {
    const none = stakeSearch({ ...params, startCents: 500 }, 0.01, [1, 2]);
    expect(none.ok && none.value.stakeMultiplier).toBeNull();
    const all = stakeSearch({ ...params, startCents: 10_000_000 }, 0.01, [0.1, 0.2]);
    expect(all.ok && all.value.stakeMultiplier).toBe(0.2);
  });

  it('rejects bad limits and stakes', () => {
    for (const [risk, cands] of [
      [0, [1]],
      [1, [1]],
      [0.05, []],
      [0.05, [0]],
      [0.05, [Number.NaN]],
    ] as const) {
      const r = stakeSearch(params, risk, cands);
      expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
    }
  });
});
