/**
 * The contract every importer follows: bytes or text in, normalised rows and rejects out, no I/O.
 * The pipeline (db/import-pipeline.ts) detects the format, calls `parse`, merges the batch into the
 * ledger by natural key and records the audit counts.
 */
import type { DecimalStyle } from '../money';
import type { ErrorCode } from '../result';
import type { DateOrder } from '../time';
import type { FactBatch } from '../model';

export type FormatId =
  | 'sportsbet'
  | 'draftkings'
  | 'fanduel'
  | 'pikkit'
  | 'tradovate-performance'
  | 'tradovate-orders'
  | 'tradovate-fills'
  | 'tradovate-position-history'
  | 'tradovate-cash-history'
  | 'topstepx-trades'
  | 'ninjatrader-trades'
  | 'ninjatrader-executions'
  | 'rithmic-orders'
  | 'pasted-fills'
  | 'mapped';

/** A row the importer could not take, with where and why. `line` is 1-based in the source file. */
export interface RowReject {
  line: number;
  column: string | null;
  code: ErrorCode;
  reason: string;
  /** The raw record as it appeared (joined cells), for the downloadable rejects CSV. */
  raw: string;
}

/** Choices the user (or detection) makes for one file. */
export interface ParseOptions {
  /** IANA zone for times written without an offset. */
  zone: string;
  /** Forces a date order when the file cannot decide. */
  dateOrder?: DateOrder;
  decimalStyle?: DecimalStyle;
  /** For 'mapped': the column mapping. */
  mapping?: ColumnMapping;
  /** Account id for formats whose files do not name one (Tradovate Performance). */
  account?: string;
}

export interface ParsedFile {
  format: FormatId;
  /** Data rows read (rejected included), not counting header, preamble or totals rows. */
  rowCount: number;
  batch: FactBatch;
  rejects: RowReject[];
  /** Assumptions made for this file, in plain words (shown in the preview). */
  notes: string[];
  /** The date order used, and whether the file itself proved it. */
  dateOrder?: { order: DateOrder; decidedBy: 'format' | 'file' | 'user' };
}

/** Returned instead of a ParsedFile when the file needs a decision from the user first. */
export interface NeedsDecision {
  format: FormatId;
  needs: 'date-order';
  samples: string[];
}

export interface Detection {
  format: FormatId;
  /** 0..1: share of the format's signature columns found, adjusted by content checks. */
  confidence: number;
}

/** Roles a mapped CSV column can take. */
export type ColumnRole =
  | 'date'
  | 'time'
  | 'datetime'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'description'
  | 'payee'
  | 'category'
  | 'id'
  | 'balance'
  | 'odds'
  | 'stake'
  | 'return'
  | 'profit'
  | 'result'
  | 'sport'
  | 'competition'
  | 'event'
  | 'market'
  | 'selection'
  | 'bookmaker'
  | 'bet-type'
  | 'ignore';

export type MappingTarget = 'bets' | 'bank_txns';

export interface ColumnMapping {
  /** What the rows are: bets (one row per bet) or bank/ledger transactions. */
  target: MappingTarget;
  /** Column header → role. */
  roles: Record<string, ColumnRole>;
  dateOrder: DateOrder;
  decimalStyle: DecimalStyle;
  /** For bank_txns: the account name rows go to. For bets: the bookmaker when no column gives it. */
  source: string;
  /** Odds format when an odds column is mapped. */
  oddsFormat?: 'decimal' | 'american' | 'fractional';
}

/** A decoded, tokenised CSV: header cells, data rows, and the 1-based physical line each row starts on. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  lines: number[];
  headerLine: number;
  delimiter: string;
  encoding: string;
  /** Rows skipped as preamble before the header or as a totals/footer row, with why. */
  skipped: { line: number; reason: string }[];
}

/** Options an importer's `parse` receives: the date order is always decided before parsing starts. */
export type ChunkOptions = ParseOptions & { dateOrder: DateOrder };

/** What one call of `parse` returns for a slice of rows. */
export interface ParsedChunk {
  batch: FactBatch;
  rejects: RowReject[];
}

/**
 * One export format. `parse` must be row-local (each row's output depends only on that row), so the
 * pipeline can feed it slices of a large file and yield between them for progress and cancel.
 */
export interface Importer {
  format: FormatId;
  /** For people: "Sportsbet transaction history". */
  label: string;
  kind: 'bets' | 'trading' | 'bank' | 'poker';
  /** 0..1 confidence that a file with this header is in this format (0 = certainly not). */
  detect(header: readonly string[]): number;
  /** The order the format always writes dates in, if fixed (Sportsbet: 'dmy'). */
  fixedDateOrder?: DateOrder;
  /** Header names of date columns whose values decide day-first or month-first when not fixed. */
  dateColumns?(header: readonly string[]): string[];
  /** Assumptions this format always makes, in plain words, shown in the preview. */
  notes?: string[];
  parse(
    header: readonly string[],
    rows: readonly string[][],
    lines: readonly number[],
    opts: ChunkOptions,
  ): ParsedChunk;
}
