/**
 * A firm's trading day as a half-open window [startMs, endMs) between two daily rolls (e.g. 17:00
 * America/Chicago), kept current as time moves forward. Zone arithmetic (Intl) runs only when an instant
 * leaves the current window, so checking an event costs two comparisons: the rules engine's O(1) path.
 *
 * Window keys agree with `sessionDateKey` in time.ts: an instant at or after the roll belongs to the next
 * calendar day. Days that contain a DST change are 23 or 25 hours long, because each roll is the wall-clock
 * time converted on its own date.
 */
import { fromZoned, toZoned } from '../time';
import type { DayRoll, EpochMs } from './types';

export interface SessionWindow {
  startMs: EpochMs;
  endMs: EpochMs;
  /** 'YYYY-MM-DD' of the trading day (the calendar date of the roll that ends it). */
  key: string;
}

function rollOn(year: number, month: number, day: number, roll: DayRoll): EpochMs {
  // Date.UTC normalises day overflow (day 32 → next month), which is all the date arithmetic needed here.
  const d = new Date(Date.UTC(year, month - 1, day));
  return fromZoned(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: roll.hour,
      minute: roll.minute,
      second: 0,
      millisecond: 0,
    },
    roll.zone,
  );
}

function dateKey(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
const CACHE_MAX_WINDOWS = 20_000;
/**
 * Windows already computed, per roll and per UTC day they overlap (at most two a day). Working a window
 * out takes Intl conversions (~25 µs here, 70% of the Risk lab's prop simulation when profiled), and a
 * simulation asks for the same few hundred days once per path. Windows are frozen, so sharing is safe;
 * the cache is emptied when it holds CACHE_MAX_WINDOWS.
 */
const windowCache = new Map<string, Map<number, SessionWindow[]>>();
let cachedWindows = 0;

/** The trading-day window that contains `t` (a frozen object, possibly shared with earlier callers). */
export function sessionWindowAt(t: EpochMs, roll: DayRoll): SessionWindow {
  const rollKey = `${roll.zone}|${roll.hour}|${roll.minute}`;
  let byDay = windowCache.get(rollKey);
  const hit = byDay?.get(Math.floor(t / DAY_MS));
  if (hit) for (const w of hit) if (t >= w.startMs && t < w.endMs) return w;
  const w = Object.freeze(computeWindow(t, roll));
  if (cachedWindows >= CACHE_MAX_WINDOWS) {
    windowCache.clear();
    cachedWindows = 0;
    byDay = undefined;
  }
  if (!byDay) {
    byDay = new Map();
    windowCache.set(rollKey, byDay);
  }
  for (let d = Math.floor(w.startMs / DAY_MS); d <= Math.floor((w.endMs - 1) / DAY_MS); d++) {
    const list = byDay.get(d);
    if (list) list.push(w);
    else byDay.set(d, [w]);
  }
  cachedWindows++;
  return w;
}

function computeWindow(t: EpochMs, roll: DayRoll): SessionWindow {
  const z = toZoned(t, roll.zone);
  const today = rollOn(z.year, z.month, z.day, roll);
  if (t < today) {
    return {
      startMs: rollOn(z.year, z.month, z.day - 1, roll),
      endMs: today,
      key: dateKey(z.year, z.month, z.day),
    };
  }
  return {
    startMs: today,
    endMs: rollOn(z.year, z.month, z.day + 1, roll),
    key: dateKey(z.year, z.month, z.day + 1),
  };
}

/** The first roll strictly after `t`. */
export function nextRollAfter(t: EpochMs, roll: DayRoll): EpochMs {
  return sessionWindowAt(t, roll).endMs;
}

/** The current trading day, moved forward by `advance`. Starts before all time (no window yet). */
export class SessionClock {
  startMs: EpochMs = Number.NEGATIVE_INFINITY;
  endMs: EpochMs = Number.NEGATIVE_INFINITY;
  key = '';
  private started = false;

  constructor(readonly roll: DayRoll) {}

  /** True once the clock has a window. */
  get isStarted(): boolean {
    return this.started;
  }

  /** Moves to the window containing `t`; returns true when the window changed. */
  advance(t: EpochMs): boolean {
    if (t >= this.startMs && t < this.endMs) return false;
    const w = sessionWindowAt(t, this.roll);
    this.startMs = w.startMs;
    this.endMs = w.endMs;
    this.key = w.key;
    this.started = true;
    return true;
  }
}
