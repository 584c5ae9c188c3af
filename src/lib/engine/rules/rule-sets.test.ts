import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { findRuleSet, RULE_SETS } from './rule-sets';
import type { AccountEvent, RuleSet } from './types';
import { validateRuleSet } from './validate';

const at = Date.parse('2026-06-10T15:00:00Z');
const loss = (cents: number): AccountEvent[] => [{ type: 'trade', at, netCents: -cents }];

/** The smallest money allowance of a rule set and the rule that has it. */
function tightest(rs: RuleSet): { rule: string; cents: number } {
  let best = { rule: '', cents: Number.POSITIVE_INFINITY };
  for (const r of rs.rules) {
    const cents =
      r.kind === 'trailing-drawdown' || r.kind === 'static-drawdown'
        ? r.drawdownCents
        : r.kind === 'max-loss'
          ? r.maxLossCents
          : r.kind === 'daily-loss'
            ? r.limitCents
            : Number.POSITIVE_INFINITY;
    if (cents < best.cents) best = { rule: r.id, cents };
  }
  return best;
}

describe('shipped rule sets', () => {
  it('ship Apex, Topstep, Take Profit Trader, Tradeify and MyFundedFutures with unique ids', () => {
    const firms = new Set(RULE_SETS.map((r) => r.firm));
    expect([...firms].sort()).toEqual([
      'Apex Trader Funding',
      'MyFundedFutures',
      'Take Profit Trader',
      'Topstep',
      'Tradeify',
    ]);
    expect(new Set(RULE_SETS.map((r) => r.id)).size).toBe(RULE_SETS.length);
    expect(RULE_SETS.length).toBe(37);
  });

  it('finds a rule set by id, or the newest version by name', () => {
    expect(findRuleSet('apex-50k-eval@2025-08')?.plan).toBe('50K Full');
    expect(findRuleSet('apex-50k-eval')?.id).toBe('apex-50k-eval@2025-08');
    expect(findRuleSet('apex-50k-eval@1999-01')).toBeUndefined();
  });

  it.each([
    ['apex-25k-eval@2025-08', 2_500_000, 2_350_000],
    ['apex-75k-eval@2025-08', 7_500_000, 7_225_000],
    ['apex-300k-pa@2025-08', 30_000_000, 29_250_000],
    ['apex-100k-static-eval@2025-08', 10_000_000, 9_937_500],
    ['topstep-150k-combine@2024-08', 15_000_000, 14_550_000],
    ['topstep-100k-combine-dll@2024-08', 10_000_000, 9_700_000],
    ['topstep-50k-xfa@2024-08', 0, -200_000],
    ['tpt-75k-eval@2025-12', 7_500_000, 7_250_000],
    ['tradeify-150k-eval@2025-12', 15_000_000, 14_400_000],
    ['mff-s100k-eval@2025-12', 10_000_000, 9_650_000],
    ['mff-e100k-eval@2025-12', 10_000_000, 9_700_000],
  ])('%s starts at %i with the threshold at %i', (id, start, threshold) => {
    const rs = findRuleSet(id);
    expect(rs).toBeDefined();
    if (!rs) return;
    const st = evaluate(rs, []);
    expect(st.balanceCents).toBe(start);
    expect(st.thresholdCents).toBe(threshold);
  });

  describe.each(RULE_SETS.map((r) => [r.id, r] as const))('%s', (_id, rs) => {
    const limit = tightest(rs);

    it('is valid data with a source and a date', () => {
      expect(validateRuleSet(rs).ok).toBe(true);
      expect(rs.id).toBe(`${rs.id.split('@')[0]}@${rs.version}`);
      expect(rs.sourceUrl).toMatch(/^https:\/\//);
      expect(rs.effectiveDate).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(Number.isFinite(limit.cents)).toBe(true);
    });

    it('is safe after a small profit', () => {
      const st = evaluate(rs, [{ type: 'trade', at, netCents: 10_000 }]);
      expect(st.status).toBe('safe');
      expect(st.violations).toEqual([]);
      expect(st.balanceCents).toBe(rs.startBalanceCents + 10_000);
    });

    it('is critical, not violated, with a loss of exactly the tightest allowance', () => {
      const st = evaluate(rs, loss(limit.cents));
      expect(st.violations).toEqual([]);
      expect(st.distanceToViolationCents).toBe(0);
      expect(st.status).toBe('critical');
    });

    const sizeLimit = rs.rules.find((r) => r.kind === 'max-position' || r.kind === 'scaling');
    const limitTenths =
      sizeLimit?.kind === 'max-position'
        ? sizeLimit.maxTenths
        : sizeLimit?.kind === 'scaling'
          ? (sizeLimit.tiers[0]?.maxTenths ?? 0)
          : null;
    if (limitTenths !== null && sizeLimit) {
      it(`allows exactly ${limitTenths / 10} minis in micros, not one micro more`, () => {
        const micros = (n: number): AccountEvent[] => [{ type: 'fill', at, root: 'MNQ', qtyChange: n }];
        const atLimit = evaluate(rs, micros(limitTenths));
        expect(atLimit.violations).toEqual([]);
        expect(atLimit.perRule.find((r) => r.rule === sizeLimit.id)?.distanceContracts).toBe(0);
        const over = evaluate(rs, micros(limitTenths + 1));
        expect(over.violations.map((v) => v.rule)).toEqual([sizeLimit.id]);
        expect(over.status).toBe('violated');
      });
    }

    it('is violated one cent beyond it', () => {
      const st = evaluate(rs, loss(limit.cents + 1));
      expect(st.status).toBe('violated');
      expect(st.violations[0]?.rule).toBe(limit.rule);
      expect(st.violations[0]?.at).toBe('2026-06-10T15:00:00.000Z');
      expect(st.distanceToViolationCents).toBe(-1);
    });
  });
});
