/**
 * The simulation worker pool: one worker per core, each running a range of paths of the same seeded run.
 * Path i depends only on (seed, i), so the merged result is identical for any number of workers. Chunks are
 * small enough (about 20 per worker) for progress and Cancel; typed arrays come back transferred.
 */
import * as Comlink from 'comlink';
import { mergeChunks, summarize, checkSimParams } from '../lib/engine/sim/monte-carlo';
import type { PathRange, SimChunkResult, SimParams, SimSummary } from '../lib/engine/sim/types';
import { err, ok, type Result } from '../lib/engine/result';

export interface SimWorkerApi {
  runChunk(params: SimParams, range: PathRange): Promise<Result<SimChunkResult>>;
}

export interface SimProgress {
  donePaths: number;
  totalPaths: number;
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

/** Ends the pool's workers (they are started again on the next run). */
export function disposeSimPool(): void {
  for (const w of pool) w[Comlink.releaseProxy]();
  pool = [];
}

export async function runSimulationInWorkers(
  params: SimParams,
  opts: { workers?: number; onProgress?: (p: SimProgress) => void; isCancelled?: () => boolean } = {},
): Promise<Result<SimSummary & { elapsedMs: number; workers: number }>> {
  const checked = checkSimParams(params);
  if (!checked.ok) return checked;
  const t0 = performance.now();
  const n = Math.max(1, Math.min(opts.workers ?? navigator.hardwareConcurrency ?? 2, 8, params.paths));
  const workers = poolOf(n);
  const chunkPaths = Math.max(500, Math.ceil(params.paths / (n * 20)));
  const ranges: PathRange[] = [];
  for (let from = 0; from < params.paths; from += chunkPaths)
    ranges.push({ fromPath: from, toPath: Math.min(params.paths, from + chunkPaths) });
  const results: SimChunkResult[] = [];
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
        const r = await w.runChunk(params, range);
        if (!r.ok) {
          failure = r;
          return;
        }
        results.push(r.value);
        done += range.toPath - range.fromPath;
        opts.onProgress?.({ donePaths: done, totalPaths: params.paths });
      }
    }),
  );
  if (failure) return failure;
  results.sort((a, b) => a.fromPath - b.fromPath);
  const summary = summarize(mergeChunks(results), params);
  return ok({ ...summary, elapsedMs: Math.round(performance.now() - t0), workers: n });
}
