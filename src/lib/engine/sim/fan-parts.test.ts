import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeptTables, TableRecycler, splitColumnQuantiles } from './fan-parts';
import { lanesBucketPasses } from './lanes';
import {
  ChunkMerger,
  FAN_PROBS,
  checkSimParams,
  sampleCount,
  simulate,
  simulateChecked,
  summarize,
  summarizeOutcomes,
} from './monte-carlo';
import type { SimParams } from './types';

/** Type-7 quantiles of each column by sorting it: the definition. */
function sortedColumns(data: Float64Array, rows: number, cols: number, probs: readonly number[]) {
  return probs.map((p) => {
    const out = new Float64Array(cols);
    for (let c = 0; c < cols; c++) {
      const col = new Float64Array(rows);
      for (let r = 0; r < rows; r++) col[r] = data[r * cols + c]!;
      col.sort();
      const h = (rows - 1) * p;
      const k = Math.floor(h);
      out[c] = h > k ? col[k]! + (h - k) * (col[k + 1]! - col[k]!) : col[k]!;
    }
    return out;
  });
}

/** Splits a table's rows among `holders` KeptTables (chunks dealt round-robin) and runs the split method. */
async function splitRun(
  data: Float64Array,
  rows: number,
  cols: number,
  cuts: number[],
  holders: number,
  probs: readonly number[],
) {
  const bounds = [...new Set([0, ...cuts.map((f) => Math.floor(f * rows)), rows])].sort((a, b) => a - b);
  // Holders alternate between the JavaScript passes and the workers' WebAssembly ones.
  const wasm = lanesBucketPasses();
  if (!wasm) throw new Error('no WebAssembly SIMD here');
  const kept = Array.from({ length: holders }, (_, h) => new KeptTables(undefined, h % 2 ? wasm : undefined));
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = data.slice(bounds[i]! * cols, bounds[i + 1]! * cols);
    kept[i % holders]!.keep(7, part, bounds[i + 1]! - bounds[i]!, cols);
    for (let k = 0; k < part.length; k++) {
      min[k % cols] = Math.min(min[k % cols]!, part[k]!);
      max[k % cols] = Math.max(max[k % cols]!, part[k]!);
    }
  }
  const out = await splitColumnQuantiles(
    rows,
    min,
    max,
    probs,
    (lo, hi) => Promise.resolve(kept.map((k) => k.count(7, lo, hi))),
    (wanted) => Promise.resolve(kept.map((k) => k.gather(7, wanted))),
  );
  for (const k of kept) expect(k.size).toBe(0);
  return out;
}

const valueArb = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }),
);

describe('the fan chart across workers', () => {
  it('gives exactly the sorted columns’ quantiles, however the rows are split among holders (JS or wasm passes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.record({
            cols: fc.constant(cols),
            values: fc.array(valueArb, { minLength: cols, maxLength: 900 * cols }),
            cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
            holders: fc.integer({ min: 1, max: 4 }),
            probs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
          }),
        ),
        async ({ cols, values, cuts, holders, probs }) => {
          const rows = Math.floor(values.length / cols);
          const data = Float64Array.from(values.slice(0, rows * cols));
          const got = await splitRun(data, rows, cols, cuts, holders, probs);
          expect(got).toEqual(sortedColumns(data, rows, cols, probs));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles constant columns, many ties and one huge outlier', async () => {
    const rows = 5000;
    const cols = 3;
    const data = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      data[r * cols] = 42;
      data[r * cols + 1] = r % 7;
      data[r * cols + 2] = r === 1234 ? 1e15 : -(r % 13);
    }
    const probs = [0, 0.05, 0.5, 0.95, 1];
    expect(await splitRun(data, rows, cols, [0.3, 0.31, 0.9], 2, probs)).toEqual(
      sortedColumns(data, rows, cols, probs),
    );
  });

  it('a run split into chunks kept by two workers summarises exactly as summarize', async () => {
    const params: SimParams = {
      model: { kind: 'student-t', meanCents: 20, sdCents: 900, df: 5 },
      startCents: 8000,
      horizonSteps: 120,
      paths: 6000,
      seed: 99,
      targetCents: 12_000,
      fanCheckpoints: 30,
      samplePaths: 7,
    };
    const checked = checkSimParams(params);
    if (!checked.ok) throw new Error('bad params');
    const c = checked.value;
    const nc = c.checkpointSteps.length;
    const kept = [new KeptTables(), new KeptTables()];
    const merger = new ChunkMerger(0, params.paths, c.horizonSteps, c.checkpointSteps, false);
    const nSample = sampleCount(
      { fromPath: 0, toPath: params.paths, checkpointSteps: c.checkpointSteps },
      params,
    );
    const samples: Float64Array[] = [];
    const bounds = [0, 3, 1000, 1001, 4500, 6000];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const { checkpointCents, ...chunk } = simulateChecked(c, {
        fromPath: bounds[i]!,
        toPath: bounds[i + 1]!,
      });
      kept[i % 2]!.keep(1, checkpointCents, chunk.toPath - chunk.fromPath, nc);
      for (let p = chunk.fromPath; p < Math.min(chunk.toPath, nSample); p++)
        samples[p] = checkpointCents.slice((p - chunk.fromPath) * nc, (p - chunk.fromPath + 1) * nc);
      merger.add(chunk);
    }
    const merged = merger.finish();
    const bands = await splitColumnQuantiles(
      params.paths,
      merged.checkpointMin,
      merged.checkpointMax,
      FAN_PROBS,
      (min, max) => Promise.resolve(kept.map((k) => k.count(1, min, max))),
      (wanted) => Promise.resolve(kept.map((k) => k.gather(1, wanted))),
    );
    expect(summarizeOutcomes(merged, bands, samples, params)).toEqual(summarize(simulate(params), params));
  });

  it('a merger without checkpoints still needs the chunks to tile the run', () => {
    const merger = new ChunkMerger(0, 10, 5, new Int32Array([0, 5]), false);
    const { checkpointCents, ...chunk } = simulate(
      {
        model: { kind: 'normal', meanCents: 0, sdCents: 10 },
        startCents: 100,
        horizonSteps: 5,
        paths: 10,
        seed: 1,
        fanCheckpoints: 1,
      },
      { fromPath: 0, toPath: 6 },
    );
    expect(checkpointCents.length).toBe(12);
    merger.add(chunk);
    expect(() => merger.finish()).toThrow(RangeError);
    expect(() => new ChunkMerger(0, 10, 5, new Int32Array([0, 5])).add(chunk)).toThrow(RangeError);
  });

  it('recycles the tables of gathered and dropped runs, and a recycled table gives the same chunk', () => {
    const recycler = new TableRecycler();
    const kept = new KeptTables(recycler);
    kept.keep(1, new Float64Array(6).fill(1), 3, 2);
    kept.keep(2, new Float64Array(4).fill(2), 2, 2);
    kept.count(1, new Float64Array([1, 1]), new Float64Array([1, 1]));
    expect(kept.gather(1, new Int32Array(0)).length).toBe(0);
    kept.drop(2);
    expect(kept.size).toBe(0);
    expect(recycler.size).toBe(10);
    const reused = recycler.take(6);
    expect(reused[0]).toBe(1);
    expect(recycler.take(6).length).toBe(6);
    expect(recycler.size).toBe(4);
    recycler.give(new Float64Array(9_000_000));
    expect(recycler.size).toBe(4);

    const params: SimParams = {
      model: { kind: 'normal', meanCents: 3, sdCents: 400 },
      startCents: 2000,
      horizonSteps: 90,
      paths: 50,
      seed: 5,
      fanCheckpoints: 9,
    };
    const checked = checkSimParams(params);
    if (!checked.ok) throw new Error('bad params');
    for (const scalar of [false, true]) {
      const dirty = simulateChecked(checked.value, { fromPath: 3, toPath: 41 }, scalar, (n) =>
        new Float64Array(n).fill(Number.NaN),
      );
      expect(dirty).toEqual(simulate(params, { fromPath: 3, toPath: 41 }));
    }
  });
});
