import { describe, expect, it } from 'vitest';
import { fromZoned } from '../time';
import { nextRollAfter, sessionWindowAt } from './session-clock';

const CT = { zone: 'America/Chicago', hour: 17, minute: 0 };
const ET = { zone: 'America/New_York', hour: 18, minute: 0 };

describe('sessionWindowAt (with its window cache)', () => {
  it('gives the same windows on a second pass, across DST, for each roll separately', () => {
    // Every 5 hours 37 minutes through March (US DST starts 8 March 2026).
    const times: number[] = [];
    for (let t = Date.UTC(2026, 2, 1); t < Date.UTC(2026, 3, 1); t += (5 * 60 + 37) * 60_000) times.push(t);
    const first = times.map((t) => [sessionWindowAt(t, CT), sessionWindowAt(t, ET)] as const);
    const second = times.map((t) => [sessionWindowAt(t, CT), sessionWindowAt(t, ET)] as const);
    expect(second).toEqual(first);
    for (const [i, t] of times.entries()) {
      for (const w of first[i]!) {
        expect(t).toBeGreaterThanOrEqual(w.startMs);
        expect(t).toBeLessThan(w.endMs);
      }
      // The two rolls are an hour apart in wall-clock terms, the same instant in UTC: windows agree.
      expect(first[i]![0].startMs).toBe(first[i]![1].startMs);
    }
  });

  it('ends each window at the roll in the firm zone, 23 hours on the DST day', () => {
    const w = sessionWindowAt(Date.UTC(2026, 2, 8, 12), CT);
    expect(w.key).toBe('2026-03-08');
    expect(w.endMs - w.startMs).toBe(23 * 3_600_000);
    expect(w.endMs).toBe(
      fromZoned({ year: 2026, month: 3, day: 8, hour: 17, minute: 0, second: 0, millisecond: 0 }, CT.zone),
    );
    // An instant exactly at the roll belongs to the next day.
    expect(sessionWindowAt(w.endMs, CT).startMs).toBe(w.endMs);
    expect(nextRollAfter(w.endMs, CT)).toBe(w.endMs + 24 * 3_600_000);
  });

  it('returns frozen windows, so a shared cached window cannot be changed by a caller', () => {
    const w = sessionWindowAt(Date.UTC(2026, 5, 1), CT);
    expect(Object.isFrozen(w)).toBe(true);
  });
});
