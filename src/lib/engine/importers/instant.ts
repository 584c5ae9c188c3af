/**
 * Reads the date-time cells of an export into UTC instants, fast enough for a 700k-row file.
 *
 * `time.ts` converts a wall-clock time to UTC through Intl.DateTimeFormat, which costs several
 * `formatToParts` calls per value. Exports put thousands of rows on the same local day, and a zone's
 * offset is constant through a day except on the few days a DST change happens nearby, so the offset is
 * cached per local day; on the few days near a change, the change's instant is found once (binary
 * search) and each time is placed on its side of it. The result is identical to `toIsoInstant`
 * (checked by a property test across DST changes in several zones).
 *
 * Also accepts month names ("02 Feb 22", "30-Nov-17", "Feb 2, 2024 3:15 PM"), which NAB, Macquarie and
 * US exports write and `parseDateTime` does not read.
 */
import type { DateOrder, LocalDateTime } from '../time';
import { parseDateTime, zoneOffsetMinutes } from '../time';

export interface ReadInstant {
  /** UTC instant as an ISO string ("2024-01-01T01:00:00.000Z"). */
  iso: string;
  /** The wall-clock time as written (before any offset or zone was applied). */
  local: LocalDateTime;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const DAY_MONTH_NAME =
  /^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s./-]+([A-Za-z]{3,9})\.?[\s./,-]+(\d{2}|\d{4})\b(.*)$/;
const MONTH_NAME_DAY =
  /^\s*(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b(.*)$/;

function monthNumber(name: string): number | null {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? null;
}

/**
 * Rewrites a date with a month name as "d/m/y<rest>" (read day-first), or returns null when the text
 * has no month name.
 */
export function rewriteMonthName(text: string): string | null {
  const a = DAY_MONTH_NAME.exec(text);
  if (a) {
    const m = monthNumber(a[2] ?? '');
    if (m !== null) return `${a[1]}/${m}/${a[3]}${a[4] ?? ''}`;
  }
  const b = MONTH_NAME_DAY.exec(text);
  if (b) {
    const m = monthNumber(b[1] ?? '');
    if (m !== null) return `${b[2]}/${m}/${b[3]}${b[4] ?? ''}`;
  }
  return null;
}

/** Parses date-time text in `order`, falling back to month-name forms. */
export function parseLocal(
  text: string,
  order: DateOrder,
): { local: LocalDateTime; offsetMinutes: number | null } | null {
  const direct = parseDateTime(text, order);
  if (direct) return direct;
  const rewritten = rewriteMonthName(text);
  return rewritten === null ? null : parseDateTime(rewritten, 'dmy');
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** "00".."99", for writing times. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
/** 1970-01-01 .. 9999-12-31: the instants `isoOf` writes itself (toISOString writes others as ±YYYYYY). */
const ISO_MIN_MS = 0;
const ISO_MAX_MS = 253_402_300_799_999;

/**
 * `new Date(ms).toISOString()`, faster on the instants exports hold: the "YYYY-MM-DDT" of each UTC day is
 * made once and kept (a file spans a few thousand days), the time of day from a table of two-digit strings.
 * A property test holds it equal to toISOString.
 */
export function createIsoWriter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    if (!(ms >= ISO_MIN_MS && ms <= ISO_MAX_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS);
    let prefix = days.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      if (days.size >= MAX_CACHED_DAYS) days.clear();
      days.set(day, prefix);
    }
    let rest = ms - day * DAY_MS;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const second = rest % 60;
    rest = (rest - second) / 60;
    const minute = rest % 60;
    const hour = (rest - minute) / 60;
    const milliText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : String(milli);
    return `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${milliText}Z`;
  };
}

const D0 = 48;
/** The digit at `i` as a number, or -1. */
const digitAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - D0;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * The local time of "DD/MM/YYYY HH:MM" or "DD/MM/YYYY HH:MM:SS" (day first; the form Sportsbet writes)
 * read by char codes, or null for any other text, which then goes to `parseLocal`. Gives exactly what
 * `parseDateTime(text, 'dmy')` gives for these texts (property test), without its regex and substrings.
 */
export function readDmyMinutes(text: string): LocalDateTime | null {
  const n = text.length;
  if (n !== 16 && n !== 19) return null;
  if (text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47 || text.charCodeAt(10) !== 32) return null;
  if (text.charCodeAt(13) !== 58 || (n === 19 && text.charCodeAt(16) !== 58)) return null;
  let v = 0;
  const d: number[] = [];
  for (const i of n === 16 ? DMY_DIGITS_16 : DMY_DIGITS_19) {
    v = digitAt(text, i);
    if (v < 0) return null;
    d.push(v);
  }
  const day = d[0]! * 10 + d[1]!;
  const month = d[2]! * 10 + d[3]!;
  const year = d[4]! * 1000 + d[5]! * 100 + d[6]! * 10 + d[7]!;
  const hour = d[8]! * 10 + d[9]!;
  const minute = d[10]! * 10 + d[11]!;
  const second = n === 19 ? d[12]! * 10 + d[13]! : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  if (day > daysInMonth(year, month)) return null;
  return { year, month, day, hour, minute, second, millisecond: 0 };
}
const DMY_DIGITS_16 = [0, 1, 3, 4, 6, 7, 8, 9, 11, 12, 14, 15];
const DMY_DIGITS_19 = [...DMY_DIGITS_16, 17, 18];
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const MAX_CACHED_DAYS = 20_000;

/** A local day near a DST change: the offsets before and after, and the UTC instant of the change. */
interface Transition {
  before: number;
  after: number;
  atMs: number;
}

/** Finds the instant (to the second) where the offset changes from `before`, between lo and hi. */
function findTransition(zone: string, lo: number, hi: number, before: number, after: number): Transition {
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffsetMinutes(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, atMs: hi };
}

/**
 * Returns a reader that turns date-time text into a UTC instant: a value with its own offset ("Z",
 * "+11:00", "GMT") uses it; any other is wall-clock time in `zone`. Returns null when the text is not a
 * date in `order`. The reader keeps a per-day offset cache, so make one per file (or chunk), not per row.
 *
 * Wall times that occur twice (the hour after DST ends) take the earlier instant, and wall times that do
 * not exist (the hour DST skips) move forward by the gap, exactly as `fromZoned` in time.ts does.
 */
export function createInstantReader(order: DateOrder, zone: string): (text: string) => ReadInstant | null {
  const isUtc = zone === 'UTC' || zone === 'Etc/UTC';
  const days = new Map<number, number | Transition>();

  const dayInfo = (t: LocalDateTime): number | Transition => {
    const dayKey = t.year * 10_000 + t.month * 100 + t.day;
    let info = days.get(dayKey);
    if (info === undefined) {
      // A local day spans UTC instants within [00:00 - 14h, 24:00 + 12h] of its wall-clock date; one
      // offset at both ends of a slightly wider window means no DST change touches the day.
      const base = Date.UTC(t.year, t.month - 1, t.day);
      const lo = base - 15 * HOUR_MS;
      const hi = base + 39 * HOUR_MS;
      const before = zoneOffsetMinutes(lo, zone);
      const after = zoneOffsetMinutes(hi, zone);
      info = before === after ? before : findTransition(zone, lo, hi, before, after);
      if (days.size >= MAX_CACHED_DAYS) days.clear();
      days.set(dayKey, info);
    }
    return info;
  };

  const iso = createIsoWriter();
  const wallIso = (t: LocalDateTime): string => {
    const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
    if (isUtc) return iso(wall);
    const info = dayInfo(t);
    if (typeof info === 'number') return iso(wall - info * 60_000);
    // Each offset gives a candidate instant, valid on its own side of the change; the earlier valid one
    // wins (overlap), and when neither is valid the time is in the gap and moves forward by it.
    const early = wall - info.before * 60_000;
    const late = wall - info.after * 60_000;
    const earlyOk = early < info.atMs;
    const lateOk = late >= info.atMs;
    let ms: number;
    if (earlyOk && lateOk) ms = Math.min(early, late);
    else if (earlyOk) ms = early;
    else if (lateOk) ms = late;
    else ms = early;
    return iso(ms);
  };

  const read = (text: string): ReadInstant | null => {
    if (order === 'dmy') {
      const local = readDmyMinutes(text);
      if (local) return { iso: wallIso(local), local };
    }
    const p = parseLocal(text, order);
    if (!p) return null;
    const t = p.local;
    if (p.offsetMinutes !== null) {
      const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
      return { iso: new Date(wall - p.offsetMinutes * 60_000).toISOString(), local: t };
    }
    return { iso: wallIso(t), local: t };
  };
  // Consecutive rows often repeat a time (a bet's stake and its legs, a burst of bets in one minute); most
  // times in a file are distinct, so only the previous answer is kept.
  let lastText: string | null = null;
  let last: ReadInstant | null = null;
  return (text: string): ReadInstant | null => {
    if (text !== lastText) {
      lastText = text;
      last = read(text);
    }
    return last;
  };
}

/** "YYYY-MM-DD" of a wall-clock time, as written in the file. */
export function localDateText(t: LocalDateTime): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}
