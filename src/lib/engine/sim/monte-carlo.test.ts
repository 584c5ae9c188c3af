import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  discreteBarrierShift,
  finiteHorizonRuin,
  normalPdf,
  normalQuantile,
  twoBarrierPass,
} from './closed-form';
import {
  ChunkMerger,
  SimParamsError,
  checkSimParams,
  checkpointStepsFor,
  mergeChunks,
  runSimulation,
  simulate,
  summarize,
} from './monte-carlo';
import type { SimParams } from './types';

/** A walk whose every step is exactly `stepCents` (a one-value bootstrap), for hand-checked bookkeeping. */
function constantWalk(stepCents: number, extra: Partial<SimParams> = {}): SimParams {
  return {
    model: { kind: 'bootstrap', historyCents: [stepCents] },
    startCents: 250,
    horizonSteps: 5,
    paths: 1,
    seed: 1,
    fanCheckpoints: 5,
    ...extra,
  };
}

describe('walk bookkeeping (hand-checked)', () => {
  it('ruins at the first step at or below the floor and freezes there', () => {
    const r = simulate(constantWalk(-100));
    // 250 -> 150 -> 50 -> -50 (ruin at step 3).
    expect(r.ruinStep[0]).toBe(3);
    expect(r.finalCents[0]).toBe(-50);
    expect(r.maxDrawdownCents[0]).toBe(300);
    expect(r.ruinedCount).toBe(1);
    expect(Array.from(r.checkpointSteps)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(r.checkpointCents)).toEqual([250, 150, 50, -50, -50, -50]);
  });

  it('applies a custom ruin floor', () => {
    const r = simulate(constantWalk(-100, { ruinFloorCents: 50 }));
    expect(r.ruinStep[0]).toBe(2);
    expect(r.finalCents[0]).toBe(50);
  });

  it('clamps each step to the stop-loss and stop-win', () => {
    // -100 clamped to -60: 190, 130, 70, 10, -50 (ruin at 5).
    const loss = simulate(constantWalk(-100, { stopLossCents: 60 }));
    expect(loss.ruinStep[0]).toBe(5);
    expect(loss.finalCents[0]).toBe(-50);
    const win = simulate(constantWalk(100, { stopWinCents: 30 }));
    expect(win.finalCents[0]).toBe(400);
    expect(win.ruinStep[0]).toBe(-1);
  });

  it('takes withdrawals every k steps, counting them in the drawdown', () => {
    // +100 with 150 out every 2 steps: 350, 300, 400, 350, 450.
    const r = simulate(constantWalk(100, { withdrawal: { amountCents: 150, everySteps: 2 } }));
    expect(Array.from(r.checkpointCents)).toEqual([250, 350, 300, 400, 350, 450]);
    expect(r.maxDrawdownCents[0]).toBe(50);
    expect(r.finalCents[0]).toBe(450);
  });

  it('records the first step at or above the target (0 when the start is already there)', () => {
    const r = simulate(constantWalk(100, { targetCents: 500 }));
    expect(r.targetStep[0]).toBe(3);
    expect(r.targetHitCount).toBe(1);
    expect(simulate(constantWalk(100, { targetCents: 250 })).targetStep[0]).toBe(0);
    expect(simulate(constantWalk(-100, { targetCents: 1000 })).targetStep[0]).toBe(-1);
  });

  it('rounds step results to cents half to even', () => {
    const even = simulate({ ...constantWalk(0), model: { kind: 'normal', meanCents: 50.5, sdCents: 0 } });
    expect(even.finalCents[0]).toBe(250 + 5 * 50);
    const odd = simulate({ ...constantWalk(0), model: { kind: 'normal', meanCents: 51.5, sdCents: 0 } });
    expect(odd.finalCents[0]).toBe(250 + 5 * 52);
    const stake = simulate({
      ...constantWalk(0),
      model: { kind: 'bootstrap', historyCents: [3] },
      stakeMultiplier: 0.5,
    });
    expect(stake.finalCents[0]).toBe(250 + 5 * 2);
  });

  it('crosses step blocks (horizon > 256) without losing steps', () => {
    const r = simulate(constantWalk(1, { horizonSteps: 1000, fanCheckpoints: 4 }));
    expect(r.finalCents[0]).toBe(1250);
    expect(Array.from(r.checkpointSteps)).toEqual([0, 250, 500, 750, 1000]);
    expect(Array.from(r.checkpointCents)).toEqual([250, 500, 750, 1000, 1250]);
    // Withdrawals of 7 after steps 300, 600 and 900, and of 3 after every 100th step (10 of them).
    const w300 = simulate(
      constantWalk(1, { horizonSteps: 1000, withdrawal: { amountCents: 7, everySteps: 300 } }),
    );
    expect(w300.finalCents[0]).toBe(1250 - 21);
    const w100 = simulate(
      constantWalk(1, { horizonSteps: 1000, withdrawal: { amountCents: 3, everySteps: 100 } }),
    );
    expect(w100.finalCents[0]).toBe(1250 - 30);
    const w1 = simulate(
      constantWalk(2, { horizonSteps: 1000, withdrawal: { amountCents: 1, everySteps: 1 } }),
    );
    expect(w1.finalCents[0]).toBe(1250);
  });
});

describe('checkpoint steps', () => {
  it('spreads ~50 checkpoints from 0 to the horizon', () => {
    const s = checkpointStepsFor(1000, 50);
    expect(s.length).toBe(51);
    expect(s[0]).toBe(0);
    expect(s[1]).toBe(20);
    expect(s[50]).toBe(1000);
    expect(Array.from(checkpointStepsFor(3, 50))).toEqual([0, 1, 2, 3]);
    expect(checkpointStepsFor(10, 0).length).toBe(0);
  });
});

describe('parameter checks', () => {
  const ok: SimParams = constantWalk(1);
  it.each([
    ['start at the floor', { startCents: 0 }],
    ['fractional start', { startCents: 10.5 }],
    ['horizon 0', { horizonSteps: 0 }],
    ['no paths', { paths: 0 }],
    ['negative seed', { seed: -1 }],
    ['zero stop-loss', { stopLossCents: 0 }],
    ['fractional target', { targetCents: 1.5 }],
    ['withdrawal every 0 steps', { withdrawal: { amountCents: 1, everySteps: 0 } }],
    ['df 2', { model: { kind: 'student-t', meanCents: 0, sdCents: 1, df: 2 } }],
  ] as const)('rejects %s', (_name, patch) => {
    const r = checkSimParams({ ...ok, ...patch } as SimParams);
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
    expect(() => simulate({ ...ok, ...patch } as SimParams)).toThrow(SimParamsError);
  });

  it('rejects a path range outside the run', () => {
    expect(() => simulate({ ...ok, paths: 10 }, { fromPath: 5, toPath: 11 })).toThrow(SimParamsError);
    expect(() => simulate({ ...ok, paths: 10 }, { fromPath: 6, toPath: 5 })).toThrow(SimParamsError);
  });

  it('runSimulation returns the error as a value', () => {
    const r = runSimulation({ ...ok, horizonSteps: -1 });
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
  });
});

describe('mergeChunks', () => {
  const params: SimParams = {
    model: { kind: 'normal', meanCents: 10, sdCents: 1000 },
    startCents: 5000,
    horizonSteps: 30,
    paths: 20,
    seed: 3,
  };
  it('rejects gaps, overlaps and chunks of other runs', () => {
    const a = simulate(params, { fromPath: 0, toPath: 10 });
    const b = simulate(params, { fromPath: 11, toPath: 20 });
    const c = simulate(params, { fromPath: 5, toPath: 20 });
    const other = simulate({ ...params, horizonSteps: 31 }, { fromPath: 10, toPath: 20 });
    expect(() => mergeChunks([a, b])).toThrow(RangeError);
    expect(() => mergeChunks([a, c])).toThrow(RangeError);
    expect(() => mergeChunks([a, other])).toThrow(RangeError);
    expect(() => mergeChunks([])).toThrow(RangeError);
  });
  it('keeps the exact min and max of every checkpoint column, however the run was split', () => {
    const whole = simulate({ ...params, fanCheckpoints: 6 });
    const merged = mergeChunks([
      simulate({ ...params, fanCheckpoints: 6 }, { fromPath: 7, toPath: 20 }),
      simulate({ ...params, fanCheckpoints: 6 }, { fromPath: 0, toPath: 7 }),
    ]);
    const nc = whole.checkpointSteps.length;
    for (let c = 0; c < nc; c++) {
      const column = Array.from({ length: 20 }, (_, p) => whole.checkpointCents[p * nc + c]!);
      expect(whole.checkpointMin[c]).toBe(Math.min(...column));
      expect(whole.checkpointMax[c]).toBe(Math.max(...column));
    }
    expect(merged).toEqual(whole);
  });
  it('merges chunks as they arrive, in any order, and refuses a range they do not tile', () => {
    const p = { ...params, fanCheckpoints: 4 };
    const whole = simulate(p);
    const merger = new ChunkMerger(0, 20, whole.horizonSteps, whole.checkpointSteps);
    for (const [from, to] of [
      [12, 20],
      [0, 5],
      [5, 12],
    ] as const)
      merger.add(simulate(p, { fromPath: from, toPath: to }));
    expect(merger.finish()).toEqual(whole);
    const short = new ChunkMerger(0, 20, whole.horizonSteps, whole.checkpointSteps);
    short.add(simulate(p, { fromPath: 0, toPath: 12 }));
    expect(() => short.finish()).toThrow(RangeError);
    expect(() => short.add(simulate({ ...p, horizonSteps: 31 }, { fromPath: 12, toPath: 20 }))).toThrow(
      RangeError,
    );
    short.add(simulate(p, { fromPath: 10, toPath: 20 }));
    expect(() => short.finish()).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives fan bands, sample paths and percentiles that fit together', () => {
    const params: SimParams = {
      model: { kind: 'normal', meanCents: 20, sdCents: 2000 },
      startCents: 50_000,
      horizonSteps: 200,
      paths: 2000,
      seed: 99,
      targetCents: 60_000,
    };
    const chunk = simulate(params);
    const s = summarize(chunk, params);
    expect(s.paths).toBe(2000);
    expect(s.fan.steps.length).toBe(51);
    expect(s.fan.p50[0]).toBe(50_000);
    for (let c = 0; c < s.fan.steps.length; c++) {
      expect(s.fan.p5[c]!).toBeLessThanOrEqual(s.fan.p25[c]!);
      expect(s.fan.p25[c]!).toBeLessThanOrEqual(s.fan.p50[c]!);
      expect(s.fan.p50[c]!).toBeLessThanOrEqual(s.fan.p75[c]!);
      expect(s.fan.p75[c]!).toBeLessThanOrEqual(s.fan.p95[c]!);
    }
    expect(s.samplePaths.length).toBe(5);
    expect(s.samplePaths[0]![50]).toBe(chunk.finalCents[0]);
    expect(s.finalCents.p5).toBe(s.fan.p5[50]);
    expect(s.var95Cents).toBe(50_000 - s.finalCents.p5);
    expect(s.cvar95Cents).toBeGreaterThanOrEqual(s.var95Cents);
    expect(s.cvar99Cents).toBeGreaterThanOrEqual(s.var99Cents);
    expect(s.var99Cents).toBeGreaterThanOrEqual(s.var95Cents);
    expect(s.medianStepsToTarget).not.toBeNull();
    expect(Number.isInteger(s.meanFinalCents)).toBe(true);
    expect(s.riskOfRuinSe).toBeCloseTo(Math.sqrt((s.riskOfRuin * (1 - s.riskOfRuin)) / 2000), 15);
    expect(s.pTargetSe).toBeCloseTo(Math.sqrt((s.pTarget * (1 - s.pTarget)) / 2000), 15);
  });

  it('rounds statistics half to even, so VaR is exactly start minus the 5th percentile', () => {
    // Two paths ending at 1000 and 1010: p5 = 1000.5 -> 1000, p95 = 1009.5 -> 1010, mean 1005.
    const params: SimParams = {
      model: {
        kind: 'mixture',
        components: [{ weight: 1, model: { kind: 'bootstrap', historyCents: [0] } }],
      },
      startCents: 1000,
      horizonSteps: 1,
      paths: 2,
      seed: 0,
    };
    const chunk = simulate(params);
    chunk.finalCents.set([1000, 1010]);
    const s = summarize(chunk, params);
    expect(s.finalCents.p5).toBe(1000);
    expect(s.finalCents.p95).toBe(1010);
    // VaR95 = 1000 - 1000.5 = -0.5 -> 0 (half up would give 1000 - 1001 from the rounded p5 instead).
    expect(s.var95Cents).toBe(0);
    expect(s.var95Cents).toBe(1000 - s.finalCents.p5);
    expect(s.meanFinalCents).toBe(1005);
  });

  it('reports pTarget 0 and no median time without a target', () => {
    const params: SimParams = { ...constantWalk(10), paths: 3 };
    const s = summarize(simulate(params), params);
    expect(s.pTarget).toBe(0);
    expect(s.medianStepsToTarget).toBeNull();
  });
});

describe('agreement with closed forms (within 4 standard errors)', () => {
  const paths = 20_000;
  const horizon = 500;
  const mu = 500;
  const sigma = 10_000;

  it('finite-horizon ruin of a normal walk', () => {
    const bankroll = 200_000;
    const params: SimParams = {
      model: { kind: 'normal', meanCents: mu, sdCents: sigma },
      startCents: bankroll,
      horizonSteps: horizon,
      paths,
      seed: 2024,
      fanCheckpoints: 0,
    };
    const s = summarize(simulate(params), params);
    // The walk is checked once per step, so compare with the continuous formula at the corrected barrier.
    const expected = finiteHorizonRuin(mu, sigma, bankroll + discreteBarrierShift(sigma), horizon);
    const se = Math.sqrt((expected * (1 - expected)) / paths);
    expect(expected).toBeGreaterThan(0.05);
    expect(Math.abs(s.riskOfRuin - expected)).toBeLessThan(4 * se);
  });

  it('two-barrier pass probability', () => {
    const sd = 1000;
    const drift = 50;
    const down = 10_000;
    const up = 15_000;
    const params: SimParams = {
      model: { kind: 'normal', meanCents: drift, sdCents: sd },
      startCents: down,
      targetCents: down + up,
      horizonSteps: 1500,
      paths,
      seed: 77,
      fanCheckpoints: 0,
    };
    const chunk = simulate(params);
    const s = summarize(chunk, params);
    let undecided = 0;
    for (let i = 0; i < paths; i++) if (chunk.targetStep[i]! < 0 && chunk.ruinStep[i]! < 0) undecided++;
    expect(undecided / paths).toBeLessThan(0.001);
    const shift = discreteBarrierShift(sd);
    const expected = twoBarrierPass(drift, sd, down + shift, up + shift);
    const se = Math.sqrt((expected * (1 - expected)) / paths);
    expect(expected).toBeCloseTo(0.69, 1);
    expect(Math.abs(s.pTarget - expected)).toBeLessThan(4 * se);
  });

  it('VaR, CVaR and mean of the horizon loss of a normal walk', () => {
    const drift = 100;
    const params: SimParams = {
      model: { kind: 'normal', meanCents: drift, sdCents: sigma },
      startCents: 1_000_000_000,
      horizonSteps: horizon,
      paths,
      seed: 5,
      fanCheckpoints: 0,
    };
    const s = summarize(simulate(params), params);
    expect(s.riskOfRuin).toBe(0);
    // Loss over the horizon ~ N(-drift T, sigma^2 T).
    const m = -drift * horizon;
    const sT = sigma * Math.sqrt(horizon);
    const z = normalQuantile(0.95);
    const lambda = normalPdf(z) / 0.05;
    const var95 = m + z * sT;
    const cvar95 = m + lambda * sT;
    // Standard errors: quantile sqrt(a(1-a)/n)/f(q); expected shortfall sqrt((Var(L|tail) + (1-a)(ES-VaR)^2)/(n a)).
    const seVar = Math.sqrt((0.05 * 0.95) / paths) / (normalPdf(z) / sT);
    const tailVar = sT * sT * (1 + z * lambda - lambda * lambda);
    const seCvar = Math.sqrt((tailVar + 0.95 * (cvar95 - var95) ** 2) / (paths * 0.05));
    expect(Math.abs(s.var95Cents - var95)).toBeLessThan(4 * seVar);
    expect(Math.abs(s.cvar95Cents - cvar95)).toBeLessThan(4 * seCvar);
    expect(Math.abs(s.meanFinalCents - (1_000_000_000 - m))).toBeLessThan((4 * sT) / Math.sqrt(paths));
  });
});

describe('deterministic drain per step', () => {
  it('takes whole cents D(t) - D(t-1) with D(t) = round half even (drain x t)', () => {
    // 2.5 cents a step: D = 2, 5, 8 (7.5 to even), 10 → 250 - 10 = 240.
    const r = simulate(constantWalk(0, { drainCentsPerStep: 2.5, horizonSteps: 4, fanCheckpoints: 4 }));
    expect(Array.from(r.checkpointCents)).toEqual([250, 248, 245, 242, 240]);
    expect(r.finalCents[0]).toBe(240);
    expect(r.maxDrawdownCents[0]).toBe(10);
  });

  it('loses nothing to rounding over the horizon (a third of a dollar a step for 3 steps is $1)', () => {
    const r = simulate(constantWalk(0, { drainCentsPerStep: 100 / 3, horizonSteps: 3 }));
    expect(r.finalCents[0]).toBe(150);
  });

  it('can ruin a path, like a withdrawal', () => {
    // 100 - 40 - 40 - 40 = -20 at step 3.
    const r = simulate(constantWalk(0, { startCents: 100, drainCentsPerStep: 40 }));
    expect(r.ruinStep[0]).toBe(3);
    expect(r.finalCents[0]).toBe(-20);
  });

  it('rejects drains that are negative or not finite', () => {
    for (const d of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const c = checkSimParams(constantWalk(0, { drainCentsPerStep: d }));
      expect(c.ok ? 'ok' : c.error.code).toBe('invalid-argument');
    }
  });

  it('moves every path by exactly the total drain when nothing is ruined (same random numbers)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.integer({ min: 1, max: 700 }),
        (seed, drain, horizon) => {
          const base: SimParams = {
            model: { kind: 'student-t', meanCents: 30, sdCents: 900, df: 4 },
            startCents: 1e12,
            horizonSteps: horizon,
            paths: 8,
            seed,
            fanCheckpoints: 0,
          };
          const a = simulate(base);
          const b = simulate({ ...base, drainCentsPerStep: drain });
          // The total drained is D(horizon) = drain x horizon rounded half to even (IEEE addition does it).
          const total = drain * horizon + 6755399441055744 - 6755399441055744;
          for (let i = 0; i < 8; i++) expect(a.finalCents[i]! - b.finalCents[i]!).toBe(total);
        },
      ),
      { numRuns: 40 },
    );
  });
});
