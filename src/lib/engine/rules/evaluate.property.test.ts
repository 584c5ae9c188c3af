import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvaluator, evaluate } from './evaluate';
import { findRuleSet } from './rule-sets';
import { sessionWindowAt } from './session-clock';
import { sessionDateKey } from '../time';
import type { AccountEvent, AccountStatus, RuleSet } from './types';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Random time-ordered account streams: steps of 0 to 9 hours, every event kind, known and unknown roots. */
const eventsArb: fc.Arbitrary<AccountEvent[]> = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 9 * 3_600_000 }),
      fc.oneof(
        fc.record({
          type: fc.constant('trade' as const),
          netCents: fc.integer({ min: -150_000, max: 150_000 }),
          qty: fc.integer({ min: 1, max: 8 }),
          root: fc.constantFrom('ES', 'MNQ', 'ZZZ'),
          openedBack: fc.integer({ min: 0, max: 20 * 3_600_000 }),
        }),
        fc.record({
          type: fc.constant('fill' as const),
          root: fc.constantFrom('ES', 'MNQ', 'MES'),
          qtyChange: fc.integer({ min: -4, max: 4 }),
        }),
        fc.record({ type: fc.constant('fee' as const), amountCents: fc.integer({ min: -2_000, max: 0 }) }),
        fc.record({
          type: fc.constant('cash' as const),
          amountCents: fc.integer({ min: -100_000, max: 0 }),
          kind: fc.constantFrom('payout' as const, 'withdrawal' as const),
        }),
        fc.record({
          type: fc.constant('mark' as const),
          offset: fc.integer({ min: -300_000, max: 300_000 }),
        }),
      ),
    ),
    { maxLength: 60 },
  )
  .map((steps) => {
    let at = T0;
    return steps.map(([dt, e]): AccountEvent => {
      at += dt;
      switch (e.type) {
        case 'trade':
          return {
            type: 'trade',
            at,
            netCents: e.netCents,
            qty: e.qty,
            root: e.root,
            openedAt: at - e.openedBack,
          };
        case 'fill':
          return { type: 'fill', at, root: e.root, qtyChange: e.qtyChange };
        case 'fee':
          return { type: 'fee', at, amountCents: e.amountCents };
        case 'cash':
          return { type: 'cash', at, amountCents: e.amountCents, kind: e.kind };
        case 'mark':
          return { type: 'mark', at, equityCents: 5_000_000 + e.offset };
      }
    });
  });

const IDS = [
  'apex-50k-eval@2025-08',
  'apex-50k-pa@2025-08',
  'apex-100k-static-eval@2025-08',
  'topstep-50k-combine-dll@2024-08',
  'topstep-50k-xfa@2024-08',
  'tradeify-50k-eval@2025-12',
];
const RULE_SETS: RuleSet[] = IDS.map((id) => {
  const rs = findRuleSet(id);
  if (!rs) throw new Error(id);
  return rs;
});
const ruleSetArb = fc.constantFrom(...RULE_SETS);

/** A status with its lists in a canonical order, for comparing results that may list rules differently. */
function canonical(st: AccountStatus): AccountStatus {
  const byRule = <T extends { rule: string }>(xs: T[]): T[] =>
    [...xs].sort((a, b) => a.rule.localeCompare(b.rule));
  return {
    ...st,
    perRule: byRule(st.perRule),
    objectives: byRule(st.objectives),
    limitations: [...st.limitations].sort(),
  };
}

describe('rules engine properties', () => {
  it('a trailing threshold never moves down', () => {
    fc.assert(
      fc.property(ruleSetArb, eventsArb, (rs, events) => {
        const ev = createEvaluator(rs);
        let last = ev.status().thresholdCents ?? Number.NEGATIVE_INFINITY;
        for (const e of events) {
          ev.push(e);
          const now = ev.status().thresholdCents ?? Number.NEGATIVE_INFINITY;
          expect(now).toBeGreaterThanOrEqual(last);
          last = now;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('pushing events one at a time (with status reads between) equals evaluating them all at once', () => {
    fc.assert(
      fc.property(ruleSetArb, eventsArb, (rs, events) => {
        const ev = createEvaluator(rs);
        for (const e of events) {
          ev.push(e);
          ev.status();
        }
        expect(ev.status()).toEqual(evaluate(rs, events));
      }),
      { numRuns: 150 },
    );
  });

  it('the order of rules in a rule set does not change the result', () => {
    fc.assert(
      fc.property(ruleSetArb, eventsArb, fc.integer({ min: 0, max: 1_000_000 }), (rs, events, seed) => {
        const rules = [...rs.rules];
        let x = seed;
        for (let i = rules.length - 1; i > 0; i--) {
          x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
          const j = x % (i + 1);
          const a = rules[i];
          const b = rules[j];
          if (a && b) [rules[i], rules[j]] = [b, a];
        }
        const shuffled = { ...rs, rules };
        expect(canonical(evaluate(shuffled, events))).toEqual(canonical(evaluate(rs, events)));
      }),
      { numRuns: 150 },
    );
  });

  it('trading-day windows agree with sessionDateKey, across DST', () => {
    const roll = { zone: 'America/Chicago', hour: 17, minute: 0 };
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2027-12-31') }), (t) => {
        const w = sessionWindowAt(t, roll);
        expect(w.startMs).toBeLessThanOrEqual(t);
        expect(w.endMs).toBeGreaterThan(t);
        expect(w.key).toBe(sessionDateKey(t, roll.zone, roll.hour, roll.minute));
        expect(sessionDateKey(w.startMs, roll.zone, 17)).toBe(w.key);
        expect(sessionDateKey(w.endMs - 1, roll.zone, 17)).toBe(w.key);
        expect([23, 24, 25]).toContain((w.endMs - w.startMs) / 3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});
