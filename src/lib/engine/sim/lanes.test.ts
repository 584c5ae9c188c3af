import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSimParams, simulateChecked } from './monte-carlo';
import { lanesFit } from './lanes';
import { LANES_WASM_BASE64 } from './lanes.wasm';
import { compileLanes } from '../../../../scripts/build-sim-wasm.js';
import type { ModelSpec } from './distributions';
import type { SimParams } from './types';

function checked(params: SimParams) {
  const c = checkSimParams(params);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

const normal: ModelSpec = { kind: 'normal', meanCents: 0, sdCents: 1000 };
const base: SimParams = {
  model: normal,
  startCents: 10_000,
  horizonSteps: 10,
  paths: 8,
  seed: 1,
};

describe('the four-lane WebAssembly walk', () => {
  it('is built from lanes.wat as checked in (run node scripts/build-sim-wasm.js after editing it)', async () => {
    expect(await compileLanes()).toBe(LANES_WASM_BASE64);
  });

  it('takes the normal, Student-t and bootstrap models, and leaves mixtures to the scalar walk', () => {
    expect(lanesFit(checked(base))).toBe(true);
    expect(
      lanesFit(checked({ ...base, model: { kind: 'student-t', meanCents: 0, sdCents: 9, df: 3 } })),
    ).toBe(true);
    expect(lanesFit(checked({ ...base, model: { kind: 'bootstrap', historyCents: [1, -2] } }))).toBe(true);
    const mixture: ModelSpec = {
      kind: 'mixture',
      components: [{ weight: 1, model: { kind: 'normal', meanCents: 0, sdCents: 1000 } }],
    };
    expect(lanesFit(checked({ ...base, model: mixture }))).toBe(false);
  });

  const modelArb: fc.Arbitrary<ModelSpec> = fc.oneof(
    fc.record({
      kind: fc.constant('normal' as const),
      meanCents: fc.integer({ min: -300, max: 300 }),
      sdCents: fc.double({ min: 0, max: 6000, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant('student-t' as const),
      meanCents: fc.integer({ min: -300, max: 300 }),
      sdCents: fc.double({ min: 1, max: 6000, noNaN: true }),
      df: fc.double({ min: 2.05, max: 40, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant('bootstrap' as const),
      historyCents: fc.array(fc.integer({ min: -6000, max: 5000 }), { minLength: 1, maxLength: 300 }),
    }),
  );

  it('gives exactly the scalar walk’s numbers: ruin, target, clamps, withdrawals, drain, any range', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            model: modelArb,
            startCents: fc.integer({ min: 1000, max: 40_000 }),
            horizonSteps: fc.integer({ min: 1, max: 700 }),
            paths: fc.integer({ min: 1, max: 23 }),
            seed: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
            stakeMultiplier: fc.constantFrom(0.5, 1, 1.7),
            stopLossCents: fc.integer({ min: 100, max: 4000 }),
            stopWinCents: fc.integer({ min: 100, max: 4000 }),
            ruinFloorCents: fc.integer({ min: -2000, max: 900 }),
            targetCents: fc.integer({ min: 0, max: 60_000 }),
            withdrawal: fc.record({
              amountCents: fc.integer({ min: 1, max: 500 }),
              everySteps: fc.integer({ min: 1, max: 300 }),
            }),
            drainCentsPerStep: fc.double({ min: 0, max: 50, noNaN: true }),
            fanCheckpoints: fc.integer({ min: 0, max: 70 }),
          },
          { requiredKeys: ['model', 'startCents', 'horizonSteps', 'paths', 'seed'] },
        ),
        fc.nat(),
        fc.nat(),
        (params, a, b) => {
          const c = checkSimParams(params);
          fc.pre(c.ok);
          if (!c.ok) return;
          expect(lanesFit(c.value)).toBe(true);
          const from = a % params.paths;
          const to = from + (b % (params.paths - from + 1));
          const range = { fromPath: from, toPath: to };
          expect(simulateChecked(c.value, range)).toEqual(simulateChecked(c.value, range, true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives exactly the scalar walk’s numbers in the all-WebAssembly group walk (no clamps, withdrawals, drain)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            model: modelArb,
            startCents: fc.integer({ min: 1000, max: 40_000 }),
            horizonSteps: fc.integer({ min: 1, max: 900 }),
            paths: fc.integer({ min: 1, max: 23 }),
            seed: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
            stakeMultiplier: fc.constantFrom(0.5, 1, 1.7),
            ruinFloorCents: fc.integer({ min: -2000, max: 900 }),
            targetCents: fc.integer({ min: 0, max: 60_000 }),
            fanCheckpoints: fc.integer({ min: 0, max: 300 }),
          },
          { requiredKeys: ['model', 'startCents', 'horizonSteps', 'paths', 'seed'] },
        ),
        (params) => {
          const c = checkSimParams(params);
          fc.pre(c.ok);
          if (!c.ok) return;
          expect(simulateChecked(c.value)).toEqual(simulateChecked(c.value, undefined, true));
        },
      ),
      { numRuns: 200 },
    );
  });
});
