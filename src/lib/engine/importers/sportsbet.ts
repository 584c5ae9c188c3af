/**
 * Sportsbet (Australia) account transaction history, the CSV TrackMyBets ingests (FORMATS.md §1.1):
 *
 *   "Time (AEST)","Type","Summary","Transaction Id","Bet Id","Amount","Balance","Single","Multiple","Exotic","Pool"
 *
 * One ledger row per CSV row (BookTxn). Bets are grouped by `betKey` (stake row plus settlement row), so
 * the bets view can sum stakes and returns per bet without this importer holding state across rows. The
 * multi-line Summary is split into event (line 1), market (line 2) and "selection @ odds (result)" lines;
 * a multi or same-game multi lists several such lines, and the stake row then also yields BetLeg rows.
 */
import type { BetLeg, BetType, BookTxn, BookTxnKind } from '../model';
import type { Cents } from '../money';
import { readAmount } from './amount';
import type { ChunkOptions, Importer, ParsedChunk, RowReject } from './types';
import { isTruthy, parseLegResult } from './bet-fields';
import { cellAt, findColumn, normaliseHeaderName, shareOfColumns } from './columns';
import { formatCsvRecord } from './csv';
import { createInstantReader } from './instant';
import { guessSport } from './sport';

export const SPORTSBET_VENUE = 'Sportsbet';
const VENUE = SPORTSBET_VENUE;

/** The header as the TrackMyBets helper extension writes it. */
export const SPORTSBET_HEADER = [
  'Time (AEST)',
  'Type',
  'Summary',
  'Transaction Id',
  'Bet Id',
  'Amount',
  'Balance',
  'Single',
  'Multiple',
  'Exotic',
  'Pool',
] as const;

/** A Type that belongs to a bet and is settled by sign ('bet'), or a fixed ledger kind. */
const TYPE_KINDS: Record<string, BookTxnKind | 'bet'> = {
  'bet stake': 'bet',
  bet: 'bet',
  stake: 'bet',
  win: 'payout',
  won: 'payout',
  payout: 'payout',
  lose: 'lose',
  loss: 'lose',
  lost: 'lose',
  void: 'void',
  voided: 'void',
  'cashed out': 'cashout',
  'cash out': 'cashout',
  cashout: 'cashout',
  'manual adjustment': 'adjustment',
  adjustment: 'adjustment',
  deposit: 'deposit',
  withdrawal: 'withdrawal',
  'returned withdrawal': 'returned-withdrawal',
};

/** Kinds that only make sense on a bet: a row of one of these without a Bet Id is rejected. */
export const BET_KINDS: ReadonlySet<BookTxnKind> = new Set(['stake', 'payout', 'lose', 'void', 'cashout']);
export const CASH_KINDS: ReadonlySet<BookTxnKind> = new Set(['deposit', 'withdrawal', 'returned-withdrawal']);

/** Type cell as written → its kind ('bet' until the sign decides), so each row's Type is read once. */
const typeKinds = new Map<string, BookTxnKind | 'bet' | null>();

/**
 * Maps a Sportsbet Type and the row's signed amount to a ledger kind: "Bet Stake" is a stake when
 * negative and a payout when positive; any Type containing "bonus" is 'bonus'; null when unknown.
 */
export function sportsbetKind(type: string, amount: Cents): BookTxnKind | null {
  let k = typeKinds.get(type);
  if (k === undefined) {
    const t = type.trim().toLowerCase().replace(/\s+/g, ' ');
    k = t.includes('bonus') ? 'bonus' : (TYPE_KINDS[t] ?? null);
    // A file has a handful of Type values; the memo is bounded in case one is made of unique junk.
    if (typeKinds.size >= 256) typeKinds.clear();
    typeKinds.set(type, k);
  }
  if (k === 'bet') return amount > 0 ? 'payout' : 'stake';
  return k;
}

/** One "selection @ odds (result)" line of a Summary, with the event and market lines that preceded it. */
export interface SummaryLeg {
  event: string | null;
  market: string | null;
  selection: string;
  oddsDecimal: number | null;
  result: string | null;
}

export interface SummaryParts {
  event: string | null;
  market: string | null;
  /** Lines after the first two that were not selection lines (kept when no leg parses). */
  extra: string[];
  legs: SummaryLeg[];
}

const SELECTION_LINE = /^(.*?\S)\s+@\s+(\S+)\s*(?:\(([^()]*)\))?\s*$/;

/** A trimmed Summary line read as "selection @ odds (result)", or null when it is not one. */
export function readSelectionLine(
  text: string,
): Pick<SummaryLeg, 'selection' | 'oddsDecimal' | 'result'> | null {
  const m = SELECTION_LINE.exec(text);
  if (!m) return null;
  const oddsText = m[2] ?? '';
  const odds = /^\d+(?:\.\d+)?$/.test(oddsText) ? Number(oddsText) : null;
  const result = (m[3] ?? '').trim();
  return {
    selection: (m[1] ?? '').trim(),
    oddsDecimal: odds !== null && odds >= 1 ? odds : null,
    result: result === '' ? null : result,
  };
}

/**
 * Splits a Sportsbet Summary. Line 1 is the event, line 2 the market (written with a leading space). Each
 * later line is a selection line ("2. Buckaroo @ 12.00 (Win)"), or, for legs of a multi, an event line
 * (no leading space) or a market line (leading space) that applies to the selection lines after it.
 */
export function parseSummary(summary: string | readonly string[]): SummaryParts {
  const lines = typeof summary === 'string' ? summary.split(/\r?\n|\r/) : summary;
  const trimmedOrNull = (s: string | undefined): string | null => {
    const t = (s ?? '').trim();
    return t === '' ? null : t;
  };
  const event = trimmedOrNull(lines[0]);
  const market = trimmedOrNull(lines[1]);
  const legs: SummaryLeg[] = [];
  const extra: string[] = [];
  let legEvent: string | null = null;
  let legMarket: string | null = null;
  for (let i = 2; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const text = raw.trim();
    if (text === '') continue;
    const sel = readSelectionLine(text);
    if (sel) {
      legs.push({ event: legEvent ?? event, market: legMarket ?? market, ...sel });
      legMarket = null;
      continue;
    }
    extra.push(text);
    if (/^\s/.test(raw)) {
      legMarket = text;
    } else {
      legEvent = text;
      legMarket = null;
    }
  }
  return { event, market, extra, legs };
}

const SGM = /same game multi|\bsgm\b/i;
const MULTI = /\bmulti(?:bet)?\b/i;
const EXOTIC = /trifecta|first ?4|exacta|quinella|quaddie|boxed/i;

/** Which bet-type words a Summary (or one of its lines) holds. */
export interface SummaryWords {
  sgm: boolean;
  multi: boolean;
  exotic: boolean;
}

/** The bet-type words of a text; a Summary holds a word when one of its lines does. */
export const summaryWords = (text: string): SummaryWords => ({
  sgm: SGM.test(text),
  multi: MULTI.test(text),
  exotic: EXOTIC.test(text),
});

/** `sportsbetBetType` from the Summary's words found beforehand. */
export function betTypeFromWords(
  words: SummaryWords,
  flags: { multiple: boolean; exotic: boolean; pool: boolean },
  legCount: number,
): BetType {
  if (words.sgm) return 'sgm';
  if (flags.multiple || words.multi || legCount >= 2) return 'multi';
  if (flags.exotic || words.exotic) return 'exotic';
  if (flags.pool) return 'pool';
  return 'single';
}

/** Bet type from the flag columns and the Summary's words (TrackMyBets' BET_TYPE_KEYWORDS). */
export function sportsbetBetType(
  summary: string,
  flags: { multiple: boolean; exotic: boolean; pool: boolean },
  legCount: number,
): BetType {
  if (SGM.test(summary)) return 'sgm';
  if (flags.multiple || MULTI.test(summary) || legCount >= 2) return 'multi';
  if (flags.exotic || EXOTIC.test(summary)) return 'exotic';
  if (flags.pool) return 'pool';
  return 'single';
}

function findTimeColumn(header: readonly string[]): number {
  return header.findIndex((h) => /^time\b/.test(normaliseHeaderName(h)));
}

interface Columns {
  time: number;
  type: number;
  summary: number;
  txnId: number;
  betId: number;
  amount: number;
  balance: number;
  multiple: number;
  exotic: number;
  pool: number;
}

function columnsOf(header: readonly string[]): Columns {
  return {
    time: findTimeColumn(header),
    type: findColumn(header, 'Type'),
    summary: findColumn(header, 'Summary'),
    txnId: findColumn(header, 'Transaction Id', 'TransactionId', 'Transaction ID'),
    betId: findColumn(header, 'Bet Id', 'BetId', 'Bet ID'),
    amount: findColumn(header, 'Amount'),
    balance: findColumn(header, 'Balance'),
    multiple: findColumn(header, 'Multiple'),
    exotic: findColumn(header, 'Exotic'),
    pool: findColumn(header, 'Pool'),
  };
}

function detectSportsbet(header: readonly string[]): number {
  const c = columnsOf(header);
  if (c.type < 0 || c.txnId < 0 || c.amount < 0 || c.time < 0) return 0;
  const rest = SPORTSBET_HEADER.filter((h) => h !== 'Time (AEST)');
  return (shareOfColumns(header, rest) * rest.length + 1) / SPORTSBET_HEADER.length;
}

/** What a bet row takes from its Summary and flag columns. */
export type BetFields = Pick<
  BookTxn,
  'event' | 'market' | 'selection' | 'oddsDecimal' | 'result' | 'sport'
> & {
  betType: BetType;
};

/**
 * A Summary cell split into lines, its one-line description, its parts (parsed on first use), and the bet
 * fields read from it, per combination of the Multiple, Exotic and Pool flags (index bit 0, 1, 2).
 */
interface ReadSummary {
  description: string;
  parts: () => SummaryParts;
  bet: (BetFields | undefined)[];
}

/** A bet row's fields from its Summary, its parts and its flags. */
export function betFields(
  summary: string | SummaryWords,
  parts: SummaryParts,
  flags: { multiple: boolean; exotic: boolean; pool: boolean },
): BetFields {
  const betType =
    typeof summary === 'string'
      ? sportsbetBetType(summary, flags, parts.legs.length)
      : betTypeFromWords(summary, flags, parts.legs.length);
  let event = parts.event;
  let market = parts.market;
  let selection: string | null = null;
  let oddsDecimal: number | null = null;
  let result: string | null = null;
  // A single's one selection line describes the row; a multi's row keeps the header lines and leaves
  // selection, odds and result to its legs.
  const only = parts.legs.length === 1 ? parts.legs[0] : undefined;
  if (only) {
    event = only.event;
    market = only.market;
    selection = only.selection;
    oddsDecimal = only.oddsDecimal;
    result = only.result;
  } else if (parts.legs.length === 0 && parts.extra.length > 0) {
    selection = parts.extra.join(' / ');
  }
  const sport = guessSport(event ?? '', market ?? '');
  return { betType, event, market, selection, oddsDecimal, result, sport };
}

/** A bet leg row's fields from one selection line of a multi's Summary. */
export type LegFields = Pick<BetLeg, 'event' | 'market' | 'oddsDecimal' | 'result' | 'sport'> & {
  selection: string;
};

export function legFields(leg: SummaryLeg): LegFields {
  return {
    event: leg.event,
    market: leg.market,
    selection: leg.selection,
    oddsDecimal: leg.oddsDecimal,
    result: leg.result === null ? 'pending' : parseLegResult(leg.result),
    sport: guessSport(leg.event ?? '', leg.market ?? ''),
  };
}

/** isTruthy, without a regex for the two values a Sportsbet export writes. */
const flag = (text: string): boolean => (text === 'false' ? false : text === 'true' ? true : isTruthy(text));

/** A Summary cell's lines, as written. */
export const splitSummary = (summary: string): string[] => summary.split(/\r?\n|\r/);

/** A Summary's one-line description: its lines trimmed, empty ones dropped, joined with " / ". */
export const describeSummary = (rawLines: readonly string[]): string =>
  rawLines
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(' / ');

/**
 * Reads Summary cells with a small memo: a bet's settlement row repeats its stake row's Summary, so about
 * half the bet rows of a ledger read a Summary seen a moment earlier.
 */
function summaryReader(): (summary: string) => ReadSummary {
  const memo = new Map<string, ReadSummary>();
  return (summary) => {
    const hit = memo.get(summary);
    if (hit) return hit;
    const rawLines = splitSummary(summary);
    let parts: SummaryParts | null = null;
    const read: ReadSummary = {
      description: describeSummary(rawLines),
      parts: () => (parts ??= parseSummary(rawLines)),
      bet: [],
    };
    if (memo.size >= 2048) memo.clear();
    memo.set(summary, read);
    return read;
  };
}

function parseSportsbet(
  header: readonly string[],
  rows: readonly string[][],
  lines: readonly number[],
  opts: ChunkOptions,
): ParsedChunk {
  const c = columnsOf(header);
  const timeName = c.time >= 0 ? (header[c.time] ?? 'Time (AEST)') : 'Time (AEST)';
  const readInstant = createInstantReader(opts.dateOrder, opts.zone);
  const readSummary = summaryReader();
  const txns: BookTxn[] = [];
  const legs: BetLeg[] = [];
  const rejects: RowReject[] = [];

  let row: readonly string[] = [];
  let line = 0;
  const reject = (column: string | null, code: RowReject['code'], reason: string): void => {
    rejects.push({ line, column, code, reason, raw: formatCsvRecord(row) });
  };

  for (let r = 0; r < rows.length; r++) {
    row = rows[r] ?? [];
    line = lines[r] ?? 0;

    // The amount comes first: the kind of a "Bet Stake" row depends on its sign.
    const amountText = cellAt(row, c.amount);
    const amount = readAmount(amountText, 'dot');
    if (!amount.ok) {
      reject('Amount', 'bad-amount', `“${amountText}” is not an amount`);
      continue;
    }
    const type = cellAt(row, c.type).trim();
    const kind = sportsbetKind(type, amount.value);
    if (kind === null) {
      reject(header[c.type] ?? 'Type', 'bad-row', `unknown transaction type “${type}”`);
      continue;
    }
    const txnId = cellAt(row, c.txnId).trim();
    if (txnId === '') {
      reject(header[c.txnId] ?? 'Transaction Id', 'bad-row', 'no transaction id');
      continue;
    }
    const timeText = cellAt(row, c.time);
    const at = readInstant(timeText);
    if (!at) {
      reject(timeName, 'bad-date', `“${timeText}” is not a DD/MM/YYYY HH:MM time`);
      continue;
    }
    const balanceText = cellAt(row, c.balance).trim();
    let balanceCents: number | null = null;
    if (balanceText !== '') {
      const balance = readAmount(balanceText, 'dot');
      if (!balance.ok) {
        reject(header[c.balance] ?? 'Balance', 'bad-amount', `“${balanceText}” is not an amount`);
        continue;
      }
      balanceCents = balance.value;
    }

    // Cash movements never belong to a bet, even if a Bet Id is filled in; a Manual Adjustment without
    // one becomes its own bet so its money still shows in bet totals (as TrackMyBets keys it).
    const betId = cellAt(row, c.betId).trim();
    let betKey: string | null = null;
    if (CASH_KINDS.has(kind)) betKey = null;
    else if (betId !== '') betKey = `sportsbet:bet:${betId}`;
    else if (kind === 'adjustment') betKey = `sportsbet:bet:adj-${txnId}`;
    else if (BET_KINDS.has(kind)) {
      reject(header[c.betId] ?? 'Bet Id', 'bad-row', `a “${type}” row needs a bet id`);
      continue;
    }

    const summary = cellAt(row, c.summary);
    const read = readSummary(summary);
    const description = read.description || type;
    // Only rows about a bet get their Summary parsed into event, market and selection.
    const isBetRow = betKey !== null && !(kind === 'adjustment' && betId === '');

    let betType: BetType | null = null;
    let event: string | null = null;
    let market: string | null = null;
    let selection: string | null = null;
    let oddsDecimal: number | null = null;
    let result: string | null = null;
    let sport: string | null = null;
    if (isBetRow) {
      const parts = read.parts();
      const multiple = flag(cellAt(row, c.multiple));
      const exotic = flag(cellAt(row, c.exotic));
      const pool = flag(cellAt(row, c.pool));
      // A settlement row repeats its stake row's Summary and flags: their fields are read once.
      const slot = (multiple ? 1 : 0) | (exotic ? 2 : 0) | (pool ? 4 : 0);
      const bet = (read.bet[slot] ??= betFields(summary, parts, { multiple, exotic, pool }));
      betType = bet.betType;
      event = bet.event;
      market = bet.market;
      selection = bet.selection;
      oddsDecimal = bet.oddsDecimal;
      result = bet.result;
      sport = bet.sport;
      // Legs come from the stake row only: the settlement row repeats the same Summary, and the leg keys
      // would collide.
      if (kind === 'stake' && parts.legs.length >= 2 && betKey !== null) {
        const key = betKey;
        parts.legs.forEach((leg, i) => {
          legs.push({
            key: `${key}:leg:${i + 1}`,
            betKey: key,
            venue: VENUE,
            legIndex: i + 1,
            ...legFields(leg),
            competition: null,
            line,
          });
        });
      }
    }

    txns.push({
      key: `sportsbet:txn:${txnId}`,
      venue: VENUE,
      betKey,
      at: at.iso,
      tz: opts.zone,
      kind,
      amountCents: amount.value,
      balanceCents,
      betType,
      event,
      market,
      selection,
      oddsDecimal,
      result,
      sport,
      description,
      line,
    });
  }
  const batch: ParsedChunk['batch'] = { book_txns: txns };
  if (legs.length > 0) batch.bet_legs = legs;
  return { batch, rejects };
}

export const sportsbetImporter: Importer = {
  format: 'sportsbet',
  label: 'Sportsbet transaction history',
  kind: 'bets',
  detect: detectSportsbet,
  fixedDateOrder: 'dmy',
  dateColumns: (header) => {
    const i = findTimeColumn(header);
    return i >= 0 ? [header[i] ?? ''] : [];
  },
  notes: [
    'Times in the Time (AEST) column are read as wall-clock times in your profile time zone; the helper ' +
      'extension writes the browser’s local time despite the “AEST” label.',
    'Bonus bets: no public Sportsbet export shows how they appear. A Type containing “bonus” is kept as a ' +
      '“bonus” row with its amount as written (grouped with its Bet Id when it has one); a bonus-bet stake ' +
      'is assumed not to move the cash balance, so it is not counted as money staked.',
    'A Manual Adjustment without a Bet Id is treated as its own one-row bet.',
  ],
  parse: parseSportsbet,
};
