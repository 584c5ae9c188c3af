/**
 * Custom rule sets: a user starts from a shipped rule set, edits the values firms change most (drawdown
 * type and amount, daily loss limit and its reset, profit target, max contracts, minimum days,
 * consistency) and saves the result as a new version of their own rule set. The editor works on a flat
 * `RuleSetDraft`; `ruleSetFromDraft` writes it back into the base rule set's rules, keeping the rules the
 * draft does not cover (flat-by, scaling, max loss) as they are, and validates the result.
 *
 * A custom rule set remembers the shipped rule set it came from, so when the firm's rules change (a newer
 * shipped version of that family), the app can offer the newer version; it never switches by itself.
 */
import { err, ok, type Result } from '../result';
import type { DailyLossRule, DayRoll, Rule, RuleSet } from './types';
import { validateRuleSet } from './validate';

export type DrawdownType = 'trailing-intraday' | 'trailing-eod' | 'static' | 'none';

export interface RuleSetDraft {
  /** The name people see, e.g. "50K eval, my copier limits". */
  name: string;
  startBalanceCents: number;
  drawdownType: DrawdownType;
  drawdownCents: number;
  /** Trailing only: the threshold stops at start + this (null trails for ever). */
  stopAboveStartCents: number | null;
  /** null: no daily loss limit. */
  dailyLossCents: number | null;
  dailyOnBreach: 'fail' | 'lock-day';
  /** When the trading day and the daily limit reset. */
  reset: DayRoll;
  profitTargetCents: number | null;
  /** Whole minis (a micro is 0.1); null: no limit. */
  maxContracts: number | null;
  minDays: number | null;
  /** Best day as a share of total profit, percent (30 = 30%); null: no consistency rule. */
  consistencyPct: number | null;
}

/** What is stored in Dexie `ruleSets.body` for a custom rule set. */
export interface CustomRuleSetBody {
  ruleSet: RuleSet;
  /** The shipped rule set id it was edited from (`family@version`). */
  basedOn: string;
}

/** `apex-50k-eval@2025-08` → `apex-50k-eval`. */
export const familyOf = (id: string): string => (id.includes('@') ? id.slice(0, id.indexOf('@')) : id);

const versionOf = (id: string): string => (id.includes('@') ? id.slice(id.indexOf('@') + 1) : '');

/** The editable values of a rule set. */
export function draftFromRuleSet(rs: RuleSet): RuleSetDraft {
  const find = <K extends Rule['kind']>(kind: K) =>
    rs.rules.find((r): r is Extract<Rule, { kind: K }> => r.kind === kind);
  const trailing = find('trailing-drawdown');
  const stat = find('static-drawdown');
  const daily = find('daily-loss');
  const target = find('profit-target');
  const pos = find('max-position');
  const days = find('min-trading-days');
  const cons = find('consistency');
  return {
    name: `${rs.firm} ${rs.plan} ${rs.phase}`,
    startBalanceCents: rs.startBalanceCents,
    drawdownType: trailing
      ? trailing.mode === 'intraday'
        ? 'trailing-intraday'
        : 'trailing-eod'
      : stat
        ? 'static'
        : 'none',
    drawdownCents: trailing?.drawdownCents ?? stat?.drawdownCents ?? 0,
    stopAboveStartCents: trailing ? trailing.stopAboveStartCents : null,
    dailyLossCents: daily?.limitCents ?? null,
    dailyOnBreach: daily?.onBreach ?? 'lock-day',
    reset: { ...(daily?.reset ?? rs.tradingDay) },
    profitTargetCents: target?.targetCents ?? null,
    maxContracts: pos ? pos.maxTenths / 10 : null,
    minDays: days?.days ?? null,
    consistencyPct: cons ? cons.maxBestDayShareBps / 100 : null,
  };
}

/** Replaces the first rule of `kind` (or adds one, or removes it when `next` is null), keeping the order. */
function put(rules: Rule[], kinds: readonly Rule['kind'][], next: Rule | null): Rule[] {
  const at = rules.findIndex((r) => kinds.includes(r.kind));
  const rest = rules.filter((r) => !kinds.includes(r.kind));
  if (next === null) return rest;
  if (at < 0) return [...rest, next];
  const out = [...rest];
  out.splice(Math.min(at, out.length), 0, next);
  return out;
}

const idOf = (rules: readonly Rule[], kinds: readonly Rule['kind'][], fallback: string): string =>
  rules.find((r) => kinds.includes(r.kind))?.id ?? fallback;

/** Lower-case letters, digits and dashes, for ids. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'rules'
  );
}

/**
 * Builds a custom rule set from a base and a draft: `custom-<slug of name>@<version>`, the base's other
 * rules kept, validated. Returns 'invalid-rule' naming the first problem (a zero drawdown, a bad zone…).
 */
export function ruleSetFromDraft(
  base: RuleSet,
  draft: RuleSetDraft,
  opts: { version: number; savedAt: string },
): Result<RuleSet> {
  if (draft.name.trim() === '') return err('invalid-rule', 'Give the rule set a name.');
  if (!Number.isSafeInteger(opts.version) || opts.version < 1)
    return err('invalid-rule', 'version must be a positive integer');
  const drawdownKinds = ['trailing-drawdown', 'static-drawdown'] as const;
  // A rule keeps the base's id while it keeps its kind, so reports read the same; a new kind gets its name.
  const ddKind = draft.drawdownType === 'static' ? 'static-drawdown' : 'trailing-drawdown';
  const ddId = idOf(base.rules, [ddKind], ddKind);
  // Rules are JSON data by design; a JSON copy also works on reactive proxies, which structuredClone refuses.
  let rules: Rule[] = base.rules.map((r) => JSON.parse(JSON.stringify(r)) as Rule);
  rules = put(
    rules,
    drawdownKinds,
    draft.drawdownType === 'none'
      ? null
      : draft.drawdownType === 'static'
        ? { kind: 'static-drawdown', id: ddId, drawdownCents: draft.drawdownCents }
        : {
            kind: 'trailing-drawdown',
            id: ddId,
            mode: draft.drawdownType === 'trailing-intraday' ? 'intraday' : 'end-of-day',
            drawdownCents: draft.drawdownCents,
            stopAboveStartCents: draft.stopAboveStartCents,
          },
  );
  const daily: DailyLossRule | null =
    draft.dailyLossCents === null
      ? null
      : {
          kind: 'daily-loss',
          id: idOf(base.rules, ['daily-loss'], 'daily-loss'),
          limitCents: draft.dailyLossCents,
          reset: { ...draft.reset },
          basis: base.rules.find((r): r is DailyLossRule => r.kind === 'daily-loss')?.basis ?? 'closed',
          onBreach: draft.dailyOnBreach,
        };
  rules = put(rules, ['daily-loss'], daily);
  rules = put(
    rules,
    ['profit-target'],
    draft.profitTargetCents === null
      ? null
      : {
          kind: 'profit-target',
          id: idOf(base.rules, ['profit-target'], 'profit-target'),
          targetCents: draft.profitTargetCents,
        },
  );
  if (draft.maxContracts !== null && !Number.isInteger(Math.round(draft.maxContracts * 10 * 1e6) / 1e6))
    return err('invalid-rule', 'Max contracts must be a whole number of minis or tenths (micros).');
  rules = put(
    rules,
    ['max-position'],
    draft.maxContracts === null
      ? null
      : {
          kind: 'max-position',
          id: idOf(base.rules, ['max-position'], 'max-position'),
          maxTenths: Math.round(draft.maxContracts * 10),
        },
  );
  const baseDays = base.rules.find((r) => r.kind === 'min-trading-days');
  rules = put(
    rules,
    ['min-trading-days'],
    draft.minDays === null
      ? null
      : {
          kind: 'min-trading-days',
          id: idOf(base.rules, ['min-trading-days'], 'min-trading-days'),
          days: draft.minDays,
          ...(baseDays?.kind === 'min-trading-days' && baseDays.minDayProfitCents !== undefined
            ? { minDayProfitCents: baseDays.minDayProfitCents }
            : {}),
        },
  );
  const baseCons = base.rules.find((r) => r.kind === 'consistency');
  rules = put(
    rules,
    ['consistency'],
    draft.consistencyPct === null
      ? null
      : {
          kind: 'consistency',
          id: idOf(base.rules, ['consistency'], 'consistency'),
          variant: baseCons?.kind === 'consistency' ? baseCons.variant : 'target',
          maxBestDayShareBps: Math.round(draft.consistencyPct * 100),
          strict: baseCons?.kind === 'consistency' ? baseCons.strict : true,
        },
  );
  const family = `custom-${slug(draft.name)}`;
  const rs: RuleSet = {
    id: `${family}@${opts.version}`,
    firm: base.firm,
    plan: draft.name.trim(),
    phase: base.phase,
    version: String(opts.version),
    effectiveDate: opts.savedAt.slice(0, 10),
    sourceUrl: base.sourceUrl,
    startBalanceCents: draft.startBalanceCents,
    tradingDay: { ...draft.reset },
    rules,
    notes: [`Edited from ${base.id}.`, ...base.notes],
    notEvaluated: [...base.notEvaluated],
  };
  const valid = validateRuleSet(rs);
  return valid.ok ? ok(rs) : valid;
}

/** The next version number for a custom family, given the ids already stored. */
export function nextCustomVersion(family: string, storedIds: readonly string[]): number {
  let max = 0;
  for (const id of storedIds) {
    if (familyOf(id) !== family) continue;
    const v = Number(versionOf(id));
    if (Number.isInteger(v) && v > max) max = v;
  }
  return max + 1;
}

/**
 * The newest shipped rule set of the same family as `assignedId` (or, for a custom rule set, of the
 * shipped one it was edited from) when it is newer than what the account uses; else null.
 */
export function newerShippedVersion(
  assignedId: string,
  shipped: readonly RuleSet[],
  basedOn?: string,
): RuleSet | null {
  const reference = basedOn ?? assignedId;
  const family = familyOf(reference);
  const current = versionOf(reference);
  let best: RuleSet | null = null;
  for (const rs of shipped) {
    if (familyOf(rs.id) !== family || !(rs.version > current)) continue;
    if (!best || rs.version > best.version) best = rs;
  }
  return best;
}
