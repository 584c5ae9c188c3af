/**
 * The simulation worker pool: one worker per core, each running a range of paths of the same seeded run.
 * Path i depends only on (seed, i), so the merged result is identical for any number of workers. Chunks are
 * small enough (about 12 per worker, two queued in each) for progress and Cancel; typed arrays come back
 * transferred, and a bankroll run's checkpoint tables stay in the workers for the fan chart.
 * Bankroll runs (`runSimulationInWorkers`) and prop evaluation runs (`runPropInWorkers`) share the pool.
 */
import * as Comlink from 'comlink';
import { splitColumnQuantiles } from '../lib/engine/sim/fan-parts';
import {
  ChunkMerger,
  FAN_PROBS,
  checkSimParams,
  fanOf,
  sampleCount,
  summarizeOutcomes,
  type MergeableChunk,
} from '../lib/engine/sim/monte-carlo';
import {
  checkPropParams,
  mergePropChunks,
  summarizeProp,
  type PropChunkResult,
  type PropSimParams,
  type PropSummary,
} from '../lib/engine/sim/prop-pass';
import type { PathRange, SimChunkResult, SimParams, SimSummary } from '../lib/engine/sim/types';
import { err, ok, type Result } from '../lib/engine/result';

export interface SimWorkerApi {
  /** Loads the worker's engine and runs a few tiny walks so the first real run starts compiled. */
  warm(): Promise<boolean>;
  /**
   * Runs paths `range` of a run and keeps their checkpoint table here under `run` for the fan chart
   * (`countFan`, `gatherFan`); returns everything else, and the table's rows of the run's sample paths.
   */
  runKeptChunk(params: SimParams, range: PathRange, run: number): Promise<Result<KeptChunk>>;
  /** This worker's bucket counts of run `run`'s checkpoints (engine/sim/fan-parts.ts), null if it has none. */
  countFan(run: number, min: Float64Array, max: Float64Array): Promise<Int32Array | null>;
  /** This worker's checkpoint values of run `run` in the `wanted` buckets; forgets the run. */
  gatherFan(run: number, wanted: Int32Array): Promise<Float64Array>;
  /** Forgets run `run` (cancelled or failed). */
  dropFan(run: number): Promise<void>;
  /** Paths of a prop evaluation run through the rules engine (engine/sim/prop-pass.ts). */
  runPropChunk(params: PropSimParams, range: PathRange): Promise<Result<PropChunkResult>>;
}

/** A chunk whose checkpoint table stayed in its worker: `sampleRows` are its rows of sample paths. */
export type KeptChunk = Omit<SimChunkResult, 'checkpointCents'> & { sampleRows: Float64Array };

export interface SimProgress {
  donePaths: number;
  totalPaths: number;
}

export interface PoolOptions {
  workers?: number;
  onProgress?: (p: SimProgress) => void;
  isCancelled?: () => boolean;
}

let pool: Comlink.Remote<SimWorkerApi>[] = [];

function poolOf(n: number): Comlink.Remote<SimWorkerApi>[] {
  while (pool.length < n) {
    const w = new Worker(new URL('./sim.worker.ts', import.meta.url), {
      type: 'module',
      name: `sim-${pool.length}`,
    });
    pool.push(Comlink.wrap<SimWorkerApi>(w));
  }
  return pool.slice(0, n);
}

function defaultWorkers(): number {
  return Math.max(1, Math.min(navigator.hardwareConcurrency ?? 2, 8));
}

/**
 * Starts the pool ahead of the first run (the Risk lab calls it when it loads), so worker start-up,
 * module load, WebAssembly compilation and the engine's warm-up are done before the user presses Simulate.
 */
export function warmSimPool(): void {
  const workers = poolOf(defaultWorkers());
  // Then two small pool runs, so the page's share (merging, the fan chart's counts and gather, the
  // summary's quantiles, which ran ~5x slower the first time) and the workers' are compiled too.
  void Promise.all(workers.map((w) => w.warm().catch(() => false)))
    .then(async () => {
      for (let i = 0; i < 2; i++)
        await runSimulationInWorkers({
          model: { kind: 'normal', meanCents: 0, sdCents: 100 },
          startCents: 1000,
          horizonSteps: 40,
          paths: 6000,
          seed: i,
          fanCheckpoints: 8,
        });
    })
    .catch(() => undefined);
}

/** Ends the pool's workers (they are started again on the next run). */
export function disposeSimPool(): void {
  for (const w of pool) w[Comlink.releaseProxy]();
  pool = [];
}

/** Chunks per worker in a run: enough for progress, Cancel and an even finish. */
const CHUNKS_PER_WORKER = 12;
/** Chunks queued in each worker, so it starts the next one as soon as it sends one back. */
const QUEUED_PER_WORKER = 2;

/**
 * Splits paths [0, totalPaths) into chunks of at least `minChunk` paths, about CHUNKS_PER_WORKER per
 * worker, and runs them on the pool, each worker holding QUEUED_PER_WORKER of them at a time and taking
 * the next when it sends one back. Stops at the first error or when `isCancelled()` turns true
 * ('cancelled'). Returns the chunks in path order; with `onChunk`, each chunk is handed to it as it
 * arrives instead (and not kept), so merging overlaps the workers' computing.
 */
async function runChunks<C extends { fromPath: number }>(
  totalPaths: number,
  minChunk: number,
  call: (w: Comlink.Remote<SimWorkerApi>, range: PathRange) => Promise<Result<C>>,
  opts: PoolOptions,
  onChunk?: (c: C) => void,
): Promise<Result<{ chunks: C[]; workers: Comlink.Remote<SimWorkerApi>[] }>> {
  const n = Math.max(1, Math.min(opts.workers ?? defaultWorkers(), 8, totalPaths));
  const workers = poolOf(n);
  const chunkPaths = Math.max(minChunk, Math.ceil(totalPaths / (n * CHUNKS_PER_WORKER)));
  const ranges: PathRange[] = [];
  for (let from = 0; from < totalPaths; from += chunkPaths)
    ranges.push({ fromPath: from, toPath: Math.min(totalPaths, from + chunkPaths) });
  const results: C[] = [];
  let next = 0;
  let done = 0;
  let failure: Result<never> | null = null;
  const feed = async (w: Comlink.Remote<SimWorkerApi>) => {
    while (next < ranges.length && !failure) {
      if (opts.isCancelled?.()) {
        failure = err('cancelled');
        return;
      }
      const range = ranges[next++]!;
      const r = await call(w, range).catch((e: unknown) => err('worker-error', String(e)));
      if (!r.ok) {
        failure = r;
        return;
      }
      if (onChunk) onChunk(r.value);
      else results.push(r.value);
      done += range.toPath - range.fromPath;
      opts.onProgress?.({ donePaths: done, totalPaths });
    }
  };
  await Promise.all(workers.flatMap((w) => Array.from({ length: QUEUED_PER_WORKER }, () => feed(w))));
  if (failure) return failure;
  results.sort((a, b) => a.fromPath - b.fromPath);
  return ok({ chunks: results, workers });
}

let lastRunId = 0;

/**
 * Runs a simulation on the pool and summarises it: exactly `summarize(simulate(params), params)`. The
 * workers keep the checkpoint tables; the fan chart's quantiles are computed across them
 * (`splitColumnQuantiles`), so only per-path outcomes and the sample paths come to the page.
 */
export async function runSimulationInWorkers(
  params: SimParams,
  opts: PoolOptions = {},
): Promise<Result<SimSummary & { elapsedMs: number; workers: number }>> {
  const checked = checkSimParams(params);
  if (!checked.ok) return checked;
  const t0 = performance.now();
  const c = checked.value;
  const run = ++lastRunId;
  const nc = c.checkpointSteps.length;
  const merger = new ChunkMerger(0, params.paths, c.horizonSteps, c.checkpointSteps, false);
  const samples: Float64Array[] = [];
  const nSample = sampleCount(
    { fromPath: 0, toPath: params.paths, checkpointSteps: c.checkpointSteps },
    params,
  );
  const r = await runChunks(
    params.paths,
    500,
    (w, range) => w.runKeptChunk(params, range, run),
    opts,
    (chunk: KeptChunk) => {
      merger.add(chunk satisfies MergeableChunk);
      for (let p = chunk.fromPath, i = 0; p < Math.min(chunk.toPath, nSample); p++, i++)
        samples[p] = chunk.sampleRows.slice(i * nc, (i + 1) * nc);
    },
  );
  if (!r.ok) {
    for (const w of pool) void w.dropFan(run).catch(() => undefined);
    return r;
  }
  const workers = r.value.workers;
  const merged = merger.finish();
  // The workers count and gather the fan chart's buckets while the page summarises the per-path outcomes.
  const fan = splitColumnQuantiles(
    params.paths,
    merged.checkpointMin,
    merged.checkpointMax,
    FAN_PROBS,
    (min, max) => Promise.all(workers.map((w) => w.countFan(run, min, max))),
    (wanted) => Promise.all(workers.map((w) => w.gatherFan(run, wanted))),
  ).catch((e: unknown) => {
    for (const w of workers) void w.dropFan(run).catch(() => undefined);
    return err('worker-error', String(e));
  });
  const summary = summarizeOutcomes(
    merged,
    FAN_PROBS.map(() => new Float64Array(nc)),
    samples,
    params,
  );
  const bands = await fan;
  if (!Array.isArray(bands)) return bands;
  summary.fan = fanOf(c.checkpointSteps, bands);
  return ok({ ...summary, elapsedMs: Math.round(performance.now() - t0), workers: workers.length });
}

/** Runs a prop evaluation simulation on the pool and summarises it (same determinism as above). */
export async function runPropInWorkers(
  params: PropSimParams,
  opts: PoolOptions = {},
): Promise<Result<PropSummary & { elapsedMs: number; workers: number }>> {
  const checked = checkPropParams(params);
  if (!checked.ok) return checked;
  const t0 = performance.now();
  const r = await runChunks(params.paths, 100, (w, range) => w.runPropChunk(params, range), opts);
  if (!r.ok) return r;
  const summary = summarizeProp(mergePropChunks(r.value.chunks), params.ruleSet);
  return ok({ ...summary, elapsedMs: Math.round(performance.now() - t0), workers: r.value.workers.length });
}
