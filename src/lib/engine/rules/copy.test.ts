import { describe, expect, it } from 'vitest';
import type { TradeFill, Trade } from '../model';
import {
  compareAccounts,
  compareGroup,
  copyTradesByAccount,
  matchTrades,
  pickReference,
  pnlDrift,
  weakestAccount,
  type CopyTrade,
} from './copy';

const T0 = Date.parse('2026-06-10T14:00:00Z');

let seq = 0;
function ct(account: string, offsetS: number, extra: Partial<CopyTrade> = {}): CopyTrade {
  seq++;
  return {
    key: `${account}:${seq}`,
    account,
    symbol: 'MNQM6',
    root: 'MNQ',
    direction: 'long',
    qty: 1,
    entryAt: T0 + offsetS * 1000,
    exitAt: T0 + offsetS * 1000 + 60_000,
    entryPrice: 29000,
    exitPrice: 29010,
    grossCents: 2000,
    netCents: 1900,
    ...extra,
  };
}

describe('matchTrades', () => {
  it('pairs by root, direction and entry time within the window', () => {
    const a = [ct('A', 0), ct('A', 100), ct('A', 200, { direction: 'short' }), ct('A', 300, { root: 'MES' })];
    const b = [ct('B', 2), ct('B', 107), ct('B', 200), ct('B', 301, { root: 'MES' })];
    const m = matchTrades(a, b, 5_000);
    // 0↔0 (2 s), 100 vs 107 is 7 s apart, 200 short vs 200 long differ in direction, MES 300↔301.
    expect(m.pairs).toEqual([
      [0, 0],
      [3, 3],
    ]);
    expect(m.unmatchedA).toEqual([1, 2]);
    expect(m.unmatchedB).toEqual([1, 2]);
  });

  it('a window of exactly the lag matches; one millisecond less does not', () => {
    const a = [ct('A', 0)];
    const b = [ct('B', 3)];
    expect(matchTrades(a, b, 3_000).pairs).toHaveLength(1);
    expect(matchTrades(a, b, 2_999).pairs).toHaveLength(0);
  });

  it('finds the most pairs when a greedy nearest-first choice would not', () => {
    // A at 0 and 4; B at 3 and 8 with a 4 s window: 0↔3 and 4↔8 (nearest-first would take 4↔3 and strand 0).
    const m = matchTrades([ct('A', 0), ct('A', 4)], [ct('B', 3), ct('B', 8)], 4_000);
    expect(m.pairs).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('rejects a negative window', () => {
    expect(() => matchTrades([], [], -1)).toThrow(RangeError);
  });
});

describe('compareAccounts', () => {
  it('reports a missed trade, an extra trade, a size mismatch and slippage', () => {
    const ref = [ct('R', 0), ct('R', 600), ct('R', 1200, { qty: 2, grossCents: 4000, netCents: 3800 })];
    const fol = [
      // 1 tick worse entry, same exit: $0.50 worse on 1 MNQ.
      ct('F', 1, { entryPrice: 29000.25, grossCents: 1950, netCents: 1850 }),
      // the 600 s trade is missed; this one is extra
      ct('F', 900, { direction: 'short', grossCents: -500, netCents: -600 }),
      // copied at 1 contract instead of 2: scaled reference P&L is 2000, the follower made 2000
      ct('F', 1200, { qty: 1, grossCents: 2000, netCents: 1900 }),
    ];
    const d = compareAccounts('R', ref, 'F', fol, { windowMs: 5_000 });
    expect(d.matched).toHaveLength(2);
    expect(d.missed.map((t) => t.entryAt)).toEqual([T0 + 600_000]);
    expect(d.extra.map((t) => t.direction)).toEqual(['short']);
    expect(d.sizeMismatches).toBe(1);
    expect(d.matched[0]).toMatchObject({
      entryLagMs: 1000,
      slippageCents: 50,
      entrySlipTicks: 1,
      exitSlipTicks: 0,
    });
    expect(d.matched[1]).toMatchObject({ qtyDiff: -1, slippageCents: 0 });
    expect(d.slippageCents).toBe(50);
    expect(d.maxLagMs).toBe(1000);
    // reference net 1900+1900+3800 = 7600; follower 1850-600+1900 = 3150
    expect(d.driftCents).toBe(3150 - 7600);
  });

  it('short trades: a higher exit is worse for the follower', () => {
    const ref = [ct('R', 0, { direction: 'short', entryPrice: 100, exitPrice: 90, root: 'ES' })];
    const fol = [ct('F', 0, { direction: 'short', entryPrice: 100, exitPrice: 90.5, root: 'ES' })];
    expect(compareAccounts('R', ref, 'F', fol).matched[0]?.exitSlipTicks).toBe(2);
  });

  it('unknown products have no tick slippage but still match', () => {
    const d = compareAccounts('R', [ct('R', 0, { root: 'ZZ' })], 'F', [ct('F', 0, { root: 'ZZ' })]);
    expect(d.matched[0]).toMatchObject({ entrySlipTicks: null, exitSlipTicks: null, slippageCents: 0 });
  });
});

describe('pnlDrift', () => {
  it('merges exits at the same instant into one point', () => {
    const r = [ct('R', 0)];
    const f = [ct('F', 0, { netCents: 1000 })];
    expect(pnlDrift(r, f)).toEqual([{ at: T0 + 60_000, driftCents: -900 }]);
  });
});

describe('groups and headroom', () => {
  const trades = new Map<string, CopyTrade[]>([
    ['A', [ct('A', 0)]],
    ['B', [ct('B', 0), ct('B', 10)]],
    ['C', [ct('C', 0), ct('C', 10)]],
  ]);

  it('the reference is the chosen member, else the one with most trades (ties by name)', () => {
    expect(pickReference(['A', 'B', 'C'], trades, 'C')).toBe('C');
    expect(pickReference(['A', 'B', 'C'], trades, 'Z')).toBe('B');
    expect(pickReference([], trades)).toBeNull();
  });

  it('compares every other member with the reference', () => {
    const g = compareGroup({ name: 'g', accounts: ['C', 'A', 'B'] }, trades);
    expect(g.reference).toBe('B');
    expect(g.followers.map((f) => [f.follower, f.matched.length, f.missed.length])).toEqual([
      ['A', 1, 1],
      ['C', 2, 0],
    ]);
  });

  it('the weakest account is a violated one, else the least distance; no money rule is strongest', () => {
    expect(
      weakestAccount([
        { account: 'A', status: 'safe', distanceCents: 200_000 },
        { account: 'B', status: 'caution', distanceCents: 90_000 },
        { account: 'C', status: 'safe', distanceCents: null },
      ])?.account,
    ).toBe('B');
    expect(
      weakestAccount([
        { account: 'A', status: 'critical', distanceCents: 100 },
        { account: 'B', status: 'violated', distanceCents: 90_000 },
      ])?.account,
    ).toBe('B');
    expect(weakestAccount([])).toBeNull();
  });
});

describe('copyTradesByAccount', () => {
  it('uses closed trades, else fills paired into round trips', () => {
    const trade: Trade = {
      key: 't1',
      venue: 'x',
      account: 'A',
      symbol: 'MNQM6',
      root: 'MNQ',
      direction: 'long',
      qty: 1,
      entryAt: '2026-06-10T14:00:00Z',
      exitAt: '2026-06-10T14:01:00Z',
      tz: 'UTC',
      entryPrice: 29000,
      exitPrice: 29010,
      grossCents: 2000,
      feesCents: 0,
      netCents: 2000,
      line: 1,
    };
    const fill = (key: string, at: string, side: 'buy' | 'sell', price: number): TradeFill => ({
      key,
      venue: 'x',
      account: 'B',
      at,
      tz: 'UTC',
      symbol: 'MNQM6',
      root: 'MNQ',
      side,
      qty: 1,
      price,
      commissionCents: 0,
      orderId: null,
      fillId: key,
      line: 1,
    });
    const m = copyTradesByAccount({
      trades: [trade],
      trade_fills: [
        fill('f1', '2026-06-10T14:00:01Z', 'buy', 29000),
        fill('f2', '2026-06-10T14:01:00Z', 'sell', 29009),
      ],
    });
    expect([...m.keys()]).toEqual(['A', 'B']);
    expect(m.get('B')?.[0]).toMatchObject({ direction: 'long', grossCents: 1800 });
    const d = compareAccounts('A', m.get('A') ?? [], 'B', m.get('B') ?? []);
    expect(d.matched[0]).toMatchObject({ slippageCents: 200, exitSlipTicks: 4 });
  });
});
