import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankrollForRisk, discreteBarrierShift, finiteHorizonRuin } from './closed-form';
import {
  MAX_STAKE_CANDIDATES,
  closedFormMaxStake,
  parseStakeList,
  recommendStake,
  stakeRange,
  stakeRiskClosedForm,
} from './stake';
import type { SimParams } from './types';

const value = <T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message?: string } },
): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

const poker: SimParams = {
  model: { kind: 'normal', meanCents: 500, sdCents: 10_000 },
  startCents: 200_000,
  horizonSteps: 1000,
  paths: 1000,
  seed: 1,
};

describe('stakeRange', () => {
  it('lists the grid inclusive of both ends, without floating-point dust', () => {
    expect(value(stakeRange(0.5, 2, 0.5))).toEqual([0.5, 1, 1.5, 2]);
    expect(value(stakeRange(0.1, 0.3, 0.1))).toEqual([0.1, 0.2, 0.3]);
    expect(value(stakeRange(1, 1, 1))).toEqual([1]);
    // An end off the grid is not included.
    expect(value(stakeRange(1, 2.9, 1))).toEqual([1, 2]);
  });

  it('rejects bad ranges and too many stakes', () => {
    expect(code(stakeRange(2, 1, 0.5))).toBe('invalid-argument');
    expect(code(stakeRange(1, 2, 0))).toBe('invalid-argument');
    expect(code(stakeRange(0, 2, 1))).toBe('invalid-argument');
    expect(code(stakeRange(1, Number.NaN, 1))).toBe('invalid-argument');
    expect(value(stakeRange(1, MAX_STAKE_CANDIDATES, 1))).toHaveLength(MAX_STAKE_CANDIDATES);
    expect(code(stakeRange(1, MAX_STAKE_CANDIDATES + 1, 1))).toBe('invalid-argument');
  });
});

describe('parseStakeList', () => {
  it('reads commas, semicolons and spaces, and sorts distinct stakes', () => {
    expect(value(parseStakeList('1, 2; 5  10'))).toEqual([1, 2, 5, 10]);
    expect(value(parseStakeList(' 5,1,1,.5 '))).toEqual([0.5, 1, 5]);
  });

  it('names the first entry that is not a positive number', () => {
    const r = parseStakeList('1, x2, 3');
    expect(code(r)).toBe('invalid-argument');
    expect(!r.ok && r.error.message).toContain('x2');
    for (const bad of ['', ' , ', '-1', '0', '1e3', '2,0'])
      expect(code(parseStakeList(bad)), bad).toBe('invalid-argument');
  });
});

describe('stakeRiskClosedForm', () => {
  it('is the finite-horizon first-passage formula with the discrete-monitoring shift', () => {
    const f = value(stakeRiskClosedForm(poker));
    expect(f(1)).toBe(finiteHorizonRuin(500, 10_000, 200_000 + discreteBarrierShift(10_000), 1000));
    expect(f(2)).toBe(finiteHorizonRuin(1000, 20_000, 200_000 + discreteBarrierShift(20_000), 1000));
  });

  it('takes withdrawals, the drain and the ruin floor off, but does not scale them with the stake', () => {
    const f = value(
      stakeRiskClosedForm({
        ...poker,
        withdrawal: { amountCents: 3000, everySteps: 30 },
        drainCentsPerStep: 50,
        ruinFloorCents: 50_000,
      }),
    );
    expect(f(2)).toBe(
      finiteHorizonRuin(1000 - 100 - 50, 20_000, 150_000 + discreteBarrierShift(20_000), 1000),
    );
  });

  it('rises with the stake when nothing is withdrawn', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 100, max: 50_000, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (mean, sd, m) => {
          const f = value(
            stakeRiskClosedForm({ ...poker, model: { kind: 'normal', meanCents: mean, sdCents: sd } }),
          );
          expect(f(m * 1.5)).toBeGreaterThanOrEqual(f(m));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses the exact moments of a bootstrap history', () => {
    // History 300, -100: mean 100, population SD 200.
    const f = value(
      stakeRiskClosedForm({ ...poker, model: { kind: 'bootstrap', historyCents: [300, -100] } }),
    );
    expect(f(1)).toBe(finiteHorizonRuin(100, 200, 200_000 + discreteBarrierShift(200), 1000));
  });
});

describe('closedFormMaxStake', () => {
  it('finds the top safe stake to 1e-9 (risk at it within the limit, just above it not)', () => {
    const f = value(stakeRiskClosedForm(poker));
    for (const limit of [0.01, 0.05, 0.2]) {
      const m = value(closedFormMaxStake(poker, limit))!;
      expect(f(m)).toBeLessThanOrEqual(limit);
      expect(f(m * (1 + 1e-8))).toBeGreaterThan(limit);
    }
  });

  it('agrees with the inverse of the infinite-horizon formula over a very long horizon', () => {
    // exp(-2 m mu B / (m sigma)^2) = r  =>  m = 2 mu B / (sigma^2 (-ln r)) = mu B / (bankrollForRisk at m=1 ...).
    const long = { ...poker, horizonSteps: 1_000_000 };
    const m = value(closedFormMaxStake(long, 0.05))!;
    const analytic = long.startCents / bankrollForRisk(500, 10_000, 0.05);
    // The discrete shift moves the barrier by 0.58 m sigma, a few per cent of B here.
    expect(m / analytic).toBeGreaterThan(1);
    expect(m / analytic).toBeLessThan(1.1);
  });

  it('finds the top of the safe band when withdrawals make small stakes unsafe too', () => {
    // $200 out every 50 steps: drift m x $5 - $4 a step, so small stakes sink and large ones swing too much.
    const p = { ...poker, withdrawal: { amountCents: 20_000, everySteps: 50 } };
    const f = value(stakeRiskClosedForm(p));
    const m = value(closedFormMaxStake(p, 0.45))!;
    expect(m).toBeGreaterThan(1);
    expect(f(m)).toBeLessThanOrEqual(0.45);
    expect(f(m * 1.0001)).toBeGreaterThan(0.45);
    // A stake a third as big cannot cover the withdrawals: unsafe as well.
    expect(f(m / 3)).toBeGreaterThan(0.45);
    // And no stake at all is safe at 30%.
    expect(value(closedFormMaxStake(p, 0.3))).toBeNull();
  });

  it('says "any" with no variance and "none" when even a tiny stake is too risky', () => {
    expect(
      value(closedFormMaxStake({ ...poker, model: { kind: 'normal', meanCents: 5, sdCents: 0 } }, 0.05)),
    ).toBe(Number.POSITIVE_INFINITY);
    const losing = {
      ...poker,
      model: { kind: 'normal' as const, meanCents: -500, sdCents: 10_000 },
      horizonSteps: 1e6,
    };
    expect(value(closedFormMaxStake(losing, 0.05))).toBeNull();
    expect(code(closedFormMaxStake(poker, 0))).toBe('invalid-argument');
    expect(
      code(closedFormMaxStake({ ...poker, model: { kind: 'normal', meanCents: 1, sdCents: -1 } }, 0.05)),
    ).toBe('invalid-argument');
  });
});

describe('recommendStake', () => {
  it('picks the highest stake within the limit, the limit itself included', () => {
    const rows = [
      { stakeMultiplier: 2, riskOfRuin: 0.08 },
      { stakeMultiplier: 0.5, riskOfRuin: 0.001 },
      { stakeMultiplier: 1, riskOfRuin: 0.05 },
    ];
    expect(recommendStake(rows, 0.05)).toBe(2);
    expect(recommendStake(rows, 0.1)).toBe(0);
    expect(recommendStake(rows, 0.0001)).toBe(-1);
    expect(recommendStake([], 0.05)).toBe(-1);
  });
});
