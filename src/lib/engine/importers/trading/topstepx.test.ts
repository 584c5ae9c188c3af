import { describe, expect, it } from 'vitest';
import topstepCsv from './__fixtures__/topstepx_trades.csv?raw';
import { importText } from './test-helpers';

describe('TopstepX trades', () => {
  it('reads the sample: per-row offset, gross PnL, fees and commissions', () => {
    const f = importText(topstepCsv, 'trades.csv', { zone: 'America/Chicago' });
    expect(f.format).toBe('topstepx-trades');
    expect(f.batch.trades).toEqual([
      {
        key: 'topstepx:trade:default:2815118967',
        venue: 'topstepx',
        account: 'default',
        symbol: 'MNQU6',
        root: 'MNQ',
        direction: 'short',
        qty: 3,
        entryAt: '2026-07-02T14:10:08.000Z',
        exitAt: '2026-07-02T14:10:48.000Z',
        tz: 'America/Chicago',
        entryPrice: 30182.5,
        exitPrice: 30148.75,
        // (30182.50 − 30148.75) × 3 × $2 = $202.50; fees $2.22 + commissions $1.50
        grossCents: 20250,
        feesCents: 372,
        netCents: 19878,
        line: 2,
      },
    ]);
  });

  it('reads the older 11-column variant with a BOM and ProjectX contract ids', () => {
    const f = importText(
      [
        '\uFEFFId,ContractName,EnteredAt,ExitedAt,EntryPrice,ExitPrice,Fees,PnL,Size,Type,TradeDay',
        '37199170,NQM4,05/07/2024 13:33:37 +00:00,05/07/2024 13:34:07 +00:00,18228.250000000,18223.750000000,1.4000,90.000000000,1,Short,05/07/2024 05:00:00 +00:00',
        '37199171,CON.F.US.MES.U25,2025-08-01T14:00:00Z,2025-08-01T14:05:00Z,6400.25,6398.00,$0.74,"($11.25)",1,Long,2025-08-01T00:00:00Z',
      ].join('\n'),
      'old.csv',
      { account: 'TSX1' },
    );
    expect(f.rejects).toEqual([]);
    expect(
      f.batch.trades?.map((t) => [t.key, t.root, t.direction, t.grossCents, t.feesCents, t.netCents]),
    ).toEqual([
      ['topstepx:trade:TSX1:37199170', 'NQ', 'short', 9000, 140, 8860],
      ['topstepx:trade:TSX1:37199171', 'MES', 'long', -1125, 74, -1199],
    ]);
  });

  it('rejects a row whose Type is neither Long nor Short', () => {
    const header = topstepCsv.split('\n')[0] ?? '';
    const f = importText(
      `${header}\n1,MNQU6,07/02/2026 10:10:08 -04:00,07/02/2026 10:10:48 -04:00,1,2,0,2,1,Flat,x,y,0\n`,
      'bad.csv',
    );
    expect(f.rejects.map((r) => [r.line, r.column, r.code])).toEqual([[2, 'Type', 'bad-row']]);
  });
});
