import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fromZoned,
  inferDateOrder,
  parseDateTime,
  sessionDateKey,
  toIsoInstant,
  toZoned,
  zonedToIso,
} from './time';

describe('zones', () => {
  it('converts Sydney wall time across DST', () => {
    // AEDT (+11) in January, AEST (+10) in July
    expect(
      zonedToIso(
        { year: 2024, month: 1, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 },
        'Australia/Sydney',
      ),
    ).toBe('2024-01-01T01:00:00.000Z');
    expect(
      zonedToIso(
        { year: 2024, month: 7, day: 1, hour: 12, minute: 0, second: 0, millisecond: 0 },
        'Australia/Sydney',
      ),
    ).toBe('2024-07-01T02:00:00.000Z');
  });
  it('moves a time in the spring-forward gap forward and takes the earlier time in an overlap', () => {
    // 2026-03-08 02:30 does not exist in New York
    expect(
      zonedToIso(
        { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0, millisecond: 0 },
        'America/New_York',
      ),
    ).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice; earlier is EDT (-4)
    expect(
      zonedToIso(
        { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, millisecond: 0 },
        'America/New_York',
      ),
    ).toBe('2026-11-01T05:30:00.000Z');
  });
  it('round-trips instants through wall time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom('Australia/Sydney', 'America/Chicago', 'Europe/London', 'UTC', 'Asia/Kolkata'),
        (ms, zone) => {
          const t = toZoned(ms, zone);
          const back = fromZoned(t, zone);
          // In an overlap the earlier instant is chosen; otherwise exact.
          expect(back <= ms && ms - back <= 3_600_000).toBe(true);
          expect(toZoned(back, zone)).toEqual(t);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('rolls the futures trading day at 17:00 Chicago', () => {
    const at = Date.parse('2026-06-14T23:03:54.732Z'); // 18:03 CDT on the 14th
    expect(sessionDateKey(at, 'America/Chicago', 17)).toBe('2026-06-15');
    expect(sessionDateKey(Date.parse('2026-06-14T21:59:00Z'), 'America/Chicago', 17)).toBe('2026-06-14');
  });
});

describe('parseDateTime', () => {
  it('parses the shapes exports use', () => {
    const p = parseDateTime('31/12/2025 23:59', 'dmy');
    expect(p && toIsoInstant(p, 'UTC')).toBe('2025-12-31T23:59:00.000Z');
    const q = parseDateTime('03/11/2025 15:52:19 GMT', 'mdy');
    expect(q && toIsoInstant(q, 'Australia/Sydney')).toBe('2025-03-11T15:52:19.000Z');
    const r = parseDateTime('6/10/26 4:00 PM', 'mdy');
    expect(r?.local).toMatchObject({ year: 2026, month: 6, day: 10, hour: 16 });
    const s = parseDateTime('2026-06-14 23:03:54.732Z', 'dmy');
    expect(s && toIsoInstant(s, 'Australia/Sydney')).toBe('2026-06-14T23:03:54.732Z');
    const t = parseDateTime('2026-06-14T10:00:00-05:00', 'dmy');
    expect(t && toIsoInstant(t, 'UTC')).toBe('2026-06-14T15:00:00.000Z');
  });
  it('rejects impossible dates', () => {
    expect(parseDateTime('31/02/2025', 'dmy')).toBeNull();
    expect(parseDateTime('13/13/2025', 'dmy')).toBeNull();
    expect(parseDateTime('yesterday', 'dmy')).toBeNull();
  });
  it('infers the date order from evidence, or says it cannot', () => {
    expect(inferDateOrder(['01/02/2024', '13/02/2024'])).toBe('dmy');
    expect(inferDateOrder(['01/02/2024', '02/13/2024'])).toBe('mdy');
    expect(inferDateOrder(['01/02/2024', '02/03/2024'])).toBeNull();
    expect(inferDateOrder(['2024-01-02'])).toBe('ymd');
  });
});
