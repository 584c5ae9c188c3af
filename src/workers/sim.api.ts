/**
 * The simulation worker pool: one worker per core, each running a range of paths of the same seeded run.
 * Path i depends only on (seed, i), so the merged result is identical for any number of workers. Chunks are
 * small enough (about 20 per worker) for progress and Cancel; typed arrays come back transferred.
 * Bankroll runs (`runSimulationInWorkers`) and prop evaluation runs (`runPropInWorkers`) share the pool.
 */
import * as Comlink from 'comlink';
import { ChunkMerger, summarize, checkSimParams, runSimulation } from '../lib/engine/sim/monte-carlo';
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
  runChunk(params: SimParams, range: PathRange): Promise<Result<SimChunkResult>>;
  /** Paths of a prop evaluation run through the rules engine (engine/sim/prop-pass.ts). */
  runPropChunk(params: PropSimParams, range: PathRange): Promise<Result<PropChunkResult>>;
}

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
  for (const w of poolOf(defaultWorkers())) void w.warm().catch(() => false);
  // The page's own share, summarising 10^5 paths, ran ~5x slower the first time (V8 had not compiled the
  // quantile passes yet): a small run of more than 4,096 paths, summarised twice, warms those passes.
  setTimeout(() => {
    for (let i = 0; i < 2; i++)
      runSimulation({
        model: { kind: 'normal', meanCents: 0, sdCents: 100 },
        startCents: 1000,
        horizonSteps: 8,
        paths: 5000,
        seed: i,
        fanCheckpoints: 8,
      });
  }, 0);
}

/** Ends the pool's workers (they are started again on the next run). */
export function disposeSimPool(): void {
  for (const w of pool) w[Comlink.releaseProxy]();
  pool = [];
}

/**
 * Splits paths [0, totalPaths) into chunks of at least `minChunk` paths, about 20 per worker, and runs
 * them on the pool, each worker taking the next chunk when it finishes one. Stops at the first error or
 * when `isCancelled()` turns true ('cancelled'). Returns the chunks in path order; with `onChunk`, each
 * chunk is handed to it as it arrives instead (and not kept), so merging overlaps the workers' computing.
 */
async function runChunks<C extends { fromPath: number }>(
  totalPaths: number,
  minChunk: number,
  call: (w: Comlink.Remote<SimWorkerApi>, range: PathRange) => Promise<Result<C>>,
  opts: PoolOptions,
  onChunk?: (c: C) => void,
): Promise<Result<{ chunks: C[]; workers: number }>> {
  const n = Math.max(1, Math.min(opts.workers ?? defaultWorkers(), 8, totalPaths));
  const workers = poolOf(n);
  const chunkPaths = Math.max(minChunk, Math.ceil(totalPaths / (n * 20)));
  const ranges: PathRange[] = [];
  for (let from = 0; from < totalPaths; from += chunkPaths)
    ranges.push({ fromPath: from, toPath: Math.min(totalPaths, from + chunkPaths) });
  const results: C[] = [];
  let next = 0;
  let done = 0;
  let failure: Result<never> | null = null;
  await Promise.all(
    workers.map(async (w) => {
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
    }),
  );
  if (failure) return failure;
  results.sort((a, b) => a.fromPath - b.fromPath);
  return ok({ chunks: results, workers: n });
}

export async function runSimulationInWorkers(
  params: SimParams,
  opts: PoolOptions = {},
): Promise<Result<SimSummary & { elapsedMs: number; workers: number }>> {
  const checked = checkSimParams(params);
  if (!checked.ok) return checked;
  const t0 = performance.now();
  const c = checked.value;
  const merger = new ChunkMerger(0, params.paths, c.horizonSteps, c.checkpointSteps);
  const r = await runChunks(
    params.paths,
    500,
    (w, range) => w.runChunk(params, range),
    opts,
    (chunk) => merger.add(chunk),
  );
  if (!r.ok) return r;
  const summary = summarize(merger.finish(), params);
  return ok({ ...summary, elapsedMs: Math.round(performance.now() - t0), workers: r.value.workers });
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
  return ok({ ...summary, elapsedMs: Math.round(performance.now() - t0), workers: r.value.workers });
}
