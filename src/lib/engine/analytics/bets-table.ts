/**
 * Row-level panels: the bets table (filter, sort by any column, page, total count), its CSV export rows,
 * the best and worst bets, and the legs of one bet. Unlike the aggregate panels the table honours the
 * filter's `status` (settled by default, or pending, or all).
 */
import { centsToDecimalString } from '../money';
import type { BetLeg, BetStatus, BetType, LegResult } from '../model';
import type { ClosingSource } from './closing-odds';
import { filterWhere, isDateOnly, settledWhere, statusWhere, type BetFilter } from './filter';
import { lit } from './sql-text';
import { DAY_TOP_N, SORT_HEAD_ROWS } from './bet-analytics';
import { toCents, toCount, toLabel, toRatio, toText, type Row } from './values';

export interface BetRow {
  key: string;
  venue: string;
  /** UTC instants, ISO ("2024-01-01T01:00:00.000Z"); settledAt null while pending or when unknown. */
  placedAt: string;
  settledAt: string | null;
  /** Wall-clock times in the display zone ("2024-01-01T12:00:00"), and the local day. */
  localPlaced: string;
  localSettled: string | null;
  localDay: string;
  status: BetStatus;
  betType: BetType;
  stakeCents: number;
  returnCents: number;
  /** return − stake; 0 while pending. */
  netCents: number;
  oddsDecimal: number | null;
  /** The closing price in use: the typed one when there is one, else the imported one (closing-odds.ts). */
  closingOddsDecimal: number | null;
  /** The closing price from the imported file, and the one typed by hand; either may be null. */
  closingOddsImported: number | null;
  closingOddsTyped: number | null;
  /** Which of the two `closingOddsDecimal` is; null without a closing price. */
  closingSource: ClosingSource | null;
  /** odds / closing − 1 with the price in use; null without both prices. */
  clv: number | null;
  sport: string | null;
  competition: string | null;
  event: string | null;
  market: string | null;
  selection: string | null;
  participant: string;
  oddsBand: string;
  stakeBand: string;
  isBonus: boolean;
  legCount: number;
}

/**
 * SELECT list of a BetRow (snake_case aliases), over `bet_analytics`. Times go out as DuckDB's text
 * ("2024-04-05 10:00:00[.123]"), made ISO in `parseBetRow`: strftime costs ~4 µs a call in wasm.
 */
const BET_COLUMNS = `key, venue, CAST(placed_at AS VARCHAR) AS placed_at, CAST(settled_at AS VARCHAR) AS settled_at,
  CAST(local_placed AS VARCHAR) AS local_placed, CAST(local_settled AS VARCHAR) AS local_settled,
  CAST(local_day AS VARCHAR) AS local_day, status, bet_type, stake_cents, return_cents, net_cents, odds_decimal,
  closing_odds_decimal, closing_odds_imported, closing_odds_typed, clv, sport, competition, event, market, selection,
  participant, odds_band, stake_band, is_bonus, leg_count, odds_band_id, stake_band_id, seq`;

/** "2024-04-05 10:00:00[.5]" (DuckDB TIMESTAMP text) as "2024-04-05T10:00:00.500" (milliseconds kept). */
function isoText(v: unknown): string | null {
  const t = toText(v);
  if (t === null) return null;
  const [date = '', time = '00:00:00'] = t.split(' ');
  const [hms = '00:00:00', frac = ''] = time.split('.');
  return `${date}T${hms}.${(frac + '000').slice(0, 3)}`;
}

export function parseBetRow(r: Row): BetRow {
  const settled = isoText(r.settled_at);
  const localSettled = isoText(r.local_settled);
  return {
    key: toLabel(r.key),
    venue: toLabel(r.venue),
    placedAt: `${isoText(r.placed_at) ?? ''}Z`,
    settledAt: settled === null ? null : `${settled}Z`,
    localPlaced: (isoText(r.local_placed) ?? '').slice(0, 19),
    localSettled: localSettled === null ? null : localSettled.slice(0, 19),
    localDay: toLabel(r.local_day),
    status: toLabel(r.status) as BetStatus,
    betType: toLabel(r.bet_type) as BetType,
    stakeCents: toCents(r.stake_cents),
    returnCents: toCents(r.return_cents),
    netCents: toCents(r.net_cents),
    oddsDecimal: toRatio(r.odds_decimal),
    closingOddsDecimal: toRatio(r.closing_odds_decimal),
    closingOddsImported: toRatio(r.closing_odds_imported),
    closingOddsTyped: toRatio(r.closing_odds_typed),
    closingSource:
      toRatio(r.closing_odds_typed) !== null
        ? 'typed'
        : toRatio(r.closing_odds_imported) !== null
          ? 'imported'
          : null,
    clv: toRatio(r.clv),
    sport: toText(r.sport),
    competition: toText(r.competition),
    event: toText(r.event),
    market: toText(r.market),
    selection: toText(r.selection),
    participant: toLabel(r.participant),
    oddsBand: toLabel(r.odds_band),
    stakeBand: toLabel(r.stake_band),
    isBonus: r.is_bonus === true,
    legCount: toCount(r.leg_count),
  };
}

/**
 * Columns the table sorts by, with the column each sorts on: bands sort by band order, and the local day
 * by `seq` (settlement order, which orders days and breaks ties within one; the table is stored newest first).
 */
export const SORT_COLUMNS = {
  placedAt: 'placed_at',
  settledAt: 'settled_at',
  localDay: 'seq',
  status: 'status',
  betType: 'bet_type',
  stakeCents: 'stake_cents',
  returnCents: 'return_cents',
  netCents: 'net_cents',
  oddsDecimal: 'odds_decimal',
  closingOddsDecimal: 'closing_odds_decimal',
  sport: 'sport',
  competition: 'competition',
  event: 'event',
  market: 'market',
  selection: 'selection',
  participant: 'participant',
  venue: 'venue',
  oddsBand: 'odds_band_id',
  stakeBand: 'stake_band_id',
  legCount: 'leg_count',
} as const;
export type SortColumn = keyof typeof SORT_COLUMNS;

export interface TableSort {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

/** Newest settlement first: the table's default order. */
export const DEFAULT_SORT: TableSort = { column: 'localDay', dir: 'desc' };

/**
 * Sort columns with a precomputed one-column key in `bet_analytics` ordering exactly as (column, seq):
 * the page is picked by that key, a top-N about twice as fast as over two columns.
 */
const SORT_KEYS: Partial<Record<SortColumn, string>> = { netCents: 'net_key', stakeCents: 'stake_key' };

/**
 * ORDER BY over `q`'s columns (the table, or the page subquery whose text columns shadow the times).
 * `keyed` uses the column's one-column sort key where there is one (not in the page subquery's columns).
 */
function orderBy(sort: TableSort, q: string, keyed = false): string {
  const col = SORT_COLUMNS[sort.column];
  if (col === undefined) throw new RangeError(`unknown sort column: ${String(sort.column)}`);
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const key = keyed ? SORT_KEYS[sort.column] : undefined;
  if (key !== undefined) return `${q}.${key} ${dir}`;
  // Ties (and NULLs, always last) fall back to settlement order in the same direction, so pages are stable.
  return `${q}.${col} ${dir} NULLS LAST, ${q}.seq ${dir}`;
}

export interface TablePage {
  offset: number;
  limit: number;
}

/**
 * One page of the bets table and the total count of matching bets, in one query: the count is on every
 * row, and a page past the end still returns one row holding only the count.
 */
export function betsTableSql(
  f: BetFilter,
  sort: TableSort = DEFAULT_SORT,
  page: TablePage = { offset: 0, limit: 50 },
  precomputed = true,
): string {
  if (!Number.isInteger(page.offset) || page.offset < 0) throw new RangeError(`bad offset: ${page.offset}`);
  if (!Number.isInteger(page.limit) || page.limit < 1) throw new RangeError(`bad limit: ${page.limit}`);
  const where = filterWhere(f);
  const head = SORT_HEADS[sort.column];
  const fromHead =
    precomputed && head !== undefined && isStatusOnly(f) && page.offset + page.limit <= SORT_HEAD_ROWS;
  const rows = fromHead
    ? `SELECT ${BET_COLUMNS} FROM bet_sort_head WHERE sort_col = '${head}' AND sort_dir = '${sort.dir}'
    AND ${statusWhere(f.status)} AND pos BETWEEN ${page.offset + 1} AND ${page.offset + page.limit}`
    : `SELECT ${BET_COLUMNS} FROM bet_analytics WHERE ${where} ORDER BY ${orderBy(sort, 'bet_analytics', true)}
  LIMIT ${page.limit} OFFSET ${page.offset}`;
  return `SELECT c.total, p.* FROM (SELECT count(*) AS total FROM bet_analytics WHERE ${where}) c
LEFT JOIN (${rows}) p ON TRUE
ORDER BY ${orderBy(sort, 'p')}`;
}

/** Sort columns whose first pages `bet_sort_head` holds (its `sort_col`), ordered as their sort keys. */
const SORT_HEADS: Partial<Record<SortColumn, string>> = { netCents: 'net', stakeCents: 'stake' };

/** True when the filter constrains nothing but the status, and that to settled or pending bets. */
function isStatusOnly(f: BetFilter): boolean {
  return isDateOnly(f) && f.from === undefined && f.to === undefined && (f.status ?? 'settled') !== 'all';
}

export interface BetsPage {
  total: number;
  rows: BetRow[];
}

export function parseBetsTable(rows: readonly Row[]): BetsPage {
  const total = toCount(rows[0]?.total);
  return { total, rows: rows.filter((r) => r.key !== null && r.key !== undefined).map(parseBetRow) };
}

/** Every matching bet in table order, for the CSV export (no paging). */
export function betsCsvSql(f: BetFilter, sort: TableSort = DEFAULT_SORT): string {
  return `SELECT ${BET_COLUMNS} FROM bet_analytics WHERE ${filterWhere(f)} ORDER BY ${orderBy(sort, 'bet_analytics', true)}`;
}

/** CSV header of `betsCsvTable`. Money columns are dollars with two decimals ("-12.50"). */
export const CSV_HEADER = [
  'Placed (local)',
  'Settled (local)',
  'Day',
  'Venue',
  'Status',
  'Type',
  'Sport',
  'Competition',
  'Event',
  'Market',
  'Selection',
  'Participant',
  'Odds',
  'Closing odds',
  'Closing odds from',
  'CLV',
  'Stake',
  'Return',
  'Net',
  'Legs',
  'Bonus',
  'Placed (UTC)',
  'Settled (UTC)',
  'Id',
] as const;

/** Bets as CSV-ready string cells under CSV_HEADER (a CSV writer quotes them). */
export function betsCsvTable(bets: readonly BetRow[]): { header: string[]; rows: string[][] } {
  const num = (v: number | null) => (v === null ? '' : String(v));
  return {
    header: [...CSV_HEADER],
    rows: bets.map((b) => [
      b.localPlaced.replace('T', ' '),
      (b.localSettled ?? '').replace('T', ' '),
      b.localDay,
      b.venue,
      b.status,
      b.betType,
      b.sport ?? '',
      b.competition ?? '',
      b.event ?? '',
      b.market ?? '',
      b.selection ?? '',
      b.participant,
      num(b.oddsDecimal),
      num(b.closingOddsDecimal),
      b.closingSource ?? '',
      b.clv === null ? '' : b.clv.toFixed(4),
      centsToDecimalString(b.stakeCents),
      centsToDecimalString(b.returnCents),
      centsToDecimalString(b.netCents),
      String(b.legCount),
      b.isBonus ? 'yes' : 'no',
      b.placedAt,
      b.settledAt ?? '',
      b.key,
    ]),
  };
}

/**
 * The `n` best (highest net) and `n` worst (lowest net) settled bets of the filter; ties in settlement
 * order. For a dates-only filter only bets ranked within the top (bottom) `n` of their day can qualify,
 * which `day_best`/`day_worst` pick without sorting the whole range; for `n` <= DAY_TOP_N they are read
 * from `bet_day_top`, which holds only such bets.
 */
export function extremesSql(f: BetFilter, n = 5, precomputed = true): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bad n: ${n}`);
  const where = settledWhere(f);
  const fast = precomputed && isDateOnly(f);
  const table = fast && n <= DAY_TOP_N ? 'bet_day_top' : 'bet_analytics';
  const best = fast ? ` AND day_best <= ${n}` : '';
  const worst = fast ? ` AND day_worst <= ${n}` : '';
  return `(SELECT 'best' AS side, ${BET_COLUMNS} FROM ${table} WHERE ${where}${best} ORDER BY net_cents DESC, seq LIMIT ${n})
UNION ALL
(SELECT 'worst' AS side, ${BET_COLUMNS} FROM ${table} WHERE ${where}${worst} ORDER BY net_cents ASC, seq LIMIT ${n})`;
}

export interface Extremes {
  best: BetRow[];
  worst: BetRow[];
}

export function parseExtremes(rows: readonly Row[]): Extremes {
  const side = (name: string, sign: number) =>
    rows
      .filter((r) => r.side === name)
      .map((r) => ({ bet: parseBetRow(r), seq: toCount(r.seq) }))
      .sort((a, b) => sign * (b.bet.netCents - a.bet.netCents) || a.seq - b.seq)
      .map((x) => x.bet);
  return { best: side('best', 1), worst: side('worst', -1) };
}

/** A leg as the table shows it: the ledger's BetLeg without its keys and source line. */
export type LegRow = Omit<BetLeg, 'key' | 'betKey' | 'venue' | 'line'>;

/** The legs of one bet (`bet_legs`), in leg order. */
/** One bet as a BetRow (zero rows when no bet has the key). */
export function betRowSql(betKey: string): string {
  return `SELECT ${BET_COLUMNS} FROM bet_analytics WHERE key = ${lit(betKey)}`;
}

export function betLegsSql(betKey: string): string {
  return `SELECT leg_index, event, market, selection, odds_decimal, result, sport, competition
FROM bet_legs WHERE bet_key = ${lit(betKey)} ORDER BY leg_index, key`;
}

export function parseBetLegs(rows: readonly Row[]): LegRow[] {
  return rows.map((r) => ({
    legIndex: toCount(r.leg_index),
    event: toText(r.event),
    market: toText(r.market),
    selection: toText(r.selection),
    oddsDecimal: toRatio(r.odds_decimal),
    result: toText(r.result) as LegResult | null,
    sport: toText(r.sport),
    competition: toText(r.competition),
  }));
}
