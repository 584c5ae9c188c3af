/**
 * The data worker's typed API (Comlink). The worker owns DuckDB-WASM and the ledger writes; the page holds a
 * `Remote<DataApi>` from `connectData()`. Only plain data crosses: numbers, strings, bigint-free rows,
 * typed arrays. Every method returns a Result; errors carry codes, never class instances.
 */
import * as Comlink from 'comlink';
import type { Detection, FormatId, RowReject, ColumnMapping } from '../lib/engine/importers/types';
import type { Result } from '../lib/engine/result';
import type { DateOrder } from '../lib/engine/time';
import type { Headline } from '../lib/db/ledger';
import type { DiffCounts, ImportProgress, PreviewRow } from '../lib/db/import-service';
import type { ImportRecord } from '../lib/db/schema';
import type { FactTable } from '../lib/engine/model';
import type { PropAccountView } from '../lib/db/prop';
import type { CopyGroupReport } from '../lib/engine/rules/copy';
import type { Dashboard } from '../lib/db/bets-panels';
import type {
  BetFilter,
  BetRow,
  Comparison,
  DateRange,
  Dimension,
  Grain,
  LegRow,
  TableSort,
} from '../lib/engine/analytics/index';

export type EngineState = 'idle' | 'loading' | 'ready' | 'error';
export interface EngineStatus {
  state: EngineState;
  version: string | null;
  loadMs: number | null;
  rows: number;
  /**
   * Where DuckDB keeps its tables: 'file' (this browser's private file storage, so the next visit opens
   * them at once), 'memory' (another tab has the file, or the browser has no file storage), or null before
   * start.
   */
  storage?: 'file' | 'memory' | null;
  /** True when this start opened the tables kept at the last visit instead of rebuilding them. */
  reused?: boolean;
  message?: string;
}
export type LoadProgress = { phase: 'download' | 'start' | 'restore'; loaded: number; total: number };

export interface FileInput {
  fileName: string;
  bytes: Uint8Array;
  format?: FormatId;
  dateOrder?: DateOrder;
  mapping?: ColumnMapping;
  zone?: string;
}

/** What the page shows before anything is written. */
export interface PreviewView {
  jobId: string;
  fileName: string;
  fileSize: number;
  encoding: string;
  delimiter: string;
  format: FormatId;
  formatLabel: string;
  detections: Detection[];
  rowCount: number;
  diff: DiffCounts;
  perTable: Partial<Record<FactTable, DiffCounts>>;
  rejects: RowReject[];
  rejectCount: number;
  notes: string[];
  dateOrder: DateOrder | null;
  sample: { table: FactTable; rows: PreviewRow[] } | null;
  previousImport: { id: string; importedAt: string } | null;
}

export type PrepareView =
  | { kind: 'ready'; preview: PreviewView }
  | { kind: 'needs-date-order'; fileName: string; samples: string[]; format: FormatId }
  | {
      kind: 'needs-mapping';
      fileName: string;
      header: string[];
      sampleRows: string[][];
      detections: Detection[];
      guess: ColumnMapping;
    };

export interface CommitView {
  importId: string;
  fileName: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ManualTrade {
  account: string;
  symbol: string;
  direction: 'long' | 'short';
  qty: number;
  entryPrice: string;
  exitPrice: string;
  fees: string;
  /** ISO instant of the exit. */
  exitAt: string;
}

export type QueryRow = Record<string, string | number | boolean | null>;

export interface DataApi {
  /** Starts DuckDB (once) and restores the ledger from IndexedDB. */
  start(onProgress?: (p: LoadProgress) => void): Promise<Result<EngineStatus>>;
  status(): Promise<EngineStatus>;
  /** Runs read-only SQL; BIGINTs come back as numbers when safe, else strings. */
  query(sql: string): Promise<Result<QueryRow[]>>;
  prepare(
    jobId: string,
    file: FileInput,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<Result<PrepareView>>;
  commit(jobId: string, onProgress?: (p: ImportProgress) => void): Promise<Result<CommitView>>;
  discard(jobId: string): Promise<void>;
  cancel(jobId: string): Promise<void>;
  undoImport(importId: string): Promise<Result<null>>;
  imports(): Promise<ImportRecord[]>;
  rejectsCsv(importId: string): Promise<Result<{ fileName: string; csv: string }>>;
  headline(): Promise<Result<Headline>>;
  loadDemo(onProgress?: (p: ImportProgress) => void): Promise<Result<CommitView[]>>;
  deleteAll(): Promise<Result<null>>;
  /** Every Bets panel for a filter (settled bets; the table follows the filter's status). */
  betsDashboard(
    filter: BetFilter,
    opts: { grain: Grain; dim: Dimension; sort: TableSort; offset: number },
  ): Promise<Result<Dashboard>>;
  /** The headline for two date ranges side by side. */
  betsComparison(filter: BetFilter, a: DateRange, b: DateRange): Promise<Result<Comparison>>;
  betLegs(key: string): Promise<Result<LegRow[]>>;
  betsCsv(filter: BetFilter, sort: TableSort): Promise<Result<string>>;
  /** Sets the profile's time zone (days, weeks and hours are counted in it). */
  setZone(zone: string): Promise<Result<null>>;
  /** Evaluates every trading account in the ledger against its rule set. */
  propAccounts(): Promise<Result<PropAccountView[]>>;
  assignRuleSet(account: string, ruleSetId: string, startBalanceCents?: number): Promise<Result<null>>;
  /** Appends a closed trade typed by the user (undoable like an import). */
  addTrade(trade: ManualTrade): Promise<Result<CommitView>>;
  /**
   * Sets the closing price typed for one bet ("2.10", "11/10", "+110"), or clears it with null or blank
   * text. Kept across reloads and re-imports; a typed price wins over an imported one. Returns the bet
   * as the table shows it (`invalid-argument` with a hint for text that is not a price).
   */
  setClosingOdds(betKey: string, text: string | null): Promise<Result<BetRow>>;

  // Prop accounts: copy groups.
  /** Every copy group's members compared with its reference account (missed, extra, slippage, drift). */
  copyGroups(): Promise<Result<CopyGroupReport[]>>;
  /** Creates or replaces a copy group: exactly these accounts, compared with `reference` within `windowMs`. */
  saveCopyGroup(name: string, accounts: string[], opts: CopyGroupOptions): Promise<Result<null>>;
  deleteCopyGroup(name: string): Promise<Result<null>>;

  // Prop accounts: live entry by pasting rows.
  /** Reads pasted rows (any trading export, with or without header, or time, symbol, side, qty, price)
   * into a preview for `account`; commit it with `commit(jobId)`, discard with `discard(jobId)`. */
  preparePaste(jobId: string, input: PasteInput): Promise<Result<PastePreview>>;
}

export interface PasteInput {
  account: string;
  text: string;
  dateOrder?: DateOrder;
}

export type PastePreview =
  | {
      kind: 'ready';
      preview: PreviewView;
      shape: 'with-header' | 'without-header';
      /** Accounts the rows go to (formats with an account column keep their own). */
      accounts: string[];
    }
  | { kind: 'needs-date-order'; samples: string[] };

export interface CopyGroupOptions {
  /** The account the others are compared with; null lets the app pick the one with most trades. */
  reference: string | null;
  windowMs: number;
}

let remote: Comlink.Remote<DataApi> | null = null;

/** The page's handle on the data worker, created lazily once. */
export function connectData(): Comlink.Remote<DataApi> {
  if (!remote) {
    const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' });
    remote = Comlink.wrap<DataApi>(worker);
  }
  return remote;
}
