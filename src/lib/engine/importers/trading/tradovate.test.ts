import { describe, expect, it } from 'vitest';
import cashCsv from './__fixtures__/tradovate_cash_history.csv?raw';
import fillsCsv from './__fixtures__/tradovate_fills_synthetic.csv?raw';
import ordersCsv from './__fixtures__/tradovate_orders.csv?raw';
import perfCsv from './__fixtures__/tradovate_performance.csv?raw';
import positionsCsv from './__fixtures__/tradovate_position_history.csv?raw';
import { pairFills } from './pair-fills';
import { importText } from './test-helpers';
import { cashKind } from './tradovate';

describe('Tradovate Performance', () => {
  it('reads the sample: the -400.00 and +1,200.00 rows, gross, long, default account', () => {
    const f = importText(perfCsv, 'Performance.csv');
    expect(f.format).toBe('tradovate-performance');
    expect(f.rowCount).toBe(2);
    expect(f.rejects).toEqual([]);
    expect(f.batch.trades).toEqual([
      {
        key: 'tradovate:trade:default:537862110007:537862110018',
        venue: 'tradovate',
        account: 'default',
        symbol: 'MNQM6',
        root: 'MNQ',
        direction: 'long',
        qty: 5,
        entryAt: '2026-06-10T20:00:05.000Z',
        exitAt: '2026-06-10T20:00:29.000Z',
        tz: 'America/New_York',
        entryPrice: 28531.75,
        exitPrice: 28491.75,
        grossCents: -40000,
        feesCents: 0,
        netCents: -40000,
        line: 2,
      },
      {
        key: 'tradovate:trade:default:537862110155:537862110184',
        venue: 'tradovate',
        account: 'default',
        symbol: 'MNQM6',
        root: 'MNQ',
        direction: 'long',
        qty: 5,
        entryAt: '2026-06-12T13:45:49.000Z',
        exitAt: '2026-06-12T13:57:07.000Z',
        tz: 'America/New_York',
        entryPrice: 29262,
        exitPrice: 29382,
        grossCents: 120000,
        feesCents: 0,
        netCents: 120000,
        line: 3,
      },
    ]);
  });

  it('uses the chosen account in keys', () => {
    const f = importText(perfCsv, 'Performance.csv', { account: 'APEX1' });
    expect(f.batch.trades?.map((t) => t.key)).toEqual([
      'tradovate:trade:APEX1:537862110007:537862110018',
      'tradovate:trade:APEX1:537862110155:537862110184',
    ]);
  });

  it('reads a sell before its buy as a short, and equal times by fill-id order', () => {
    const header = perfCsv.split('\n')[0] ?? '';
    const f = importText(
      [
        header,
        'NQM6,-2,0,0.25,900,800,2,20000.00,20010.00,$400.00,06/10/2026 10:05:00,06/10/2026 10:00:00,5min',
        'NQM6,-2,0,0.25,901,950,1,20000.00,20001.00,$20.00,06/10/2026 11:00:00,06/10/2026 11:00:00,0sec',
        'NQM6,-2,0,0.25,999,960,1,20000.00,20001.00,$20.00,06/10/2026 11:00:00,06/10/2026 11:00:00,0sec',
      ].join('\n'),
      'p.csv',
    );
    expect(f.batch.trades?.map((t) => [t.direction, t.entryPrice, t.exitPrice, t.entryAt])).toEqual([
      ['short', 20010, 20000, '2026-06-10T14:00:00.000Z'],
      ['long', 20000, 20001, '2026-06-10T15:00:00.000Z'],
      ['short', 20001, 20000, '2026-06-10T15:00:00.000Z'],
    ]);
  });

  it('rejects a row with a bad amount and keeps the others', () => {
    const header = perfCsv.split('\n')[0] ?? '';
    const f = importText(
      [
        header,
        'MNQM6,-2,0,0.25,1,2,5,1.00,2.00,abc,06/10/2026 16:00:05,06/10/2026 16:00:29,24sec',
        'MNQM6,-2,0,0.25,3,4,5,1.00,2.00,$10.00,06/10/2026 16:00:05,06/10/2026 16:00:29,24sec',
      ].join('\n'),
      'p.csv',
    );
    expect(f.batch.trades).toHaveLength(1);
    expect(f.rejects.map((r) => [r.line, r.column, r.code])).toEqual([[2, 'pnl', 'bad-amount']]);
  });
});

describe('Tradovate Position History', () => {
  it('reads paired fills with the account, P/L and direction', () => {
    const f = importText(positionsCsv, 'Position History.csv');
    expect(f.format).toBe('tradovate-position-history');
    const trades = f.batch.trades ?? [];
    expect(trades.map((t) => [t.direction, t.qty, t.entryPrice, t.exitPrice, t.grossCents])).toEqual([
      ['long', 5, 25073.25, 25072, -1250],
      ['long', 1, 25060.75, 25048.5, -2450],
      ['long', 2, 25053.75, 25044, -3900],
      ['short', 2, 25051, 25064, -5200],
      ['short', 5, 25073.75, 25082.75, -9000],
    ]);
    expect(trades[0]?.key).toBe('tradovate:trade:APEX4977960000002:465747740203:465747740221');
    expect(trades[3]).toMatchObject({
      entryAt: '2026-04-09T19:36:31.000Z',
      exitAt: '2026-04-09T19:37:06.000Z',
    });
    expect(trades.reduce((s, t) => s + t.netCents, 0)).toBe(-21800);
  });
});

describe('Tradovate Orders', () => {
  it('reads the 4 filled orders at their average price and skips the 3 cancelled', () => {
    const f = importText(ordersCsv, 'Orders.csv');
    expect(f.format).toBe('tradovate-orders');
    expect(f.rowCount).toBe(7);
    expect(f.rejects).toEqual([]);
    const fills = f.batch.trade_fills ?? [];
    expect(fills.map((x) => [x.orderId, x.side, x.qty, x.price, x.at])).toEqual([
      ['537862110004', 'buy', 5, 28531.75, '2026-06-10T20:00:05.000Z'],
      ['537862110015', 'sell', 5, 28491.75, '2026-06-10T20:00:29.000Z'],
      ['537862110114', 'buy', 5, 29262, '2026-06-12T13:45:49.000Z'],
      ['537862110117', 'sell', 5, 29382, '2026-06-12T13:57:07.000Z'],
    ]);
    expect(fills[0]).toMatchObject({
      key: 'tradovate:order:ACCT0000000000000:537862110004',
      account: 'ACCT0000000000000',
      root: 'MNQ',
      commissionCents: 0,
    });
  });

  it('pairs into the same round trips the Performance report shows', () => {
    const trades = pairFills(importText(ordersCsv, 'Orders.csv').batch.trade_fills ?? []);
    expect(trades.map((t) => [t.direction, t.qty, t.grossCents, t.entryAt, t.exitAt])).toEqual([
      ['long', 5, -40000, '2026-06-10T20:00:05.000Z', '2026-06-10T20:00:29.000Z'],
      ['long', 5, 120000, '2026-06-12T13:45:49.000Z', '2026-06-12T13:57:07.000Z'],
    ]);
  });
});

describe('Tradovate Fills', () => {
  it('reads UTC times, sides and commissions', () => {
    const f = importText(fillsCsv, 'Fills.csv');
    expect(f.format).toBe('tradovate-fills');
    expect(f.batch.trade_fills).toEqual([
      {
        key: 'tradovate:fill:DEMO:540725260010',
        venue: 'tradovate',
        account: 'DEMO',
        at: '2026-06-14T23:03:54.732Z',
        tz: 'America/New_York',
        symbol: 'ESM6',
        root: 'ES',
        side: 'buy',
        qty: 1,
        price: 7494.25,
        commissionCents: 129,
        orderId: '540725260007',
        fillId: '540725260010',
        line: 2,
      },
      {
        key: 'tradovate:fill:DEMO:540725260021',
        venue: 'tradovate',
        account: 'DEMO',
        at: '2026-06-14T23:04:19.743Z',
        tz: 'America/New_York',
        symbol: 'ESM6',
        root: 'ES',
        side: 'sell',
        qty: 1,
        price: 7494.75,
        commissionCents: 129,
        orderId: '540725260018',
        fillId: '540725260021',
        line: 3,
      },
    ]);
    const [trade] = pairFills(f.batch.trade_fills ?? []);
    // +0.50 point on one ES = $25.00; two $1.29 commissions
    expect(trade).toMatchObject({ grossCents: 2500, feesCents: 258, netCents: 2242, direction: 'long' });
  });
});

describe('Tradovate Cash History', () => {
  it('reads the ledger: deposit, fee, commission and trade P&L with running balances', () => {
    const f = importText(cashCsv, 'Cash History.csv');
    expect(f.format).toBe('tradovate-cash-history');
    const rows = f.batch.account_cash ?? [];
    expect(rows.map((r) => [r.kind, r.amountCents, r.balanceCents, r.at, r.symbol])).toEqual([
      ['deposit', 5_000_000, 5_000_000, '2026-09-15T11:46:55.000Z', null],
      ['fee', -276, 4_999_724, '2026-09-15T12:54:45.000Z', 'NQU6'],
      ['commission', -258, 4_999_424, '2026-09-15T12:54:45.000Z', 'NQU6'],
      ['pnl', 540_000, 5_538_848, '2026-09-15T15:08:05.000Z', 'NQU6'],
      ['pnl', 14_500, 5_552_968, '2026-09-16T16:43:42.000Z', 'MNQU6'],
    ]);
    expect(rows[0]).toMatchObject({
      key: 'tradovate:cash:FTDFYSLX50969754357:660575010003',
      account: 'FTDFYSLX50969754357',
      description: 'Fund Transaction',
    });
  });

  it('maps cash change types, with the sign deciding fund transactions', () => {
    expect(cashKind(' Fund Transaction', -100)).toBe('withdrawal');
    expect(cashKind('FundTransaction', 100)).toBe('deposit');
    expect(cashKind(' Nfa Fee', -2)).toBe('fee');
    expect(cashKind(' Clearing Fee', -2)).toBe('fee');
    expect(cashKind('Challenge Payout', -50_000)).toBe('payout');
    expect(cashKind('ManualAdjustment', 10)).toBe('adjustment');
    expect(cashKind(' Trade Paired', -10)).toBe('pnl');
  });

  it('takes the year from Date when Timestamp has none', () => {
    const f = importText(
      [
        'Account,Transaction ID,Timestamp,Date,Delta,Amount,Cash Change Type,Currency,Contract',
        'A1,1,07/15 18:27,2026-07-15,-1.04,"49,998.96", Commission,USD,MNQZ6',
      ].join('\n'),
      'c.csv',
    );
    expect(f.batch.account_cash?.[0]).toMatchObject({ at: '2026-07-15T22:27:00.000Z', amountCents: -104 });
  });
});
