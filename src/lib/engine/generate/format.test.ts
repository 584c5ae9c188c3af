import { describe, it, expect } from 'vitest';
import {
  addMonths,
  avoidDstHour,
  fmtDmyHm,
  fmtDuration,
  fmtLeftPocket,
  fmtMdyHms,
  fmtNabDate,
  grouped,
  parseIsoDay,
  quote,
  signedDecimal,
  ticksToPrice,
  usdAccounting,
} from './format';
import { payoutCents } from './sportsbet';
import { frontContract } from './prop';

const wall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

describe('generator formats', () => {
  it('prints times the way each export does', () => {
    const t = wall(2026, 6, 9, 7, 5, 3);
    expect(fmtDmyHm(t)).toBe('09/06/2026 07:05');
    expect(fmtMdyHms(t)).toBe('06/09/2026 07:05:03');
    expect(fmtLeftPocket(t)).toBe('06-09-2026 07:05');
    expect(fmtNabDate(wall(2022, 2, 2))).toBe('02 Feb 22');
  });

  it('prints money the way each export does', () => {
    expect(usdAccounting(-40000)).toBe('$(400.00)');
    expect(usdAccounting(120000)).toBe('$1,200.00');
    expect(usdAccounting(1100)).toBe('$11.00');
    expect(grouped(123456789)).toBe('1,234,567.89');
    expect(signedDecimal(150000)).toBe('+1500.00');
    expect(signedDecimal(-424)).toBe('-4.24');
    expect(signedDecimal(0)).toBe('+0.00');
    expect(ticksToPrice(114127, 4)).toBe('28531.75');
    expect(quote('a "b"')).toBe('"a ""b"""');
  });

  it('prints Tradovate durations as in its Performance export', () => {
    expect(fmtDuration(24)).toBe('24sec');
    expect(fmtDuration(678)).toBe('11min 18sec');
    expect(fmtDuration(2168)).toBe('36min 8sec');
    expect(fmtDuration(3600)).toBe('1hr');
  });

  it('pays a winning bet stake × odds, rounded half up to the cent', () => {
    expect(payoutCents(1000, 185)).toBe(1850);
    expect(payoutCents(333, 215)).toBe(716); // 7.1595 → 7.16
    expect(payoutCents(500, 1200)).toBe(6000);
  });

  it('names the front-month contract and rolls eight days before expiry', () => {
    // June 2026: third Friday is the 19th, so the roll is Thursday the 11th.
    expect(frontContract('MNQ', wall(2026, 6, 10))).toBe('MNQM6');
    expect(frontContract('MNQ', wall(2026, 6, 11))).toBe('MNQU6');
    expect(frontContract('ES', wall(2026, 1, 5))).toBe('ESH6');
    expect(frontContract('ES', wall(2026, 12, 20))).toBe('ESH7');
  });

  it('parses calendar days and adds months', () => {
    expect(parseIsoDay('2026-05-01')).toBe(wall(2026, 5, 1));
    expect(parseIsoDay('2026-02-30')).toBeNull();
    expect(parseIsoDay('1/5/2026')).toBeNull();
    expect(addMonths(wall(2026, 11, 1), -6)).toBe(wall(2026, 5, 1));
  });

  it('moves wall times out of the daylight-saving hour', () => {
    expect(avoidDstHour(wall(2026, 10, 4, 2, 30))).toBe(wall(2026, 10, 4, 3, 30));
    expect(avoidDstHour(wall(2026, 10, 4, 1, 30))).toBe(wall(2026, 10, 4, 1, 30));
  });
});
