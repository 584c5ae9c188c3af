/**
 * The import pipeline, shared by the data worker (with Dexie persistence) and the CLI (in memory):
 * bytes → decode → CSV → detect → parse in slices (yielding for progress and cancel; Sportsbet exports
 * are read from their bytes, `sportsbet-fast.ts`) → Arrow batches → staged diff in DuckDB (inserted /
 * updated / unchanged; a table that held no rows takes the batch directly) → one Dexie transaction holding
 * the import record, its rejects and the changed rows as segments → upsert into DuckDB → refresh derived
 * tables. DuckDB's side runs in one transaction on the connection it is given, from the prepare's first
 * chunk to the commit.
 *
 * Nothing is committed before `commit`; a failure or cancel at any point leaves the previous data intact.
 */
import { decodeBytes } from '../engine/importers/decode';
import { openCsv, SLICE_ROWS } from '../engine/importers/csv';
import { detectFormat } from '../engine/importers/detect';
import { createMappedImporter } from '../engine/importers/mapped';
import type {
  ColumnMapping,
  Detection,
  FormatId,
  Importer,
  ParseOptions,
  RowReject,
} from '../engine/importers/types';
import type { FactBatch, FactRows, FactTable } from '../engine/model';
import { FACT_TABLES } from '../engine/model';
import { err, ok, type Result } from '../engine/result';
import type { DateOrder } from '../engine/time';
import { createChunkMerger, decideDateOrder } from '../engine/importers/run';
import type { ColumnChunk } from '../engine/importers/column-builder';
import { openSportsbetFast } from '../engine/importers/sportsbet-fast';
import { sportsbetImporter } from '../engine/importers/sportsbet';
import type { CsvTable } from '../engine/importers/types';
import {
  chunkSizes,
  columnsToIpc,
  ipcInTableLayout,
  rowsToIpc,
  rowsToIpcChunks,
  SEGMENT_ROWS,
} from './arrow';
import type { Sql } from './duckdb/port';
import {
  applyChanged,
  changedSegmentIpcs,
  diffApplied,
  discardStaged,
  diffStaged,
  discardStage,
  noteAffectedBets,
  refreshDerived,
  refreshDerivedFor,
  replayChunks,
  startAffectedBets,
  stageAndDiff,
  stageChunk,
  stagedValues,
  tableIsEmpty,
  type DiffCounts,
} from './ledger';

export type { DiffCounts };
import type { ImportRecord, RejectSet, Segment } from './schema';

export type ImportStep = 'read' | 'parse' | 'compare' | 'write' | 'index';
export interface ImportProgress {
  step: ImportStep;
  done: number;
  total: number;
  /** True while `total` is estimated (rows still to parse, from how much of the text is read). */
  estimated?: boolean;
  rowsPerSecond: number;
}

/** Persistence behind the pipeline: Dexie in the browser, nothing in the CLI. */
export interface LedgerStore {
  nextSeq(): Promise<number>;
  /** Writes the import atomically (one durable transaction); returns 'quota-exceeded' on a full disk. */
  commit(record: ImportRecord, segments: Segment[], rejects: RejectSet): Promise<Result<null>>;
  findByHash(hash: string): Promise<ImportRecord | undefined>;
}

export interface PrepareInput {
  fileName: string;
  bytes: Uint8Array;
  zone: string;
  /** Forces a format instead of the detected one. */
  format?: FormatId;
  dateOrder?: DateOrder;
  mapping?: ColumnMapping;
  account?: string;
}

export interface PreviewRow {
  line: number;
  cells: Record<string, string | number | boolean | null>;
}

export interface Prepared {
  fileName: string;
  fileSize: number;
  fileHash: string;
  encoding: string;
  delimiter: string;
  header: string[];
  detections: Detection[];
  format: FormatId;
  formatLabel: string;
  rowCount: number;
  rejects: RowReject[];
  notes: string[];
  dateOrder: DateOrder | null;
  diff: DiffCounts;
  perTable: Partial<Record<FactTable, DiffCounts>>;
  /** The first rows as the app understood them, from the main table of the batch. */
  sample: { table: FactTable; rows: PreviewRow[] } | null;
  /** Set when this exact file was imported before. */
  previousImport: { id: string; importedAt: string } | null;
  /** Rows per fact table in the batch. */
  counts: Partial<Record<FactTable, number>>;
  /**
   * The batch as Arrow IPC per table, built once at prepare and kept for commit; not sent to the page.
   * A file's parsed row objects are dropped once encoded (at 700k rows they weigh several hundred MB).
   */
  ipcs?: Partial<Record<FactTable, Uint8Array[]>>;
  /** Row objects, for a Prepared built by hand (a typed-in trade); commit encodes them. */
  batch?: FactBatch;
  zone: string;
}

export type PrepareOutcome =
  | { kind: 'ready'; prepared: Prepared }
  | { kind: 'needs-date-order'; fileName: string; samples: string[]; format: FormatId }
  | {
      kind: 'needs-mapping';
      fileName: string;
      header: string[];
      sampleRows: string[][];
      detections: Detection[];
    };

/**
 * The staged diff a prepare leaves in DuckDB is reused by its commit when nothing changed the ledger in
 * between (the usual drop → preview → Import), so a file is compared once, not twice.
 */
const ledgerVersion = new WeakMap<Sql, number>();
const stagedBy = new WeakMap<Sql, { owner: Prepared; version: number }>();
const versionOf = (sql: Sql): number => ledgerVersion.get(sql) ?? 0;
function ledgerChanged(sql: Sql): void {
  ledgerVersion.set(sql, versionOf(sql) + 1);
  stagedBy.delete(sql);
}

/**
 * A connection with an import's transaction open, and the tables that transaction has already filled. A
 * prepare begins the transaction and appends each chunk of a table that held no rows to the table as soon
 * as it is encoded, so DuckDB writes the rows into its tables (its file, in the browser) while the data
 * worker parses the rest of the file; until the commit, only this connection sees them. The commit
 * finishes in the same transaction, or rolls it back and starts again if anything came in between.
 */
const applying = new WeakMap<Sql, Set<FactTable>>();

async function rollback(sql: Sql): Promise<void> {
  if (!applying.has(sql)) return;
  applying.delete(sql);
  await sql.exec('ROLLBACK');
}

/** Drops an import's stage, rolling back what its transaction applied. */
async function discard(sql: Sql): Promise<void> {
  await rollback(sql);
  await discardStage(sql);
}

/**
 * The distinct values of one column in a prepared batch (the accounts a pasted batch names): from its
 * stage, or from the table itself when the prepare appended the batch there.
 */
export function preparedValues(sql: Sql, table: FactTable, column: string): Promise<Result<string[]>> {
  return stagedValues(sql, table, column, applying.get(sql)?.has(table) ?? false);
}

/**
 * Lets go of what a prepare left on this connection (its transaction, its stage), before anything else
 * changes the ledger: the prepared file is compared again when it is committed.
 */
export async function abandonStaged(sql: Sql): Promise<void> {
  stagedBy.delete(sql);
  await discard(sql);
}

export interface Hooks {
  onProgress?: (p: ImportProgress) => void;
  isCancelled?: () => boolean;
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function progressReporter(hooks: Hooks) {
  const started = performance.now();
  let last = 0;
  return (step: ImportStep, done: number, total: number, force = false, estimated = false) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    const secs = (now - started) / 1000;
    hooks.onProgress?.({
      step,
      done,
      total,
      ...(estimated ? { estimated } : {}),
      rowsPerSecond: secs > 0 ? Math.round(done / secs) : 0,
    });
  };
}

/**
 * An account id written in a file's name (e.g. "tradovate-performance-APEX4977960000002.csv"), used for
 * formats whose rows name no account; null when the name holds nothing that looks like one.
 */
export function accountFromFileName(name: string): string | null {
  const m = /(?:^|[^A-Za-z0-9])((?:[A-Z]{2,}[A-Z0-9]*\d{5,}[A-Z0-9]*)|(?:\d{6,}))(?=[^A-Za-z0-9]|$)/.exec(
    name.replace(/\.[^.]+$/, ''),
  );
  return m?.[1] ?? null;
}

/** Rows per table of a batch. */
export function batchCounts(batch: FactBatch): Partial<Record<FactTable, number>> {
  const counts: Partial<Record<FactTable, number>> = {};
  for (const t of FACT_TABLES) {
    const n = batch[t]?.length ?? 0;
    if (n > 0) counts[t] = n;
  }
  return counts;
}

function mainTable(counts: Partial<Record<FactTable, number>>): FactTable | null {
  let best: FactTable | null = null;
  let n = -1;
  for (const t of FACT_TABLES) {
    const len = counts[t] ?? 0;
    if (len > n && len > 0) {
      best = t;
      n = len;
    }
  }
  return best;
}

/**
 * Final rows → Arrow IPC chunks of `SEGMENT_ROWS` rows → the stage in DuckDB, as a file is parsed. Each
 * chunk is encoded as soon as it is full, and its row objects dropped; the inserts are chained without
 * waiting, so DuckDB's own worker ingests one chunk while this one parses the next. `done` waits for them.
 */
function streamToStage(sql: Sql) {
  const counts: Partial<Record<FactTable, number>> = {};
  const ipcs: Partial<Record<FactTable, Uint8Array[]>> = {};
  const samples: Partial<Record<FactTable, unknown[]>> = {};
  const pending: Partial<Record<FactTable, unknown[]>> = {};
  stagedBy.delete(sql);
  const applied = new Set<FactTable>();
  let chain: Promise<Result<null>> = (async () => {
    await rollback(sql);
    const b = await sql.exec('BEGIN TRANSACTION');
    if (b.ok) applying.set(sql, applied);
    return b;
  })();

  /**
   * Stages a chunk; into a table that held no rows when the batch began, appends it to the table itself
   * instead (every row is new, and nothing needs comparing).
   */
  const stage = async (t: FactTable, ipc: Uint8Array, base: number): Promise<Result<null>> => {
    if (base === 0) {
      const empty = await tableIsEmpty(sql, t);
      if (!empty.ok) return empty;
      if (empty.value) {
        const d = await discardStaged(sql, t);
        if (!d.ok) return d;
        applied.add(t);
      }
    }
    return applied.has(t)
      ? sql.insertArrowIpc(t, ipcInTableLayout(t, ipc), false)
      : stageChunk(sql, t, ipc, base === 0);
  };
  const encode = (t: FactTable, rows: unknown[]): void => {
    const base = counts[t] ?? 0;
    const ipc = rowsToIpc(t, rows as FactRows[typeof t][], base);
    (ipcs[t] ??= []).push(ipc);
    counts[t] = base + rows.length;
    chain = chain.then((r) => (r.ok ? stage(t, ipc, base) : r));
  };
  return {
    counts,
    ipcs,
    samples,
    /** Stages a chunk of built columns (the fast path's), as `encode` does rows. */
    addColumns(chunk: ColumnChunk): void {
      const t = chunk.table;
      const base = counts[t] ?? 0;
      const ipc = columnsToIpc(chunk, base);
      (ipcs[t] ??= []).push(ipc);
      counts[t] = base + chunk.rows;
      chain = chain.then((r) => (r.ok ? stage(t, ipc, base) : r));
    },
    add(batch: FactBatch): void {
      for (const t of Object.keys(batch) as FactTable[]) {
        const rows = batch[t] as unknown[] | undefined;
        if (!rows || rows.length === 0) continue;
        const sample = (samples[t] ??= []);
        for (const r of rows) {
          if (sample.length >= 8) break;
          sample.push(r);
        }
        const buf = (pending[t] ??= []);
        for (const r of rows) buf.push(r);
        while (buf.length >= SEGMENT_ROWS) encode(t, buf.splice(0, SEGMENT_ROWS));
      }
    },
    flush(): void {
      for (const t of Object.keys(pending) as FactTable[]) {
        const buf = pending[t] ?? [];
        if (buf.length > 0) encode(t, buf.splice(0));
      }
    },
    done: (): Promise<Result<null>> => chain,
    /** Waits for the chunks in flight, then rolls back and drops what they left (a cancel, a give-up). */
    abandon: async (): Promise<void> => {
      await chain;
      await discard(sql);
    },
  };
}

/**
 * Reads and parses a file and diffs it against the ledger, writing nothing. `importers` are the known
 * formats; a mapping (from the mapping screen or a saved template) overrides detection.
 */
export async function prepareImport(
  sql: Sql,
  store: LedgerStore | null,
  input: PrepareInput,
  importers: readonly Importer[],
  hooks: Hooks = {},
): Promise<Result<PrepareOutcome>> {
  const report = progressReporter(hooks);
  const fileHash = await sha256Hex(input.bytes);
  report('read', 0, input.bytes.length, true);
  const fast = await prepareSportsbetFast(sql, store, input, importers, hooks, report, fileHash);
  if (fast !== null) return fast;
  const decoded = decodeBytes(input.bytes);
  const csv = openCsv(decoded.text, { encoding: decoded.encoding });
  if (!csv.ok) return err(csv.error.code, `${input.fileName}: ${csv.error.message ?? ''}`.trim());
  const table = csv.value;
  // The file is tokenised a slice at a time as it is parsed, so only one slice's cells are alive at once
  // (at 700k rows all the cells at once were millions of strings for the GC to trace). The first slice
  // serves detection, the mapping screen's samples and, where the format does not fix it, the date order.
  const slice = table.next(SLICE_ROWS);
  await tick();
  if (hooks.isCancelled?.()) return err('cancelled');

  const detections = detectFormat(table.header, importers);
  let importer: Importer | undefined;
  if (input.mapping) importer = createMappedImporter(input.mapping);
  else if (input.format) importer = importers.find((i) => i.format === input.format);
  else if (detections[0] && detections[0].confidence >= 0.5)
    importer = importers.find((i) => i.format === detections[0]?.format);
  if (!importer) {
    return ok({
      kind: 'needs-mapping',
      fileName: input.fileName,
      header: table.header,
      sampleRows: (slice?.rows ?? []).slice(0, 8),
      detections,
    });
  }

  // A format without a fixed date order decides it from every value in the file: those files (bank
  // statements, spreadsheets) are read whole first.
  const needsAllRows = !importer.fixedDateOrder && !input.dateOrder;
  let held: { rows: string[][]; lines: number[] }[] = slice ? [slice] : [];
  if (needsAllRows) {
    for (let s = table.next(SLICE_ROWS); s !== null; s = table.next(SLICE_ROWS)) held.push(s);
  }
  const decision = decideDateOrder(importer, table.header, needsAllRows ? held.flatMap((h) => h.rows) : [], {
    zone: input.zone,
    ...(input.dateOrder ? { dateOrder: input.dateOrder } : {}),
    ...(input.mapping ? { mapping: input.mapping } : {}),
  });
  if (!decision.decided) {
    return ok({
      kind: 'needs-date-order',
      fileName: input.fileName,
      samples: decision.samples,
      format: importer.format,
    });
  }
  const order = decision.order;
  const account = input.account ?? accountFromFileName(input.fileName);
  const opts: ParseOptions & { dateOrder: DateOrder } = {
    zone: input.zone,
    dateOrder: order,
    ...(account ? { account } : {}),
    ...(input.mapping ? { mapping: input.mapping } : {}),
  };
  const staged = streamToStage(sql);
  const merger = createChunkMerger();
  let total = 0;
  const nextSlice = (): { rows: string[][]; lines: number[] } | null =>
    held.shift() ?? table.next(SLICE_ROWS);
  for (let s = nextSlice(); s !== null; s = nextSlice()) {
    const parsed = importer.parse(table.header, s.rows, s.lines, opts);
    staged.add(merger.add(parsed));
    total += s.rows.length;
    // Rows still to come are estimated from how much of the text is read.
    const read = table.progress();
    report('parse', total, read > 0 ? Math.max(total, Math.round(total / read)) : total, false, read < 1);
    await tick();
    if (hooks.isCancelled?.()) {
      await staged.abandon();
      return err('cancelled');
    }
  }
  held = [];
  // Whole-file steps (numbering identical rows, counting a bet's legs) ran as the chunks were merged; bets
  // waited for their leg counts.
  const merged = merger.finish();
  staged.add({ bets: merged.bets });
  staged.flush();
  report('parse', total, total, true);
  return settlePrepare(sql, store, input, hooks, report, staged, {
    fileHash,
    table,
    detections,
    importer,
    rowCount: total,
    rejects: merged.rejects,
    mergedNotes: merged.notes,
    order,
  });
}

/**
 * The byte-level path for Sportsbet exports (engine/importers/sportsbet-fast.ts): the same staged chunks,
 * rejects, notes and counts as the path above, without strings or row objects for the common rows. Null
 * when it does not apply (another format, a forced mapping, a file it does not read exactly); a file it
 * gives up on part-way has its stage discarded and is read again by the path above.
 */
async function prepareSportsbetFast(
  sql: Sql,
  store: LedgerStore | null,
  input: PrepareInput,
  importers: readonly Importer[],
  hooks: Hooks,
  report: ReturnType<typeof progressReporter>,
  fileHash: string,
): Promise<Result<PrepareOutcome> | null> {
  if (input.mapping || (input.format !== undefined && input.format !== 'sportsbet')) return null;
  if (!importers.includes(sportsbetImporter)) return null;
  const order = sportsbetImporter.fixedDateOrder;
  if (!order) return null;
  const fast = openSportsbetFast(input.bytes, {
    zone: input.zone,
    dateOrder: order,
    segmentRows: SEGMENT_ROWS,
  });
  if (fast === null) return null;
  const detections = detectFormat(fast.header, importers);
  const importer = input.format
    ? importers.find((i) => i.format === input.format)
    : detections[0] && detections[0].confidence >= 0.5
      ? importers.find((i) => i.format === detections[0]?.format)
      : undefined;
  if (importer !== sportsbetImporter) return null;

  const staged = streamToStage(sql);
  let total = 0;
  for (;;) {
    const s = fast.next(SLICE_ROWS);
    if (s === 'bail') {
      await staged.abandon();
      return null;
    }
    if (s === null) break;
    for (const chunk of s.chunks) staged.addColumns(chunk);
    total += s.rows;
    const read = fast.progress();
    report('parse', total, read > 0 ? Math.max(total, Math.round(total / read)) : total, false, read < 1);
    await tick();
    if (hooks.isCancelled?.()) {
      await staged.abandon();
      return err('cancelled');
    }
  }
  const done = fast.finish();
  for (const chunk of done.chunks) staged.addColumns(chunk);
  if (done.samples.length > 0) staged.samples.book_txns = done.samples;
  report('parse', total, total, true);
  return settlePrepare(sql, store, input, hooks, report, staged, {
    fileHash,
    table: { encoding: 'utf-8', delimiter: ',', header: fast.header, skipped: done.skipped },
    detections,
    importer,
    rowCount: total,
    rejects: done.rejects,
    mergedNotes: done.notes,
    order,
  });
}

/** What the parse of a file leaves for `settlePrepare`. */
interface Parsed {
  fileHash: string;
  table: Pick<CsvTable, 'encoding' | 'delimiter' | 'header' | 'skipped'>;
  detections: Detection[];
  importer: Importer;
  rowCount: number;
  rejects: RowReject[];
  mergedNotes: string[];
  order: DateOrder;
}

/** Waits for the staged chunks, diffs each table against the ledger and assembles the Prepared. */
async function settlePrepare(
  sql: Sql,
  store: LedgerStore | null,
  input: PrepareInput,
  hooks: Hooks,
  report: ReturnType<typeof progressReporter>,
  staged: ReturnType<typeof streamToStage>,
  p: Parsed,
): Promise<Result<PrepareOutcome>> {
  const { fileHash, table, detections, importer, order } = p;
  const rejects = p.rejects;
  const { counts, ipcs, samples } = staged;
  const main = mainTable(counts);
  const sample =
    main === null
      ? null
      : {
          table: main,
          rows: (samples[main] ?? []).map((r) => {
            const cells = { ...(r as unknown as Record<string, string | number | boolean | null>) };
            const line = Number(cells.line);
            delete cells.line;
            return { line, cells };
          }),
        };

  const perTable: Partial<Record<FactTable, DiffCounts>> = {};
  const ready = await staged.done();
  if (!ready.ok) {
    await discard(sql);
    return ready;
  }
  for (const t of FACT_TABLES) {
    const n = counts[t] ?? 0;
    if (n === 0) continue;
    report('compare', 0, n, true);
    const d = applying.get(sql)?.has(t) ? await diffApplied(sql, t, n) : await diffStaged(sql, t);
    if (!d.ok) {
      await discard(sql);
      return d;
    }
    perTable[t] = d.value;
    if (hooks.isCancelled?.()) {
      await discard(sql);
      return err('cancelled');
    }
  }

  // Counts people see are about the file's rows: the table each row of the file became (a Sportsbet row is
  // a ledger transaction; legs parsed out of its summary are extra detail, counted per table in the record).
  const diff: DiffCounts = (main && perTable[main]) || { total: 0, inserted: 0, updated: 0, unchanged: 0 };
  const previous = store ? await store.findByHash(fileHash) : undefined;
  const prepared: Prepared = {
    fileName: input.fileName,
    fileSize: input.bytes.length,
    fileHash,
    encoding: table.encoding,
    delimiter: table.delimiter,
    header: table.header,
    detections,
    format: importer.format,
    formatLabel: importer.label,
    rowCount: p.rowCount,
    rejects,
    notes: [
      ...(importer.notes ?? []),
      ...p.mergedNotes,
      ...table.skipped.map((s) => `Line ${s.line} skipped: ${s.reason}`),
    ],
    dateOrder: order,
    diff,
    perTable,
    sample,
    previousImport: previous ? { id: previous.id, importedAt: previous.importedAt } : null,
    counts,
    ipcs,
    zone: input.zone,
  };
  stagedBy.set(sql, { owner: prepared, version: versionOf(sql) });
  return ok({ kind: 'ready', prepared });
}

export interface Committed {
  record: ImportRecord;
}

function newId(): string {
  return crypto.randomUUID();
}

/** Applies the staged, changed rows of each table and derives `bet_facts` again for the bets they touch. */
async function applyStaged(
  sql: Sql,
  staged: FactTable[],
  applied: ReadonlySet<FactTable>,
  report: ReturnType<typeof progressReporter>,
): Promise<Result<null>> {
  report('index', 0, 1, true);
  // bet_facts: only the bets this commit touches are derived again (all of them on a first import).
  const partial = await startAffectedBets(sql);
  if (!partial.ok) return partial;
  for (const t of staged) {
    if (partial.value) {
      const n = await noteAffectedBets(sql, t);
      if (!n.ok) return n;
    }
    // A table its prepare applied already holds the rows: only its stage is dropped.
    const a = applied.has(t) ? await discardStaged(sql, t) : await applyChanged(sql, t);
    if (!a.ok) return a;
  }
  return partial.value ? refreshDerivedFor(sql) : refreshDerived(sql);
}

/**
 * Writes a prepared file: re-diffs against the ledger as it is now (another file may have landed since the
 * preview), stores the changed rows as one segment per table with the import record and rejects in one
 * durable transaction, then applies them to DuckDB. If the store refuses (quota), DuckDB is left untouched.
 */
export async function commitImport(
  sql: Sql,
  store: LedgerStore | null,
  p: Prepared,
  profileId: string,
  hooks: Hooks = {},
): Promise<Result<Committed>> {
  const report = progressReporter(hooks);
  const seq = store ? await store.nextSeq() : 0;
  const id = newId();
  const segments: Segment[] = [];
  const tables: ImportRecord['tables'] = {};
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const staged: FactTable[] = [];
  const main = mainTable(p.counts);
  const fail = async <T>(r: Result<T>): Promise<Result<never>> => {
    await discard(sql);
    return r.ok ? err('db-error') : r;
  };
  const staging = stagedBy.get(sql);
  const reuse = staging?.owner === p && staging.version === versionOf(sql);
  stagedBy.delete(sql);
  // The prepare's transaction goes on when its diff still holds; else what it applied is rolled back and
  // the file compared again.
  const applied = reuse ? applying.get(sql) : undefined;
  if (!applied) await rollback(sql);
  // Stage every table first, so nothing is applied unless all tables staged.
  for (const t of FACT_TABLES) {
    const rows = p.batch?.[t] as FactRows[typeof t][] | undefined;
    const n = p.counts[t] ?? 0;
    const ipc = p.ipcs?.[t] ?? (rows && rows.length > 0 ? rowsToIpcChunks(t, rows) : undefined);
    if (n === 0 || !ipc) continue;
    report('compare', 0, n, true);
    const kept = reuse ? p.perTable[t] : undefined;
    const d = kept ? ok(kept) : await stageAndDiff(sql, t, ipc);
    if (!d.ok) return fail(d);
    staged.push(t);
    tables[t] = { inserted: d.value.inserted, updated: d.value.updated, unchanged: d.value.unchanged };
    if (t === main) {
      counts.inserted = d.value.inserted;
      counts.updated = d.value.updated;
      counts.unchanged = d.value.unchanged;
    }
    const changedRows = d.value.inserted + d.value.updated;
    if (store && changedRows > 0) {
      // Every row changed (a first import): the staged chunks are the segments. Otherwise the changed
      // rows are read back from DuckDB, chunked the same way.
      let parts = ipc;
      if (changedRows !== n) {
        const sub = await changedSegmentIpcs(sql, t, changedRows);
        if (!sub.ok) return fail(sub);
        parts = sub.value;
      }
      const sizes = chunkSizes(changedRows);
      parts.forEach((part, i) =>
        segments.push({ importId: id, seq, table: t, rowCount: sizes[i] ?? 0, ipc: part }),
      );
    }
    if (hooks.isCancelled?.()) return fail(err('cancelled'));
  }
  const record: ImportRecord = {
    id,
    seq,
    profileId,
    fileName: p.fileName,
    fileSize: p.fileSize,
    fileHash: p.fileHash,
    format: p.format,
    importedAt: new Date().toISOString(),
    zone: p.zone,
    rows: p.rowCount,
    ...counts,
    rejected: p.rejects.length,
    tables,
    notes: p.notes,
  };
  report('write', 0, 1, true);
  ledgerChanged(sql);
  // DuckDB applies the changes inside a transaction while Dexie writes the import (two threads, the
  // slowest steps of a commit side by side); DuckDB's transaction commits only once Dexie's has.
  if (!applied) {
    const begun = await sql.exec('BEGIN TRANSACTION');
    if (!begun.ok) return fail(begun);
    applying.set(sql, new Set());
  }
  const [w, a] = await Promise.all([
    store
      ? store.commit(record, segments, { importId: id, fileName: p.fileName, rejects: p.rejects })
      : Promise.resolve(ok(null)),
    applyStaged(sql, staged, applied ?? new Set(), report),
  ]);
  // A failure rolls DuckDB back (`fail`), the rows a prepare applied included.
  if (!w.ok || !a.ok) return fail(w.ok ? a : w);
  applying.delete(sql);
  const done = await sql.exec('COMMIT');
  if (!done.ok) return fail(done);
  report('index', 1, 1, true);
  return ok({ record });
}

/**
 * Rebuilds DuckDB's ledger from stored segments in import order (page load, undo, sync). A segment's rows
 * replace any earlier rows with the same key (`replayChunks`). Called on an empty ledger (a fresh DuckDB,
 * or after `clearLedger`).
 */
export async function loadSegments(
  sql: Sql,
  segments: AsyncIterable<Segment> | Iterable<Segment>,
): Promise<Result<number>> {
  let n = 0;
  ledgerChanged(sql);
  // The chunks one import stored for one table are staged and inserted together.
  let group: Segment[] = [];
  const flush = async (): Promise<Result<null>> => {
    const first = group[0];
    if (!first) return ok(null);
    const a = await replayChunks(
      sql,
      first.table,
      group.map((g) => g.ipc),
    );
    if (!a.ok) return a;
    for (const g of group) n += g.rowCount;
    group = [];
    return ok(null);
  };
  for await (const s of segments) {
    const first = group[0];
    if (first && (first.importId !== s.importId || first.table !== s.table)) {
      const f = await flush();
      if (!f.ok) return f;
    }
    group.push(s);
  }
  const f = await flush();
  if (!f.ok) return f;
  const r = await refreshDerived(sql);
  return r.ok ? ok(n) : r;
}
