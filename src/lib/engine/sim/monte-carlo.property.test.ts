import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ModelSpec } from './distributions';
import { mergeChunks, simulate, summarize } from './monte-carlo';
import type { SimChunkResult, SimParams } from './types';

const modelArb: fc.Arbitrary<ModelSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('normal' as const),
    meanCents: fc.integer({ min: -200, max: 400 }),
    sdCents: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({
    kind: fc.constant('student-t' as const),
    meanCents: fc.integer({ min: -200, max: 400 }),
    sdCents: fc.integer({ min: 1, max: 5000 }),
    df: fc.double({ min: 2.1, max: 50, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('bootstrap' as const),
    historyCents: fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 1, maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('mixture' as const),
    components: fc.array(
      fc.record({
        weight: fc.double({ min: 0.1, max: 5, noNaN: true }),
        stakeMultiplier: fc.constantFrom(0.5, 1, 2),
        model: fc.oneof(
          fc.record({
            kind: fc.constant('normal' as const),
            meanCents: fc.integer({ min: -100, max: 100 }),
            sdCents: fc.integer({ min: 0, max: 3000 }),
          }),
          fc.record({
            kind: fc.constant('student-t' as const),
            meanCents: fc.integer({ min: -100, max: 100 }),
            sdCents: fc.integer({ min: 1, max: 3000 }),
            df: fc.double({ min: 2.1, max: 30, noNaN: true }),
          }),
          fc.record({
            kind: fc.constant('bootstrap' as const),
            historyCents: fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 1, maxLength: 10 }),
          }),
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

const paramsArb: fc.Arbitrary<SimParams> = fc.record(
  {
    model: modelArb,
    startCents: fc.integer({ min: 1000, max: 50_000 }),
    horizonSteps: fc.integer({ min: 1, max: 600 }),
    paths: fc.integer({ min: 4, max: 60 }),
    seed: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    stopLossCents: fc.integer({ min: 100, max: 4000 }),
    targetCents: fc.integer({ min: 20_000, max: 80_000 }),
    withdrawal: fc.record({
      amountCents: fc.integer({ min: 1, max: 500 }),
      everySteps: fc.integer({ min: 1, max: 50 }),
    }),
    fanCheckpoints: fc.integer({ min: 0, max: 60 }),
  },
  { requiredKeys: ['model', 'startCents', 'horizonSteps', 'paths', 'seed'] },
);

/** Splits [0, paths) at `cuts` (scaled into range) and returns the chunks in a shuffled order. */
function splitRun(params: SimParams, cutFractions: number[], order: number[]): SimChunkResult[] {
  const cuts = [...new Set(cutFractions.map((f) => Math.floor(f * params.paths)))].sort((a, b) => a - b);
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < params.paths), params.paths];
  const chunks: SimChunkResult[] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    chunks.push(simulate(params, { fromPath: bounds[i]!, toPath: bounds[i + 1]! }));
  return chunks
    .map((c, i) => ({ c, k: order[i % order.length]! + i / 1000 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
}

describe('same seed, any split', () => {
  it('gives bit-identical merged results and summaries for 1, 2, 3 or 4 chunks in any order', () => {
    fc.assert(
      fc.property(
        paramsArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        (params, cutFractions, order) => {
          const whole = simulate(params);
          const merged = mergeChunks(splitRun(params, cutFractions, order));
          expect(merged).toEqual(whole);
          expect(summarize(merged, params)).toEqual(summarize(whole, params));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a different seed gives a different run', () => {
    const params: SimParams = {
      model: { kind: 'normal', meanCents: 0, sdCents: 1000 },
      startCents: 10_000,
      horizonSteps: 50,
      paths: 10,
      seed: 1,
    };
    expect(simulate({ ...params, seed: 2 }).finalCents).not.toEqual(simulate(params).finalCents);
  });
});
