/**
 * Responsible-gambling signals on a ledger built so each one has its own hand-computed answer (Sydney;
 * AEST +10 from April, AEDT +11 in February), as of 2024-06-30:
 *
 *   bet  placed (local)     settled      stake    net     notes
 *   A    06-20 12:00        13:00        50.00   -50.00
 *   B    06-20 13:30        14:00       100.00  -100.00   30 min after A lost: after a loss
 *   C    06-20 14:20        15:00       100.00  -100.00   20 min after B lost: after a loss
 *   D    06-20 15:45        16:30       150.00  +150.00   45 min after C lost: after a loss
 *   E    05-15 12:00        14:00        20.00   +30.00
 *   F    02-10 13:00        15:00        40.00   -40.00   within 365 days, not 90
 *   G    2023-05-01 12:00   14:00        99.99   -99.99   more than 365 days before
 *   H    06-25 01:30        03:00        10.00   +20.00   late night
 *   I    06-26 02:00        02:30        10.00   -10.00   late night
 *   J    06-27 03:00        04:00        10.00   -10.00   late night; 25.5 h after I lost: not chasing
 *
 * Net: 30 days (from 06-01) A+B+C+D+H+I+J = -100.00; 90 days (from 04-02) + E = -70.00; 365 days (from
 * 2023-07-02) + F = -110.00. Placed in the 90 days: A B C D E H I J = 8, late 3 (3/8). After a loss: B C D
 * staking 350.00 (mean 116.67) against A E H I J staking 100.00 (mean 20.00): ratio 350·5 / (100·3).
 * Deposits of 100.00 on 04-10, 05-01, 06-01 and 06-20 (last 90 days: 4) against one of 50.00 on 02-01
 * (the 90 before); one on 2023-12-01 is older than 180 days; a withdrawal never counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRgSignals, rgFlags, rgSignalsSql, RG_THRESHOLDS, type RgSignals } from '../engine/analytics';
import type { Bet, BookTxn } from '../engine/model';
import { rowsToIpc } from './arrow';
import { refreshAnalytics } from './bets-panels';
import { openNodeSql } from './duckdb/node';
import type { Sql } from './duckdb/port';
import { applyChanged, ensureSchema, refreshDerived, stageAndDiff } from './ledger';

const ZONE = 'Australia/Sydney';

/** A Sydney wall-clock time as a UTC instant, given the offset in force (hours). */
const utc = (local: string, offsetH = 10): string =>
  new Date(Date.parse(`${local}:00Z`) - offsetH * 3_600_000).toISOString();

let line = 0;
const bet = (
  id: string,
  placed: string,
  settled: string,
  stakeCents: number,
  netCents: number,
  offsetH = 10,
): Bet => ({
  key: `rg:${id}`,
  venue: 'TAB',
  placedAt: utc(placed, offsetH),
  settledAt: utc(settled, offsetH),
  tz: ZONE,
  status: netCents < 0 ? 'lost' : 'won',
  betType: 'single',
  stakeCents,
  returnCents: netCents < 0 ? 0 : stakeCents + netCents,
  oddsDecimal: 2,
  closingOddsDecimal: null,
  sport: 'AFL',
  competition: null,
  event: 'Geelong v Carlton',
  market: 'Head to Head',
  selection: 'Geelong',
  isBonus: false,
  legCount: 1,
  line: ++line,
});

const BETS: Bet[] = [
  bet('A', '2024-06-20T12:00', '2024-06-20T13:00', 5000, -5000),
  bet('B', '2024-06-20T13:30', '2024-06-20T14:00', 10000, -10000),
  bet('C', '2024-06-20T14:20', '2024-06-20T15:00', 10000, -10000),
  bet('D', '2024-06-20T15:45', '2024-06-20T16:30', 15000, 15000),
  bet('E', '2024-05-15T12:00', '2024-05-15T14:00', 2000, 3000),
  bet('F', '2024-02-10T13:00', '2024-02-10T15:00', 4000, -4000, 11),
  bet('G', '2023-05-01T12:00', '2023-05-01T14:00', 9999, -9999),
  bet('H', '2024-06-25T01:30', '2024-06-25T03:00', 1000, 2000),
  bet('I', '2024-06-26T02:00', '2024-06-26T02:30', 1000, -1000),
  bet('J', '2024-06-27T03:00', '2024-06-27T04:00', 1000, -1000),
];

const cash = (
  id: string,
  local: string,
  kind: 'deposit' | 'withdrawal',
  amountCents: number,
  offsetH = 10,
): BookTxn => ({
  key: `rg:txn:${id}`,
  betKey: null,
  venue: 'TAB',
  at: utc(local, offsetH),
  tz: ZONE,
  kind,
  amountCents,
  balanceCents: null,
  description: kind,
  betType: null,
  event: null,
  market: null,
  selection: null,
  oddsDecimal: null,
  result: null,
  sport: null,
  line: ++line,
});

const TXNS: BookTxn[] = [
  cash('1', '2024-04-10T10:00', 'deposit', 10000),
  cash('2', '2024-05-01T10:00', 'deposit', 10000),
  cash('3', '2024-06-01T10:00', 'deposit', 10000),
  cash('4', '2024-06-20T10:00', 'deposit', 10000),
  cash('5', '2024-02-01T10:00', 'deposit', 5000, 11),
  cash('6', '2023-12-01T10:00', 'deposit', 7000, 11),
  cash('7', '2024-06-21T10:00', 'withdrawal', -20000),
];

async function load<T extends 'bets' | 'book_txns'>(
  sql: Sql,
  table: T,
  rows: Parameters<typeof rowsToIpc<T>>[1],
) {
  const d = await stageAndDiff(sql, table, rowsToIpc(table, rows));
  if (!d.ok) throw new Error(d.error.message);
  const a = await applyChanged(sql, table);
  if (!a.ok) throw new Error(a.error.message);
}

async function signals(sql: Sql, asOf: string): Promise<RgSignals> {
  const r = await sql.query(rgSignalsSql(asOf));
  if (!r.ok) throw new Error(r.error.message);
  return parseRgSignals(r.value);
}

describe('responsible-gambling signals, each against a hand-computed answer', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openNodeSql();
    const s = await ensureSchema(sql);
    if (!s.ok) throw new Error(s.error.message);
    await load(sql, 'bets', BETS);
    await load(sql, 'book_txns', TXNS);
    const d = await refreshDerived(sql);
    if (!d.ok) throw new Error(d.error.message);
    const r = await refreshAnalytics(sql, ZONE);
    if (!r.ok) throw new Error(r.error.message);
  });

  it('as of 2024-06-30: losses over 30, 90 and 365 days, chasing, late nights and deposits', async () => {
    const s = await signals(sql, '2024-06-30');
    expect(s).toEqual({
      asOf: '2024-06-30',
      net30Cents: -10000,
      net90Cents: -7000,
      net365Cents: -11000,
      windowDays: 90,
      chasing: {
        afterLossBets: 3,
        afterLossMeanStakeCents: 11667,
        otherBets: 5,
        otherMeanStakeCents: 2000,
        ratio: (35000 * 5) / (10000 * 3),
      },
      lateNight: { bets: 8, lateBets: 3, share: 3 / 8 },
      deposits: {
        last90: 4,
        prior90: 1,
        per30Last90: 4 / 3,
        per30Prior90: 1 / 3,
        last90Cents: 40000,
        prior90Cents: 5000,
      },
    });
    expect(rgFlags(s)).toEqual({ chasing: true, lateNight: true, depositsRising: true, losingFaster: true });
  });

  it('as of 2024-05-31 nothing stands out', async () => {
    // Net: 30 days (from 05-02) E +30.00; 90 days (from 03-03) E; 365 days E + F = -10.00. Placed in the
    // 90 days: E only. Deposits: 04-10 and 05-01 against 02-01 (2023-12-01 is before 2023-12-04).
    const s = await signals(sql, '2024-05-31');
    expect(s).toMatchObject({
      net30Cents: 3000,
      net90Cents: 3000,
      net365Cents: -1000,
      chasing: { afterLossBets: 0, otherBets: 1, ratio: null },
      lateNight: { bets: 1, lateBets: 0, share: 0 },
      deposits: { last90: 2, prior90: 1, last90Cents: 20000, prior90Cents: 5000 },
    });
    expect(rgFlags(s)).toEqual({
      chasing: false,
      lateNight: false,
      depositsRising: false,
      losingFaster: false,
    });
  });
});

describe('rgFlags thresholds', () => {
  const base: RgSignals = {
    asOf: '2024-06-30',
    net30Cents: 0,
    net90Cents: 0,
    net365Cents: 0,
    windowDays: 90,
    chasing: {
      afterLossBets: 0,
      afterLossMeanStakeCents: null,
      otherBets: 0,
      otherMeanStakeCents: null,
      ratio: null,
    },
    lateNight: { bets: 0, lateBets: 0, share: null },
    deposits: { last90: 0, prior90: 0, per30Last90: 0, per30Prior90: 0, last90Cents: 0, prior90Cents: 0 },
  };
  const t = RG_THRESHOLDS;

  it('flags chasing from the minimum count of bets and the stake ratio', () => {
    const chase = (afterLossBets: number, ratio: number) =>
      rgFlags({ ...base, chasing: { ...base.chasing, afterLossBets, ratio } }).chasing;
    expect(chase(t.CHASE_MIN_BETS, t.CHASE_RATIO)).toBe(true);
    expect(chase(t.CHASE_MIN_BETS - 1, 5)).toBe(false);
    expect(chase(10, t.CHASE_RATIO - 0.01)).toBe(false);
  });

  it('flags late nights from the count and the share', () => {
    const late = (lateBets: number, bets: number) =>
      rgFlags({ ...base, lateNight: { bets, lateBets, share: lateBets / bets } }).lateNight;
    expect(late(3, 20)).toBe(true); // 15%
    expect(late(3, 21)).toBe(false); // 14.3%
    expect(late(2, 2)).toBe(false);
  });

  it('flags deposits becoming more frequent, including from none', () => {
    const dep = (last90: number, prior90: number) =>
      rgFlags({ ...base, deposits: { ...base.deposits, last90, prior90 } }).depositsRising;
    expect(dep(3, 0)).toBe(true);
    expect(dep(3, 2)).toBe(true); // 3 = 1.5 × 2
    expect(dep(4, 3)).toBe(false);
    expect(dep(2, 0)).toBe(false);
  });

  it('flags a last month that lost more than an average month of the last three', () => {
    const losing = (net30Cents: number, net90Cents: number) =>
      rgFlags({ ...base, net30Cents, net90Cents }).losingFaster;
    expect(losing(-1000, -2999)).toBe(true);
    expect(losing(-1000, -3000)).toBe(false); // exactly the average month
    expect(losing(-1000, 5000)).toBe(true); // up over 90 days, down over the last 30
    expect(losing(0, -9000)).toBe(false);
  });
});
