import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betsInOrder, daysFromBets, foldStreak, foldSwings } from './days';

/** Bets in settlement order: a day number (non-decreasing) and a net in cents each. */
const betsArb = fc
  .array(fc.record({ gap: fc.constantFrom(0, 0, 0, 1, 2), net: fc.integer({ min: -500, max: 500 }) }), {
    maxLength: 60,
  })
  .map((xs) => {
    let day = 19800;
    return xs.map((x) => ({ day: (day += x.gap), net: x.net % 3 === 0 ? 0 : x.net }));
  });

const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** Brute force: every pair of points on the curve (starting at 0), and a scan for losing runs. */
function brute(bets: { day: number; net: number }[]) {
  const pts = [{ level: 0, day: bets[0]?.day ?? 0 }];
  for (const b of bets) pts.push({ level: (pts[pts.length - 1]?.level ?? 0) + b.net, day: b.day });
  let dd = 0;
  let ru = 0;
  for (let j = 1; j < pts.length; j++) {
    for (let i = 0; i < j; i++) {
      dd = Math.max(dd, (pts[i]?.level ?? 0) - (pts[j]?.level ?? 0));
      ru = Math.max(ru, (pts[j]?.level ?? 0) - (pts[i]?.level ?? 0));
    }
  }
  let best = { bets: 0, netCents: 0, startDay: null as string | null, endDay: null as string | null };
  let run = { ...best };
  for (const b of bets) {
    run =
      b.net < 0
        ? {
            bets: run.bets + 1,
            netCents: run.netCents + b.net,
            startDay: run.startDay ?? iso(b.day),
            endDay: iso(b.day),
          }
        : { bets: 0, netCents: 0, startDay: null, endDay: null };
    if (run.bets > 0 && run.bets >= best.bets) best = { ...run };
  }
  return { pts, dd, ru, best };
}

describe('folding day rows', () => {
  it('gives the bet-level drawdown, run-up and longest losing streak', () => {
    fc.assert(
      fc.property(betsArb, (bets) => {
        const days = daysFromBets(
          bets.map((b) => b.day),
          bets.map((b) => b.net),
        );
        const b = brute(bets);
        const s = foldSwings(days);
        expect(s.drawdown.amountCents).toBe(b.dd);
        expect(s.runUp.amountCents).toBe(b.ru);
        // The dates name points whose levels differ by the amount.
        if (b.dd > 0) {
          const at = (day: string | null) => b.pts.filter((p) => iso(p.day) === day).map((p) => p.level);
          const peaks = at(s.drawdown.startDay);
          const troughs = at(s.drawdown.endDay);
          expect(peaks.some((p) => troughs.some((t) => p - t === b.dd))).toBe(true);
        }
        expect(foldStreak(days)).toEqual(b.best);
      }),
      { numRuns: 2000 },
    );
  });

  it('builds day rows by hand', () => {
    // Day 1: +100, -300, -50, +20, -10; day 2: -40, -60.
    const days = daysFromBets([1, 1, 1, 1, 1, 2, 2], [100, -300, -50, 20, -10, -40, -60]);
    expect(days).toEqual([
      {
        day: '1970-01-02',
        bets: 5,
        net: -240,
        hiIn: 100,
        loIn: -250,
        ddIn: 350,
        ruIn: 20,
        leadN: 0,
        leadNet: 0,
        trailN: 1,
        trailNet: -10,
        bestN: 2,
        bestNet: -350,
      },
      {
        day: '1970-01-03',
        bets: 2,
        net: -100,
        hiIn: -40,
        loIn: -100,
        ddIn: 60,
        ruIn: 0,
        leadN: 2,
        leadNet: -100,
        trailN: 2,
        trailNet: -100,
        bestN: 2,
        bestNet: -100,
      },
    ]);
    // The run -10 (day 1) then -40, -60 (day 2) is three long and crosses days.
    expect(foldStreak(days)).toEqual({
      bets: 3,
      netCents: -110,
      startDay: '1970-01-02',
      endDay: '1970-01-03',
    });
    expect(foldSwings(days)).toEqual({
      drawdown: { amountCents: 440, startDay: '1970-01-02', endDay: '1970-01-03' },
      runUp: { amountCents: 100, startDay: '1970-01-02', endDay: '1970-01-02' },
    });
    expect(foldSwings([])).toEqual({
      drawdown: { amountCents: 0, startDay: null, endDay: null },
      runUp: { amountCents: 0, startDay: null, endDay: null },
    });
  });

  it('puts aligned lists in settlement order whatever order the scan gave', () => {
    expect(betsInOrder([3, 2, 1], [30, 20, 10], [-3, -2, -1])).toEqual({
      days: [10, 20, 30],
      nets: [-1, -2, -3],
    });
    expect(betsInOrder([1, 2, 3], [10, 20, 30], [1, 2, 3])).toEqual({ days: [10, 20, 30], nets: [1, 2, 3] });
    expect(betsInOrder([2, 3, 1], [20, 30, 10], [2, 3, 1])).toEqual({ days: [10, 20, 30], nets: [1, 2, 3] });
  });
});
