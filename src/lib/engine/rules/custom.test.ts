import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  draftFromRuleSet,
  familyOf,
  newerShippedVersion,
  nextCustomVersion,
  ruleSetFromDraft,
  slug,
  type RuleSetDraft,
} from './custom';
import { evaluate } from './evaluate';
import { findRuleSet, RULE_SETS } from './rule-sets';
import type { RuleSet } from './types';

function shipped(id: string): RuleSet {
  const rs = findRuleSet(id);
  if (!rs) throw new Error(id);
  return rs;
}

const saved = { version: 1, savedAt: '2026-06-15T10:00:00Z' };

function build(base: RuleSet, draft: RuleSetDraft, version = 1): RuleSet {
  const r = ruleSetFromDraft(base, draft, { ...saved, version });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('custom rule sets', () => {
  const apex = shipped('apex-50k-eval@2025-08');

  it('an unedited draft gives back the same rules under a custom id', () => {
    const rs = build(apex, draftFromRuleSet(apex));
    expect(rs.id).toBe('custom-apex-trader-funding-50k-full-evaluation@1');
    expect(rs.rules).toEqual(apex.rules);
    expect(rs.notes[0]).toBe('Edited from apex-50k-eval@2025-08.');
    expect(rs.startBalanceCents).toBe(apex.startBalanceCents);
  });

  it('every shipped rule set survives draft → rule set unchanged in its rules and valid', () => {
    for (const base of RULE_SETS) {
      const draft = draftFromRuleSet(base);
      const rs = build(base, draft);
      // The daily rule gains an explicit reset equal to the trading day it used implicitly.
      const norm = (r: RuleSet) =>
        r.rules.map((x) => (x.kind === 'daily-loss' ? { ...x, reset: x.reset ?? r.tradingDay } : x));
      expect(norm(rs), base.id).toEqual(norm(base));
    }
  });

  it('edits drawdown type and amount, the daily limit and reset, target, contracts, days, consistency', () => {
    const draft: RuleSetDraft = {
      ...draftFromRuleSet(apex),
      name: 'Apex 50K, my limits',
      drawdownType: 'static',
      drawdownCents: 200_000,
      dailyLossCents: 80_000,
      dailyOnBreach: 'fail',
      reset: { zone: 'America/New_York', hour: 18, minute: 0 },
      profitTargetCents: 250_000,
      maxContracts: 4.5,
      minDays: 5,
      consistencyPct: 40,
    };
    const rs = build(apex, draft, 3);
    expect(rs.id).toBe('custom-apex-50k-my-limits@3');
    expect(rs.tradingDay).toEqual({ zone: 'America/New_York', hour: 18, minute: 0 });
    expect(rs.rules.find((r) => r.kind === 'static-drawdown')).toMatchObject({ drawdownCents: 200_000 });
    expect(rs.rules.some((r) => r.kind === 'trailing-drawdown')).toBe(false);
    expect(rs.rules.find((r) => r.kind === 'daily-loss')).toMatchObject({
      limitCents: 80_000,
      onBreach: 'fail',
    });
    expect(rs.rules.find((r) => r.kind === 'max-position')).toMatchObject({ maxTenths: 45 });
    expect(rs.rules.find((r) => r.kind === 'consistency')).toMatchObject({ maxBestDayShareBps: 4000 });
    expect(rs.rules.find((r) => r.kind === 'flat-by')).toEqual(apex.rules.find((r) => r.kind === 'flat-by'));
    // The engine runs it: a $2,000.01 loss breaks the static $2,000 drawdown.
    const st = evaluate(rs, [{ type: 'trade', at: Date.parse('2026-06-15T14:00:00Z'), netCents: -200_001 }]);
    expect(st.violations.map((v) => v.rule)).toContain('static-drawdown');
    expect(st.status).toBe('violated');
    // Removing rules: none of them left.
    const bare = build(apex, { ...draft, drawdownType: 'none', dailyLossCents: null, maxContracts: null });
    expect(bare.rules.map((r) => r.kind)).toEqual([
      'profit-target',
      'min-trading-days',
      'flat-by',
      'consistency',
    ]);
  });

  it('rejects what the validator rejects, naming the problem', () => {
    const d = draftFromRuleSet(apex);
    expect(ruleSetFromDraft(apex, { ...d, drawdownCents: 0 }, saved)).toMatchObject({
      ok: false,
      error: { code: 'invalid-rule' },
    });
    const zone = ruleSetFromDraft(
      apex,
      { ...d, reset: { zone: 'Mars/Olympus', hour: 17, minute: 0 } },
      saved,
    );
    expect(zone.ok ? '' : zone.error.message).toContain('Mars/Olympus');
    expect(ruleSetFromDraft(apex, { ...d, name: '  ' }, saved).ok).toBe(false);
    expect(ruleSetFromDraft(apex, { ...d, maxContracts: 1.25 }, saved).ok).toBe(false);
    expect(ruleSetFromDraft(apex, { ...d, consistencyPct: 150 }, saved).ok).toBe(false);
  });

  it('versions count up per family', () => {
    expect(nextCustomVersion('custom-a', [])).toBe(1);
    expect(nextCustomVersion('custom-a', ['custom-a@1', 'custom-a@2', 'custom-b@7'])).toBe(3);
    expect(familyOf('custom-a@2')).toBe('custom-a');
    expect(slug('  Équipe 50K — été ')).toBe('equipe-50k-ete');
  });

  it('offers a newer shipped version of the family (or of the base a custom one came from), never an older', () => {
    const newer: RuleSet = { ...apex, id: 'apex-50k-eval@2026-01', version: '2026-01' };
    const list = [...RULE_SETS, newer];
    expect(newerShippedVersion('apex-50k-eval@2025-08', list)?.id).toBe('apex-50k-eval@2026-01');
    expect(newerShippedVersion('apex-50k-eval@2026-01', list)).toBeNull();
    expect(newerShippedVersion('custom-mine@2', list, 'apex-50k-eval@2025-08')?.id).toBe(
      'apex-50k-eval@2026-01',
    );
    expect(newerShippedVersion('apex-50k-eval@2025-08', RULE_SETS)).toBeNull();
  });

  it('any valid edit of amounts builds a valid rule set (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULE_SETS),
        fc.record({
          drawdownType: fc.constantFrom(
            'trailing-intraday',
            'trailing-eod',
            'static',
            'none',
          ) as fc.Arbitrary<RuleSetDraft['drawdownType']>,
          drawdownCents: fc.integer({ min: 1, max: 10_000_000 }),
          dailyLossCents: fc.option(fc.integer({ min: 1, max: 10_000_000 })),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          profitTargetCents: fc.option(fc.integer({ min: 1, max: 10_000_000 })),
          maxTenths: fc.option(fc.integer({ min: 1, max: 500 })),
          minDays: fc.option(fc.integer({ min: 0, max: 60 })),
          consistencyPct: fc.option(fc.integer({ min: 1, max: 100 })),
        }),
        (base, e) => {
          const d = draftFromRuleSet(base);
          const r = ruleSetFromDraft(
            base,
            {
              ...d,
              drawdownType: e.drawdownType,
              drawdownCents: e.drawdownCents,
              stopAboveStartCents:
                d.stopAboveStartCents === null ? null : Math.max(d.stopAboveStartCents, -e.drawdownCents),
              dailyLossCents: e.dailyLossCents,
              reset: { ...d.reset, hour: e.hour, minute: e.minute },
              profitTargetCents: e.profitTargetCents,
              maxContracts: e.maxTenths === null ? null : e.maxTenths / 10,
              minDays: e.minDays,
              consistencyPct: e.consistencyPct,
            },
            saved,
          );
          expect(r.ok).toBe(true);
          if (r.ok) expect(draftFromRuleSet(r.value).drawdownType).toBe(e.drawdownType);
        },
      ),
      { numRuns: 150 },
    );
  });
});
