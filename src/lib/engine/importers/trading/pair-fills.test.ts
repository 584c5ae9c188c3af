import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Side, TradeFill } from '../../model';
import { pairFills, pairFillsDetailed } from './pair-fills';

let seq = 0;
function fill(
  side: Side,
  qty: number,
  price: number,
  commissionCents: number,
  extra: Partial<TradeFill> = {},
): TradeFill {
  seq++;
  return {
    key: `t:fill:${seq}`,
    venue: 't',
    account: 'A',
    at: `2026-06-10T14:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    tz: 'UTC',
    symbol: 'MNQZ6',
    root: 'MNQ',
    side,
    qty,
    price,
    commissionCents,
    orderId: null,
    fillId: String(seq),
    line: seq,
    ...extra,
  };
}

describe('pairFills', () => {
  it('pairs FIFO, splits partial fills, reverses, and spreads commissions by quantity', () => {
    seq = 0;
    const trades = pairFills([
      fill('buy', 3, 100, 150),
      fill('sell', 1, 101, 50),
      fill('sell', 4, 102, 200), // closes 2, opens a short of 2
      fill('buy', 2, 101.5, 100),
    ]);
    expect(
      trades.map((t) => [
        t.direction,
        t.qty,
        t.entryPrice,
        t.exitPrice,
        t.grossCents,
        t.feesCents,
        t.netCents,
      ]),
    ).toEqual([
      ['long', 1, 100, 101, 200, 100, 100],
      ['long', 2, 100, 102, 800, 200, 600],
      ['short', 2, 102, 101.5, 200, 200, 0],
    ]);
    expect(trades[0]?.key).toBe('t:pair:t:fill:1:t:fill:2');
  });

  it('splits an odd commission by largest remainder so the parts sum exactly', () => {
    seq = 0;
    const r = pairFillsDetailed([
      fill('buy', 3, 100, 100),
      fill('sell', 1, 100.25, 0),
      fill('sell', 1, 100.5, 0),
      fill('sell', 1, 100.75, 0),
    ]);
    expect(r.trades.map((t) => t.feesCents)).toEqual([34, 33, 33]);
    expect(r.open).toEqual([]);
  });

  it('keeps accounts and contracts apart, orders by time then fill id, and reports open lots', () => {
    seq = 0;
    const at = '2026-06-10T15:00:00.000Z';
    const r = pairFillsDetailed([
      fill('sell', 1, 20, 0, { at, fillId: '11' }),
      fill('buy', 1, 10, 0, { at, fillId: '10' }),
      fill('buy', 1, 5000, 0, { account: 'B', symbol: 'ESZ6', root: 'ES', at }),
      fill('buy', 2, 1, 7, { symbol: 'XYZZ6', root: 'XYZ', at }),
      fill('sell', 2, 2, 7, { symbol: 'XYZZ6', root: 'XYZ', at: '2026-06-10T15:01:00.000Z' }),
    ]);
    // id 10 filled before id 11 at the same time: a long from 10 to 20 → 10 points × $2
    expect(r.trades.map((t) => [t.account, t.direction, t.grossCents])).toEqual([['A', 'long', 2000]]);
    expect(r.open.map((o) => [o.account, o.symbol, o.side, o.qty])).toEqual([['B', 'ESZ6', 'buy', 1]]);
    expect(r.unknownRoots).toEqual(['XYZ']);
  });
});

describe('pairFills properties', () => {
  const fillsArb = fc.array(
    fc.record({
      side: fc.constantFrom<Side>('buy', 'sell'),
      qty: fc.integer({ min: 1, max: 7 }),
      ticks: fc.integer({ min: 0, max: 400 }),
      commissionCents: fc.integer({ min: 0, max: 999 }),
      account: fc.constantFrom('A', 'B'),
      symbol: fc.constantFrom('MNQZ6', 'ESZ6'),
    }),
    { maxLength: 40 },
  );

  it('conserves quantity and commission, and net = gross − fees', () => {
    fc.assert(
      fc.property(fillsArb, (specs) => {
        const fills = specs.map((s, i) =>
          fill(s.side, s.qty, 20000 + s.ticks * 0.25, s.commissionCents, {
            account: s.account,
            symbol: s.symbol,
            root: s.symbol.slice(0, -2),
            at: new Date(Date.UTC(2026, 5, 10, 14, 0, i)).toISOString(),
          }),
        );
        const r = pairFillsDetailed(fills);
        const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
        expect(sum(r.trades.map((t) => t.feesCents)) + sum(r.open.map((o) => o.commissionCents))).toBe(
          sum(fills.map((f) => f.commissionCents)),
        );
        expect(sum(r.trades.map((t) => 2 * t.qty)) + sum(r.open.map((o) => o.qty))).toBe(
          sum(fills.map((f) => f.qty)),
        );
        for (const t of r.trades) {
          expect(t.netCents).toBe(t.grossCents - t.feesCents);
          expect(Number.isInteger(t.grossCents)).toBe(true);
        }
        const sides = new Map<string, Set<Side>>();
        for (const o of r.open)
          sides.set(
            `${o.account}|${o.symbol}`,
            (sides.get(`${o.account}|${o.symbol}`) ?? new Set()).add(o.side),
          );
        for (const s of sides.values()) expect(s.size).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});
