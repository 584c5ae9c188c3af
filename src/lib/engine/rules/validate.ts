/**
 * Checks a rule set before the engine runs it: rule sets are data (shipped, stored, or edited by a user),
 * so a bad one is an expected failure returned as 'invalid-rule', not a crash inside the evaluator.
 */
import { err, ok, type Result } from '../result';
import { isValidZone } from '../time';
import type { DayRoll, Rule, RuleSet } from './types';

/** A non-negative safe integer (cents, tenths, days). */
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** What is wrong with a day roll or deadline, or null. */
function rollProblem(r: DayRoll): string | null {
  if (!isValidZone(r.zone)) return `unknown time zone “${r.zone}”`;
  if (!Number.isInteger(r.hour) || r.hour < 0 || r.hour > 23) return `hour ${r.hour} is not 0-23`;
  if (!Number.isInteger(r.minute) || r.minute < 0 || r.minute > 59) return `minute ${r.minute} is not 0-59`;
  return null;
}

/** What is wrong with one rule, or null. Amounts are integer cents; limits must be positive. */
function ruleProblem(rule: Rule): string | null {
  switch (rule.kind) {
    case 'trailing-drawdown':
      if (!isCount(rule.drawdownCents) || rule.drawdownCents === 0)
        return 'drawdownCents must be a positive integer';
      if (rule.stopAboveStartCents !== null && !Number.isSafeInteger(rule.stopAboveStartCents))
        return 'stopAboveStartCents must be an integer or null';
      if (rule.stopAboveStartCents !== null && rule.stopAboveStartCents < -rule.drawdownCents)
        return 'stopAboveStartCents is below the initial threshold';
      return null;
    case 'static-drawdown':
      return isCount(rule.drawdownCents) && rule.drawdownCents > 0
        ? null
        : 'drawdownCents must be a positive integer';
    case 'max-loss':
      return isCount(rule.maxLossCents) && rule.maxLossCents > 0
        ? null
        : 'maxLossCents must be a positive integer';
    case 'daily-loss':
      if (!isCount(rule.limitCents) || rule.limitCents === 0) return 'limitCents must be a positive integer';
      return rule.reset ? rollProblem(rule.reset) : null;
    case 'max-position':
      return isCount(rule.maxTenths) && rule.maxTenths > 0 ? null : 'maxTenths must be a positive integer';
    case 'profit-target':
      return isCount(rule.targetCents) && rule.targetCents > 0
        ? null
        : 'targetCents must be a positive integer';
    case 'min-trading-days':
      if (!isCount(rule.days)) return 'days must be a whole number';
      if (rule.minDayProfitCents !== undefined && !Number.isSafeInteger(rule.minDayProfitCents))
        return 'minDayProfitCents must be an integer';
      return null;
    case 'consistency':
      return Number.isInteger(rule.maxBestDayShareBps) &&
        rule.maxBestDayShareBps > 0 &&
        rule.maxBestDayShareBps <= 10000
        ? null
        : 'maxBestDayShareBps must be 1-10000';
    case 'flat-by':
      return rollProblem(rule.at);
    case 'scaling': {
      if (rule.tiers.length === 0) return 'scaling needs at least one tier';
      for (let i = 0; i < rule.tiers.length; i++) {
        const t = rule.tiers[i];
        if (!t || !Number.isSafeInteger(t.minProfitCents) || !isCount(t.maxTenths))
          return `tier ${i} is not valid`;
        const prev = rule.tiers[i - 1];
        if (prev && prev.minProfitCents >= t.minProfitCents) return 'tiers must rise in minProfitCents';
      }
      return null;
    }
  }
}

/** Returns the rule set when every field makes sense, else 'invalid-rule' naming the first problem. */
export function validateRuleSet(rs: RuleSet): Result<RuleSet> {
  if (!Number.isSafeInteger(rs.startBalanceCents))
    return err('invalid-rule', 'startBalanceCents must be an integer');
  const day = rollProblem(rs.tradingDay);
  if (day) return err('invalid-rule', `trading day: ${day}`, { ruleSet: rs.id });
  const seen = new Set<string>();
  for (const rule of rs.rules) {
    if (!rule.id) return err('invalid-rule', 'a rule has no id', { ruleSet: rs.id });
    if (seen.has(rule.id))
      return err('invalid-rule', `two rules share the id “${rule.id}”`, { ruleSet: rs.id });
    seen.add(rule.id);
    const problem = ruleProblem(rule);
    if (problem) return err('invalid-rule', `${rule.id}: ${problem}`, { ruleSet: rs.id, rule: rule.id });
  }
  return ok(rs);
}
