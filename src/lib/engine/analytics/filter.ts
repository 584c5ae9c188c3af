/**
 * The Bets page filter: one value type, its SQL WHERE clause over `bet_analytics`, and its URL form (the
 * filter lives in the query string, so a view can be bookmarked and shared). Every user-supplied value
 * reaches SQL through `lit`; list filters on text dimensions compare the precomputed 64-bit hash keys
 * first (fast) and then the text itself (exact, and only on rows whose hash matched).
 */
import type { BetType } from '../model';
import {
  BET_TYPES,
  dimKeySql,
  ODDS_BANDS,
  SEARCH_SEPARATOR,
  STAKE_BANDS,
  type OddsBand,
  type StakeBand,
} from './bet-analytics';
import { dayLit, isDayKey, lit } from './sql-text';

export type StatusFilter = 'settled' | 'pending' | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = ['settled', 'pending', 'all'];

/**
 * What to show. Absent fields and empty lists do not constrain. Dates are local days (the display zone),
 * inclusive, and apply to `local_day` (settlement day, else placement day). '' in a text list stands for
 * "not recorded". `dow` is 0 = Monday .. 6 and `hours` 0..23, both of the local placement time. `search`
 * matches event, market or selection, case-insensitively. `status` defaults to 'settled'.
 */
export interface BetFilter {
  from?: string;
  to?: string;
  sports?: string[];
  betTypes?: BetType[];
  venues?: string[];
  competitions?: string[];
  markets?: string[];
  participants?: string[];
  oddsBands?: OddsBand[];
  stakeBands?: StakeBand[];
  dow?: number[];
  hours?: number[];
  search?: string;
  status?: StatusFilter;
}

/** Text dimensions filtered through their hash key: filter field → column. */
const TEXT_FILTERS = [
  ['sports', 'sport'],
  ['betTypes', 'bet_type'],
  ['venues', 'venue'],
  ['competitions', 'competition'],
  ['markets', 'market'],
  ['participants', 'participant'],
] as const;

/**
 * Text list filters compare 64-bit hash keys only (`hash('AFL')` is folded to a constant): rechecking the
 * text doubled the cost of a filtered scan, and two of a ledger's few thousand labels sharing a 64-bit
 * hash has a probability around 1e-12.
 */
function textIn(column: string, values: readonly string[]): string {
  return `${column}_h IN (${values.map((v) => dimKeySql(lit(v))).join(', ')})`;
}

function indexesOf(labels: readonly string[], values: readonly string[], what: string): number[] {
  return values.map((v) => {
    const i = labels.indexOf(v);
    if (i < 0) throw new RangeError(`unknown ${what}: ${v}`);
    return i;
  });
}

function intsIn(column: string, values: readonly number[], max: number): string {
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${column} out of range: ${v}`);
  }
  return `${column} IN (${values.join(', ')})`;
}

/** The search text as compared: trimmed, without the field separator; '' means no search. */
export function searchNeedle(search: string | undefined): string {
  return (search ?? '').split(SEARCH_SEPARATOR).join('').trim();
}

/** The status clause alone. */
export function statusWhere(status: StatusFilter | undefined): string {
  const s = status ?? 'settled';
  return s === 'settled' ? 'is_settled' : s === 'pending' ? 'NOT is_settled' : 'TRUE';
}

/**
 * The filter as a SQL boolean expression over `bet_analytics` columns (unqualified), 'TRUE' when it does
 * not constrain. Throws RangeError on values no URL could produce (bad dates, unknown bands, out-of-range
 * hours): those are bugs; `filterFromParams` drops such values from user input.
 */
export function filterWhere(f: BetFilter): string {
  const parts: string[] = [];
  if (f.from !== undefined) parts.push(`local_day >= ${dayLit(f.from)}`);
  if (f.to !== undefined) parts.push(`local_day <= ${dayLit(f.to)}`);
  for (const [field, column] of TEXT_FILTERS) {
    const values = f[field];
    if (values && values.length > 0) parts.push(textIn(column, values));
  }
  if (f.oddsBands?.length)
    parts.push(intsIn('odds_band_id', indexesOf(ODDS_BANDS, f.oddsBands, 'odds band'), 99));
  if (f.stakeBands?.length) {
    parts.push(intsIn('stake_band_id', indexesOf(STAKE_BANDS, f.stakeBands, 'stake band'), 99));
  }
  if (f.dow?.length) parts.push(intsIn('dow', f.dow, 6));
  if (f.hours?.length) parts.push(intsIn('hour', f.hours, 23));
  const needle = searchNeedle(f.search);
  if (needle !== '') parts.push(`contains(search_text, lower(${lit(needle)}))`);
  const status = statusWhere(f.status);
  if (status !== 'TRUE') parts.push(status);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/**
 * True when the filter constrains nothing but the date range (status aside): then the precomputed
 * running net and losing runs of `bet_analytics` hold for the filtered rows, and curve panels skip their
 * per-query windows.
 */
export function isDateOnly(f: BetFilter): boolean {
  const lists = [f.sports, f.betTypes, f.venues, f.competitions, f.markets, f.participants];
  if (lists.some((l) => l !== undefined && l.length > 0)) return false;
  if (f.oddsBands?.length || f.stakeBands?.length || f.dow?.length || f.hours?.length) return false;
  return searchNeedle(f.search) === '';
}

/**
 * True when the filter constrains sports and nothing else but dates (status aside): then `bet_sport_days`
 * holds its totals (summed over the sports) and, for exactly one sport, its curve rows.
 */
export function isSportsDates(f: BetFilter): boolean {
  return (f.sports?.length ?? 0) > 0 && isDateOnly({ ...f, sports: [] });
}

/** The filter's dates and sports, as a condition on `bet_sport_days` (`local_day`, `sport_h`). */
export function sportsDatesWhere(f: BetFilter): string {
  const dates = datesWhere(f);
  const sports = textIn('sport', f.sports ?? []);
  return dates === 'TRUE' ? sports : `${dates} AND ${sports}`;
}

/** URL parameter name of each filter field. Lists repeat their parameter (`sport=AFL&sport=NRL`). */
export const FILTER_PARAMS = {
  from: 'from',
  to: 'to',
  sports: 'sport',
  betTypes: 'type',
  venues: 'venue',
  competitions: 'comp',
  markets: 'market',
  participants: 'team',
  oddsBands: 'odds',
  stakeBands: 'stake',
  dow: 'dow',
  hours: 'hour',
  search: 'q',
  status: 'status',
} as const satisfies Record<keyof BetFilter, string>;

/** Drops what does not constrain or is the same as absent: empty lists and an empty search. */
export function normaliseFilter(f: BetFilter): BetFilter {
  const out: BetFilter = {};
  for (const [k, v] of Object.entries(f) as [keyof BetFilter, BetFilter[keyof BetFilter]][]) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (k === 'search' && v === '')) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The filter as URL parameters (only the fields set; lists in order, repeated). */
export function filterToParams(f: BetFilter): URLSearchParams {
  const p = new URLSearchParams();
  const n = normaliseFilter(f);
  for (const key of Object.keys(FILTER_PARAMS) as (keyof BetFilter)[]) {
    const v = n[key];
    if (v === undefined) continue;
    const name = FILTER_PARAMS[key];
    if (Array.isArray(v)) for (const x of v) p.append(name, String(x));
    else p.set(name, String(v));
  }
  return p;
}

const intList = (values: string[], max: number): number[] =>
  values.filter((s) => /^\d{1,2}$/.test(s) && Number(s) <= max).map(Number);

/**
 * The filter from URL parameters, keeping only valid values: real dates, known bet types, bands and
 * statuses, dow 0..6, hours 0..23. Unknown parameters are ignored, so the page may keep others beside.
 */
export function filterFromParams(p: URLSearchParams): BetFilter {
  const f: BetFilter = {};
  const from = p.get(FILTER_PARAMS.from);
  if (from !== null && isDayKey(from)) f.from = from;
  const to = p.get(FILTER_PARAMS.to);
  if (to !== null && isDayKey(to)) f.to = to;
  f.sports = p.getAll(FILTER_PARAMS.sports);
  f.betTypes = p
    .getAll(FILTER_PARAMS.betTypes)
    .filter((t): t is BetType => (BET_TYPES as readonly string[]).includes(t));
  f.venues = p.getAll(FILTER_PARAMS.venues);
  f.competitions = p.getAll(FILTER_PARAMS.competitions);
  f.markets = p.getAll(FILTER_PARAMS.markets);
  f.participants = p.getAll(FILTER_PARAMS.participants);
  f.oddsBands = p
    .getAll(FILTER_PARAMS.oddsBands)
    .filter((b): b is OddsBand => (ODDS_BANDS as readonly string[]).includes(b));
  f.stakeBands = p
    .getAll(FILTER_PARAMS.stakeBands)
    .filter((b): b is StakeBand => (STAKE_BANDS as readonly string[]).includes(b));
  f.dow = intList(p.getAll(FILTER_PARAMS.dow), 6);
  f.hours = intList(p.getAll(FILTER_PARAMS.hours), 23);
  const q = p.get(FILTER_PARAMS.search);
  if (q !== null) f.search = q;
  const status = p.get(FILTER_PARAMS.status);
  if (status !== null && (STATUS_FILTERS as readonly string[]).includes(status))
    f.status = status as StatusFilter;
  return normaliseFilter(f);
}

/** Where-clause for the settled bets of a filter (aggregate panels always read settled bets). */
export const settledWhere = (f: BetFilter): string => filterWhere({ ...f, status: 'settled' });

/** The filter's dates alone, as a condition on `local_day` (for `bet_days` and `cash_analytics`). */
export function datesWhere(f: BetFilter): string {
  return filterWhere({
    ...(f.from === undefined ? {} : { from: f.from }),
    ...(f.to === undefined ? {} : { to: f.to }),
    status: 'all',
  });
}
