/**
 * The fan chart of a run whose checkpoint table is split across workers, computed where the table is.
 *
 * Shipping every chunk's checkpoints to the page (8 bytes x 61 checkpoints x 10^5 paths = 49 MB), copying
 * them into one table and running the bucket method there (stats.ts) cost the page ~0.15 s after the walk.
 * Instead each worker keeps its chunks' tables (`KeptTables`) and the page runs the same three passes
 * across them (`splitColumnQuantiles`): the walk already gave every column's exact min and max, so one
 * round trip counts the buckets of each worker's rows (in parallel), the page adds the counts up and
 * finds the buckets holding the wanted order statistics, and a second round trip gathers the values of
 * those buckets (a few hundred per column), which the page sorts. The buckets depend only on the whole
 * table's min and max, so the result is exactly `columnQuantiles` of the merged table.
 */
import {
  BUCKETS,
  JS_BUCKET_PASSES,
  bucketLayout,
  gatherCursor,
  interpolate,
  pickRanks,
  ranksFor,
  wantedBuckets,
  type BucketLayout,
  type BucketPasses,
} from './stats';

/** Checkpoint doubles a worker keeps for reuse once their runs are done (64 MB). */
const RECYCLE_LIMIT = 8 * 1024 * 1024;

/**
 * Checkpoint tables to reuse: a fresh table's pages are faulted in as the walk first writes them, which
 * cost about as much as the walk's arithmetic for the normal model. A run's chunks have one size (but
 * the last), and a run is usually repeated with the same sizes (re-runs, stake candidates, scenarios).
 */
export class TableRecycler {
  private readonly free = new Map<number, Float64Array[]>();
  private kept = 0;

  /** A table of `length` doubles, with anything in it (the walk writes every cell). */
  take(length: number): Float64Array {
    const list = this.free.get(length);
    const t = list?.pop();
    if (!t) return new Float64Array(length);
    this.kept -= length;
    return t;
  }

  /** Takes a table back for reuse, unless that would keep more than RECYCLE_LIMIT doubles. */
  give(t: Float64Array): void {
    if (t.length === 0 || this.kept + t.length > RECYCLE_LIMIT) return;
    let list = this.free.get(t.length);
    if (!list) this.free.set(t.length, (list = []));
    list.push(t);
    this.kept += t.length;
  }

  /** Doubles held for reuse. */
  get size(): number {
    return this.kept;
  }
}

interface KeptRun {
  tables: { data: Float64Array; rows: number }[];
  cols: number;
  layout?: BucketLayout;
  counts?: Int32Array;
}

/** A worker's checkpoint tables of the runs in progress, by run id. */
export class KeptTables {
  private readonly runs = new Map<number, KeptRun>();

  /**
   * `recycler`, when given, gets the tables of runs gathered or dropped; `passes` count and gather them
   * (the workers pass the WebAssembly ones).
   */
  constructor(
    private readonly recycler?: TableRecycler,
    private readonly passes: BucketPasses = JS_BUCKET_PASSES,
  ) {}

  /** Keeps `rows` rows of `cols` columns (row-major) of run `run`. */
  keep(run: number, data: Float64Array, rows: number, cols: number): void {
    let r = this.runs.get(run);
    if (!r) this.runs.set(run, (r = { tables: [], cols }));
    if (r.cols !== cols) throw new RangeError('tables of one run must have the same columns');
    r.tables.push({ data, rows });
  }

  /**
   * The bucket counts (cols x BUCKETS) of this worker's rows of `run` for the layout of the whole table's
   * min and max, or null when it holds none.
   */
  count(run: number, min: Float64Array, max: Float64Array): Int32Array | null {
    const r = this.runs.get(run);
    if (!r) return null;
    const layout = bucketLayout(min, max);
    if (layout.cols !== r.cols) throw new RangeError('min and max do not match the tables');
    const counts = new Int32Array(r.cols * BUCKETS);
    this.passes.count(layout, r.tables, counts);
    r.layout = layout;
    r.counts = counts;
    return counts.slice();
  }

  /**
   * This worker's values of `run` in the `wanted` buckets, bucket after bucket in `wanted` order (as many
   * of each as its counts said), after `count`. Forgets the run.
   */
  gather(run: number, wanted: Int32Array): Float64Array {
    const r = this.runs.get(run);
    if (!r) return new Float64Array(0);
    if (!r.layout || !r.counts) {
      this.drop(run);
      throw new RangeError(`run ${run} was not counted before the gather`);
    }
    const cursor = gatherCursor(wanted, r.counts);
    const out = new Float64Array(cursor.size);
    this.passes.gather(r.layout, r.tables, cursor.next, out);
    this.drop(run);
    return out;
  }

  /** Forgets a run (cancelled, failed, or one with nothing to gather). */
  drop(run: number): void {
    const r = this.runs.get(run);
    this.runs.delete(run);
    if (r && this.recycler) for (const t of r.tables) this.recycler.give(t.data);
  }

  /** How many runs are kept (for tests: a finished run must leave nothing behind). */
  get size(): number {
    return this.runs.size;
  }
}

/**
 * `columnQuantiles` of a `rows` x cols table split by rows across holders (workers), given each column's
 * exact min and max over all rows. `count` asks every holder for its bucket counts (null: holds no rows),
 * `gather` for its values in the wanted buckets (see `KeptTables`), in the same holder order.
 */
export async function splitColumnQuantiles(
  rows: number,
  min: Float64Array,
  max: Float64Array,
  probs: readonly number[],
  count: (min: Float64Array, max: Float64Array) => Promise<(Int32Array | null)[]>,
  gather: (wanted: Int32Array) => Promise<Float64Array[]>,
): Promise<Float64Array[]> {
  const cols = min.length;
  if (rows === 0) return probs.map(() => new Float64Array(cols).fill(Number.NaN));
  const layout = bucketLayout(min, max);
  const parts = await count(min, max);
  const totals = new Int32Array(cols * BUCKETS);
  for (const p of parts) if (p) for (let i = 0; i < totals.length; i++) totals[i]! += p[i]!;
  const ranks = ranksFor(rows, probs);
  const wanted = wantedBuckets(layout, totals, rows, ranks);
  const pieces = await gather(wanted);
  // Lay the pieces out bucket by bucket: bucket `slot` holds holder 0's values, then holder 1's...
  const cursor = gatherCursor(wanted, totals);
  const values = new Float64Array(cursor.size);
  parts.forEach((p, h) => {
    if (!p) return;
    const piece = pieces[h]!;
    let from = 0;
    for (const slot of wanted) {
      const n = p[slot]!;
      const at = cursor.next[slot]!;
      values.set(piece.subarray(from, from + n), at);
      cursor.next[slot] = at + n;
      from += n;
    }
  });
  return interpolate(pickRanks(layout, totals, rows, ranks, wanted, values), rows, cols, probs);
}
