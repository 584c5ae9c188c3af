/**
 * Wall-clock times in IANA zones without a date library: Intl.DateTimeFormat knows every zone's offset
 * rules (DST included), which is all an importer or a firm's reset time needs. Pure; no I/O.
 */

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(zone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dtfCache.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isValidZone(zone: string): boolean {
  try {
    dtf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `zone` at the UTC instant `epochMs`. */
export function toZoned(epochMs: number, zone: string): LocalDateTime {
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    const d = new Date(epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
    };
  }
  const parts = dtf(zone).formatToParts(new Date(epochMs));
  const get = (t: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === t)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
}

/** Offset of `zone` from UTC at the instant, in minutes (e.g. +600 for AEST). */
export function zoneOffsetMinutes(epochMs: number, zone: string): number {
  const floored = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc({ ...toZoned(floored, zone), millisecond: 0 }) - floored) / 60000);
}

/**
 * The UTC instant of a wall-clock time in `zone`. In a DST gap the time is moved forward by the gap;
 * in an overlap the earlier instant is chosen (as Temporal's 'compatible' disambiguation does).
 */
export function fromZoned(t: LocalDateTime, zone: string): number {
  const guess = wallAsUtc(t);
  if (zone === 'UTC' || zone === 'Etc/UTC') return guess;
  // A zone changes offset at most once within a day either side, so these two offsets cover every case.
  const before = zoneOffsetMinutes(guess - 86_400_000, zone);
  const after = zoneOffsetMinutes(guess + 86_400_000, zone);
  let best: number | null = null;
  for (const o of before === after ? [before] : [before, after]) {
    const ts = guess - o * 60000;
    if (wallAsUtc(toZoned(ts, zone)) === guess && (best === null || ts < best)) best = ts;
  }
  // No offset reproduces the wall time: it falls in a DST gap, so move it forward by the gap.
  return best ?? guess - before * 60000;
}

/** ISO UTC string for a wall-clock time in a zone. */
export function zonedToIso(t: LocalDateTime, zone: string): string {
  return new Date(fromZoned(t, zone)).toISOString();
}

/** "YYYY-MM-DD" of the instant in the zone. */
export function localDateKey(epochMs: number, zone: string): string {
  const t = toZoned(epochMs, zone);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/**
 * The "trading day" an instant belongs to when days roll over at `rollHour:rollMinute` in `zone`
 * (e.g. 17:00 America/Chicago): an instant at or after the roll belongs to the next calendar day.
 */
export function sessionDateKey(epochMs: number, zone: string, rollHour: number, rollMinute = 0): string {
  const t = toZoned(epochMs, zone);
  const afterRoll = t.hour > rollHour || (t.hour === rollHour && t.minute >= rollMinute);
  if (!afterRoll) return localDateKey(epochMs, zone);
  const next = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
  return next.toISOString().slice(0, 10);
}

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const DATE_RE =
  /^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(AM|PM|am|pm)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$/;

/** Parses "31/12/2025 23:59", "12/31/25 11:59 PM", "2025-12-31T23:59:59Z" in the given order. */
export function parseDateTime(
  text: string,
  order: DateOrder,
): { local: LocalDateTime; offsetMinutes: number | null } | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [a, b, c2] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4) {
    year = Number(a);
    month = Number(b);
    day = Number(c2);
  } else if (order === 'dmy') {
    day = Number(a);
    month = Number(b);
    year = Number(c2);
  } else if (order === 'mdy') {
    month = Number(a);
    day = Number(b);
    year = Number(c2);
  } else {
    return null;
  }
  if (c2.length === 2 && a.length !== 4) year += year < 70 ? 2000 : 1900;
  let hour = m[4] ? Number(m[4]) : 0;
  const ampm = m[8]?.toUpperCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    if (ampm === 'PM' && hour < 12) hour += 12;
    if (ampm === 'AM' && hour === 12) hour = 0;
  }
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  const millisecond = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  let offsetMinutes: number | null = null;
  const z = m[9];
  if (z) {
    if (z === 'Z' || z === 'UTC' || z === 'GMT') offsetMinutes = 0;
    else {
      const sign = z.startsWith('-') ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
  }
  return { local: { year, month, day, hour, minute, second, millisecond }, offsetMinutes };
}

/**
 * Decides day-first or month-first from a column's values: a first field over 12 proves day-first, a
 * second over 12 proves month-first. Returns null when no value decides (ask the user) or both occur.
 */
export function inferDateOrder(samples: readonly string[]): DateOrder | null {
  let dmy = false;
  let mdy = false;
  for (const s of samples) {
    const m = /^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/.exec(s);
    if (!m) continue;
    if ((m[1] ?? '').length === 4) return 'ymd';
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy = true;
    if (b > 12 && a <= 12) mdy = true;
  }
  if (dmy && !mdy) return 'dmy';
  if (mdy && !dmy) return 'mdy';
  return null;
}

/** Converts a parsed date-time to an ISO UTC instant, using its own offset or else `zone`. */
export function toIsoInstant(
  p: { local: LocalDateTime; offsetMinutes: number | null },
  zone: string,
): string {
  if (p.offsetMinutes !== null) {
    const t = p.local;
    return new Date(
      Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond) -
        p.offsetMinutes * 60000,
    ).toISOString();
  }
  return zonedToIso(p.local, zone);
}
