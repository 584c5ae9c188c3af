/**
 * A simulation worker: runs ranges of paths and transfers their typed arrays back; in a pool run the
 * checkpoint tables stay here for the fan chart's quantiles (engine/sim/fan-parts.ts). Comlink wiring only.
 */
import * as Comlink from 'comlink';
import { KeptTables, TableRecycler } from '../lib/engine/sim/fan-parts';
import { lanesBucketPasses } from '../lib/engine/sim/lanes';
import { checkSimParams, sampleCount, simulate, simulateChecked } from '../lib/engine/sim/monte-carlo';
import { checkPropParams, simulatePropChecked } from '../lib/engine/sim/prop-pass';
import { err, ok } from '../lib/engine/result';
import type { SimWorkerApi } from './sim.api';
import type { SimParams } from '../lib/engine/sim/types';

/** Tiny runs of each model the four-lane walk takes, so V8 has compiled it before the first real run. */
const WARM_MODELS: SimParams['model'][] = [
  { kind: 'normal', meanCents: 0, sdCents: 100 },
  { kind: 'student-t', meanCents: 0, sdCents: 100, df: 4 },
  { kind: 'bootstrap', historyCents: [-100, 0, 150] },
];

const recycler = new TableRecycler();
const kept = new KeptTables(recycler, lanesBucketPasses() ?? undefined);

const api: SimWorkerApi = {
  warm() {
    try {
      for (const model of WARM_MODELS)
        simulate({ model, startCents: 1000, horizonSteps: 600, paths: 16, seed: 1, fanCheckpoints: 10 });
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  },
  runKeptChunk(params, range, run) {
    try {
      const checked = checkSimParams(params);
      if (!checked.ok) return Promise.resolve(checked);
      const { checkpointCents, ...r } = simulateChecked(checked.value, range, false, (n) => recycler.take(n));
      const nc = r.checkpointSteps.length;
      if (nc > 0) kept.keep(run, checkpointCents, r.toPath - r.fromPath, nc);
      // The rows of the run's sample paths (the first few paths) go back with the chunk.
      const samples = Math.max(
        0,
        sampleCount({ ...r, fromPath: 0, toPath: params.paths }, params) - r.fromPath,
      );
      const sampleRows = checkpointCents.slice(0, Math.min(samples, r.toPath - r.fromPath) * nc);
      const chunk = { ...r, sampleRows };
      const buffers = [
        r.finalCents.buffer,
        r.maxDrawdownCents.buffer,
        r.ruinStep.buffer,
        r.targetStep.buffer,
        r.checkpointMin.buffer,
        r.checkpointMax.buffer,
        sampleRows.buffer,
      ] as ArrayBuffer[];
      return Promise.resolve(Comlink.transfer(ok(chunk), buffers));
    } catch (e) {
      kept.drop(run);
      return Promise.resolve(err('invalid-argument', e instanceof Error ? e.message : String(e)));
    }
  },
  countFan(run, min, max) {
    const counts = kept.count(run, min, max);
    return Promise.resolve(counts ? Comlink.transfer(counts, [counts.buffer as ArrayBuffer]) : null);
  },
  gatherFan(run, wanted) {
    const values = kept.gather(run, wanted);
    return Promise.resolve(Comlink.transfer(values, [values.buffer as ArrayBuffer]));
  },
  dropFan(run) {
    kept.drop(run);
    return Promise.resolve();
  },
  runPropChunk(params, range) {
    try {
      const checked = checkPropParams(params);
      if (!checked.ok) return Promise.resolve(checked);
      const r = simulatePropChecked(checked.value, range);
      const buffers = [r.outcome.buffer, r.day.buffer, r.failRule.buffer, r.pnlCents.buffer] as ArrayBuffer[];
      return Promise.resolve(Comlink.transfer(ok(r), buffers));
    } catch (e) {
      return Promise.resolve(err('invalid-argument', e instanceof Error ? e.message : String(e)));
    }
  },
};

Comlink.expose(api);
