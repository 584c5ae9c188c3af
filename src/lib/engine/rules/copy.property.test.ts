import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAccounts, matchTrades, type CopyTrade } from './copy';

const T0 = Date.parse('2026-06-10T14:00:00Z');

/** Small worlds so collisions in root, direction and time are common. */
const tradeArb = (account: string) =>
  fc
    .record({
      root: fc.constantFrom('MNQ', 'ES'),
      direction: fc.constantFrom<'long' | 'short'>('long', 'short'),
      qty: fc.integer({ min: 1, max: 3 }),
      entryS: fc.integer({ min: 0, max: 120 }),
      holdS: fc.integer({ min: 1, max: 600 }),
      entryTicks: fc.integer({ min: -8, max: 8 }),
      moveTicks: fc.integer({ min: -40, max: 40 }),
      feesCents: fc.integer({ min: 0, max: 300 }),
      id: fc.nat(1_000_000),
    })
    .map((r): CopyTrade => {
      const entryPrice = 29000 + r.entryTicks * 0.25;
      const exitPrice = entryPrice + r.moveTicks * 0.25;
      const sign = r.direction === 'long' ? 1 : -1;
      const grossCents = sign * r.moveTicks * 50 * r.qty;
      return {
        key: `${account}:${r.id}`,
        account,
        symbol: `${r.root}M6`,
        root: r.root,
        direction: r.direction,
        qty: r.qty,
        entryAt: T0 + r.entryS * 1000,
        exitAt: T0 + (r.entryS + r.holdS) * 1000,
        entryPrice,
        exitPrice,
        grossCents,
        netCents: grossCents - r.feesCents,
      };
    });

const tradesArb = (account: string) =>
  fc.uniqueArray(tradeArb(account), { maxLength: 12, selector: (t) => t.key });
const windowArb = fc.integer({ min: 0, max: 20_000 });

/** Maximum bipartite matching by augmenting paths: the optimum greedy matching must reach. */
function maxMatching(a: readonly CopyTrade[], b: readonly CopyTrade[], w: number): number {
  const ok = (i: number, j: number): boolean => {
    const x = a[i] as CopyTrade;
    const y = b[j] as CopyTrade;
    return x.root === y.root && x.direction === y.direction && Math.abs(x.entryAt - y.entryAt) <= w;
  };
  const owner: number[] = b.map(() => -1);
  const tryA = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (!ok(i, j) || seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryA(owner[j] as number, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  let n = 0;
  for (let i = 0; i < a.length; i++)
    if (
      tryA(
        i,
        b.map(() => false),
      )
    )
      n++;
  return n;
}

describe('copy comparison properties', () => {
  it('an account compared with itself has zero divergence', () => {
    fc.assert(
      fc.property(tradesArb('A'), windowArb, (a, w) => {
        const d = compareAccounts('A', a, 'A', a, { windowMs: w });
        expect(d.matched).toHaveLength(a.length);
        expect(d.missed).toEqual([]);
        expect(d.extra).toEqual([]);
        expect(d.sizeMismatches).toBe(0);
        expect(d.slippageCents).toBe(0);
        expect(d.driftCents).toBe(0);
        expect(d.drift.every((p) => p.driftCents === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('matching is symmetric: the same pairs either way, missed one way = extra the other', () => {
    fc.assert(
      fc.property(tradesArb('A'), tradesArb('B'), windowArb, (a, b, w) => {
        const ab = compareAccounts('A', a, 'B', b, { windowMs: w });
        const ba = compareAccounts('B', b, 'A', a, { windowMs: w });
        expect(ab.matched.length).toBe(ba.matched.length);
        expect(ab.missed.map((t) => t.key).sort()).toEqual(ba.extra.map((t) => t.key).sort());
        expect(ab.extra.map((t) => t.key).sort()).toEqual(ba.missed.map((t) => t.key).sort());
        expect(ab.driftCents + ba.driftCents).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('every trade is matched once or unmatched; pairs agree on product, side and window; the count is maximal', () => {
    fc.assert(
      fc.property(tradesArb('A'), tradesArb('B'), windowArb, (a, b, w) => {
        const m = matchTrades(a, b, w);
        expect(m.pairs.length + m.unmatchedA.length).toBe(a.length);
        expect(m.pairs.length + m.unmatchedB.length).toBe(b.length);
        expect(new Set(m.pairs.map((p) => p[1])).size).toBe(m.pairs.length);
        for (const [i, j] of m.pairs) {
          const x = a[i] as CopyTrade;
          const y = b[j] as CopyTrade;
          expect(x.root).toBe(y.root);
          expect(x.direction).toBe(y.direction);
          expect(Math.abs(x.entryAt - y.entryAt)).toBeLessThanOrEqual(w);
        }
        expect(m.pairs.length).toBe(maxMatching(a, b, w));
      }),
      { numRuns: 300 },
    );
  });

  it('the order trades arrive in does not change the result', () => {
    fc.assert(
      fc.property(tradesArb('A'), tradesArb('B'), windowArb, (a, b, w) => {
        const x = compareAccounts('A', a, 'B', b, { windowMs: w });
        const y = compareAccounts('A', [...a].reverse(), 'B', [...b].reverse(), { windowMs: w });
        const pairs = (d: typeof x) => d.matched.map((p) => `${p.reference.key}|${p.follower.key}`).sort();
        expect(pairs(y)).toEqual(pairs(x));
        expect(y.slippageCents).toBe(x.slippageCents);
        expect(y.driftCents).toBe(x.driftCents);
      }),
      { numRuns: 200 },
    );
  });
});
