/**
 * A byte-level reader for Sportsbet exports: from the file's bytes straight to columns (column-builder.ts),
 * without decoding the file to a string, tokenising it into cell strings or making row objects. It gives
 * exactly what decodeBytes → openCsv → sportsbetImporter.parse → createChunkMerger give (rows, rejects,
 * notes, counts), which a property test holds it to.
 *
 * It reads the common rows itself: ASCII only, plain amounts, "DD/MM/YYYY HH:MM[:SS]" times, a known Type,
 * flags written "true"/"false", cells quoted simply or not at all. Any other record (a non-ASCII byte, a
 * doubled quote, a reject, a ragged row...) is decoded to cells as csv.ts would and handed to the
 * reference parser, and its rows are appended in their place. Whatever the reader does not replicate of
 * csv.ts (another delimiter or header, a preamble, empty rows, an unterminated quote, bytes that are not
 * UTF-8) makes it give up on the whole file: `openSportsbetFast` returns null, or `next` returns 'bail'
 * part-way, and the caller reads the file the ordinary way.
 *
 * Summaries are analysed once per distinct text (a bet's settlement row repeats its stake row's), by the
 * reference functions on the decoded text, and memoised by a hash of their bytes.
 */
import type { BetLeg, BookTxn, BookTxnKind, FactTable } from '../model';
import { TABLES } from '../model';
import type { Cents } from '../money';
import type { DateOrder } from '../time';
import { zoneOffsetMinutes } from '../time';
import type { ColumnChunk, NumberBuilder, TextBuilder } from './column-builder';
import { tableBuilders } from './column-builder';
import { isFooter, sniffDelimiter } from './csv';
import type { BetFields, LegFields, SummaryLeg, SummaryParts, SummaryWords } from './sportsbet';
import {
  BET_KINDS,
  betFields,
  CASH_KINDS,
  legFields,
  readSelectionLine,
  summaryWords,
  SPORTSBET_HEADER,
  SPORTSBET_VENUE,
  sportsbetImporter,
  sportsbetKind,
} from './sportsbet';
import type { CsvTable, RowReject } from './types';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Cells a record may have before the reader gives up (a Sportsbet row has 11). */
const MAX_CELLS = 16;
const WIDTH = SPORTSBET_HEADER.length;
/** csv.ts: records after the header that decide the usual field count, and trailing rows held back. */
const FIELD_COUNT_WINDOW = 200;
const FOOTER_SEARCH_ROWS = 3;
const SNIFF_CHARS = 64 * 1024;
const SUMMARY_MEMO = 2048;
const LINE_MEMO = 32_768;

const F_NON_ASCII = 1;
const F_ODD = 2;

const HOUR_MS = 3_600_000;

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const TXN_PREFIX = enc('sportsbet:txn:');
const BET_PREFIX = enc('sportsbet:bet:');
const ADJ_PREFIX = enc('sportsbet:bet:adj-');
const TRUE = enc('true');
const FALSE = enc('false');

export interface FastOptions {
  zone: string;
  dateOrder: DateOrder;
  /** Rows per column chunk (db/arrow.ts's SEGMENT_ROWS). */
  segmentRows: number;
}

export interface FastSlice {
  /** Data rows read in this slice (rejected ones included). */
  rows: number;
  /** Chunks that filled up in this slice, in order. */
  chunks: ColumnChunk[];
}

export interface FastFinish {
  /** The last, partly filled chunk of each table that has rows. */
  chunks: ColumnChunk[];
  rejects: RowReject[];
  /** Notes on rows dropped as repeats, as the chunk merger words them. */
  notes: string[];
  skipped: CsvTable['skipped'];
  /** The first (up to 8) ledger rows kept, as row objects. */
  samples: BookTxn[];
  counts: Partial<Record<FactTable, number>>;
}

export interface FastSportsbet {
  header: string[];
  /** Reads the next `max` data rows: null once the file is done, 'bail' when the file must be read the usual way. */
  next(max: number): FastSlice | null | 'bail';
  finish(): FastFinish;
  progress(): number;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** A numeric id (digits, no leading zero, at most 15) as a number, else -1. */
function numericId(b: Uint8Array, s: number, e: number): number {
  const k = e - s;
  if (k < 1 || k > 15 || (b[s] === 48 && k > 1)) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
function numericIdOf(s: string): number {
  const k = s.length;
  if (k < 1 || k > 15 || (s.charCodeAt(0) === 48 && k > 1)) return -1;
  let v = 0;
  for (let i = 0; i < k; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** amount.ts's plainCents over bytes [s, e): cents, or NaN for any other text. */
function plainCents(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let c = b[i] ?? -1;
  const negative = c === 45;
  if (negative || c === 43) i++;
  const start = i;
  let units = 0;
  for (; i < e; i++) {
    c = b[i]!;
    if (c < 48 || c > 57) break;
    units = units * 10 + (c - 48);
  }
  const digits = i - start;
  if (digits < 1 || digits > 13) return Number.NaN;
  let frac = 0;
  if (i < e) {
    if (c !== 46) return Number.NaN;
    const from = ++i;
    for (; i < e; i++) {
      c = b[i]!;
      if (c < 48 || c > 57) return Number.NaN;
      frac = frac * 10 + (c - 48);
    }
    const fracDigits = i - from;
    if (fracDigits > 2) return Number.NaN;
    if (fracDigits === 1) frac *= 10;
  }
  const total = units * 100 + frac;
  return negative ? -total : total;
}

/** Bytes [s, e) known to be ASCII, as a string. */
function asciiText(b: Uint8Array, s: number, e: number): string {
  if (e - s <= 8192) return String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
  let out = '';
  for (let i = s; i < e; i += 8192)
    out += String.fromCharCode.apply(null, b.subarray(i, Math.min(e, i + 8192)) as unknown as number[]);
  return out;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A set of non-negative integers below 2^53 (open addressing), cheaper than a Set at a million ids. */
class IdSet {
  private slots = new Float64Array(1 << 16).fill(-1);
  private size = 0;

  /** Adds `v`; false when it was already there. */
  add(v: number): boolean {
    if (this.size * 2 >= this.slots.length) this.grow();
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = (Math.imul(v | 0, 0x9e3779b1) ^ Math.imul((v / 4294967296) | 0, 0x85ebca6b)) & mask;
    for (;;) {
      const x = slots[i]!;
      if (x === v) return false;
      if (x === -1) {
        slots[i] = v;
        this.size++;
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.size = 0;
    for (const x of old) if (x !== -1) this.add(x);
  }
}

interface SummaryEntry {
  start: number;
  len: number;
  hash: number;
  next: SummaryEntry | null;
  words: SummaryWords;
  /** The trimmed non-empty lines, which joined with " / " are the description. */
  description: LineEntry[];
  parts: SummaryParts;
  bet: (BetFields | undefined)[];
  legs: LegFields[] | null;
}

interface LineEntry {
  start: number;
  len: number;
  next: LineEntry | null;
  text: string;
  /** The line read as a selection line, once asked. */
  sel: Pick<SummaryLeg, 'selection' | 'oddsDecimal' | 'result'> | null | undefined;
  words: SummaryWords;
}

interface TypeEntry {
  bytes: Uint8Array;
  type: string;
}

/**
 * Opens a file for the fast path, or null when it is not a plain UTF-8, comma-separated Sportsbet export
 * with the standard header on its first line.
 */
export function openSportsbetFast(bytes: Uint8Array, opts: FastOptions): FastSportsbet | null {
  const b = bytes;
  const n = b.length;
  let pos = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3;
  else {
    // decode.ts would look for BOM-less UTF-16 in the first bytes: any NUL there and the file goes the usual way.
    const lim = Math.min(n, 4096);
    for (let i = 0; i < lim; i++) if (b[i] === 0) return null;
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = (s: number, e: number): string | null => {
    try {
      return utf8.decode(b.subarray(s, e));
    } catch {
      return null;
    }
  };
  {
    const sample = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(b.subarray(pos, Math.min(n, pos + SNIFF_CHARS * 3 + 4)), { stream: true })
      .slice(0, SNIFF_CHARS);
    if (sample.charCodeAt(0) === 0xfeff) return null;
    if (sniffDelimiter(sample) !== ',') return null;
  }

  // Records read but not yet processed: line, cell count, flags, and each cell's byte range and kind
  // (0: the bytes are the value; 1: a quoted cell with doubled quotes or text after the closing quote,
  // whose range runs from the opening quote to the end of the cell).
  let cap = 0;
  let recLine = new Int32Array(0);
  let recCells = new Int32Array(0);
  let recFlags = new Int32Array(0);
  let cellS = new Int32Array(0);
  let cellE = new Int32Array(0);
  let cellKind = new Uint8Array(0);
  let count = 0;
  const ensure = (want: number): void => {
    if (want <= cap) return;
    const size = Math.max(want, cap * 2, 64);
    const grow = <A extends Int32Array | Uint8Array>(a: A, m: number): A => {
      const next = new (a.constructor as new (k: number) => A)(size * m);
      next.set(a);
      return next;
    };
    recLine = grow(recLine, 1);
    recCells = grow(recCells, 1);
    recFlags = grow(recFlags, 1);
    cellS = grow(cellS, MAX_CELLS);
    cellE = grow(cellE, MAX_CELLS);
    cellKind = grow(cellKind, MAX_CELLS);
    cap = size;
  };

  let line = 1;
  let failed = false;
  /** Reads one record at `pos` into slot `count`; false when the file must go the usual way. */
  const scan = (): boolean => {
    ensure(count + 1);
    const r = count;
    const base = r * MAX_CELLS;
    recLine[r] = line;
    let k = 0;
    let flags = 0;
    let p = pos;
    for (;;) {
      if (k >= MAX_CELLS) return false;
      const ci = base + k;
      if (b[p] === QUOTE) {
        const cs = p + 1;
        let j = cs;
        let kind = 0;
        for (;;) {
          if (j >= n) return false;
          const c = b[j]!;
          if (c === QUOTE) {
            if (b[j + 1] === QUOTE) {
              kind = 1;
              j += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          else if (c >= 128) flags |= F_NON_ASCII;
          else if (c === CR) flags |= F_ODD;
          j++;
        }
        p = j + 1;
        if (p < n && b[p] !== COMMA && b[p] !== LF && b[p] !== CR) {
          kind = 1;
          while (p < n) {
            const c = b[p]!;
            if (c === COMMA || c === LF || c === CR) break;
            if (c >= 128) flags |= F_NON_ASCII;
            p++;
          }
        }
        if (kind === 1) {
          cellS[ci] = cs - 1;
          cellE[ci] = p;
          flags |= F_ODD;
        } else {
          cellS[ci] = cs;
          cellE[ci] = j;
        }
        cellKind[ci] = kind;
      } else {
        const s = p;
        while (p < n) {
          const c = b[p]!;
          if (c === COMMA || c === LF || c === CR) break;
          if (c >= 128) flags |= F_NON_ASCII;
          else if (c === QUOTE) flags |= F_ODD;
          p++;
        }
        cellS[ci] = s;
        cellE[ci] = p;
        cellKind[ci] = 0;
      }
      k++;
      if (p >= n) break;
      const c = b[p]!;
      if (c === COMMA) {
        p++;
        if (p >= n) {
          if (k >= MAX_CELLS) return false;
          cellS[base + k] = p;
          cellE[base + k] = p;
          cellKind[base + k] = 0;
          k++;
          break;
        }
        continue;
      }
      p += c === CR && b[p + 1] === LF ? 2 : 1;
      line++;
      break;
    }
    pos = p;
    recCells[r] = k;
    recFlags[r] = flags;
    return true;
  };

  /** A cell's text as csv.ts gives it, or null when its bytes are not UTF-8. */
  const cellText = (ci: number): string | null => {
    const s = cellS[ci]!;
    const e = cellE[ci]!;
    if (cellKind[ci] === 0) return decode(s, e);
    // A quoted cell with doubled quotes or text after its closing quote.
    const out: number[] = [];
    let i = s + 1;
    for (;;) {
      const c = b[i]!;
      if (c === QUOTE) {
        if (b[i + 1] === QUOTE) {
          out.push(QUOTE);
          i += 2;
          continue;
        }
        i++;
        break;
      }
      out.push(c);
      i++;
    }
    for (; i < e; i++) out.push(b[i]!);
    try {
      return utf8.decode(Uint8Array.from(out));
    } catch {
      return null;
    }
  };
  const recordCells = (r: number): string[] | null => {
    const cells: string[] = [];
    for (let k = 0; k < recCells[r]!; k++) {
      const t = cellText(r * MAX_CELLS + k);
      if (t === null) return null;
      cells.push(t);
    }
    return cells;
  };

  /** Reads the next non-blank record into slot `count` (count is advanced); false at the end or on failure. */
  const readRecord = (): boolean => {
    while (pos < n) {
      if (!scan()) {
        failed = true;
        return false;
      }
      const r = count;
      if (recCells[r] === 1) {
        // csv.ts drops a record of one blank cell without a word.
        const only = recordCells(r);
        if (only === null) {
          failed = true;
          return false;
        }
        if ((only[0] ?? '').trim() === '') continue;
      }
      count++;
      return true;
    }
    return false;
  };

  // The header: the standard one, exactly, on the first record.
  if (!readRecord()) return null;
  const headerCells = recordCells(0);
  if (
    headerCells === null ||
    headerCells.length !== WIDTH ||
    headerCells.some((h, i) => h !== SPORTSBET_HEADER[i])
  )
    return null;
  const header = [...headerCells];
  count = 0;

  const zone = opts.zone;
  const isUtc = zone === 'UTC' || zone === 'Etc/UTC';
  const parseOpts = { zone, dateOrder: opts.dateOrder };
  const segmentRows = opts.segmentRows;

  // Per day key (yyyymmdd): the zone's offset in minutes that day, or NaN on a day near a DST change.
  const dayOffsets = new Map<number, number>();
  const dayOffset = (year: number, month: number, day: number): number => {
    const key = year * 10_000 + month * 100 + day;
    let off = dayOffsets.get(key);
    if (off === undefined) {
      const base = Date.UTC(year, month - 1, day);
      const before = zoneOffsetMinutes(base - 15 * HOUR_MS, zone);
      const after = zoneOffsetMinutes(base + 39 * HOUR_MS, zone);
      off = before === after ? before : Number.NaN;
      dayOffsets.set(key, off);
    }
    return off;
  };
  /** Epoch ms of a "DD/MM/YYYY HH:MM[:SS]" cell as instant.ts reads it, or NaN to leave the row to the reference. */
  const timeMs = (s: number, e: number): number => {
    const k = e - s;
    if (k !== 16 && k !== 19) return Number.NaN;
    if (b[s + 2] !== 47 || b[s + 5] !== 47 || b[s + 10] !== 32 || b[s + 13] !== 58) return Number.NaN;
    if (k === 19 && b[s + 16] !== 58) return Number.NaN;
    const d = (i: number): number => {
      const v = b[s + i]! - 48;
      return v >= 0 && v <= 9 ? v : -100_000;
    };
    const day = d(0) * 10 + d(1);
    const month = d(3) * 10 + d(4);
    const year = d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
    const hour = d(11) * 10 + d(12);
    const minute = d(14) * 10 + d(15);
    const second = k === 19 ? d(17) * 10 + d(18) : 0;
    if (day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) return Number.NaN;
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
    // Years the ISO writer writes itself and a day not near a DST change: the rest goes to the reference.
    if (year < 1971 || year > 9998) return Number.NaN;
    if (day > 28 && day > daysInMonth(year, month)) return Number.NaN;
    const wall = Date.UTC(year, month - 1, day, hour, minute, second, 0);
    if (isUtc) return wall;
    const off = dayOffset(year, month, day);
    return Number.isNaN(off) ? Number.NaN : wall - off * 60_000;
  };

  // Type cells seen (trimmed bytes → text).
  const types: TypeEntry[] = [];
  const typeOf = (s: number, e: number): TypeEntry => {
    const k = e - s;
    outer: for (const t of types) {
      if (t.bytes.length !== k) continue;
      for (let i = 0; i < k; i++) if (t.bytes[i] !== b[s + i]) continue outer;
      return t;
    }
    const t: TypeEntry = { bytes: b.slice(s, e), type: asciiText(b, s, e) };
    if (types.length >= 64) types.length = 0;
    types.push(t);
    return t;
  };

  // Trimmed Summary lines seen, by hash of their bytes: one string per distinct line, so the event and
  // market strings handed to guessSport repeat (their hashes cached) instead of being fresh each time.
  let lines = new Map<number, LineEntry>();
  let lineCount = 0;
  const lineOf = (s: number, e: number): LineEntry => {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    // 30 bits: a small integer in V8, so the Map neither boxes the key nor hashes a heap number.
    h &= 0x3fffffff;
    const k = e - s;
    const first = lines.get(h) ?? null;
    outer: for (let entry = first; entry !== null; entry = entry.next) {
      if (entry.len !== k) continue;
      const d = entry.start - s;
      for (let i = s; i < e; i++) if (b[i + d] !== b[i]) continue outer;
      return entry;
    }
    const text = asciiText(b, s, e);
    const fresh: LineEntry = {
      start: s,
      len: k,
      next: first,
      text,
      sel: undefined,
      words: summaryWords(text),
    };
    if (lineCount >= LINE_MEMO) {
      lines = new Map();
      lineCount = 0;
      fresh.next = null;
    }
    lines.set(h, fresh);
    lineCount++;
    return fresh;
  };
  /** parseSummary and describeSummary of an ASCII Summary without CR, read from its bytes. */
  const readSummaryBytes = (
    s: number,
    e: number,
  ): { description: LineEntry[]; parts: SummaryParts; words: SummaryWords } => {
    let event: string | null = null;
    let market: string | null = null;
    const legs: SummaryLeg[] = [];
    const extra: string[] = [];
    const texts: LineEntry[] = [];
    let sgm = false;
    let multi = false;
    let exotic = false;
    let legEvent: string | null = null;
    let legMarket: string | null = null;
    let i = 0;
    for (let ls = s; ls <= e; i++) {
      let le = ls;
      while (le < e && b[le] !== LF) le++;
      const ts = trimStart(ls, le);
      const te = trimEnd(ts, le);
      const raw0 = ls < le ? b[ls]! : -1;
      ls = le + 1;
      if (ts === te) continue;
      const line = lineOf(ts, te);
      const text = line.text;
      texts.push(line);
      sgm ||= line.words.sgm;
      multi ||= line.words.multi;
      exotic ||= line.words.exotic;
      if (i === 0) event = text;
      else if (i === 1) market = text;
      else {
        const sel = line.sel === undefined ? (line.sel = readSelectionLine(text)) : line.sel;
        if (sel) {
          legs.push({
            event: legEvent ?? event,
            market: legMarket ?? market,
            selection: sel.selection,
            oddsDecimal: sel.oddsDecimal,
            result: sel.result,
          });
          legMarket = null;
          continue;
        }
        extra.push(text);
        if (isSpace(raw0)) legMarket = text;
        else {
          legEvent = text;
          legMarket = null;
        }
      }
    }
    return { description: texts, parts: { event, market, extra, legs }, words: { sgm, multi, exotic } };
  };

  // Summaries seen, by hash of their bytes.
  let memo = new Map<number, SummaryEntry>();
  const summaryOf = (s: number, e: number): SummaryEntry => {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    h &= 0x3fffffff;
    const k = e - s;
    let entry = memo.get(h) ?? null;
    const first = entry;
    outer: for (; entry !== null; entry = entry.next) {
      if (entry.len !== k) continue;
      const d = entry.start - s;
      for (let i = s; i < e; i++) if (b[i + d] !== b[i]) continue outer;
      return entry;
    }
    const read = readSummaryBytes(s, e);
    const fresh: SummaryEntry = {
      start: s,
      len: k,
      hash: h,
      next: first,
      words: read.words,
      description: read.description,
      parts: read.parts,
      bet: [],
      legs: null,
    };
    if (memo.size >= SUMMARY_MEMO) {
      memo = new Map();
      fresh.next = null;
    }
    memo.set(h, fresh);
    return fresh;
  };

  // Builders and what the merger keeps: keys seen per table, repeats dropped, rejects.
  let txnB = tableBuilders('book_txns', segmentRows);
  let legB = tableBuilders('bet_legs', segmentRows);
  const chunkRows: Partial<Record<FactTable, number>> = {};
  const seenTxnNum = new IdSet();
  const seenTxnStr = new Set<string>();
  const legMaxNum = new Map<number, number>();
  const legMaxStr = new Map<string, number>();
  const dropped: Record<'book_txns' | 'bet_legs', number> = { book_txns: 0, bet_legs: 0 };
  const firstDropSlice: Record<'book_txns' | 'bet_legs', number> = { book_txns: -1, bet_legs: -1 };
  let sliceIndex = 0;
  const rejects: RowReject[] = [];
  const samples: BookTxn[] = [];
  const skipped: CsvTable['skipped'] = [];
  let pendingChunks: ColumnChunk[] = [];

  const T = (name: string): TextBuilder =>
    txnB[TABLES.book_txns.findIndex((c) => c.field === name)] as TextBuilder;
  const N = (name: string): NumberBuilder =>
    txnB[TABLES.book_txns.findIndex((c) => c.field === name)] as NumberBuilder;
  const L = (name: string): TextBuilder =>
    legB[TABLES.bet_legs.findIndex((c) => c.field === name)] as TextBuilder;
  const LN = (name: string): NumberBuilder =>
    legB[TABLES.bet_legs.findIndex((c) => c.field === name)] as NumberBuilder;
  let tx = bindTxn();
  let lg = bindLeg();
  function bindTxn() {
    return {
      key: T('key'),
      venue: T('venue'),
      betKey: T('betKey'),
      at: N('at'),
      tz: T('tz'),
      kind: T('kind'),
      amount: N('amountCents'),
      balance: N('balanceCents'),
      betType: T('betType'),
      event: T('event'),
      market: T('market'),
      selection: T('selection'),
      odds: N('oddsDecimal'),
      result: T('result'),
      sport: T('sport'),
      description: T('description'),
      line: N('line'),
    };
  }
  function bindLeg() {
    return {
      key: L('key'),
      betKey: L('betKey'),
      venue: L('venue'),
      legIndex: LN('legIndex'),
      event: L('event'),
      market: L('market'),
      selection: L('selection'),
      odds: LN('oddsDecimal'),
      result: L('result'),
      sport: L('sport'),
      competition: L('competition'),
      line: LN('line'),
    };
  }
  const flushTable = (table: 'book_txns' | 'bet_legs'): void => {
    const builders = table === 'book_txns' ? txnB : legB;
    const rows = builders[0]!.n;
    if (rows === 0) return;
    pendingChunks.push({ table, rows, columns: builders.map((x) => x.finish()) });
    chunkRows[table] = (chunkRows[table] ?? 0) + rows;
    if (table === 'book_txns') {
      txnB = tableBuilders('book_txns', segmentRows);
      tx = bindTxn();
    } else {
      legB = tableBuilders('bet_legs', segmentRows);
      lg = bindLeg();
    }
  };
  const drop = (table: 'book_txns' | 'bet_legs'): void => {
    dropped[table]++;
    if (firstDropSlice[table] < 0) firstDropSlice[table] = sliceIndex;
  };
  /** True when the txn key is new (and records it); a repeat is counted as dropped. */
  const keepTxn = (num: number, str: string | null): boolean => {
    if (num >= 0) return seenTxnNum.add(num);
    else {
      if (seenTxnStr.has(str!)) return false;
      seenTxnStr.add(str!);
    }
    return true;
  };
  const keepLeg = (num: number, str: string | null, index: number): boolean => {
    const max = num >= 0 ? (legMaxNum.get(num) ?? 0) : (legMaxStr.get(str!) ?? 0);
    if (index <= max) return false;
    if (num >= 0) legMaxNum.set(num, index);
    else legMaxStr.set(str!, index);
    return true;
  };
  const nullable = (x: TextBuilder, v: string | null): void => (v === null ? x.null() : x.ascii(v));
  const nullableNum = (x: NumberBuilder, v: number | null): void => (v === null ? x.null() : x.push(v));

  /** Appends a row object the reference parser made (any text). */
  const appendObject = (builders: (TextBuilder | NumberBuilder)[], table: FactTable, row: object): void => {
    const obj = row as Record<string, unknown>;
    TABLES[table].forEach((spec, c) => {
      const v = obj[spec.field];
      const x = builders[c]!;
      if (spec.type === 'text') (x as TextBuilder).text(v as string | null);
      else if (spec.type === 'timestamp') {
        const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
        if (Number.isNaN(ms)) (x as NumberBuilder).null();
        else (x as NumberBuilder).push(ms);
      } else if (typeof v === 'number') (x as NumberBuilder).push(v);
      else (x as NumberBuilder).null();
    });
  };
  const addTxnObject = (t: BookTxn): void => {
    const id = t.key.slice(TXN_PREFIX.length);
    const num = numericIdOf(id);
    if (!keepTxn(num, num >= 0 ? null : id)) {
      drop('book_txns');
      return;
    }
    if (samples.length < 8) samples.push(t);
    appendObject(txnB, 'book_txns', t);
    if (txnB[0]!.n >= segmentRows) flushTable('book_txns');
  };

  const VENUE = SPORTSBET_VENUE;
  const tzBytes = enc(zone);
  const venueBytes = enc(VENUE);

  // Per record of a slice: its fast-path values, or fallback.
  let amountOf = new Float64Array(0);
  let balanceOf = new Float64Array(0);
  let msOf = new Float64Array(0);
  let kindOf: BookTxnKind[] = [];
  let typeIdx: TypeEntry[] = [];
  let slow = new Uint8Array(0);

  const trimStart = (s: number, e: number): number => {
    while (s < e && isSpace(b[s]!)) s++;
    return s;
  };
  const trimEnd = (s: number, e: number): number => {
    while (e > s && isSpace(b[e - 1]!)) e--;
    return e;
  };
  const isExactly = (ci: number, word: Uint8Array): boolean => {
    const s = cellS[ci]!;
    if (cellE[ci]! - s !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (b[s + i] !== word[i]) return false;
    return true;
  };

  /** Pass 1: reads the values of record r, or marks it for the reference parser. */
  const classify = (r: number): void => {
    slow[r] = 1;
    if (recCells[r] !== WIDTH || recFlags[r] !== 0) return;
    const base = r * MAX_CELLS;
    const amount = plainCents(b, cellS[base + 5]!, cellE[base + 5]!);
    if (Number.isNaN(amount)) return;
    const ts = trimStart(cellS[base + 1]!, cellE[base + 1]!);
    const type = typeOf(ts, trimEnd(ts, cellE[base + 1]!));
    const kind = sportsbetKind(type.type, amount as Cents);
    if (kind === null) return;
    if (trimStart(cellS[base + 3]!, cellE[base + 3]!) === cellE[base + 3]) return;
    const ms = timeMs(cellS[base]!, cellE[base]!);
    if (Number.isNaN(ms)) return;
    const bs = trimStart(cellS[base + 6]!, cellE[base + 6]!);
    const be = trimEnd(bs, cellE[base + 6]!);
    let balance = Number.NaN;
    if (be > bs) {
      balance = plainCents(b, bs, be);
      if (Number.isNaN(balance)) return;
    }
    const hasBetId = trimStart(cellS[base + 4]!, cellE[base + 4]!) < cellE[base + 4]!;
    if (!CASH_KINDS.has(kind) && !hasBetId && kind !== 'adjustment' && BET_KINDS.has(kind)) return;
    const isBetRow = !CASH_KINDS.has(kind) && hasBetId;
    if (isBetRow) {
      for (let c = 8; c <= 10; c++) if (!isExactly(base + c, TRUE) && !isExactly(base + c, FALSE)) return;
    }
    amountOf[r] = amount;
    balanceOf[r] = balance;
    msOf[r] = ms;
    kindOf[r] = kind;
    typeIdx[r] = type;
    slow[r] = 0;
  };

  /** Pass 2: appends record r's rows (fast path). */
  const appendFast = (r: number): void => {
    const base = r * MAX_CELLS;
    const line = recLine[r]!;
    const kind = kindOf[r]!;
    const ids = trimStart(cellS[base + 3]!, cellE[base + 3]!);
    const ide = trimEnd(ids, cellE[base + 3]!);
    const bis = trimStart(cellS[base + 4]!, cellE[base + 4]!);
    const bie = trimEnd(bis, cellE[base + 4]!);
    const num = numericId(b, ids, ide);
    // A repeated txn is dropped; its legs are still offered to the merger below, as the reference's are.
    const kept = keepTxn(num, num >= 0 ? null : asciiText(b, ids, ide));
    if (!kept) drop('book_txns');
    else if (samples.length < 8) {
      const one = sportsbetImporter.parse(header, [recordCells(r) ?? []], [line], parseOpts);
      const t = one.batch.book_txns?.[0];
      if (t) samples.push(t);
    }
    const isCash = CASH_KINDS.has(kind);
    const hasBetId = bie > bis;
    const isBetRow = !isCash && hasBetId;
    const summary = summaryOf(cellS[base + 2]!, cellE[base + 2]!);
    let bet: BetFields | undefined;
    if (isBetRow) {
      const multiple = b[cellS[base + 8]!] === 116;
      const exotic = b[cellS[base + 9]!] === 116;
      const pool = b[cellS[base + 10]!] === 116;
      const parts = summary.parts;
      const slot = (multiple ? 1 : 0) | (exotic ? 2 : 0) | (pool ? 4 : 0);
      bet = summary.bet[slot] ??= betFields(summary.words, parts, { multiple, exotic, pool });
    }
    if (kept) {
      tx.key.prefixed(TXN_PREFIX, b, ids, ide);
      tx.venue.range(venueBytes, 0, venueBytes.length);
      if (isCash) tx.betKey.null();
      else if (hasBetId) tx.betKey.prefixed(BET_PREFIX, b, bis, bie);
      else if (kind === 'adjustment') tx.betKey.prefixed(ADJ_PREFIX, b, ids, ide);
      else tx.betKey.null();
      tx.at.push(msOf[r]!);
      tx.tz.range(tzBytes, 0, tzBytes.length);
      tx.kind.ascii(kind);
      tx.amount.push(amountOf[r]!);
      const balance = balanceOf[r]!;
      if (Number.isNaN(balance)) tx.balance.null();
      else tx.balance.push(balance);
      if (bet) {
        tx.betType.ascii(bet.betType);
        nullable(tx.event, bet.event);
        nullable(tx.market, bet.market);
        nullable(tx.selection, bet.selection);
        nullableNum(tx.odds, bet.oddsDecimal);
        nullable(tx.result, bet.result);
        nullable(tx.sport, bet.sport);
      } else {
        tx.betType.null();
        tx.event.null();
        tx.market.null();
        tx.selection.null();
        tx.odds.null();
        tx.result.null();
        tx.sport.null();
      }
      if (summary.description.length === 0) tx.description.ascii(typeIdx[r]!.type);
      else tx.description.joined(b, summary.description);
      tx.line.push(line);
      if (tx.key.n >= segmentRows) flushTable('book_txns');
    }
    if (bet && kind === 'stake' && summary.parts.legs.length >= 2) {
      const legs = (summary.legs ??= summary.parts.legs.map(legFields));
      const betNum = numericId(b, bis, bie);
      const betStr = betNum >= 0 ? null : asciiText(b, bis, bie);
      for (let i = 0; i < legs.length; i++) {
        const leg = legs[i]!;
        if (!keepLeg(betNum, betStr, i + 1)) {
          drop('bet_legs');
          continue;
        }
        lg.key.prefixed(BET_PREFIX, b, bis, bie);
        appendSuffix(lg.key, legSuffix(i + 1));
        lg.betKey.prefixed(BET_PREFIX, b, bis, bie);
        lg.venue.range(venueBytes, 0, venueBytes.length);
        lg.legIndex.push(i + 1);
        nullable(lg.event, leg.event);
        nullable(lg.market, leg.market);
        lg.selection.ascii(leg.selection);
        nullableNum(lg.odds, leg.oddsDecimal);
        nullable(lg.result, leg.result);
        nullable(lg.sport, leg.sport);
        lg.competition.null();
        lg.line.push(line);
        if (lg.key.n >= segmentRows) flushTable('bet_legs');
      }
    }
  };

  /** Appends the rows the reference parser made for record r. */
  const appendSlow = (txns: BookTxn[], legs: BetLeg[], line: number, cursor: { t: number; l: number }) => {
    while (cursor.t < txns.length && txns[cursor.t]!.line === line) addTxnObject(txns[cursor.t++]!);
    while (cursor.l < legs.length && legs[cursor.l]!.line === line) {
      const leg = legs[cursor.l++]!;
      const id = leg.betKey.slice(BET_PREFIX.length);
      const num = numericIdOf(id);
      if (!keepLeg(num, num >= 0 ? null : id, leg.legIndex)) {
        drop('bet_legs');
        continue;
      }
      appendObject(legB, 'bet_legs', leg);
      if (legB[0]!.n >= segmentRows) flushTable('bet_legs');
    }
  };

  /** Processes records [0, upto) of the buffer, then moves the rest to its front. */
  const processSlice = (upto: number): boolean => {
    if (amountOf.length < upto) {
      amountOf = new Float64Array(cap);
      balanceOf = new Float64Array(cap);
      msOf = new Float64Array(cap);
      slow = new Uint8Array(cap);
    }
    kindOf = new Array<BookTxnKind>(upto);
    typeIdx = new Array<TypeEntry>(upto);
    const slowRows: string[][] = [];
    const slowLines: number[] = [];
    for (let r = 0; r < upto; r++) {
      if (dataRows + r < FIELD_COUNT_WINDOW && recCells[r] !== WIDTH) return false;
      classify(r);
      if (slow[r]) {
        const cells = recordCells(r);
        if (cells === null) return false;
        if (cells[0] === '' && cells.every((c) => c.trim() === '')) return false;
        slowRows.push(cells);
        slowLines.push(recLine[r]!);
      }
    }
    const parsed =
      slowRows.length > 0 ? sportsbetImporter.parse(header, slowRows, slowLines, parseOpts) : null;
    const txns = (parsed?.batch.book_txns ?? []) as BookTxn[];
    const legs = (parsed?.batch.bet_legs ?? []) as BetLeg[];
    if (parsed) for (const rej of parsed.rejects) rejects.push(rej);
    const cursor = { t: 0, l: 0 };
    for (let r = 0; r < upto; r++) {
      if (slow[r]) appendSlow(txns, legs, recLine[r]!, cursor);
      else appendFast(r);
    }
    dataRows += upto;
    sliceIndex++;
    // Keep the records not processed, at the front.
    const rest = count - upto;
    if (rest > 0) {
      recLine.copyWithin(0, upto, count);
      recCells.copyWithin(0, upto, count);
      recFlags.copyWithin(0, upto, count);
      cellS.copyWithin(0, upto * MAX_CELLS, count * MAX_CELLS);
      cellE.copyWithin(0, upto * MAX_CELLS, count * MAX_CELLS);
      cellKind.copyWithin(0, upto * MAX_CELLS, count * MAX_CELLS);
    }
    count = rest;
    return true;
  };

  let dataRows = 0;
  let ended = false;
  const bytesTotal = n;

  const next = (max: number): FastSlice | null | 'bail' => {
    if (ended) return null;
    const take = Math.max(1, max);
    while (count < take + FOOTER_SEARCH_ROWS && readRecord());
    if (failed) return 'bail';
    let upto = Math.min(take, count - FOOTER_SEARCH_ROWS);
    if (pos >= n) {
      // The file is read: trailing totals or footer rows are skipped, as csv.ts does.
      let last = count;
      for (let k = 0; k < FOOTER_SEARCH_ROWS && last > 0; k++) {
        const cells = recordCells(last - 1);
        if (cells === null) return 'bail';
        if (!isFooter(cells, header.length)) break;
        last--;
      }
      if (last < count && dataRows + last < FIELD_COUNT_WINDOW) return 'bail';
      const footer: CsvTable['skipped'] = [];
      for (let r = last; r < count; r++) footer.push({ line: recLine[r]!, reason: 'totals or footer row' });
      upto = Math.min(take, last);
      if (upto === last) {
        for (const f of footer) skipped.push(f);
        count = last;
        ended = true;
      }
    }
    if (upto <= 0) {
      if (dataRows === 0) return 'bail';
      return ended ? null : 'bail';
    }
    pendingChunks = [];
    if (!processSlice(upto)) return 'bail';
    const chunks = pendingChunks;
    pendingChunks = [];
    return { rows: upto, chunks };
  };

  return {
    header,
    next: (max) => {
      const r = next(max);
      if (r === 'bail') failed = true;
      return r;
    },
    finish: () => {
      pendingChunks = [];
      flushTable('book_txns');
      flushTable('bet_legs');
      const notes: string[] = [];
      const order = (['book_txns', 'bet_legs'] as const)
        .filter((t) => dropped[t] > 0)
        .sort((x, y) => firstDropSlice[x] - firstDropSlice[y]);
      const words = { book_txns: 'ledger', bet_legs: 'bet-leg' };
      for (const t of order) {
        const k = dropped[t];
        notes.push(
          `${k} ${words[t]} row${k === 1 ? '' : 's'} repeated an id already in this file; ` +
            'the first of each was kept.',
        );
      }
      return { chunks: pendingChunks, rejects, notes, skipped, samples, counts: { ...chunkRows } };
    },
    progress: () => (bytesTotal === 0 ? 1 : pos / bytesTotal),
  };
}

const LEG_SUFFIXES: string[] = [];
const legSuffix = (i: number): string => (LEG_SUFFIXES[i] ??= `:leg:${i}`);

function appendSuffix(x: TextBuilder, suffix: string): void {
  // Extends the last value by `suffix` (ASCII).
  const k = suffix.length;
  if (x.len + k > x.bytes.length) {
    const next = new Uint8Array(Math.max(x.bytes.length * 2, x.len + k));
    next.set(x.bytes.subarray(0, x.len));
    x.bytes = next;
  }
  for (let i = 0; i < k; i++) x.bytes[x.len++] = suffix.charCodeAt(i);
  x.offsets[x.n] = x.len;
}
