import { describe, expect, it } from 'vitest';
import cashCsv from '../importers/trading/__fixtures__/tradovate_cash_history.csv?raw';
import ordersCsv from '../importers/trading/__fixtures__/tradovate_orders.csv?raw';
import perfCsv from '../importers/trading/__fixtures__/tradovate_performance.csv?raw';
import { importText } from '../importers/trading/test-helpers';
import type { AccountCash, FactBatch } from '../model';
import { PASTE_IMPORTERS } from '../importers/trading/paste';
import { accountStreams } from './events';

const ms = (s: string): number => Date.parse(s);

describe('accountStreams', () => {
  it('takes money from Cash History, leaving out the funding deposit', () => {
    const [s] = accountStreams(importText(cashCsv, 'cash.csv').batch);
    expect(s?.account).toBe('FTDFYSLX50969754357');
    expect(s?.source).toBe('cash-history');
    expect(s?.events).toEqual([
      { type: 'fee', at: ms('2026-09-15T12:54:45Z'), amountCents: -276 },
      { type: 'fee', at: ms('2026-09-15T12:54:45Z'), amountCents: -258 },
      { type: 'trade', at: ms('2026-09-15T15:08:05Z'), netCents: 540_000 },
      { type: 'trade', at: ms('2026-09-16T16:43:42Z'), netCents: 14_500 },
    ]);
    expect(s?.limitations).toEqual([
      'Deposits before the first trade are taken as the account’s funding: the start balance stands for them.',
    ]);
  });

  it('uses closed trades and says when they carry no commissions', () => {
    const [s] = accountStreams(importText(perfCsv, 'perf.csv', { account: 'A1' }).batch);
    expect(s?.source).toBe('trades');
    expect(s?.events).toEqual([
      {
        type: 'trade',
        at: ms('2026-06-10T20:00:29Z'),
        netCents: -40_000,
        openedAt: ms('2026-06-10T20:00:05Z'),
        root: 'MNQ',
        qty: 5,
      },
      {
        type: 'trade',
        at: ms('2026-06-12T13:57:07Z'),
        netCents: 120_000,
        openedAt: ms('2026-06-12T13:45:49Z'),
        root: 'MNQ',
        qty: 5,
      },
    ]);
    expect(s?.limitations).toEqual([
      'The trades carry no commissions or fees (P&L is gross), so the real balance is lower.',
    ]);
  });

  it('adds ledger commissions to gross trades, and later deposits and payouts as cash', () => {
    const trades = importText(perfCsv, 'perf.csv', { account: 'A1' }).batch.trades ?? [];
    const cash = (kind: AccountCash['kind'], at: string, amountCents: number): AccountCash => ({
      key: `c:${at}`,
      venue: 'tradovate',
      account: 'A1',
      at,
      tz: 'UTC',
      kind,
      amountCents,
      balanceCents: null,
      symbol: null,
      description: kind,
      line: 1,
    });
    const batch: FactBatch = {
      trades,
      account_cash: [
        cash('commission', '2026-06-10T20:00:29.000Z', -370),
        cash('deposit', '2026-06-11T12:00:00.000Z', 1_000),
        cash('payout', '2026-06-13T12:00:00.000Z', -50_000),
      ],
    };
    const [s] = accountStreams(batch);
    expect(
      s?.events.map((e) => [e.type, 'netCents' in e ? e.netCents : 'amountCents' in e ? e.amountCents : 0]),
    ).toEqual([
      ['trade', -40_000],
      ['fee', -370],
      ['cash', 1_000],
      ['trade', 120_000],
      ['cash', -50_000],
    ]);
    expect(s?.limitations).toEqual([]);
  });

  it('pairs fills when there are no trades, and keeps the fills for positions', () => {
    const [s] = accountStreams(importText(ordersCsv, 'orders.csv').batch);
    expect(s?.source).toBe('paired-fills');
    expect(
      s?.events.map((e) => [
        e.type,
        e.at,
        e.type === 'fill' ? e.qtyChange : e.type === 'trade' ? e.netCents : 0,
      ]),
    ).toEqual([
      ['fill', ms('2026-06-10T20:00:05Z'), 5],
      ['fill', ms('2026-06-10T20:00:29Z'), -5],
      ['trade', ms('2026-06-10T20:00:29Z'), -40_000],
      ['fill', ms('2026-06-12T13:45:49Z'), 5],
      ['fill', ms('2026-06-12T13:57:07Z'), -5],
      ['trade', ms('2026-06-12T13:57:07Z'), 120_000],
    ]);
  });

  it('adds pasted fills (live entry) to an account whose money comes from exported trades', () => {
    const trades = importText(perfCsv, 'perf.csv', { account: 'A1' }).batch.trades ?? [];
    const pasted = importText(
      'time,symbol,side,qty,price,commission\n2026-06-15 10:00:00,MNQM6,buy,2,29000,0.74\n2026-06-15 10:05:00,MNQM6,sell,2,28990,0.74\n2026-06-15 11:00:00,MNQM6,buy,1,29000,0.37',
      'paste.csv',
      { account: 'A1' },
      PASTE_IMPORTERS,
    ).batch.trade_fills;
    const [s] = accountStreams({ trades, trade_fills: pasted ?? [] });
    expect(s?.source).toBe('trades');
    const money = s?.events.filter((e) => e.type === 'trade' || e.type === 'fee');
    // −10 points × $2 × 2 = −$40 less $1.48 commission; the open lot's $0.37 commission is a fee.
    expect(
      money?.slice(2).map((e) => (e.type === 'trade' ? e.netCents : e.type === 'fee' ? e.amountCents : 0)),
    ).toEqual([-4_148, -37]);
    expect(s?.limitations).toContain(
      'Pasted fills are added to the exported trades; undo the paste after importing an export that covers them.',
    );
  });
});
