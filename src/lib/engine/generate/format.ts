/**
 * Text helpers the generator's writers share: wall-clock times, money as the exports print it, CSV quoting.
 *
 * Times here are "wall milliseconds": a local wall-clock reading stored as if it were UTC
 * (Date.UTC(y, m - 1, d, h, mi, s)). The exports write local times without an offset, so the generator
 * never needs real instants or zone rules; it only avoids the 02:00-03:00 hour, where a daylight-saving
 * change can make a wall time missing or doubled (see `avoidDstHour`).
 */
import { centsToDecimalString } from '../money';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Parses "YYYY-MM-DD" into wall ms at midnight; null if it is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

/** Wall ms of midnight on the same day of the month `months` later (overflowing as Date.UTC does: 31 Jan + 1 → 3 Mar). */
export function addMonths(wallMs: number, months: number): number {
  const d = new Date(wallMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

/** Day of week of a wall time: 0 = Sunday … 6 = Saturday. */
export function weekday(wallMs: number): number {
  return new Date(wallMs).getUTCDay();
}

/** Month 1-12 of a wall time. */
export function monthOf(wallMs: number): number {
  return new Date(wallMs).getUTCMonth() + 1;
}

/** Wall ms of midnight of the day holding `wallMs`. */
export function dayStart(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS) * DAY_MS;
}

/**
 * Moves a wall time out of 02:00-02:59, the hour a daylight-saving change removes or repeats in the
 * zones the exports use (Australia/Melbourne, America/New_York), by adding one hour.
 */
export function avoidDstHour(wallMs: number): number {
  return new Date(wallMs).getUTCHours() === 2 ? wallMs + HOUR_MS : wallMs;
}

/** "DD/MM/YYYY HH:MM" (Sportsbet's Time (AEST) column). */
export function fmtDmyHm(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** "DD/MM/YYYY" (CommBank). */
export function fmtDmy(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "DD/MM" (NAB card details). */
export function fmtDm(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}`;
}

/** "DD Mon YY" (NAB's Date column, e.g. "02 Feb 22"). */
export function fmtNabDate(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${pad2(d.getUTCFullYear() % 100)}`;
}

/** "MM/DD/YYYY HH:MM:SS" (Tradovate timestamps). */
export function fmtMdyHms(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** "MM-dd-yyyy HH:mm" (Left Pocket's date format). */
export function fmtLeftPocket(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}-${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Tradovate's duration column: "24sec", "11min 18sec", "1hr 5min 2sec" (whole seconds, > 0). */
export function fmtDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h}hr`);
  if (m > 0) parts.push(`${m}min`);
  if (s > 0 || parts.length === 0) parts.push(`${s}sec`);
  return parts.join(' ');
}

/** Cents as "1234.56" / "-5.00" (what JavaScript's toFixed(2) prints for the same amount). */
export const decimal = centsToDecimalString;

/** Cents with an explicit sign: "+1500.00", "-4.24", "+0.00" (CommBank's amount and balance cells). */
export function signedDecimal(cents: number): string {
  return cents < 0 ? centsToDecimalString(cents) : `+${centsToDecimalString(cents)}`;
}

/** Cents with thousands separators and no sign: 120000 → "1,200.00". */
export function grouped(cents: number): string {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${pad2(abs % 100)}`;
}

/** Tradovate's accounting money: -40000 → "$(400.00)", 120000 → "$1,200.00" (the CSV writer quotes it). */
export function usdAccounting(cents: number): string {
  return cents < 0 ? `$(${grouped(cents)})` : `$${grouped(cents)}`;
}

/** A price in ticks as points with two decimals: 114127 ticks of 0.25 → "28531.75". Exact (integer maths). */
export function ticksToPrice(ticks: number, ticksPerPoint: number): string {
  const hundredths = (ticks * 100) / ticksPerPoint;
  if (!Number.isInteger(hundredths)) throw new RangeError(`tick ${ticks} is not a whole hundredth`);
  return centsToDecimalString(hundredths);
}

/** Always quotes: `"a ""b"""`. */
export function quote(text: string): string {
  return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
}

/** Quotes only when the cell needs it (a comma, quote, CR or LF), as most exporters do. */
export function cell(text: string): string {
  return /[",\r\n]/.test(text) ? quote(text) : text;
}

/**
 * Collects a file's text. Rows are pushed as small strings and flattened into large chunks every few
 * thousand rows; the chunks are joined once at the end. Holding 700k template-literal rows instead would
 * keep millions of rope nodes alive and spend most of the run in the garbage collector.
 */
export class TextSink {
  private readonly chunks: string[] = [];
  private batch: string[] = [];

  push(text: string): void {
    this.batch.push(text);
    if (this.batch.length >= 4096) this.flush();
  }

  /** The whole text; the sink can keep collecting afterwards. */
  text(): string {
    this.flush();
    return this.chunks.join('');
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.chunks.push(this.batch.join(''));
    this.batch = [];
  }
}
