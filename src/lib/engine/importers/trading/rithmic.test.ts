import { describe, expect, it } from 'vitest';
import rithmicCsv from './__fixtures__/rithmic_orders.csv?raw';
import { pairFills } from './pair-fills';
import { importText } from './test-helpers';

describe('Rithmic order history', () => {
  it('finds the table after the preamble and reads filled orders only', () => {
    const f = importText(rithmicCsv, 'orders.csv', { zone: 'America/Chicago' });
    expect(f.format).toBe('rithmic-orders');
    expect(f.rowCount).toBe(4);
    expect(f.rejects).toEqual([]);
    expect(f.batch.trade_fills).toEqual([
      {
        key: 'rithmic:order:APEX-123-45:1001',
        venue: 'rithmic',
        account: 'APEX-123-45',
        at: '2024-11-04T15:31:02.000Z',
        tz: 'America/Chicago',
        symbol: 'MNQZ4',
        root: 'MNQ',
        side: 'buy',
        qty: 2,
        price: 20510.25,
        commissionCents: 104,
        orderId: '1001',
        fillId: null,
        line: 5,
      },
      {
        key: 'rithmic:order:APEX-123-45:1002',
        venue: 'rithmic',
        account: 'APEX-123-45',
        at: '2024-11-04T15:45:10.000Z',
        tz: 'America/Chicago',
        symbol: 'MNQZ4',
        root: 'MNQ',
        side: 'sell',
        qty: 2,
        price: 20520,
        commissionCents: 104,
        orderId: '1002',
        fillId: null,
        line: 6,
      },
    ]);
    // (20520.00 − 20510.25) × 2 × $2 = $39.00, matching the file's Closed Profit/Loss
    expect(pairFills(f.batch.trade_fills ?? [])).toMatchObject([
      { grossCents: 3900, feesCents: 208, netCents: 3692 },
    ]);
  });

  it('reads UTC update times when the header says so', () => {
    const f = importText(
      [
        'Account,Status,Buy/Sell,Symbol,Order Number,Update Time (UTC),Qty Filled,Commission Fill Rate,Avg Fill Price',
        "A,Filled,S,ZBZ4,7,2024-11-04 14:00:00,1,1.25,112'16",
      ].join('\n'),
      'utc.csv',
      { zone: 'America/Chicago' },
    );
    expect(f.batch.trade_fills?.[0]).toMatchObject({
      at: '2024-11-04T14:00:00.000Z',
      price: 112.5,
      commissionCents: 125,
    });
  });
});
