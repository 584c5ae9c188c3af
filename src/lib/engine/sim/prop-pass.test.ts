import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRuleSet } from '../rules/rule-sets';
import type { Rule, RuleSet } from '../rules/types';
import { discreteBarrierShift, twoBarrierPass } from './closed-form';
import {
  PROP_FAILED,
  PROP_OPEN,
  PROP_PASSED,
  checkPropParams,
  dailyResults,
  isAccountEnding,
  mergePropChunks,
  runPropSimulation,
  simulateProp,
  type PropSimParams,
} from './prop-pass';

const value = <T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message?: string } },
): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

const apex50 = findRuleSet('apex-50k-eval')!;
/** A plain evaluation: static drawdown D, target G, nothing else (RISK-MATH §3's two barriers). */
function twoBarrier(downCents: number, upCents: number, extra: Rule[] = []): RuleSet {
  return {
    id: 'test-static@1',
    firm: 'Test',
    plan: 'Static',
    phase: 'evaluation',
    version: '1',
    effectiveDate: '2026-01',
    sourceUrl: 'https://example.test',
    startBalanceCents: 5_000_000,
    tradingDay: { zone: 'America/Chicago', hour: 17, minute: 0 },
    rules: [
      { kind: 'static-drawdown', id: 'static-drawdown', drawdownCents: downCents },
      { kind: 'profit-target', id: 'profit-target', targetCents: upCents },
      ...extra,
    ],
    notes: [],
    notEvaluated: [],
  };
}
const constant = (cents: number) => ({ kind: 'bootstrap' as const, historyCents: [cents] });

describe('isAccountEnding', () => {
  it('fails on limits, not on objectives or day locks', () => {
    const kinds = apex50.rules.map((r) => [r.id, isAccountEnding(r)]);
    expect(kinds).toEqual([
      ['trailing-drawdown', true],
      ['max-position', true],
      ['profit-target', false],
      ['min-trading-days', false],
      ['flat-by', true],
    ]);
    const lock: Rule = { kind: 'daily-loss', id: 'd', limitCents: 1, basis: 'closed', onBreach: 'lock-day' };
    expect(isAccountEnding(lock)).toBe(false);
    expect(isAccountEnding({ ...lock, onBreach: 'fail' })).toBe(true);
  });
});

describe('prop evaluations through the rules engine (hand-checked)', () => {
  it('passes on the later of the target day and the minimum days', () => {
    // Apex 50K: $3,000 target, 7 trading days minimum. +$1,000 a day reaches the target on day 3.
    const r = value(
      simulateProp({ ruleSet: apex50, model: constant(100_000), maxDays: 30, paths: 3, seed: 1 }),
    );
    expect(Array.from(r.outcome)).toEqual([PROP_PASSED, PROP_PASSED, PROP_PASSED]);
    expect(Array.from(r.day)).toEqual([7, 7, 7]);
    expect(r.pnlCents[0]).toBe(700_000);
    // Twice the contracts: still day 7 (minimum days), half: day 7 too; a tenth: $100 a day → day 30.
    const small = value(
      simulateProp({
        ruleSet: apex50,
        model: constant(100_000),
        stakeMultiplier: 0.1,
        maxDays: 40,
        paths: 1,
        seed: 1,
      }),
    );
    expect(small.day[0]).toBe(30);
  });

  it('fails on the first close beyond the trailing drawdown, naming the rule', () => {
    // -$600 a day against $2,500: -$2,400 on day 4 is inside, -$3,000 on day 5 is beyond.
    const r = value(
      simulateProp({ ruleSet: apex50, model: constant(-60_000), maxDays: 30, paths: 1, seed: 1 }),
    );
    expect(r.outcome[0]).toBe(PROP_FAILED);
    expect(r.day[0]).toBe(5);
    expect(apex50.rules[r.failRule[0]!]!.id).toBe('trailing-drawdown');
  });

  it('leaves a path open when the days run out, and a day lock does not end the account', () => {
    const rs = twoBarrier(1_000_000, 1_000_000, [
      { kind: 'daily-loss', id: 'daily-loss', limitCents: 10_000, basis: 'closed', onBreach: 'lock-day' },
    ]);
    const r = value(simulateProp({ ruleSet: rs, model: constant(-20_000), maxDays: 20, paths: 1, seed: 1 }));
    expect(r.outcome[0]).toBe(PROP_OPEN);
    expect(r.day[0]).toBe(0);
    expect(r.pnlCents[0]).toBe(-400_000);
    // The same limit as a failing rule ends it on day 1.
    const fail = twoBarrier(1_000_000, 1_000_000, [
      { kind: 'daily-loss', id: 'daily-loss', limitCents: 10_000, basis: 'closed', onBreach: 'fail' },
    ]);
    const f = value(
      simulateProp({ ruleSet: fail, model: constant(-20_000), maxDays: 20, paths: 1, seed: 1 }),
    );
    expect([f.outcome[0], f.day[0], fail.rules[f.failRule[0]!]!.id]).toEqual([PROP_FAILED, 1, 'daily-loss']);
  });

  it('honours an account size different from the rule set start', () => {
    // The target is relative to the start, so a bigger account changes nothing here: day 7, +$7,000.
    const r = value(
      simulateProp({
        ruleSet: apex50,
        startBalanceCents: 10_000_000,
        model: constant(100_000),
        maxDays: 30,
        paths: 1,
        seed: 1,
      }),
    );
    expect([r.outcome[0], r.day[0], r.pnlCents[0]]).toEqual([PROP_PASSED, 7, 700_000]);
  });
});

describe('prop simulation statistics', () => {
  it('matches the two-barrier closed form for a static drawdown and no time limit', () => {
    // RISK-MATH §3: D $2,000, G $3,000, mu $50, sigma $500 a day → 0.6369 continuous; daily checks move
    // both barriers out by 0.5826 sigma (Broadie-Glasserman-Kou).
    const s = value(
      runPropSimulation({
        ruleSet: twoBarrier(200_000, 300_000),
        model: { kind: 'normal', meanCents: 5000, sdCents: 50_000 },
        maxDays: 2000,
        paths: 6000,
        seed: 3,
      }),
    );
    const shift = discreteBarrierShift(50_000);
    const expected = twoBarrierPass(5000, 50_000, 200_000 + shift, 300_000 + shift);
    expect(s.pOpen).toBe(0);
    expect(s.pPass + s.pFail).toBeCloseTo(1, 12);
    expect(Math.abs(s.pPass - expected)).toBeLessThan(4 * s.pPassSe + 0.01);
    expect(s.failByRule).toEqual([{ rule: 'static-drawdown', share: s.pFail }]);
    expect(s.medianDaysToPass).not.toBeNull();
    expect(s.meanDaysToPass!).toBeGreaterThan(0);
    expect(s.p90DaysToPass!).toBeGreaterThanOrEqual(s.medianDaysToPass!);
  });

  it('more contracts breach more often (same random numbers)', () => {
    const p: PropSimParams = {
      ruleSet: apex50,
      model: { kind: 'student-t', meanCents: 15_000, sdCents: 60_000, df: 4 },
      maxDays: 60,
      paths: 1500,
      seed: 11,
    };
    const one = value(runPropSimulation(p));
    const two = value(runPropSimulation({ ...p, stakeMultiplier: 2 }));
    expect(two.pFail).toBeGreaterThan(one.pFail);
    expect(two.medianDaysToPass!).toBeLessThanOrEqual(one.medianDaysToPass!);
    expect(one.limitations.some((l) => l.includes('trailing-drawdown'))).toBe(true);
  });

  it('gives identical results however the paths are split (property)', () => {
    const params: PropSimParams = {
      ruleSet: apex50,
      model: { kind: 'normal', meanCents: 10_000, sdCents: 70_000 },
      maxDays: 40,
      paths: 120,
      seed: 5,
    };
    const whole = value(simulateProp(params));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 119 }), { maxLength: 3 }), (cuts) => {
        const edges = [0, ...[...cuts].sort((a, b) => a - b), 120];
        const chunks = edges
          .slice(1)
          .map((to, i) => value(simulateProp(params, { fromPath: edges[i]!, toPath: to })));
        const merged = mergePropChunks(chunks.reverse());
        expect(merged.outcome).toEqual(whole.outcome);
        expect(merged.day).toEqual(whole.day);
        expect(merged.failRule).toEqual(whole.failRule);
        expect(merged.pnlCents).toEqual(whole.pnlCents);
      }),
      { numRuns: 12 },
    );
    expect(value(simulateProp({ ...params, seed: 6 })).pnlCents).not.toEqual(whole.pnlCents);
  });
});

describe('checkPropParams', () => {
  it('rejects funded rule sets, bad sizes and invalid rules', () => {
    const base: PropSimParams = { ruleSet: apex50, model: constant(1), maxDays: 10, paths: 10, seed: 1 };
    expect(code(checkPropParams(base))).toBe('ok');
    expect(code(checkPropParams({ ...base, ruleSet: findRuleSet('apex-50k-pa')! }))).toBe('invalid-argument');
    expect(code(checkPropParams({ ...base, maxDays: 0 }))).toBe('invalid-argument');
    expect(code(checkPropParams({ ...base, paths: 1.5 }))).toBe('invalid-argument');
    expect(code(checkPropParams({ ...base, startBalanceCents: 0 }))).toBe('invalid-argument');
    expect(code(checkPropParams({ ...base, model: { kind: 'normal', meanCents: 1, sdCents: -1 } }))).toBe(
      'invalid-argument',
    );
    const bad = twoBarrier(100, 100);
    bad.rules.push({ ...bad.rules[0]! });
    expect(code(checkPropParams({ ...base, ruleSet: bad }))).toBe('invalid-rule');
  });

  it('lays one trade per trading day inside it, days closing at the firm roll across DST', () => {
    const c = value(checkPropParams({ ruleSet: apex50, model: constant(1), maxDays: 70, paths: 1, seed: 1 }));
    for (let d = 0; d < 70; d++) {
      expect(c.tradeAt[d]!).toBeLessThan(c.closeAt[d]!);
      if (d > 0) expect(c.tradeAt[d]!).toBeGreaterThanOrEqual(c.closeAt[d - 1]!);
      // Apex days end at 18:00 New York.
      const hour = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(c.closeAt[d]!);
      expect(hour).toBe('18');
    }
  });
});

describe('dailyResults', () => {
  it('sums trades into the firm day, after the roll counting for the next day', () => {
    const roll = { zone: 'America/Chicago', hour: 17, minute: 0 };
    const at = (iso: string) => Date.parse(iso);
    const days = dailyResults(
      [
        { atMs: at('2026-03-03T23:30:00Z'), netCents: 500 }, // 17:30 CST → 3 March's roll passed: 4 March
        { atMs: at('2026-03-02T22:30:00Z'), netCents: -200 }, // 16:30 CST → 2 March
        { atMs: at('2026-03-02T15:00:00Z'), netCents: 100 }, // 09:00 CST → 2 March
        { atMs: at('2026-03-04T20:00:00Z'), netCents: 50 }, // 14:00 CST → 4 March
      ],
      roll,
    );
    expect(days).toEqual([
      { day: '2026-03-02', netCents: -100 },
      { day: '2026-03-04', netCents: 550 },
    ]);
    expect(dailyResults([], roll)).toEqual([]);
  });
});
