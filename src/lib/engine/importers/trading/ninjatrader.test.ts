import { describe, expect, it } from 'vitest';
import executionsCsv from './__fixtures__/ninjatrader_executions.csv?raw';
import tradesFrCsv from './__fixtures__/ninjatrader_trades_fr.csv?raw';
import tradesCsv from './__fixtures__/ninjatrader_trades.csv?raw';
import { pairFillsDetailed } from './pair-fills';
import { importText } from './test-helpers';

describe('NinjaTrader Trades', () => {
  it('reads the en-US sample: Profit is gross here, commission deducted', () => {
    const f = importText(tradesCsv, 'trades.csv');
    expect(f.format).toBe('ninjatrader-trades');
    expect(f.dateOrder).toEqual({ order: 'mdy', decidedBy: 'file' });
    const trades = f.batch.trades ?? [];
    expect(
      trades.map((t) => [t.direction, t.qty, t.entryAt, t.exitAt, t.grossCents, t.feesCents, t.netCents]),
    ).toEqual([
      ['short', 3, '2026-09-22T13:35:12.000Z', '2026-09-22T13:41:00.000Z', 6000, 216, 5784],
      ['long', 1, '2026-09-22T17:00:00.000Z', '2026-09-22T17:05:00.000Z', -2000, 72, -2072],
    ]);
    // the export's own "Cum. net profit" column ends at $37.12
    expect(trades.reduce((s, t) => s + t.netCents, 0)).toBe(3712);
    expect(trades[0]).toMatchObject({
      account: 'Sim101',
      symbol: 'MNQ 12-26',
      root: 'MNQ',
      venue: 'ninjatrader',
    });
    expect(trades[0]?.key).toBe(
      'ninjatrader:trade:Sim101:MNQ 12-26:2026-09-22T13:35:12.000Z:2026-09-22T13:41:00.000Z:short:3:20010:20000:Sell:Buy',
    );
  });

  it('reads fr-FR headers and amounts; a net Profit is recognised from the prices', () => {
    const f = importText(tradesFrCsv, 'trades_fr.csv', { zone: 'Europe/Paris' });
    expect(f.format).toBe('ninjatrader-trades');
    expect(f.dateOrder).toEqual({ order: 'dmy', decidedBy: 'file' });
    expect(f.rejects).toEqual([]);
    expect(
      f.batch.trades?.map((t) => [
        t.root,
        t.direction,
        t.qty,
        t.entryPrice,
        t.exitPrice,
        t.grossCents,
        t.feesCents,
        t.netCents,
      ]),
    ).toEqual([
      ['MNQ', 'short', 3, 20010.5, 20000.25, 6150, 216, 5934],
      ['NQ', 'long', 2, 19990, 19980.25, -39000, 430, -39430],
      ['ES', 'long', 1, 5000, 5025, 125000, 258, 124742],
    ]);
    expect(f.batch.trades?.[0]).toMatchObject({ entryAt: '2026-09-22T07:35:12.000Z', account: 'Sim101' });
  });

  it('adds the newer fee columns and tolerates a trailing comma', () => {
    const f = importText(
      [
        'Trade number,Instrument,Account,Strategy,Market pos.,Quantity,Entry price,Exit price,Entry time,Exit time,Entry name,Exit name,Profit,Cum. net profit,Commission,Clearing Fee,Exchange Fee,IP Fee,NFA Fee,MAE,MFE,ETD,Bars,',
        '1,MES 12-26,55762686021,,Long,1,6000.00,5997.00,16/06/2026 09:45:59,16/06/2026 09:50:00,Buy,Sell,-$18.98,-$18.98,$3.98,$0.10,$0.20,$0.00,$0.02,$0,$0,$0,1,',
      ].join('\n'),
      'gb.csv',
      { zone: 'Europe/London' },
    );
    // computed gross −$15.00; Profit −$18.98 = gross − commission, so it is net
    expect(f.batch.trades?.[0]).toMatchObject({ grossCents: -1500, feesCents: 430, netCents: -1930 });
  });
});

describe('NinjaTrader Executions', () => {
  it('reads the sample as fills and pairs the partial exit', () => {
    const f = importText(executionsCsv, 'executions.csv');
    expect(f.format).toBe('ninjatrader-executions');
    const fills = f.batch.trade_fills ?? [];
    expect(fills.map((x) => [x.key, x.side, x.qty, x.price, x.at, x.orderId, x.commissionCents])).toEqual([
      [
        'ninjatrader:exec:Sim101:151d7340c82841a9b245c942fb975c37',
        'buy',
        4,
        22089.25,
        '2025-06-17T01:08:00.000Z',
        '24901',
        0,
      ],
      [
        'ninjatrader:exec:Sim101:338c5687ca07414397c6818e045c5123',
        'sell',
        1,
        22092,
        '2025-06-17T01:09:00.000Z',
        '24903',
        0,
      ],
    ]);
    const paired = pairFillsDetailed(fills);
    // (22092 − 22089.25) × 1 × $2 = $5.50; 3 contracts stay open
    expect(paired.trades.map((t) => [t.direction, t.qty, t.grossCents])).toEqual([['long', 1, 550]]);
    expect(paired.open.map((o) => [o.side, o.qty])).toEqual([['buy', 3]]);
  });
});
