/**
 * The Bets analytics SQL (engine/analytics) run on the Node DuckDB adapter over a small hand-built ledger:
 * seven settled bets and one pending around the end of daylight saving in Sydney (2024-04-07 03:00 AEDT
 * = 2024-04-06T16:00Z, when +11 becomes +10), six from a bet-level export and one from Sportsbet-like
 * ledger rows, plus deposits and withdrawals. Every expected figure is worked out by hand in the comments.
 *
 * Settled bets in settlement order (local day: net, running net):
 *   b1 04-05 +1500 (1500) · b2 04-07 -2000 (-500) · b3 04-07 -3000 (-3500) · b4 04-07 +600 (-2900)
 *   b5 04-08 void 0 (-2900) · b7 04-10 -2500 (-5400) · b9 04-10 -1500 (-6900);  b6 pending (04-08).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyticsRefreshSql,
  betLegsSql,
  betsCsvSql,
  betsCsvTable,
  betsTableSql,
  breakdownSql,
  cleanSelectionSql,
  clvSql,
  comparisonSql,
  extremesSql,
  filterWhere,
  headlineSql,
  ledgerYearsSql,
  lit as engineLit,
  losingStreakSql,
  parseBetLegs,
  parseBetRow,
  parseBetsTable,
  parseBreakdown,
  parseClv,
  parseComparison,
  parseExtremes,
  parseHeadline,
  parseLedgerYears,
  parseLosingStreak,
  parseRgSignals,
  parseSeries,
  parseSwings,
  participantSql,
  rgSignalsSql,
  selectionKindSql,
  seriesSql,
  swingsSql,
  type BetFilter,
} from '../engine/analytics';
import type { Bet, BetLeg, BookTxn } from '../engine/model';
import { rowsToIpc } from './arrow';
import { openNodeSql } from './duckdb/node';
import { lit as dbLit, type Sql } from './duckdb/port';
import {
  applyChanged,
  ensureSchema,
  headline as ledgerHeadline,
  refreshDerived,
  stageAndDiff,
} from './ledger';

const ZONE = 'Australia/Sydney';

const bet = (
  n: number,
  b: Partial<Bet> & Pick<Bet, 'placedAt' | 'status' | 'stakeCents' | 'returnCents'>,
): Bet => ({
  key: `t:b${n}`,
  venue: 'Sportsbet',
  settledAt: null,
  tz: ZONE,
  betType: 'single',
  oddsDecimal: 2,
  closingOddsDecimal: null,
  sport: 'AFL',
  competition: 'AFL Premiership',
  event: 'Sydney Swans v Collingwood',
  market: 'Head to Head',
  selection: 'Sydney Swans',
  isBonus: false,
  legCount: 1,
  line: n,
  ...b,
});

const BETS: Bet[] = [
  // Fri 20:00 AEDT, settled 22:00 the same day.
  bet(1, {
    placedAt: '2024-04-05T09:00:00Z',
    settledAt: '2024-04-05T11:00:00Z',
    status: 'won',
    stakeCents: 1000,
    returnCents: 2500,
    oddsDecimal: 2.5,
    closingOddsDecimal: 2.2,
  }),
  // Sat 21:00 AEDT, settled 01:30 AEDT on Sunday 04-07 (14:30Z on 04-06: the UTC day differs).
  bet(2, {
    placedAt: '2024-04-06T10:00:00Z',
    settledAt: '2024-04-06T14:30:00Z',
    status: 'lost',
    stakeCents: 2000,
    returnCents: 0,
    oddsDecimal: 1.9,
    closingOddsDecimal: 2.0,
    selection: 'Collingwood -12.5',
    market: 'Line',
  }),
  // Placed 02:10 AEDT (40 min after b2 lost: chasing, and late at night); settled after the change, 02:30 AEST.
  bet(3, {
    placedAt: '2024-04-06T15:10:00Z',
    settledAt: '2024-04-06T16:30:00Z',
    status: 'lost',
    stakeCents: 3000,
    returnCents: 0,
    oddsDecimal: 3.4,
    sport: 'Soccer',
    competition: 'A-League',
    event: 'Sydney FC v Melbourne Victory',
    market: 'Match Result',
    selection: 'Home',
  }),
  // Sun 18:00 AEST, settled 20:00.
  bet(4, {
    placedAt: '2024-04-07T08:00:00Z',
    settledAt: '2024-04-07T10:00:00Z',
    status: 'won',
    stakeCents: 500,
    returnCents: 1100,
    oddsDecimal: 2.2,
    closingOddsDecimal: 2.0,
    sport: 'Soccer',
    competition: 'A-League',
    event: 'Sydney FC v Melbourne Victory',
    market: 'Total Goals',
    selection: 'Over 2.5',
  }),
  // Mon 11:00 AEST, a void multi at another bookmaker with no sport or selection.
  bet(5, {
    placedAt: '2024-04-08T01:00:00Z',
    settledAt: '2024-04-08T03:00:00Z',
    status: 'void',
    stakeCents: 4000,
    returnCents: 4000,
    oddsDecimal: 6,
    betType: 'multi',
    venue: 'Ladbrokes',
    sport: null,
    competition: null,
    event: null,
    market: null,
    selection: null,
    legCount: 2,
  }),
  // Mon 15:00 AEST, still pending.
  bet(6, {
    placedAt: '2024-04-08T05:00:00Z',
    status: 'pending',
    stakeCents: 700,
    returnCents: 0,
    oddsDecimal: 12,
  }),
  // Tue 23:30 AEST, settled 00:30 AEST on Wed 04-10 (UTC day 04-09).
  bet(7, {
    placedAt: '2024-04-09T13:30:00Z',
    settledAt: '2024-04-09T14:30:00Z',
    status: 'lost',
    stakeCents: 2500,
    returnCents: 0,
    oddsDecimal: 1.8,
    sport: 'Tennis',
    competition: 'ATP Monte Carlo',
    event: 'Alcaraz v Sinner',
    market: 'Match Winner',
    selection: '2. Alcaraz @ 1.80 (Lose)',
  }),
];

const txnBase = {
  venue: 'Sportsbet',
  tz: ZONE,
  balanceCents: null,
  betType: null,
  event: null,
  market: null,
  selection: null,
  oddsDecimal: null,
  result: null,
  sport: null,
} satisfies Partial<BookTxn>;

const TXNS: BookTxn[] = [
  // 09:00 AEDT 04-05.
  {
    ...txnBase,
    key: 'sb:txn:1',
    betKey: null,
    at: '2024-04-04T22:00:00Z',
    kind: 'deposit',
    amountCents: 10000,
    description: 'Deposit',
    line: 2,
  },
  // 01:00 AEDT 04-07 (UTC day 04-06).
  {
    ...txnBase,
    key: 'sb:txn:2',
    betKey: null,
    at: '2024-04-06T14:00:00Z',
    kind: 'deposit',
    amountCents: 5000,
    description: 'Deposit',
    line: 3,
  },
  // 00:10 AEST 04-10, and returned at 06:00 AEST 04-10.
  {
    ...txnBase,
    key: 'sb:txn:3',
    betKey: null,
    at: '2024-04-09T14:10:00Z',
    kind: 'withdrawal',
    amountCents: -3000,
    description: 'Withdrawal',
    line: 4,
  },
  {
    ...txnBase,
    key: 'sb:txn:4',
    betKey: null,
    at: '2024-04-09T20:00:00Z',
    kind: 'returned-withdrawal',
    amountCents: 1000,
    description: 'Returned',
    line: 5,
  },
  // b9, as Sportsbet writes a bet: a stake row at 12:00 AEST 04-10 and a "Lose" row at 14:00.
  ...(['stake', 'lose'] as const).map((kind, i): BookTxn => ({
    ...txnBase,
    key: `sb:txn:${10 + i}`,
    betKey: 't:b9',
    at: i === 0 ? '2024-04-10T02:00:00Z' : '2024-04-10T04:00:00Z',
    kind,
    amountCents: i === 0 ? -1500 : 0,
    betType: 'single',
    event: 'Sydney Swans v Carlton',
    market: 'Head to Head',
    selection: 'Sydney Swans',
    oddsDecimal: 2,
    sport: 'AFL',
    description: 'Sydney Swans v Carlton / Head to Head / Sydney Swans @ 2.00',
    line: 10 + i,
  })),
];

const LEGS: BetLeg[] = [1, 2].map((i) => ({
  key: `t:b5:leg:${i}`,
  betKey: 't:b5',
  venue: 'Ladbrokes',
  legIndex: i,
  event: i === 1 ? 'Storm v Panthers' : 'Lakers @ Celtics',
  market: 'Head to Head',
  selection: i === 1 ? 'Storm' : 'Celtics',
  oddsDecimal: i === 1 ? 2 : 3,
  result: 'void',
  sport: i === 1 ? 'NRL' : 'Basketball',
  competition: null,
  line: 20 + i,
}));

async function load<T extends 'bets' | 'book_txns' | 'bet_legs'>(
  sql: Sql,
  table: T,
  rows: Parameters<typeof rowsToIpc<T>>[1],
) {
  const d = await stageAndDiff(sql, table, rowsToIpc(table, rows));
  if (!d.ok) throw new Error(d.error.message);
  const a = await applyChanged(sql, table);
  if (!a.ok) throw new Error(a.error.message);
}

/** A fresh ledger with these rows and the analytics tables built for Sydney time. */
async function openLedger(bets: Bet[], txns: BookTxn[], legs: BetLeg[] = []): Promise<Sql> {
  const sql = await openNodeSql();
  const s = await ensureSchema(sql);
  if (!s.ok) throw new Error(s.error.message);
  if (bets.length) await load(sql, 'bets', bets);
  if (txns.length) await load(sql, 'book_txns', txns);
  if (legs.length) await load(sql, 'bet_legs', legs);
  await refreshAnalytics(sql);
  return sql;
}

async function refreshAnalytics(sql: Sql): Promise<void> {
  const d = await refreshDerived(sql);
  if (!d.ok) throw new Error(d.error.message);
  const y = await sql.query(ledgerYearsSql());
  if (!y.ok) throw new Error(y.error.message);
  const years = parseLedgerYears(y.value) ?? { fromYear: 2024, toYear: 2024 };
  for (const stmt of analyticsRefreshSql(ZONE, years)) {
    const r = await sql.exec(stmt);
    if (!r.ok) throw new Error(`${r.error.message}\n${stmt.slice(0, 200)}`);
  }
}

async function rows(sql: Sql, text: string): Promise<Record<string, unknown>[]> {
  const r = await sql.query(text);
  if (!r.ok) throw new Error(`${r.error.message}\n${text.slice(0, 400)}`);
  return r.value;
}

describe('bets analytics on a hand-built Sydney ledger', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openLedger(BETS, TXNS, LEGS);
  });

  it('puts every bet on the punter’s clock across the end of daylight saving', async () => {
    const r = await rows(
      sql,
      `SELECT key, strftime(local_placed, '%Y-%m-%d %H:%M') AS lp, strftime(local_settled, '%Y-%m-%d %H:%M') AS ls,
         CAST(local_day AS VARCHAR) AS day, dow, hour, net_cents, odds_band, stake_band, participant, after_loss
       FROM bet_analytics ORDER BY seq`,
    );
    expect(r.map((x) => ({ ...x, net_cents: Number(x.net_cents) }))).toEqual([
      {
        key: 't:b1',
        lp: '2024-04-05 20:00',
        ls: '2024-04-05 22:00',
        day: '2024-04-05',
        dow: 4,
        hour: 20,
        net_cents: 1500,
        odds_band: '2-3',
        stake_band: '$10-25',
        participant: 'Sydney Swans',
        after_loss: false,
      },
      {
        key: 't:b2',
        lp: '2024-04-06 21:00',
        ls: '2024-04-07 01:30',
        day: '2024-04-07',
        dow: 5,
        hour: 21,
        net_cents: -2000,
        odds_band: '1.5-2',
        stake_band: '$10-25',
        participant: 'Collingwood',
        after_loss: false,
      },
      {
        key: 't:b3',
        lp: '2024-04-07 02:10',
        ls: '2024-04-07 02:30',
        day: '2024-04-07',
        dow: 6,
        hour: 2,
        net_cents: -3000,
        odds_band: '3-5',
        stake_band: '$25-50',
        participant: 'Sydney FC',
        after_loss: true,
      },
      {
        key: 't:b4',
        lp: '2024-04-07 18:00',
        ls: '2024-04-07 20:00',
        day: '2024-04-07',
        dow: 6,
        hour: 18,
        net_cents: 600,
        odds_band: '2-3',
        stake_band: '<$10',
        participant: '',
        after_loss: false,
      },
      {
        key: 't:b5',
        lp: '2024-04-08 11:00',
        ls: '2024-04-08 13:00',
        day: '2024-04-08',
        dow: 0,
        hour: 11,
        net_cents: 0,
        odds_band: '5-10',
        stake_band: '$25-50',
        participant: '',
        after_loss: false,
      },
      {
        key: 't:b6',
        lp: '2024-04-08 15:00',
        ls: null,
        day: '2024-04-08',
        dow: 0,
        hour: 15,
        net_cents: 0,
        odds_band: '10+',
        stake_band: '<$10',
        participant: 'Sydney Swans',
        after_loss: false,
      },
      {
        key: 't:b7',
        lp: '2024-04-09 23:30',
        ls: '2024-04-10 00:30',
        day: '2024-04-10',
        dow: 1,
        hour: 23,
        net_cents: -2500,
        odds_band: '1.5-2',
        stake_band: '$25-50',
        participant: 'Alcaraz',
        after_loss: false,
      },
      {
        key: 't:b9',
        lp: '2024-04-10 12:00',
        ls: '2024-04-10 14:00',
        day: '2024-04-10',
        dow: 2,
        hour: 12,
        net_cents: -1500,
        odds_band: '2-3',
        stake_band: '$10-25',
        participant: 'Sydney Swans',
        after_loss: false,
      },
    ]);
  });

  it('headline: settled money, pending, cash and the drawdown, matching the ledger headline', async () => {
    const h = parseHeadline(await rows(sql, headlineSql({})));
    // staked 1000+2000+3000+500+4000+2500+1500; returned 2500+1100+4000; deposits 10000+5000 and the
    // returned 1000; drawdown from +1500 (04-05) to -6900 (04-10).
    expect(h).toEqual({
      netCents: -6900,
      stakedCents: 14500,
      returnedCents: 7600,
      roi: -6900 / 14500,
      bets: 7,
      wonBets: 2,
      strikeRate: 2 / 7,
      pendingBets: 1,
      pendingStakeCents: 700,
      depositsCents: 16000,
      withdrawalsCents: 3000,
      maxDrawdown: { amountCents: 8400, startDay: '2024-04-05', endDay: '2024-04-10' },
      firstDay: '2024-04-05',
      lastDay: '2024-04-10',
    });
    const l = await ledgerHeadline(sql);
    expect(l.ok && l.value).toMatchObject({
      netCents: h.netCents,
      stakedCents: h.stakedCents,
      bets: h.bets,
      depositsCents: h.depositsCents,
      maxDrawdownCents: h.maxDrawdown.amountCents,
    });
  });

  it('headline for local dates: a deposit at 01:00 AEDT belongs to the local day, not the UTC one', async () => {
    const h = parseHeadline(await rows(sql, headlineSql({ from: '2024-04-07', to: '2024-04-08' })));
    // b2, b3, b4, b5 settled; b6 pending (placed 04-08); the 5000 deposit (UTC 04-06) is on local 04-07.
    expect(h).toMatchObject({
      netCents: -4400,
      stakedCents: 9500,
      returnedCents: 5100,
      bets: 4,
      wonBets: 1,
      pendingBets: 1,
      pendingStakeCents: 700,
      depositsCents: 5000,
      withdrawalsCents: 0,
      maxDrawdown: { amountCents: 5000, startDay: '2024-04-07', endDay: '2024-04-07' },
    });
  });

  it('headline for a sport: the windowed path, with a losing streak that spans days', async () => {
    const f: BetFilter = { sports: ['AFL'] };
    // b1 +1500, b2 -2000, b9 -1500 (b6 is AFL but pending).
    expect(parseHeadline(await rows(sql, headlineSql(f)))).toMatchObject({
      netCents: -2000,
      stakedCents: 4500,
      bets: 3,
      pendingBets: 1,
      maxDrawdown: { amountCents: 3500, startDay: '2024-04-05', endDay: '2024-04-10' },
    });
    expect(parseLosingStreak(await rows(sql, losingStreakSql(f)))).toEqual({
      bets: 2,
      netCents: -3500,
      startDay: '2024-04-07',
      endDay: '2024-04-10',
    });
    // The same bets found by a case-insensitive search on the event.
    expect(parseHeadline(await rows(sql, headlineSql({ search: 'SWANS' })))).toMatchObject({
      netCents: -2000,
      bets: 3,
    });
  });

  it('P&L series by local day, week, month and year with the cumulative line', async () => {
    const day = parseSeries(await rows(sql, seriesSql({}, 'day')));
    expect(day).toEqual([
      {
        start: '2024-04-05',
        end: '2024-04-05',
        netCents: 1500,
        stakedCents: 1000,
        bets: 1,
        cumulativeCents: 1500,
      },
      {
        start: '2024-04-07',
        end: '2024-04-07',
        netCents: -4400,
        stakedCents: 5500,
        bets: 3,
        cumulativeCents: -2900,
      },
      {
        start: '2024-04-08',
        end: '2024-04-08',
        netCents: 0,
        stakedCents: 4000,
        bets: 1,
        cumulativeCents: -2900,
      },
      {
        start: '2024-04-10',
        end: '2024-04-10',
        netCents: -4000,
        stakedCents: 4000,
        bets: 2,
        cumulativeCents: -6900,
      },
    ]);
    // ISO weeks: Mon 04-01 holds Fri 04-05 and Sun 04-07; Mon 04-08 holds 04-08 and 04-10.
    expect(parseSeries(await rows(sql, seriesSql({}, 'week')))).toEqual([
      {
        start: '2024-04-01',
        end: '2024-04-07',
        netCents: -2900,
        stakedCents: 6500,
        bets: 4,
        cumulativeCents: -2900,
      },
      {
        start: '2024-04-08',
        end: '2024-04-14',
        netCents: -4000,
        stakedCents: 8000,
        bets: 3,
        cumulativeCents: -6900,
      },
    ]);
    expect(parseSeries(await rows(sql, seriesSql({}, 'month')))).toEqual([
      {
        start: '2024-04-01',
        end: '2024-04-30',
        netCents: -6900,
        stakedCents: 14500,
        bets: 7,
        cumulativeCents: -6900,
      },
    ]);
    expect(parseSeries(await rows(sql, seriesSql({}, 'year')))[0]).toMatchObject({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    // Downsampled to two points: the first two days merge, then the last two.
    expect(parseSeries(await rows(sql, seriesSql({}, 'day', 2)))).toEqual([
      {
        start: '2024-04-05',
        end: '2024-04-07',
        netCents: -2900,
        stakedCents: 6500,
        bets: 4,
        cumulativeCents: -2900,
      },
      {
        start: '2024-04-08',
        end: '2024-04-10',
        netCents: -4000,
        stakedCents: 8000,
        bets: 3,
        cumulativeCents: -6900,
      },
    ]);
    // The windowed path (a venue filter) gives the same days for Sportsbet: all but b5.
    const sb = parseSeries(await rows(sql, seriesSql({ venues: ['Sportsbet'] }, 'day')));
    expect(sb.map((p) => [p.start, p.netCents, p.bets])).toEqual([
      ['2024-04-05', 1500, 1],
      ['2024-04-07', -4400, 3],
      ['2024-04-10', -4000, 2],
    ]);
  });

  it('breakdown by sport with ROI intervals, top N and Other', async () => {
    const bd = parseBreakdown(await rows(sql, breakdownSql({}, 'sport')));
    // By staked: AFL 4500 (b1 b2 b9), '' 4000 (b5), Soccer 3500 (b3 b4), Tennis 2500 (b7).
    expect(
      bd.map((r) => [r.key, r.isOther, r.bets, r.won, r.stakedCents, r.returnedCents, r.netCents]),
    ).toEqual([
      ['AFL', false, 3, 1, 4500, 2500, -2000],
      ['', false, 1, 0, 4000, 4000, 0],
      ['Soccer', false, 2, 1, 3500, 1100, -2400],
      ['Tennis', false, 1, 0, 2500, 0, -2500],
    ]);
    // AFL: R = -2000/4500; residuals net - R*stake: 1500+4000/9, -2000+8000/9, -1500+6000/9.
    const r = -2000 / 4500;
    const resid = [1500 - r * 1000, -2000 - r * 2000, -1500 - r * 1500];
    const se = Math.sqrt(resid.reduce((s, x) => s + x * x, 0) / (3 * 2)) / 1500;
    const afl = bd[0];
    expect(afl?.roi).toBeCloseTo(r, 12);
    expect(afl?.roiLow).toBeCloseTo(r - 1.959963984540054 * se, 9);
    expect(afl?.roiHigh).toBeCloseTo(r + 1.959963984540054 * se, 9);
    expect(bd[1]?.roiLow).toBeNull(); // one bet: no interval
    const top = parseBreakdown(await rows(sql, breakdownSql({}, 'sport', 2)));
    expect(top.map((x) => [x.key, x.isOther, x.bets, x.stakedCents, x.netCents])).toEqual([
      ['AFL', false, 3, 4500, -2000],
      ['', false, 1, 4000, 0],
      ['Other', true, 2 + 1, 6000, -4900],
    ]);
    // With room for all but one group, that group is shown by name rather than as 'Other'.
    expect(parseBreakdown(await rows(sql, breakdownSql({}, 'sport', 3))).some((x) => x.isOther)).toBe(false);
  });

  it('breakdowns by participant, ordered dimensions and venue', async () => {
    const key = async (dim: Parameters<typeof breakdownSql>[1]) =>
      parseBreakdown(await rows(sql, breakdownSql({}, dim))).map((r) => [r.key, r.bets, r.netCents]);
    expect(await key('participant')).toEqual([
      ['', 2, 600],
      ['Sydney FC', 1, -3000],
      ['Alcaraz', 1, -2500],
      ['Sydney Swans', 2, 0],
      ['Collingwood', 1, -2000],
    ]);
    expect(await key('dow')).toEqual([
      ['0', 1, 0],
      ['1', 1, -2500],
      ['2', 1, -1500],
      ['4', 1, 1500],
      ['5', 1, -2000],
      ['6', 2, -2400],
    ]);
    expect(await key('odds_band')).toEqual([
      ['1.5-2', 2, -4500],
      ['2-3', 3, 600],
      ['3-5', 1, -3000],
      ['5-10', 1, 0],
    ]);
    expect(await key('stake_band')).toEqual([
      ['<$10', 1, 600],
      ['$10-25', 3, -2000],
      ['$25-50', 3, -5500],
    ]);
    expect(await key('hour')).toEqual([
      ['2', 1, -3000],
      ['11', 1, 0],
      ['12', 1, -1500],
      ['18', 1, 600],
      ['20', 1, 1500],
      ['21', 1, -2000],
      ['23', 1, -2500],
    ]);
    expect(await key('venue')).toEqual([
      ['Sportsbet', 6, -6900],
      ['Ladbrokes', 1, 0],
    ]);
    expect(await key('bet_type')).toEqual([
      ['single', 6, -6900],
      ['multi', 1, 0],
    ]);
  });

  it('best and worst bets, swings and the longest losing streak', async () => {
    const ex = parseExtremes(await rows(sql, extremesSql({}, 2)));
    expect(ex.best.map((b) => [b.key, b.netCents])).toEqual([
      ['t:b1', 1500],
      ['t:b4', 600],
    ]);
    expect(ex.worst.map((b) => [b.key, b.netCents])).toEqual([
      ['t:b3', -3000],
      ['t:b7', -2500],
    ]);
    expect(ex.worst[0]).toMatchObject({
      placedAt: '2024-04-06T15:10:00.000Z',
      settledAt: '2024-04-06T16:30:00.000Z',
      localPlaced: '2024-04-07T02:10:00',
      localSettled: '2024-04-07T02:30:00',
      localDay: '2024-04-07',
      status: 'lost',
      participant: 'Sydney FC',
      oddsBand: '3-5',
    });
    expect(parseSwings(await rows(sql, swingsSql({})))).toEqual({
      drawdown: { amountCents: 8400, startDay: '2024-04-05', endDay: '2024-04-10' },
      runUp: { amountCents: 1500, startDay: '2024-04-05', endDay: '2024-04-05' },
    });
    // b2 b3 (04-07) and b7 b9 (04-10) are both two long; the more recent wins.
    expect(parseLosingStreak(await rows(sql, losingStreakSql({})))).toEqual({
      bets: 2,
      netCents: -4000,
      startDay: '2024-04-10',
      endDay: '2024-04-10',
    });
  });

  it('compares two periods side by side', async () => {
    const c = parseComparison(
      await rows(
        sql,
        comparisonSql({ to: '2024-01-01' }, { from: '2024-04-05', to: '2024-04-07' }, { from: '2024-04-08' }),
      ),
    );
    expect(c.a).toMatchObject({
      bets: 4,
      stakedCents: 6500,
      returnedCents: 3600,
      netCents: -2900,
      wonBets: 2,
      pendingBets: 0,
      depositsCents: 15000,
      withdrawalsCents: 0,
      maxDrawdown: { amountCents: 5000, startDay: '2024-04-05', endDay: '2024-04-07' },
    });
    expect(c.b).toMatchObject({
      bets: 3,
      stakedCents: 8000,
      returnedCents: 4000,
      netCents: -4000,
      wonBets: 0,
      pendingBets: 1,
      pendingStakeCents: 700,
      depositsCents: 1000,
      withdrawalsCents: 3000,
      maxDrawdown: { amountCents: 4000, startDay: '2024-04-08', endDay: '2024-04-10' },
    });
  });

  it('bets table: status, sort by any column, paging and the total', async () => {
    const page = parseBetsTable(
      await rows(
        sql,
        betsTableSql({ status: 'all' }, { column: 'netCents', dir: 'asc' }, { offset: 1, limit: 3 }),
      ),
    );
    expect(page.total).toBe(8);
    expect(page.rows.map((b) => b.key)).toEqual(['t:b7', 't:b2', 't:b9']);
    const newest = parseBetsTable(await rows(sql, betsTableSql({})));
    expect(newest.total).toBe(7);
    expect(newest.rows.map((b) => b.key)).toEqual(['t:b9', 't:b7', 't:b5', 't:b4', 't:b3', 't:b2', 't:b1']);
    const pending = parseBetsTable(await rows(sql, betsTableSql({ status: 'pending' })));
    expect(pending).toMatchObject({
      total: 1,
      rows: [{ key: 't:b6', settledAt: null, localSettled: null, netCents: 0 }],
    });
    const past = parseBetsTable(
      await rows(sql, betsTableSql({}, { column: 'sport', dir: 'asc' }, { offset: 50, limit: 10 })),
    );
    expect(past).toEqual({ total: 7, rows: [] });
    // Text sorts put the missing sport last in either direction; bands sort in band order.
    const bySport = parseBetsTable(await rows(sql, betsTableSql({}, { column: 'sport', dir: 'desc' })));
    expect(bySport.rows.map((b) => b.sport)).toEqual([
      'Tennis',
      'Soccer',
      'Soccer',
      'AFL',
      'AFL',
      'AFL',
      null,
    ]);
    const byOdds = parseBetsTable(await rows(sql, betsTableSql({}, { column: 'oddsBand', dir: 'asc' })));
    expect(byOdds.rows.map((b) => b.oddsBand)).toEqual([
      '1.5-2',
      '1.5-2',
      '2-3',
      '2-3',
      '2-3',
      '3-5',
      '5-10',
    ]);
  });

  it('CSV rows for the filtered table, money in dollars', async () => {
    const bets = (await rows(sql, betsCsvSql({ venues: ['Ladbrokes'] }))).map(parseBetRow);
    const csv = betsCsvTable(bets);
    expect(csv.header[0]).toBe('Placed (local)');
    expect(csv.rows).toEqual([
      [
        '2024-04-08 11:00:00',
        '2024-04-08 13:00:00',
        '2024-04-08',
        'Ladbrokes',
        'void',
        'multi',
        '',
        '',
        '',
        '',
        '',
        '',
        '6',
        '',
        '',
        '',
        '40.00',
        '40.00',
        '0.00',
        '2',
        'no',
        '2024-04-08T01:00:00.000Z',
        '2024-04-08T03:00:00.000Z',
        't:b5',
      ],
    ]);
  });

  it('legs of one bet', async () => {
    expect(parseBetLegs(await rows(sql, betLegsSql('t:b5')))).toEqual([
      {
        legIndex: 1,
        event: 'Storm v Panthers',
        market: 'Head to Head',
        selection: 'Storm',
        oddsDecimal: 2,
        result: 'void',
        sport: 'NRL',
        competition: null,
      },
      {
        legIndex: 2,
        event: 'Lakers @ Celtics',
        market: 'Head to Head',
        selection: 'Celtics',
        oddsDecimal: 3,
        result: 'void',
        sport: 'Basketball',
        competition: null,
      },
    ]);
    expect(parseBetLegs(await rows(sql, betLegsSql("t:b5' OR '1'='1")))).toEqual([]);
  });

  it('closing-line value over bets with both prices', async () => {
    // b1 2.5/2.2, b2 1.9/2.0, b4 2.2/2.0.
    const clv = parseClv(await rows(sql, clvSql({})));
    expect(clv.bets).toBe(3);
    expect(clv.meanClv).toBeCloseTo((2.5 / 2.2 - 1 + (1.9 / 2 - 1) + (2.2 / 2 - 1)) / 3, 12);
    expect(clv.beatCloseShare).toBeCloseTo(2 / 3, 12);
    expect(parseClv(await rows(sql, clvSql({ sports: ['AFL'] })))).toMatchObject({
      bets: 2,
      beatCloseShare: 0.5,
    });
    expect(parseClv(await rows(sql, clvSql({ from: '2024-04-08' })))).toEqual({
      bets: 0,
      meanClv: null,
      beatCloseShare: null,
    });
  });

  it('responsible-gambling signals as of a day', async () => {
    const s = parseRgSignals(await rows(sql, rgSignalsSql('2024-04-10')));
    // Chasing: only b3 (40 min after b2 lost); the other seven stakes sum to 12200.
    expect(s).toEqual({
      asOf: '2024-04-10',
      net30Cents: -6900,
      net90Cents: -6900,
      net365Cents: -6900,
      windowDays: 90,
      chasing: {
        afterLossBets: 1,
        afterLossMeanStakeCents: 3000,
        otherBets: 7,
        otherMeanStakeCents: 1743,
        ratio: (3000 * 7) / 12200,
      },
      lateNight: { bets: 8, lateBets: 1, share: 1 / 8 },
      deposits: {
        last90: 2,
        prior90: 0,
        per30Last90: 2 / 3,
        per30Prior90: 0,
        last90Cents: 15000,
        prior90Cents: 0,
      },
    });
    // As of 04-07: b1..b4 settled by then; b2's 01:30 AEDT settlement is on 04-07, inside a 1-day window.
    const early = parseRgSignals(await rows(sql, rgSignalsSql('2024-04-07', 1)));
    expect(early).toMatchObject({ net30Cents: -2900, windowDays: 1, lateNight: { bets: 2, lateBets: 1 } });
    // Deposits 91..180 days before a later day count as the prior period.
    const later = parseRgSignals(await rows(sql, rgSignalsSql('2024-07-20')));
    expect(later.deposits).toMatchObject({ last90: 0, prior90: 2, prior90Cents: 15000 });
  });

  it('finds the participant in the selection or, for Home/Away, in the event', async () => {
    const cases: [string | null, string | null, string][] = [
      ['Sydney Swans', 'Sydney Swans v Collingwood', 'Sydney Swans'],
      ['Collingwood -12.5', 'Sydney Swans v Collingwood', 'Collingwood'],
      ['Geelong (+3.5)', null, 'Geelong'],
      ['2. Buckaroo @ 12.00 (Win)', 'Flemington R7', 'Buckaroo'],
      ['Schalke 04', 'Schalke 04 vs Hertha', 'Schalke 04'],
      ['Home', 'Sydney FC v Melbourne Victory', 'Sydney FC'],
      ['away', 'Sydney FC VS. Melbourne Victory', 'Melbourne Victory'],
      ['Home', 'Lakers @ Celtics', 'Celtics'],
      ['2', 'Lakers @ Celtics', 'Lakers'],
      ['Home', 'Brownlow Medal', ''],
      ['Over 45.5', 'Swans v Pies', ''],
      ['Draw', 'Swans v Pies', ''],
      [null, 'Swans v Pies', ''],
    ];
    const values = cases.map(([sel, ev], i) => `(${i}, ${engineLit(sel)}, ${engineLit(ev)})`).join(', ');
    const clean = cleanSelectionSql('s');
    const got = await rows(
      sql,
      `SELECT ${participantSql(selectionKindSql(clean), clean, 'e')} AS p FROM (VALUES ${values}) t(i, s, e) ORDER BY i`,
    );
    expect(got.map((r) => r.p)).toEqual(cases.map((c) => c[2]));
  });

  it('filters are injection-safe and quote like the db layer', async () => {
    const nasty = "x'); DROP TABLE bet_analytics; --";
    for (const v of [nasty, "O'Brien", '', 'a"b', 12, -3.5, true, null]) expect(engineLit(v)).toBe(dbLit(v));
    const f: BetFilter = { sports: [nasty], search: nasty, venues: [nasty], competitions: ["O'Brien"] };
    expect(parseHeadline(await rows(sql, headlineSql(f)))).toMatchObject({ bets: 0, netCents: 0 });
    expect(parseBetsTable(await rows(sql, betsTableSql(f))).total).toBe(0);
    expect((await rows(sql, 'SELECT count(*) AS n FROM bet_analytics'))[0]?.n).toBe(8n);
    expect(() => filterWhere({ from: "2024-01-01' OR 1=1 --" })).toThrow(RangeError);
  });

  it('dates-only panels read the precomputed days and agree with the windowed path', async () => {
    for (const f of [
      {},
      { from: '2024-04-07' },
      { to: '2024-04-08' },
      { from: '2024-04-08', to: '2024-04-10' },
    ] as BetFilter[]) {
      expect(parseHeadline(await rows(sql, headlineSql(f)))).toEqual(
        parseHeadline(await rows(sql, headlineSql(f, false))),
      );
      expect(parseSwings(await rows(sql, swingsSql(f)))).toEqual(
        parseSwings(await rows(sql, swingsSql(f, false))),
      );
      expect(parseLosingStreak(await rows(sql, losingStreakSql(f)))).toEqual(
        parseLosingStreak(await rows(sql, losingStreakSql(f, false))),
      );
      expect(parseExtremes(await rows(sql, extremesSql(f, 3)))).toEqual(
        parseExtremes(await rows(sql, extremesSql(f, 3, false))),
      );
      expect(parseClv(await rows(sql, clvSql(f)))).toEqual(parseClv(await rows(sql, clvSql(f, false))));
      expect(parseSeries(await rows(sql, seriesSql(f, 'day')))).toEqual(
        parseSeries(await rows(sql, seriesSql(f, 'day', 1500, false))),
      );
    }
  });
});
