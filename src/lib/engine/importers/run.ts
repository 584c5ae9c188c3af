/**
 * Runs an importer over a whole CsvTable: decides the date order once for the file, feeds `parse` slices
 * of rows (the async worker pipeline does the same with pauses between slices, reusing `decideDateOrder`
 * and `mergeChunks`), and merges the slices into one ParsedFile. `importBytes` chains decoding, CSV
 * reading, detection and this runner for the CLI and tests.
 */
import type { BetLeg, FactBatch, FactRows, FactTable } from '../model';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { DateOrder } from '../time';
import { inferDateOrder, isValidZone } from '../time';
import type {
  CsvTable,
  FormatId,
  Importer,
  NeedsDecision,
  ParsedChunk,
  ParsedFile,
  ParseOptions,
  RowReject,
} from './types';
import { normaliseHeaderName } from './columns';
import { headerKey, readCsv } from './csv';
import { decodeBytes } from './decode';
import { detectFormat } from './detect';
import { createMappedImporter, missingMappedColumns } from './mapped';
import { numberOccurrences } from './occurrence';

/** The outcome of deciding day-first or month-first for a file. */
export type DateOrderDecision =
  | { decided: true; order: DateOrder; decidedBy: 'format' | 'file' | 'user' }
  | { decided: false; samples: string[] };

const DATE_PARTS = /^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/;
const MAX_SAMPLES = 5;

/** The values of the importer's date columns, in row order. */
function dateValues(
  importer: Importer,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const names = importer.dateColumns?.(header) ?? [];
  const normalised = header.map(normaliseHeaderName);
  const indices = names
    .map((n) => (header.includes(n) ? header.indexOf(n) : normalised.indexOf(normaliseHeaderName(n))))
    .filter((i) => i >= 0);
  const values: string[] = [];
  if (indices.length === 0) return values;
  for (const row of rows) for (const i of indices) values.push(row[i] ?? '');
  return values;
}

/**
 * Up to 5 distinct values that read differently day-first and month-first ("03/04/2024"); when none is
 * ambiguous but the file proves both orders, one proof of each.
 */
function ambiguousSamples(values: readonly string[]): string[] {
  const samples = new Set<string>();
  let dmyProof: string | null = null;
  let mdyProof: string | null = null;
  for (const v of values) {
    const m = DATE_PARTS.exec(v);
    if (!m || (m[1] ?? '').length === 4) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a <= 12 && b <= 12 && a !== b && samples.size < MAX_SAMPLES) samples.add(v.trim());
    else if (a > 12 && b <= 12) dmyProof ??= v.trim();
    else if (b > 12 && a <= 12) mdyProof ??= v.trim();
    if (samples.size >= MAX_SAMPLES) break;
  }
  if (samples.size === 0 && dmyProof !== null && mdyProof !== null) return [dmyProof, mdyProof];
  return [...samples];
}

/**
 * Decides the date order for a file, in this order: the format's fixed order; the user's choice
 * (`opts.dateOrder`); what the file proves over all values of the importer's date columns (a first
 * field over 12 proves day-first, a second over 12 month-first); for a mapped file, the mapping's order.
 * Otherwise, if some value reads two ways, the user must decide (`decided: false` with samples); if none
 * does, nothing depends on the order and day-first is used.
 */
export function decideDateOrder(
  importer: Importer,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  opts: ParseOptions,
): DateOrderDecision {
  if (importer.fixedDateOrder) return { decided: true, order: importer.fixedDateOrder, decidedBy: 'format' };
  if (opts.dateOrder) return { decided: true, order: opts.dateOrder, decidedBy: 'user' };
  const values = dateValues(importer, header, rows);
  const inferred = inferDateOrder(values);
  if (inferred) return { decided: true, order: inferred, decidedBy: 'file' };
  if (importer.format === 'mapped' && opts.mapping) {
    return { decided: true, order: opts.mapping.dateOrder, decidedBy: 'user' };
  }
  const samples = ambiguousSamples(values);
  if (samples.length > 0) return { decided: false, samples };
  return { decided: true, order: 'dmy', decidedBy: 'file' };
}

const TABLE_WORDS: Record<FactTable, string> = {
  book_txns: 'ledger',
  bets: 'bet',
  bet_legs: 'bet-leg',
  poker_sessions: 'poker-session',
  trade_fills: 'fill',
  trades: 'trade',
  account_cash: 'cash',
  bank_txns: 'bank',
};

/**
 * Merges the chunks of one file as they are parsed, in file order, and finishes what row-local parsing
 * cannot:
 * - numbers occurrence slots (`:{n}` key endings, see occurrence.ts) in file order; for bet legs the
 *   number is also the leg's `legIndex`;
 * - keeps only the first row of a key repeated within the file (a duplicated line, or DraftKings rows of
 *   one bet when there is no Primary column), saying so in a note;
 * - fills `legCount` of bets that left it 0 (unknown) with the number of their legs in the file (at
 *   least 1), which is why bets are held until `finish`.
 * `add` returns every other table's rows final at once, so a large file can be encoded and its row objects
 * dropped chunk by chunk. Rows are mutated in place; pass chunks that nothing else holds.
 */
export interface ChunkMerger {
  /** The chunk's rows, final, for every table but `bets`. */
  add(chunk: ParsedChunk): FactBatch;
  /** The file's bets, its rejects in line order and notes on dropped repeats. */
  finish(): { bets: FactRows['bets'][]; rejects: RowReject[]; notes: string[] };
}

export function createChunkMerger(): ChunkMerger {
  const occurrences = new Map<FactTable, Map<string, number>>();
  const seen = new Map<FactTable, Set<string>>();
  const dropped = new Map<FactTable, number>();
  const legCounts = new Map<string, number>();
  const bets: FactRows['bets'][] = [];
  const rejects: RowReject[] = [];

  const finalRows = <T extends { key: string }>(table: FactTable, rows: T[]): T[] => {
    let counts = occurrences.get(table);
    if (!counts) occurrences.set(table, (counts = new Map()));
    const given = numberOccurrences(rows, counts);
    let keys = seen.get(table);
    if (!keys) seen.set(table, (keys = new Set()));
    const kept: T[] = [];
    rows.forEach((row, i) => {
      if (table === 'bet_legs') {
        const n = given[i] ?? 0;
        if (n > 0) (row as unknown as BetLeg).legIndex = n;
      }
      if (keys.has(row.key)) {
        dropped.set(table, (dropped.get(table) ?? 0) + 1);
        return;
      }
      keys.add(row.key);
      if (table === 'bet_legs') {
        const betKey = (row as unknown as BetLeg).betKey;
        legCounts.set(betKey, (legCounts.get(betKey) ?? 0) + 1);
      }
      kept.push(row);
    });
    return kept;
  };

  return {
    add(chunk) {
      for (const r of chunk.rejects) rejects.push(r);
      const out: FactBatch = {};
      for (const table of Object.keys(chunk.batch) as FactTable[]) {
        const rows = chunk.batch[table] as { key: string }[] | undefined;
        if (!rows || rows.length === 0) continue;
        const kept = finalRows(table, rows);
        if (table === 'bets') for (const b of kept as unknown as FactRows['bets'][]) bets.push(b);
        else if (kept.length > 0) (out as Record<string, unknown>)[table] = kept;
      }
      return out;
    },
    finish() {
      for (const bet of bets) if (bet.legCount === 0) bet.legCount = Math.max(1, legCounts.get(bet.key) ?? 0);
      const notes: string[] = [];
      for (const [table, n] of dropped) {
        notes.push(
          `${n} ${TABLE_WORDS[table]} row${n === 1 ? '' : 's'} repeated an id already in this file; ` +
            'the first of each was kept.',
        );
      }
      rejects.sort((a, b) => a.line - b.line);
      return { bets, rejects, notes };
    },
  };
}

/** Merges all chunks of one file at once (see `createChunkMerger`). */
export function mergeChunks(chunks: readonly ParsedChunk[]): ParsedChunk & { notes: string[] } {
  const merger = createChunkMerger();
  const batch: FactBatch = {};
  for (const chunk of chunks) {
    const rows = merger.add(chunk);
    for (const table of Object.keys(rows) as FactTable[]) {
      const into = (batch[table] ??= []) as { key: string }[];
      for (const row of rows[table] as { key: string }[]) into.push(row);
    }
  }
  const done = merger.finish();
  if (done.bets.length > 0) batch.bets = done.bets;
  return { batch, rejects: done.rejects, notes: done.notes };
}

/**
 * Parses a whole table with one importer: decides the date order (or returns NeedsDecision with sample
 * values), calls `parse` on slices of `chunkRows` rows and merges them. `rowCount` counts every data row
 * (rejected ones included), not the header, preamble or footer.
 */
export function runImporter(
  importer: Importer,
  table: CsvTable,
  opts: ParseOptions,
  chunkRows = 20_000,
): ParsedFile | NeedsDecision {
  const decision = decideDateOrder(importer, table.header, table.rows, opts);
  if (!decision.decided) return { format: importer.format, needs: 'date-order', samples: decision.samples };
  const chunkOpts = { ...opts, dateOrder: decision.order };
  const size = chunkRows > 0 ? Math.floor(chunkRows) : table.rows.length;
  const chunks: ParsedChunk[] = [];
  for (let start = 0; start < table.rows.length; start += Math.max(1, size)) {
    const end = start + Math.max(1, size);
    chunks.push(
      importer.parse(table.header, table.rows.slice(start, end), table.lines.slice(start, end), chunkOpts),
    );
  }
  const merged = mergeChunks(chunks);
  return {
    format: importer.format,
    rowCount: table.rows.length,
    batch: merged.batch,
    rejects: merged.rejects,
    notes: [...(importer.notes ?? []), ...merged.notes],
    dateOrder: { order: decision.order, decidedBy: decision.decidedBy },
  };
}

/** True when a runImporter result is waiting for the user's date-order choice. */
export function isNeedsDecision(r: ParsedFile | NeedsDecision): r is NeedsDecision {
  return 'needs' in r;
}

/** Minimum detection confidence for a format to be used without asking. */
export const DETECTION_THRESHOLD = 0.5;

/**
 * Decodes, reads, detects and parses one file in a single call (CLI and tests). `format` forces an
 * importer (for 'mapped', `opts.mapping` is used). Without it, the best detection above 0.5 is used, else
 * the mapping in `opts.mapping`, else the result is 'unknown-format' with the file's header key in
 * `detail.header` so a caller can look up a saved mapping.
 */
export function importBytes(
  bytes: Uint8Array,
  name: string,
  opts: ParseOptions,
  importers: readonly Importer[],
  format?: FormatId,
): Result<ParsedFile | NeedsDecision> {
  if (!isValidZone(opts.zone))
    return err('invalid-argument', `unknown time zone “${opts.zone}”`, { file: name });
  const decoded = decodeBytes(bytes);
  const read = readCsv(decoded.text, { encoding: decoded.encoding });
  if (!read.ok) return err(read.error.code, read.error.message, { ...read.error.detail, file: name });
  const table = read.value;

  let importer: Importer | undefined;
  if (
    format === 'mapped' ||
    (format === undefined && opts.mapping && !bestDetection(table.header, importers))
  ) {
    if (!opts.mapping)
      return err('invalid-argument', 'a mapped import needs a column mapping', { file: name });
    const missing = missingMappedColumns(opts.mapping, table.header);
    if (missing.length > 0) {
      return err('unknown-column', `not in ${name}: ${missing.join(', ')}`, {
        file: name,
        column: missing[0] ?? '',
      });
    }
    importer = createMappedImporter(opts.mapping);
  } else if (format !== undefined) {
    importer = importers.find((i) => i.format === format);
    if (!importer) return err('invalid-argument', `no importer for format “${format}”`, { file: name });
  } else {
    importer = bestDetection(table.header, importers);
  }
  if (!importer) {
    return err('unknown-format', name, { file: name, header: headerKey(table.header) });
  }
  return ok(runImporter(importer, table, opts));
}

function bestDetection(header: readonly string[], importers: readonly Importer[]): Importer | undefined {
  const best = detectFormat(header, importers)[0];
  if (!best || best.confidence <= DETECTION_THRESHOLD) return undefined;
  return importers.find((i) => i.format === best.format);
}
