import { describe, expect, it } from 'vitest';
import { createEvaluator, evaluate, EventOrderError, RuleSetError } from './evaluate';
import { findRuleSet } from './rule-sets';
import type { AccountEvent, Rule, RuleSet } from './types';

const ms = (s: string): number => Date.parse(s);
const trade = (at: string, netCents: number, extra: Partial<AccountEvent> = {}): AccountEvent =>
  ({ type: 'trade', at: ms(at), netCents, ...extra }) as AccountEvent;
const mark = (at: string, equityCents: number): AccountEvent => ({ type: 'mark', at: ms(at), equityCents });
const fill = (at: string, root: string, qtyChange: number): AccountEvent => ({
  type: 'fill',
  at: ms(at),
  root,
  qtyChange,
});

function ruleSet(id: string): RuleSet {
  const rs = findRuleSet(id);
  if (!rs) throw new Error(`no rule set ${id}`);
  return rs;
}

/** A minimal rule set around the given rules, with a 17:00 Chicago day. */
function custom(rules: Rule[], startBalanceCents = 5_000_000): RuleSet {
  return {
    id: 'test@1',
    firm: 'Test',
    plan: 'test',
    phase: 'evaluation',
    version: '1',
    effectiveDate: '2026-01-01',
    sourceUrl: 'https://example.invalid',
    startBalanceCents,
    tradingDay: { zone: 'America/Chicago', hour: 17, minute: 0 },
    rules,
    notes: [],
    notEvaluated: [],
  };
}

describe('Apex worked example (Help Center, PROP-RULES.md §3.1)', () => {
  const rs = ruleSet('apex-50k-eval@2025-08');

  it('starts at 50,000 with the threshold at 47,500', () => {
    const st = evaluate(rs, []);
    expect(st.balanceCents).toBe(5_000_000);
    expect(st.thresholdCents).toBe(4_750_000);
    expect(st.distanceToViolationCents).toBe(250_000);
    expect(st.status).toBe('safe');
  });

  it('+500 closed moves the threshold to 48,000; a peak of 50,875 moves it to 48,375', () => {
    const ev = createEvaluator(rs);
    ev.push(trade('2026-06-10T14:00:00Z', 50_000));
    expect(ev.status().thresholdCents).toBe(4_800_000);
    expect(ev.status().balanceCents).toBe(5_050_000);
    ev.push(mark('2026-06-10T15:00:00Z', 5_087_500));
    expect(ev.status().thresholdCents).toBe(4_837_500);
    expect(ev.status().highWaterMarkCents).toBe(5_087_500);
    // closed at 50,100: the threshold stays where the peak put it
    ev.push(trade('2026-06-10T15:05:00Z', -40_000));
    const st = ev.status();
    expect(st.balanceCents).toBe(5_010_000);
    expect(st.thresholdCents).toBe(4_837_500);
    expect(st.distanceToViolationCents).toBe(172_500);
    // 172,500 / 250,000 = 0.69 of the allowance left: above the 0.5 caution band
    expect(st.status).toBe('safe');
    expect(st.perRule.find((r) => r.rule === 'trailing-drawdown')?.shareOfAllowance).toBeCloseTo(0.69, 10);
    expect(st.limitations).toEqual([
      'max-position: not checked, the input has no fills or trade sizes.',
      'flat-by: not checked, the input has neither fills nor entry times.',
    ]);
  });

  it('without marks it trails the closed balance and says so', () => {
    const st = evaluate(rs, [trade('2026-06-10T14:00:00Z', 50_000)]);
    expect(st.thresholdCents).toBe(4_800_000);
    expect(st.limitations.some((l) => l.startsWith('trailing-drawdown: trails the closed balance'))).toBe(
      true,
    );
  });

  it('a mark exactly on the threshold is not a violation; one cent below is', () => {
    const onLine = evaluate(rs, [mark('2026-06-10T14:00:00Z', 4_750_000)]);
    expect(onLine.violations).toEqual([]);
    expect(onLine.distanceToViolationCents).toBe(0);
    expect(onLine.status).toBe('critical');
    const below = evaluate(rs, [mark('2026-06-10T14:00:00Z', 4_749_999)]);
    expect(below.status).toBe('violated');
    expect(below.violations).toEqual([
      {
        rule: 'trailing-drawdown',
        at: '2026-06-10T14:00:00.000Z',
        detail: 'equity $47,499.99 fell below the threshold $47,500.00',
      },
    ]);
  });
});

describe('Topstep MLL worked example (help.topstep.com 8284204)', () => {
  const rs = ruleSet('topstep-50k-combine@2024-08');

  it('follows min(start, max(start − max loss, highest EOD balance − max loss))', () => {
    const ev = createEvaluator(rs);
    // Day 1 (session of 2026-06-10 in Chicago): +$500
    ev.push(trade('2026-06-10T15:00:00Z', 50_000));
    // not adjusted while trading
    expect(ev.status().thresholdCents).toBe(4_800_000);
    // Day 2: -$500; the day-1 close set the MLL to 48,500
    ev.push(trade('2026-06-11T15:00:00Z', -50_000));
    expect(ev.status().thresholdCents).toBe(4_850_000);
    // Day 3: +$2,500 → balance 52,500; the day-2 close (50,000) leaves the MLL at 48,500
    ev.push(trade('2026-06-12T15:00:00Z', 250_000));
    expect(ev.status().thresholdCents).toBe(4_850_000);
    expect(ev.status().balanceCents).toBe(5_250_000);
    // after the day-3 close the MLL reaches the starting balance and stays
    ev.advanceTo(ms('2026-06-12T23:00:00Z'));
    expect(ev.status().thresholdCents).toBe(5_000_000);
    ev.push(trade('2026-06-15T15:00:00Z', 300_000));
    ev.advanceTo(ms('2026-06-16T23:00:00Z'));
    expect(ev.status().thresholdCents).toBe(5_000_000);
    expect(ev.status().highWaterMarkCents).toBe(5_550_000);
  });

  it('breaching the MLL intraday is a violation even though it does not trail intraday', () => {
    const st = evaluate(rs, [trade('2026-06-10T15:00:00Z', -200_001)]);
    expect(st.status).toBe('violated');
    expect(st.violations.map((v) => v.rule)).toEqual(['max-loss-limit']);
    expect(st.violations[0]?.detail).toBe('balance $47,999.99 fell below the threshold $48,000.00');
  });
});

describe('daily loss resets at 17:00 Chicago across DST', () => {
  const rs = custom([
    { kind: 'daily-loss', id: 'daily-loss', limitCents: 100_000, basis: 'closed', onBreach: 'fail' },
  ]);

  it('spring forward (2026-03-08): Monday’s reset is 22:00Z, not 23:00Z', () => {
    // Friday 2026-03-06 reset at 17:00 CST = 23:00Z; Monday 2026-03-09 reset at 17:00 CDT = 22:00Z.
    const st = evaluate(rs, [
      trade('2026-03-09T21:30:00Z', -60_000), // 16:30 CDT, Monday's day
      trade('2026-03-09T22:30:00Z', -60_000), // 17:30 CDT, Tuesday's day
    ]);
    expect(st.violations).toEqual([]);
    expect(st.perRule[0]?.distanceCents).toBe(40_000);
  });

  it('spring forward: losses 22:30Z and 22:45Z on the Friday before are one day (reset 23:00Z)', () => {
    const st = evaluate(rs, [trade('2026-03-06T22:30:00Z', -60_000), trade('2026-03-06T22:45:00Z', -40_001)]);
    expect(st.violations.map((v) => v.at)).toEqual(['2026-03-06T22:45:00.000Z']);
  });

  it('fall back (2026-11-01): Friday’s reset is 22:00Z, Monday’s 23:00Z', () => {
    const friday = evaluate(rs, [
      trade('2026-10-30T21:59:00Z', -60_000),
      trade('2026-10-30T22:00:00Z', -60_000),
    ]);
    expect(friday.violations).toEqual([]);
    const monday = evaluate(rs, [
      trade('2026-11-02T22:00:00Z', -60_000),
      trade('2026-11-02T22:59:00Z', -40_001),
    ]);
    expect(monday.violations.map((v) => v.rule)).toEqual(['daily-loss']);
  });

  it('a loss of exactly the limit is allowed; one cent more is not', () => {
    expect(evaluate(rs, [trade('2026-06-10T15:00:00Z', -100_000)]).status).toBe('critical');
    const over = evaluate(rs, [trade('2026-06-10T15:00:00Z', -100_001)]);
    expect(over.status).toBe('violated');
    expect(over.violations[0]?.detail).toBe('loss today $1,000.01 exceeded the daily limit $1,000.00');
  });

  it('a lock-day breach is violated only until the reset', () => {
    const lock = custom([
      { kind: 'daily-loss', id: 'dll', limitCents: 100_000, basis: 'closed', onBreach: 'lock-day' },
    ]);
    const ev = createEvaluator(lock);
    ev.push(trade('2026-06-10T15:00:00Z', -100_001));
    expect(ev.status().status).toBe('violated');
    expect(ev.status().violations[0]?.detail).toBe(
      'loss today $1,000.01 exceeded the daily limit $1,000.00; trading locked until the daily reset',
    );
    ev.advanceTo(ms('2026-06-10T22:00:00Z'));
    const st = ev.status();
    expect(st.status).toBe('safe');
    expect(st.perRule[0]).toMatchObject({
      violated: false,
      distanceCents: 100_000,
      at: '2026-06-10T15:00:00.000Z',
    });
    expect(st.violations).toHaveLength(1);
  });
});

describe('position limits', () => {
  const rs = custom([{ kind: 'max-position', id: 'max-position', maxTenths: 50 }]);

  it('counts micros as tenths of a mini; exactly at the limit is allowed', () => {
    const st = evaluate(rs, [
      fill('2026-06-10T14:00:00Z', 'ES', 4),
      fill('2026-06-10T14:01:00Z', 'MNQ', -10),
      fill('2026-06-10T14:02:00Z', 'MNQ', 10),
    ]);
    expect(st.violations).toEqual([]);
    expect(st.perRule[0]).toMatchObject({ distanceContracts: 0, violated: false });
  });

  it('one micro over is a violation', () => {
    const st = evaluate(rs, [fill('2026-06-10T14:00:00Z', 'ES', 4), fill('2026-06-10T14:01:00Z', 'MES', 11)]);
    expect(st.violations.map((v) => [v.rule, v.at])).toEqual([['max-position', '2026-06-10T14:01:00.000Z']]);
    expect(st.status).toBe('violated');
  });

  it('checks trade sizes when there are no fills and says so', () => {
    const st = evaluate(rs, [trade('2026-06-10T14:00:00Z', 100, { root: 'NQ', qty: 6 })]);
    expect(st.violations.map((v) => v.rule)).toEqual(['max-position']);
    expect(st.limitations).toEqual([
      'max-position: checked per closed trade; without fills, overlapping trades are not added up.',
    ]);
  });

  it('scaling uses the tier of the last end-of-day balance', () => {
    const scaling = custom(
      [
        {
          kind: 'scaling',
          id: 'scaling',
          tiers: [
            { minProfitCents: -200_000, maxTenths: 20 },
            { minProfitCents: 150_000, maxTenths: 30 },
          ],
        },
      ],
      0,
    );
    const ev = createEvaluator(scaling);
    ev.push(trade('2026-06-10T15:00:00Z', 150_000));
    // same day: still 2 minis allowed
    ev.push(fill('2026-06-10T15:30:00Z', 'NQ', 3));
    expect(ev.status().violations.map((v) => v.rule)).toEqual(['scaling']);
    const next = createEvaluator(scaling);
    next.push(trade('2026-06-10T15:00:00Z', 150_000));
    next.push(fill('2026-06-11T14:00:00Z', 'NQ', 3));
    expect(next.status().violations).toEqual([]);
    expect(next.status().perRule[0]?.distanceContracts).toBe(0);
  });
});

describe('flat-by', () => {
  const rs = custom([
    {
      kind: 'flat-by',
      id: 'flat-by',
      at: { zone: 'America/Chicago', hour: 15, minute: 10 },
      onBreach: 'fail',
    },
  ]);
  // 15:10 CDT = 20:10Z in June

  it('closing exactly at the deadline is in time; a position still open after it is not', () => {
    const inTime = evaluate(
      rs,
      [fill('2026-06-10T19:00:00Z', 'MNQ', 1), fill('2026-06-10T20:10:00Z', 'MNQ', -1)],
      {
        asOf: ms('2026-06-11T12:00:00Z'),
      },
    );
    expect(inTime.violations).toEqual([]);
    const late = evaluate(rs, [
      fill('2026-06-10T19:00:00Z', 'MNQ', 1),
      fill('2026-06-10T20:10:00.001Z', 'MNQ', -1),
    ]);
    expect(late.violations.map((v) => v.at)).toEqual(['2026-06-10T20:10:00.000Z']);
    expect(late.violations[0]?.detail).toBe(
      'a position was still open at the flat-by time (15:10 America/Chicago)',
    );
  });

  it('an event exactly at the deadline that leaves the position open is a breach', () => {
    const st = evaluate(
      rs,
      [fill('2026-06-10T19:00:00Z', 'MNQ', 2), fill('2026-06-10T20:10:00Z', 'MNQ', -1)],
      {
        asOf: ms('2026-06-10T20:11:00Z'),
      },
    );
    expect(st.violations.map((v) => v.at)).toEqual(['2026-06-10T20:10:00.000Z']);
  });

  it('uses entry times of trades when there are no fills', () => {
    const st = evaluate(rs, [trade('2026-06-10T20:30:00Z', 100, { openedAt: ms('2026-06-10T20:00:00Z') })]);
    expect(st.violations.map((v) => v.at)).toEqual(['2026-06-10T20:10:00.000Z']);
    const ok = evaluate(rs, [trade('2026-06-10T20:10:00Z', 100, { openedAt: ms('2026-06-10T20:00:00Z') })]);
    expect(ok.violations).toEqual([]);
  });
});

describe('objectives', () => {
  it('Take Profit Trader consistency example: $2,000 best day of $3,100 needs $900.01 more', () => {
    const rs = ruleSet('tpt-50k-eval@2025-12');
    const st = evaluate(rs, [
      trade('2026-06-08T15:00:00Z', 200_000),
      trade('2026-06-09T15:00:00Z', 50_000),
      trade('2026-06-10T15:00:00Z', 60_000),
    ]);
    expect(st.objectives.find((o) => o.kind === 'consistency')).toEqual({
      rule: 'consistency',
      kind: 'consistency',
      met: false,
      remainingCents: 90_001,
    });
    expect(st.objectives.find((o) => o.kind === 'profit-target')).toMatchObject({
      met: true,
      remainingCents: 0,
    });
    expect(st.objectives.find((o) => o.kind === 'min-trading-days')).toMatchObject({
      met: false,
      remainingDays: 2,
    });
    expect(st.tradingDays).toBe(3);
    expect(st.passed).toBe(false);
  });

  it('Apex windfall formula: a $1,500 best day needs $5,000 total (at or below 30% passes)', () => {
    const rs = ruleSet('apex-50k-pa@2025-08');
    const days = [150_000, 100_000, 100_000, 100_000];
    const events = days.map((c, i) => trade(`2026-06-${String(8 + i).padStart(2, '0')}T15:00:00Z`, c));
    const short = evaluate(rs, events);
    expect(short.objectives[0]).toEqual({
      rule: 'windfall',
      kind: 'consistency',
      met: false,
      remainingCents: 50_000,
    });
    const enough = evaluate(rs, [...events, trade('2026-06-12T15:00:00Z', 50_000)]);
    expect(enough.objectives[0]).toMatchObject({ met: true, remainingCents: 0 });
    expect(enough.passed).toBeUndefined();
  });

  it('a payout restarts the windfall count', () => {
    const rs = ruleSet('apex-50k-pa@2025-08');
    const st = evaluate(rs, [
      trade('2026-06-08T15:00:00Z', 300_000),
      { type: 'cash', at: ms('2026-06-09T15:00:00Z'), amountCents: -100_000, kind: 'payout' },
      trade('2026-06-10T15:00:00Z', 30_000),
      trade('2026-06-11T15:00:00Z', 30_000),
    ]);
    // since the payout: best day 300, total 600 → needs 1,000
    expect(st.objectives[0]).toMatchObject({ met: false, remainingCents: 40_000 });
    expect(st.balanceCents).toBe(5_260_000);
  });

  it('passes an Apex evaluation after 7 days and the target', () => {
    const rs = ruleSet('apex-25k-eval@2025-08');
    const events = [8, 9, 10, 11, 12, 15, 16].map((d) =>
      trade(`2026-06-${String(d).padStart(2, '0')}T15:00:00Z`, 22_000),
    );
    const st = evaluate(rs, events);
    expect(st.balanceCents).toBe(2_654_000);
    expect(st.tradingDays).toBe(7);
    expect(st.passed).toBe(true);
    expect(evaluate(rs, events.slice(0, 6)).passed).toBe(false);
  });
});

describe('cash movements', () => {
  it('a payout lowers the balance but not the threshold', () => {
    const rs = ruleSet('apex-50k-pa@2025-08');
    const st = evaluate(rs, [
      trade('2026-06-08T15:00:00Z', 300_000),
      { type: 'cash', at: ms('2026-06-09T15:00:00Z'), amountCents: -100_000, kind: 'payout' },
    ]);
    // peak 53,000 → threshold min(50,100, 50,500) = 50,100
    expect(st.thresholdCents).toBe(5_010_000);
    expect(st.balanceCents).toBe(5_200_000);
    expect(st.distanceToViolationCents).toBe(190_000);
  });
});

describe('guards', () => {
  it('rejects events out of time order', () => {
    const ev = createEvaluator(ruleSet('apex-50k-eval@2025-08'));
    ev.push(trade('2026-06-10T15:00:00Z', 1));
    expect(() => ev.push(trade('2026-06-10T14:00:00Z', 1))).toThrow(EventOrderError);
  });

  it('rejects an invalid rule set', () => {
    expect(() => createEvaluator(custom([{ kind: 'max-position', id: 'x', maxTenths: 0 }]))).toThrow(
      RuleSetError,
    );
  });

  it('status() does not change the evaluator', () => {
    const ev = createEvaluator(ruleSet('topstep-50k-combine-dll@2024-08'));
    ev.push(trade('2026-06-10T15:00:00Z', -50_000));
    expect(ev.status()).toEqual(ev.status());
  });
});
