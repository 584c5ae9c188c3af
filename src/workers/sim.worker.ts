/** A simulation worker: runs one range of paths and transfers its typed arrays back. Comlink wiring only. */
import * as Comlink from 'comlink';
import { simulate } from '../lib/engine/sim/monte-carlo';
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
  runChunk(params, range) {
    try {
      const r = simulate(params, range);
      const buffers = [
        ...new Set([
          r.finalCents.buffer,
          r.maxDrawdownCents.buffer,
          r.ruinStep.buffer,
          r.targetStep.buffer,
          r.checkpointCents.buffer,
          r.checkpointMin.buffer,
          r.checkpointMax.buffer,
        ]),
      ] as ArrayBuffer[];
      return Promise.resolve(Comlink.transfer(ok(r), buffers));
    } catch (e) {
      return Promise.resolve(err('invalid-argument', e instanceof Error ? e.message : String(e)));
    }
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
