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

/** The trading-day window that contains `t`. */
export function sessionWindowAt(t: EpochMs, roll: DayRoll): SessionWindow {
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
