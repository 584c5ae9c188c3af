/**
 * Page-side state of the data worker: whether DuckDB is loading or ready (with download progress), and a
 * `dataVersion` that bumps whenever the ledger changes so pages refetch their figures.
 */
import * as Comlink from 'comlink';
import { connectData, type EngineStatus, type LoadProgress } from '../../workers/data.api';
import type { Result } from '../engine/result';

class EngineState {
  status = $state<EngineStatus>({ state: 'idle', version: null, loadMs: null, rows: 0 });
  progress = $state<LoadProgress | null>(null);
  dataVersion = $state(0);
  #starting: Promise<Result<EngineStatus>> | null = null;

  get api() {
    return connectData();
  }

  /** Starts DuckDB in the worker once; later calls share the same promise. */
  start(): Promise<Result<EngineStatus>> {
    if (!this.#starting) {
      this.status = { ...this.status, state: 'loading' };
      this.#starting = this.api
        .start(
          Comlink.proxy((p: LoadProgress) => {
            this.progress = p;
          }),
        )
        .then((r) => {
          if (r.ok) this.status = r.value;
          else {
            this.status = { ...this.status, state: 'error', message: r.error.message ?? r.error.code };
            this.#starting = null;
          }
          this.progress = null;
          return r;
        });
    }
    return this.#starting;
  }

  changed() {
    this.dataVersion++;
  }
}

export const engine = new EngineState();
