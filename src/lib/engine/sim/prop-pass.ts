/**
 * Prop evaluation pass probability: simulated trading days, each one closed trade netting that day's
 * result, are run through the prop-firm rules engine itself (`createEvaluator` with the account's rule set,
 * the same code that judges the real account), so trailing and end-of-day drawdowns, daily loss limits,
 * minimum days and consistency rules apply exactly as the engine defines them.
 *
 * Each path is a fresh evaluation: day d's result is drawn from the model (times the contract multiplier),
 * pushed as a trade inside trading day d, the day is closed, and the engine's status decides: an
 * account-ending violation fails the path, `passed` passes it, otherwise the next day follows, up to
 * `maxDays`. Path i depends only on (seed, i), so chunks run on any number of workers merge identically.
 *
 * What one trade a day cannot show: intraday swings (a trailing drawdown on live equity is checked on
 * closing balances only, so real breaches are somewhat more likely), position size and flat-by times.
 * The engine reports these in `limitations`, which the summary passes on.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import { createEvaluator } from '../rules/evaluate';
import { nextRollAfter, sessionWindowAt } from '../rules/session-clock';
import type { DayRoll, Rule, RuleSet } from '../rules/types';
import { validateRuleSet } from '../rules/validate';
import type { CompiledModel, ModelSpec } from './distributions';
import { compileModel, fillSteps } from './distributions';
import { MAX_PATHS } from './monte-carlo';
import { Xoshiro128, assertSeed } from './rng';
import { quantiles } from './stats';
import type { PathRange } from './types';

/** Most trading days one path may run (about eight years of trading days). */
export const MAX_PROP_DAYS = 2000;
/** Monday 5 January 2026, 00:00 UTC: the default start of the simulated calendar. */
export const DEFAULT_PROP_START_MS = Date.UTC(2026, 0, 5);
/** Each simulated day's trade closes this long after the day's roll (well inside the trading day). */
const TRADE_AFTER_ROLL_MS = 2 * 60 * 60 * 1000;

export interface PropSimParams {
  /** The account's rule set, as data (engine/rules); it must validate. */
  ruleSet: RuleSet;
  /** Account size in cents when it differs from the rule set's start balance. */
  startBalanceCents?: number;
  /** Net result of one trading day in cents at the size of the history (fees included). */
  model: ModelSpec;
  /** Multiplies every day's result: contracts tried / contracts the history was traded at. Default 1. */
  stakeMultiplier?: number;
  /** Trading days simulated at most; a path neither passed nor failed by then is "still open". */
  maxDays: number;
  paths: number;
  /** Integer in [0, 2^53): path i depends only on (seed, i). */
  seed: number;
  /** The first simulated trading day is the one that starts at the first roll after this instant. */
  startAtMs?: number;
}

/** Outcome codes of one path. */
export const PROP_OPEN = 0;
export const PROP_PASSED = 1;
export const PROP_FAILED = 2;

/** Mergeable per-path outcomes of paths [fromPath, toPath); arrays indexed by p hold path fromPath + p. */
export interface PropChunkResult {
  fromPath: number;
  toPath: number;
  maxDays: number;
  /** PROP_OPEN, PROP_PASSED or PROP_FAILED. */
  outcome: Uint8Array;
  /** Trading day (1-based) on which the path passed or failed; 0 when still open. */
  day: Int32Array;
  /** Index in ruleSet.rules of the rule whose breach ended the account (the earliest), or -1. */
  failRule: Int16Array;
  /** Balance change in cents at the end (pass, fail or the last day). */
  pnlCents: Float64Array;
  /** The engine's limitations for the first path of the chunk (the same for every path). */
  limitations: string[];
}

export interface PropSummary {
  paths: number;
  maxDays: number;
  /** Shares of paths that passed, failed, or neither within maxDays, with binomial standard errors. */
  pPass: number;
  pPassSe: number;
  pFail: number;
  pFailSe: number;
  pOpen: number;
  /** Over the paths that passed: mean, median and 90th percentile of the trading days it took. */
  meanDaysToPass: number | null;
  medianDaysToPass: number | null;
  p90DaysToPass: number | null;
  /** Over the paths that failed: median trading day of the breach. */
  medianDaysToFail: number | null;
  /** How the failed paths failed: rule id and share of all paths, most common first. */
  failByRule: { rule: string; share: number }[];
  limitations: string[];
}

/** Validated prop parameters with the model compiled and the trading-day calendar laid out. */
export interface CheckedProp {
  params: PropSimParams;
  model: CompiledModel;
  startBalanceCents: number;
  /** When day d's trade happens and when day d closes (epoch ms), d = 0..maxDays-1. */
  tradeAt: Float64Array;
  closeAt: Float64Array;
  /** Rule ids whose violation ends the account, with their index in ruleSet.rules. */
  failing: Map<string, number>;
}

/**
 * Whether a rule's violation ends the account: every limit except daily-loss and flat-by rules whose
 * breach only locks the day ('lock-day'); objectives (target, minimum days, consistency) never fail.
 * Mirrors the trackers' `hasFailed` in rules/evaluate.ts.
 */
export function isAccountEnding(rule: Rule): boolean {
  switch (rule.kind) {
    case 'profit-target':
    case 'min-trading-days':
    case 'consistency':
      return false;
    case 'daily-loss':
    case 'flat-by':
      return rule.onBreach === 'fail';
    default:
      return true;
  }
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/** Validates parameters, compiles the model and computes the calendar; 'invalid-argument' / 'invalid-rule'. */
export function checkPropParams(params: PropSimParams): Result<CheckedProp> {
  const rs = validateRuleSet(params.ruleSet);
  if (!rs.ok) return rs;
  if (params.ruleSet.phase !== 'evaluation' || !params.ruleSet.rules.some((r) => r.kind === 'profit-target'))
    return err('invalid-argument', 'pass probability needs an evaluation rule set with a profit target');
  const model = compileModel(params.model, params.stakeMultiplier ?? 1);
  if (!model.ok) return model;
  const { maxDays, paths, seed } = params;
  if (!isInt(maxDays) || maxDays < 1 || maxDays > MAX_PROP_DAYS)
    return err('invalid-argument', `trading days must be a whole number from 1 to ${MAX_PROP_DAYS}`);
  if (!isInt(paths) || paths < 1 || paths > MAX_PATHS)
    return err('invalid-argument', `paths must be a whole number from 1 to ${MAX_PATHS}`);
  if (!isInt(seed) || seed < 0) return err('invalid-argument', 'seed must be an integer >= 0 and < 2^53');
  const start = params.startBalanceCents ?? params.ruleSet.startBalanceCents;
  if (!isInt(start) || start <= 0)
    return err('invalid-argument', 'account size must be positive integer cents');
  const tradeAt = new Float64Array(maxDays);
  const closeAt = new Float64Array(maxDays);
  let roll = nextRollAfter(params.startAtMs ?? DEFAULT_PROP_START_MS, params.ruleSet.tradingDay);
  for (let d = 0; d < maxDays; d++) {
    const next = nextRollAfter(roll, params.ruleSet.tradingDay);
    tradeAt[d] = Math.min(roll + TRADE_AFTER_ROLL_MS, next - 1);
    closeAt[d] = next;
    roll = next;
  }
  const failing = new Map<string, number>();
  params.ruleSet.rules.forEach((r, i) => {
    if (isAccountEnding(r)) failing.set(r.id, i);
  });
  return ok({ params, model: model.value, startBalanceCents: start, tradeAt, closeAt, failing });
}

/**
 * Runs paths [range.fromPath, range.toPath) (default all) of a checked prop simulation through the rules
 * engine. Throws RangeError on a range outside the run (a caller bug).
 */
export function simulatePropChecked(sim: CheckedProp, range?: PathRange): PropChunkResult {
  const { params, tradeAt, closeAt, failing, startBalanceCents } = sim;
  const fromPath = range?.fromPath ?? 0;
  const toPath = range?.toPath ?? params.paths;
  if (!isInt(fromPath) || !isInt(toPath) || fromPath < 0 || toPath > params.paths || fromPath > toPath)
    throw new RangeError(`path range [${fromPath}, ${toPath}) is not within [0, ${params.paths})`);
  assertSeed(params.seed);
  const count = toPath - fromPath;
  const maxDays = params.maxDays;
  const outcome = new Uint8Array(count);
  const day = new Int32Array(count);
  const failRule = new Int16Array(count).fill(-1);
  const pnlCents = new Float64Array(count);
  const steps = new Float64Array(maxDays);
  const rng = new Xoshiro128();
  let limitations: string[] = [];
  for (let p = 0; p < count; p++) {
    rng.seedPath(params.seed, fromPath + p);
    fillSteps(rng, sim.model, steps, maxDays);
    const ev = createEvaluator(params.ruleSet, { startBalanceCents, timeline: 'none' });
    for (let d = 0; d < maxDays; d++) {
      ev.push({ type: 'trade', at: tradeAt[d]!, netCents: steps[d]! });
      ev.advanceTo(closeAt[d]!);
      const st = ev.status();
      pnlCents[p] = st.balanceCents - startBalanceCents;
      if (p === 0) limitations = st.limitations;
      let failed = -1;
      for (const v of st.violations) {
        const i = failing.get(v.rule);
        if (i !== undefined) {
          failed = i;
          break;
        }
      }
      if (failed >= 0) {
        outcome[p] = PROP_FAILED;
        day[p] = d + 1;
        failRule[p] = failed;
        break;
      }
      if (st.passed === true) {
        outcome[p] = PROP_PASSED;
        day[p] = d + 1;
        break;
      }
    }
  }
  return { fromPath, toPath, maxDays, outcome, day, failRule, pnlCents, limitations };
}

/** Validates and runs (part of) a prop simulation; the one-thread convenience path. */
export function simulateProp(params: PropSimParams, range?: PathRange): Result<PropChunkResult> {
  const checked = checkPropParams(params);
  if (!checked.ok) return checked;
  return ok(simulatePropChecked(checked.value, range));
}

/** Joins chunks of one run in path order; they must tile a contiguous range (else a caller bug: throws). */
export function mergePropChunks(chunks: readonly PropChunkResult[]): PropChunkResult {
  if (chunks.length === 0) throw new RangeError('mergePropChunks needs at least one chunk');
  const sorted = [...chunks].sort((a, b) => a.fromPath - b.fromPath);
  const first = sorted[0]!;
  let to = first.fromPath;
  for (const c of sorted) {
    if (c.fromPath !== to)
      throw new RangeError(`chunks do not tile the paths: expected ${to}, got ${c.fromPath}`);
    if (c.maxDays !== first.maxDays) throw new RangeError('chunks come from different runs');
    to = c.toPath;
  }
  const count = to - first.fromPath;
  const out: PropChunkResult = {
    fromPath: first.fromPath,
    toPath: to,
    maxDays: first.maxDays,
    outcome: new Uint8Array(count),
    day: new Int32Array(count),
    failRule: new Int16Array(count),
    pnlCents: new Float64Array(count),
    limitations: [...new Set(sorted.flatMap((c) => c.limitations))],
  };
  for (const c of sorted) {
    const off = c.fromPath - first.fromPath;
    out.outcome.set(c.outcome, off);
    out.day.set(c.day, off);
    out.failRule.set(c.failRule, off);
    out.pnlCents.set(c.pnlCents, off);
  }
  return out;
}

/** The figures people read from a (merged) prop run; `ruleSet` names the rules behind the failures. */
export function summarizeProp(merged: PropChunkResult, ruleSet: RuleSet): PropSummary {
  const n = merged.toPath - merged.fromPath;
  if (n === 0) throw new RangeError('summarizeProp needs at least one path');
  let passed = 0;
  let failed = 0;
  const byRule = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (merged.outcome[i] === PROP_PASSED) passed++;
    else if (merged.outcome[i] === PROP_FAILED) {
      failed++;
      const r = merged.failRule[i]!;
      byRule.set(r, (byRule.get(r) ?? 0) + 1);
    }
  }
  const passDays = new Float64Array(passed);
  const failDays = new Float64Array(failed);
  let sumPass = 0;
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (merged.outcome[i] === PROP_PASSED) {
      passDays[a++] = merged.day[i]!;
      sumPass += merged.day[i]!;
    } else if (merged.outcome[i] === PROP_FAILED) failDays[b++] = merged.day[i]!;
  }
  const pPass = passed / n;
  const pFail = failed / n;
  const passQ = passed > 0 ? quantiles(passDays, [0.5, 0.9]) : null;
  return {
    paths: n,
    maxDays: merged.maxDays,
    pPass,
    pPassSe: Math.sqrt((pPass * (1 - pPass)) / n),
    pFail,
    pFailSe: Math.sqrt((pFail * (1 - pFail)) / n),
    pOpen: (n - passed - failed) / n,
    meanDaysToPass: passed > 0 ? sumPass / passed : null,
    medianDaysToPass: passQ ? passQ[0]! : null,
    p90DaysToPass: passQ ? passQ[1]! : null,
    medianDaysToFail: failed > 0 ? quantiles(failDays, [0.5])[0]! : null,
    failByRule: [...byRule]
      .map(([i, c]) => ({ rule: ruleSet.rules[i]?.id ?? `rule ${i + 1}`, share: c / n }))
      .sort((a, b) => b.share - a.share || a.rule.localeCompare(b.rule)),
    limitations: merged.limitations,
  };
}

/** Validates, simulates all paths in one chunk and summarises. */
export function runPropSimulation(params: PropSimParams): Result<PropSummary> {
  const r = simulateProp(params);
  if (!r.ok) return r;
  return ok(summarizeProp(r.value, params.ruleSet));
}

/**
 * Sums closed trades into the firm's trading days (the rule set's day roll, e.g. 17:00 Chicago), in day
 * order: the daily results a prop simulation resamples. Days without trades are absent (they are not
 * trading days). Trades may come in any order.
 */
export function dailyResults(
  trades: readonly { atMs: number; netCents: number }[],
  roll: DayRoll,
): { day: string; netCents: number }[] {
  const byDay = new Map<string, number>();
  for (const t of trades) {
    const key = sessionWindowAt(t.atMs, roll).key;
    byDay.set(key, (byDay.get(key) ?? 0) + t.netCents);
  }
  return [...byDay]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([day, netCents]) => ({ day, netCents }));
}
