/**
 * Reads decoded CSV text into a CsvTable: header cells, data rows and the physical line each row starts on.
 * Exports in the wild differ in small ways this reader absorbs so importers do not have to: the delimiter
 * (comma, semicolon, tab, pipe), quoted cells holding newlines and doubled quotes (Sportsbet's Summary),
 * CRLF or LF, account-info lines before the header (Bank of America, FirstMac), blank lines, and a totals
 * or end-of-statement line after the data. Preamble and footer lines are kept in `skipped` with a reason.
 *
 * The tokenizer is hand-written rather than papaparse because it must also report each record's physical
 * start line; one pass over char codes (indexOf jumps through quoted cells) runs as fast as papaparse did on
 * the same text: about 1.0-1.1 s for a 700k-row, 66-76 MB Sportsbet-shaped file in Node 20 on this shared
 * 2-core machine (throwaway script, Nov 2026), most of it garbage collection of the 7.7M cells.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CsvTable } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Delimiters tried when the caller does not name one, in order of preference on a tie. */
const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** How much of the text delimiter sniffing reads, and how many records it tokenises from it. */
const SNIFF_CHARS = 64 * 1024;
const SNIFF_RECORDS = 60;

/** Unquoted cells up to this length are deduplicated while tokenising (see tokenize). */
const SHORT_CELL = 8;

/** How many leading records may be preamble before the reader gives up looking for a header. */
const HEADER_SEARCH_RECORDS = 30;
/** How many records after a header candidate decide the file's usual field count. */
const FIELD_COUNT_WINDOW = 200;
/** How many trailing rows are examined as possible totals or footer lines. */
const FOOTER_SEARCH_ROWS = 3;

interface Records {
  cells: string[][];
  lines: number[];
}

/**
 * Splits text into records (RFC 4180 with common leniencies): a cell starting with a quote runs to the
 * matching quote, `""` inside it is one quote, and characters after the closing quote up to the delimiter
 * are kept; an unterminated quote takes the rest of the text. Blank lines are dropped. `lines[i]` is the
 * 1-based physical line on which record i starts.
 *
 * The tokenizer is resumable: each `take(limit)` continues where the last stopped, so a large file is
 * split into records a slice at a time and only one slice's cells are alive at once.
 */
function createTokenizer(text: string, delimiter: string) {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const shortCells: (string | undefined)[] = [];
  let i = 0;
  let line = 1;
  let nextLf = text.indexOf('\n');
  const countLfBefore = (from: number, to: number): void => {
    if (nextLf !== -1 && nextLf < from) nextLf = text.indexOf('\n', from);
    while (nextLf !== -1 && nextLf < to) {
      line++;
      nextLf = text.indexOf('\n', nextLf + 1);
    }
  };
  const take = (limit: number): Records => {
    const cells: string[][] = [];
    const lines: number[] = [];
    while (i < n && cells.length < limit) {
      const startLine = line;
      const row: string[] = [];
      for (;;) {
        let field: string;
        if (text.charCodeAt(i) === QUOTE) {
          let start = i + 1;
          let acc = '';
          for (;;) {
            const j = text.indexOf('"', start);
            if (j === -1) {
              acc += text.slice(start);
              countLfBefore(start, n);
              i = n;
              break;
            }
            countLfBefore(start, j);
            if (text.charCodeAt(j + 1) === QUOTE) {
              acc += text.slice(start, j + 1);
              start = j + 2;
              continue;
            }
            acc += text.slice(start, j);
            i = j + 1;
            break;
          }
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k++;
          }
          if (k > i) acc += text.slice(i, k);
          i = k;
          field = acc;
        } else {
          const start = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === d || c === LF || c === CR) break;
            i++;
          }
          const len = i - start;
          if (len > 0 && len <= SHORT_CELL) {
            // Reuse the last string seen with this length and first char when the text matches it: flags and
            // codes ("true", "false", "AUD") repeat on every row, and not allocating them spares the GC.
            const slot = len * 128 + (text.charCodeAt(start) & 127);
            const seen = shortCells[slot];
            if (seen !== undefined && text.startsWith(seen, start)) field = seen;
            else field = shortCells[slot] = text.slice(start, i);
          } else field = text.slice(start, i);
        }
        row.push(field);
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === d) {
          i++;
          if (i >= n) {
            row.push('');
            break;
          }
          continue;
        }
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (row.length === 1 && (row[0] ?? '').trim() === '') continue;
      cells.push(row);
      lines.push(startLine);
    }
    return { cells, lines };
  };
  return {
    take,
    /** True once every record has been taken. */
    done: (): boolean => i >= n,
    /** How far into the text the tokenizer has read (0..1). */
    progress: (): number => (n === 0 ? 1 : i / n),
  };
}

function tokenize(text: string, delimiter: string, limit = Number.POSITIVE_INFINITY): Records {
  return createTokenizer(text, delimiter).take(limit);
}

/** The most common field count among records [from, to), ties going to the larger count. */
function modalFieldCount(
  cells: readonly string[][],
  from: number,
  to: number,
): { count: number; freq: number } {
  const freq = new Map<number, number>();
  for (let r = from; r < to; r++) {
    const len = cells[r]?.length ?? 0;
    freq.set(len, (freq.get(len) ?? 0) + 1);
  }
  let count = 0;
  let best = 0;
  for (const [len, f] of freq) {
    if (f > best || (f === best && len > count)) {
      count = len;
      best = f;
    }
  }
  return { count, freq: best };
}

/**
 * Picks the delimiter whose tokenisation of the first lines gives the most records with one field count
 * (more than one field), then the larger field count, then the order comma, semicolon, tab, pipe.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, SNIFF_CHARS);
  let best: string = ',';
  let bestFreq = 0;
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const { cells } = tokenize(sample, d, SNIFF_RECORDS);
    const { count, freq } = modalFieldCount(cells, 0, cells.length);
    if (count < 2) continue;
    if (freq > bestFreq || (freq === bestFreq && count > bestCount)) {
      best = d;
      bestFreq = freq;
      bestCount = count;
    }
  }
  return best;
}

const CURRENCY_CODE = '(?:AUD|USD|EUR|GBP|NZD|CAD|CHF|JPY)';
const NUMBER_LIKE = new RegExp(
  `^[-+\u2212(]?\\s*(?:[A-Z]{1,2}\\$|[$€£¥]|${CURRENCY_CODE}\\s?)?\\s*\\(?\\s*[-+\u2212]?[\\d.,' ]*\\d[\\d.,' ]*\\)?\\s*(?:CR|DR|cr|dr|${CURRENCY_CODE}|[$€£])?\\s*-?$`,
);
const DATE_LIKE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|^\d{1,2}[\s-][A-Za-z]{3,9}[\s-]\d{2,4}|^\d{1,2}:\d{2}/;

/** True for cells that read as data values (numbers, amounts, dates, times, booleans) rather than names. */
export function isValueLike(cell: string): boolean {
  const t = cell.trim();
  if (t === '') return false;
  return NUMBER_LIKE.test(t) || DATE_LIKE.test(t) || /^(true|false)$/i.test(t);
}

/** A header row has mostly non-empty cells and (almost) no cell that reads as a value. */
function looksLikeHeader(cells: readonly string[]): boolean {
  let nonEmpty = 0;
  let values = 0;
  for (const c of cells) {
    if (c.trim() === '') continue;
    nonEmpty++;
    if (isValueLike(c)) values++;
  }
  return nonEmpty > 0 && nonEmpty * 2 >= cells.length && values <= nonEmpty * 0.1;
}

/**
 * Index of the header record among the first records, or -1 when the file has no header. A header is
 * header-like and its field count fits the modal count M of the records after it: first M..M+1 (a header
 * may name one optional trailing column, as NAB's Merchant Name), then, if none fits, M-1..M+1.
 */
function findHeader(cells: readonly string[][]): number {
  const limit = Math.min(cells.length, HEADER_SEARCH_RECORDS);
  for (const slack of [0, 1]) {
    for (let r = 0; r < limit; r++) {
      const row = cells[r] ?? [];
      if (!looksLikeHeader(row)) continue;
      const to = Math.min(cells.length, r + 1 + FIELD_COUNT_WINDOW);
      if (to <= r + 1) return r;
      const { count } = modalFieldCount(cells, r + 1, to);
      if (row.length >= count - slack && row.length <= count + 1) return r;
    }
  }
  return -1;
}

const TOTAL_FIRST = /^\s*(?:grand\s+)?totals?\b/i;
const TOTAL_CELL = /^\s*(?:grand\s+)?totals?\s*:?\s*$/i;

/**
 * A trailing row is a footer when its first cell starts with "Total", or when some cell is just "Total"
 * and the first cell is not a date (a data row's first cell is its date in every layout seen), or when
 * it has fewer than half the header's fields ("End of statement").
 */
export function isFooter(row: readonly string[], headerLength: number): boolean {
  const firstCell = row[0] ?? '';
  if (TOTAL_FIRST.test(firstCell)) return true;
  if (!DATE_LIKE.test(firstCell.trim()) && row.some((c) => TOTAL_CELL.test(c))) return true;
  return headerLength >= 4 && row.length < headerLength / 2;
}

/** Trims header cells, names empty ones "Column n" (1-based) and makes repeated names unique ("Name (2)"). */
function cleanHeader(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    let name = cell.replace(/^\uFEFF/, '').trim();
    if (name === '') name = `Column ${i + 1}`;
    const key = name.toLowerCase();
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    return times === 1 ? name : `${name} (${times})`;
  });
}

export interface ReadCsvOptions {
  /** Forces the delimiter; otherwise it is sniffed from the first lines. */
  delimiter?: string;
  /** Recorded on the table (decodeBytes tells which); defaults to 'utf-8'. */
  encoding?: string;
  /**
   * Records the tokenizer reads at a time after the header search (default 1000). Tests set it small so
   * that short texts exercise reading in slices.
   */
  readAhead?: number;
}

/** A CSV file being read a slice of rows at a time (`openCsv`). */
export interface CsvStream {
  header: string[];
  headerLine: number;
  delimiter: string;
  encoding: string;
  /** Preamble rows, then empty rows as they are met; footer rows once the last slice has been read. */
  skipped: CsvTable['skipped'];
  /**
   * The next data rows (at most `max`, at least one unless the file is done), with the line each starts
   * on; null once every row has been returned.
   */
  next(max: number): { rows: string[][]; lines: number[] } | null;
  /** How much of the text has been read (0..1), for progress. */
  progress(): number;
}

/** Records the tokenizer reads at a time once the header is known. */
const READ_AHEAD_RECORDS = 1000;
/** Records whose widest row names the columns of a file without a header. */
const NO_HEADER_WIDTH_RECORDS = 1000;

/**
 * Opens CSV text for reading in slices: sniffs the delimiter and finds the header from the first records,
 * then hands out data rows on demand, holding the last few back until the end so a totals or footer line
 * can be recognised there. Rows before the header are `skipped` as preamble, trailing totals or footer
 * rows (a cell saying "Total", or fewer than half the header's fields) as footer, and rows whose cells are
 * all empty as empty rows. A file with no header-like row in its first 30 records gets the header
 * "Column 1", "Column 2", ... and `headerLine` 0. Returns 'empty-file' when no data row remains.
 */
export function openCsv(text: string, opts: ReadCsvOptions = {}): Result<CsvStream> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = opts.delimiter ?? sniffDelimiter(body);
  if (delimiter.length !== 1) return err('invalid-argument', 'the delimiter must be one character');
  const tok = createTokenizer(body, delimiter);
  const readAhead = Math.max(1, opts.readAhead ?? READ_AHEAD_RECORDS);
  // The header search sees the records it would see in the whole file: the first 30 and the 200 after.
  const head = tok.take(HEADER_SEARCH_RECORDS + FIELD_COUNT_WINDOW + 1);
  if (head.cells.length === 0) return err('empty-file');

  const skipped: CsvTable['skipped'] = [];
  const headerIndex = findHeader(head.cells);
  let header: string[];
  let first: number;
  let headerLine: number;
  if (headerIndex >= 0) {
    for (let r = 0; r < headerIndex; r++) skipped.push({ line: head.lines[r] ?? 0, reason: 'preamble' });
    header = cleanHeader(head.cells[headerIndex] ?? []);
    headerLine = head.lines[headerIndex] ?? 0;
    first = headerIndex + 1;
  } else {
    // No header: the widest of the first 1000 records names the columns.
    const more = tok.take(NO_HEADER_WIDTH_RECORDS - head.cells.length);
    head.cells.push(...more.cells);
    head.lines.push(...more.lines);
    let width = 0;
    for (const row of head.cells) width = Math.max(width, row.length);
    header = Array.from({ length: width }, (_, k) => `Column ${k + 1}`);
    headerLine = 0;
    first = 0;
  }

  // Rows read but not yet handed out; the last FOOTER_SEARCH_ROWS stay here until the text is done.
  let buf = head.cells.slice(first);
  let bufLines = head.lines.slice(first);
  let ended = false;
  let footer: CsvTable['skipped'] | null = null;
  const isEmptyRow = (row: readonly string[]): boolean => row[0] === '' && row.every((c) => c.trim() === '');

  const next = (max: number): { rows: string[][]; lines: number[] } | null => {
    // Loops only past slices made entirely of empty rows.
    while (!ended) {
      while (!tok.done() && buf.length < max + FOOTER_SEARCH_ROWS) {
        const more = tok.take(Math.max(max + FOOTER_SEARCH_ROWS - buf.length, readAhead));
        buf = buf.length === 0 ? more.cells : buf.concat(more.cells);
        bufLines = bufLines.length === 0 ? more.lines : bufLines.concat(more.lines);
      }
      if (tok.done() && footer === null) {
        // The text is all read: the trailing footer rows are found once, from the end of what is left.
        footer = [];
        let last = buf.length;
        for (let k = 0; k < FOOTER_SEARCH_ROWS && last > 0; k++) {
          if (!isFooter(buf[last - 1] ?? [], header.length)) break;
          last--;
        }
        for (let r = last; r < buf.length; r++)
          footer.push({ line: bufLines[r] ?? 0, reason: 'totals or footer row' });
        buf.length = last;
        bufLines.length = last;
      }
      const take = Math.min(max, footer === null ? buf.length - FOOTER_SEARCH_ROWS : buf.length);
      let rows = buf.slice(0, take);
      let lines = bufLines.slice(0, take);
      buf = buf.slice(take);
      bufLines = bufLines.slice(take);
      if (footer !== null && buf.length === 0) {
        ended = true;
        skipped.push(...footer);
      }
      // Copy only when a row of empty cells must be left out; otherwise the slice is enough.
      if (rows.some(isEmptyRow)) {
        const keptRows: string[][] = [];
        const keptLines: number[] = [];
        rows.forEach((row, k) => {
          const line = lines[k] ?? 0;
          if (isEmptyRow(row)) skipped.push({ line, reason: 'empty row' });
          else {
            keptRows.push(row);
            keptLines.push(line);
          }
        });
        rows = keptRows;
        lines = keptLines;
      }
      if (rows.length > 0) return { rows, lines };
    }
    return null;
  };

  // The first row is read now, so a file with a header and no data is 'empty-file' at once; the first
  // slice handed out starts with it.
  let pending = next(1);
  if (pending === null) return err('empty-file');
  return ok({
    header,
    headerLine,
    delimiter,
    encoding: opts.encoding ?? 'utf-8',
    skipped,
    next: (max) => {
      if (pending === null) return next(max);
      const p = pending;
      pending = null;
      const more = max > p.rows.length ? next(max - p.rows.length) : null;
      return more ? { rows: p.rows.concat(more.rows), lines: p.lines.concat(more.lines) } : p;
    },
    progress: tok.progress,
  });
}

/** Rows per slice a streaming reader hands out by default. */
export const SLICE_ROWS = 20_000;

/**
 * Reads CSV text into a table, all rows at once (small files, tests, the CLI's whole-file runner): the
 * slices of `openCsv` joined.
 */
export function readCsv(text: string, opts: ReadCsvOptions = {}): Result<CsvTable> {
  const opened = openCsv(text, opts);
  if (!opened.ok) return opened;
  const s = opened.value;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let slice = s.next(SLICE_ROWS); slice !== null; slice = s.next(SLICE_ROWS)) {
    for (const r of slice.rows) rows.push(r);
    for (const l of slice.lines) lines.push(l);
  }
  return ok({
    header: s.header,
    rows,
    lines,
    headerLine: s.headerLine,
    delimiter: s.delimiter,
    encoding: s.encoding,
    skipped: s.skipped,
  });
}

/**
 * A stable key for a header, to recognise the same export layout again (saved column mappings): each
 * cell trimmed, lowercased, inner whitespace collapsed, joined with "|".
 */
export function headerKey(header: readonly string[]): string {
  return header
    .map((h) =>
      h
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, ' '),
    )
    .join('|');
}

/**
 * Quotes one cell for CSV output when it holds the delimiter, a quote, a line break or edge spaces
 * (quotes doubled inside).
 */
export function quoteCsvField(value: string, delimiter = ','): string {
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record from cells, each quoted as needed; used for the `raw` text of rejects. */
export function formatCsvRecord(cells: readonly string[], delimiter = ','): string {
  return cells.map((c) => quoteCsvField(c, delimiter)).join(delimiter);
}
