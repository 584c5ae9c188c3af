/**
 * The `rules` command: evaluates a prop-firm rule set over trading exports and returns the JSON that
 * shared/TESTING.md fixes, or lists the shipped rule sets. No file system here: main.ts passes `readFile`
 * (and may pass its own parser), so this logic runs the same in tests.
 *
 *   rules --list
 *   rules --ruleset ID [--start-balance-cents N] [--account NAME] [--profile-tz ZONE]
 *         [--date-order dmy|mdy|ymd] [--as-of ISO] FILE...
 *
 * Files are merged by row key (a row imported twice counts once), split into accounts, and each account is
 * evaluated up to `--as-of` (default: now), so trading days that have ended are closed.
 */
import { TRADING_IMPORTERS } from '../lib/engine/importers/trading/index';
import { importBytes, isNeedsDecision } from '../lib/engine/importers/run';
import type { ParsedFile } from '../lib/engine/importers/types';
import type { FactBatch, FactTable } from '../lib/engine/model';
import type { Result } from '../lib/engine/result';
import { describeError, err, ok } from '../lib/engine/result';
import type { DateOrder } from '../lib/engine/time';
import { evaluate } from '../lib/engine/rules/evaluate';
import { accountStreams } from '../lib/engine/rules/events';
import { findRuleSet, RULE_SETS } from '../lib/engine/rules/rule-sets';
import type { RuleStatus } from '../lib/engine/rules/types';

/** What a parser must give back for one file: at least its rows. */
export type ParsedFileLike = Pick<ParsedFile, 'batch'> &
  Partial<Pick<ParsedFile, 'format' | 'rejects' | 'notes'>>;

export interface RulesAccountJson {
  account: string;
  ruleset: string;
  status: RuleStatus;
  balanceCents: number;
  thresholdCents: number | null;
  distanceToViolationCents: number | null;
  violations: { rule: string; at: string }[];
}

export interface RuleSetListing {
  id: string;
  firm: string;
  plan: string;
  phase: string;
  version: string;
  effectiveDate: string;
  sourceUrl: string;
}

export type RulesOutput = { accounts: RulesAccountJson[] } | { rulesets: RuleSetListing[] };

interface RulesArgs {
  list: boolean;
  ruleset: string | null;
  startBalanceCents: number | null;
  account: string | null;
  zone: string;
  dateOrder: DateOrder | null;
  asOf: number | null;
  files: string[];
}

const VALUE_FLAGS = [
  '--ruleset',
  '--start-balance-cents',
  '--account',
  '--profile-tz',
  '--date-order',
  '--as-of',
];

function parseArgs(args: readonly string[]): Result<RulesArgs> {
  const out: RulesArgs = {
    list: false,
    ruleset: null,
    startBalanceCents: null,
    account: null,
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dateOrder: null,
    asOf: null,
    files: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--list') out.list = true;
    else if (flag === '--json') continue;
    else if (VALUE_FLAGS.includes(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return err('invalid-argument', `${flag} needs a value`);
      if (flag === '--ruleset') out.ruleset = value;
      else if (flag === '--account') out.account = value;
      else if (flag === '--profile-tz') out.zone = value;
      else if (flag === '--start-balance-cents') {
        if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
          return err('invalid-argument', `--start-balance-cents must be whole cents, not “${value}”`);
        out.startBalanceCents = Number(value);
      } else if (flag === '--date-order') {
        if (value !== 'dmy' && value !== 'mdy' && value !== 'ymd')
          return err('invalid-argument', '--date-order is dmy, mdy or ymd');
        out.dateOrder = value;
      } else {
        const t = Date.parse(value);
        if (Number.isNaN(t)) return err('invalid-argument', `--as-of “${value}” is not an ISO date-time`);
        out.asOf = t;
      }
    } else if (arg.startsWith('--')) return err('invalid-argument', `unknown option ${arg}`);
    else out.files.push(arg);
  }
  return ok(out);
}

/** Adds a file's rows to the merged batch; a later row with the same key replaces the earlier one. */
function mergeInto(into: Map<FactTable, Map<string, unknown>>, batch: FactBatch): void {
  for (const table of Object.keys(batch) as FactTable[]) {
    const rows = batch[table] as { key: string }[] | undefined;
    if (!rows) continue;
    let m = into.get(table);
    if (!m) into.set(table, (m = new Map()));
    for (const r of rows) m.set(r.key, r);
  }
}

function toBatch(merged: Map<FactTable, Map<string, unknown>>, account: string | null): FactBatch {
  const batch: Record<string, unknown[]> = {};
  for (const [table, rows] of merged) {
    batch[table] = [...rows.values()].map((r) =>
      account !== null && (r as { account?: string }).account === 'default'
        ? { ...(r as object), account }
        : r,
    );
  }
  return batch as FactBatch;
}

function listing(): RuleSetListing[] {
  return RULE_SETS.map((r) => ({
    id: r.id,
    firm: r.firm,
    plan: r.plan,
    phase: r.phase,
    version: r.version,
    effectiveDate: r.effectiveDate,
    sourceUrl: r.sourceUrl,
  }));
}

/**
 * Runs the `rules` command. `readFile` reads a path's bytes; `parseTradingFile`, when given, replaces the
 * built-in reader (decode → CSV → detect among the trading formats → parse). `now` is the default as-of time.
 */
export async function runRules(
  args: string[],
  readFile: (path: string) => Promise<Uint8Array>,
  parseTradingFile?: (bytes: Uint8Array, name: string) => Promise<ParsedFileLike>,
  now: () => number = Date.now,
): Promise<Result<RulesOutput>> {
  const parsed = parseArgs(args);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  if (a.list) return ok({ rulesets: listing() });
  if (a.ruleset === null)
    return err('invalid-argument', 'rules needs --ruleset ID (see rules --list) or --list');
  const ruleSet = findRuleSet(a.ruleset);
  if (!ruleSet) return err('not-found', `no rule set “${a.ruleset}”; rules --list shows the ids`);
  if (a.files.length === 0) return err('invalid-argument', 'rules needs at least one trading export');

  const merged = new Map<FactTable, Map<string, unknown>>();
  for (const file of a.files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      return err('not-found', `${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (parseTradingFile) {
      mergeInto(merged, (await parseTradingFile(bytes, file)).batch);
      continue;
    }
    const r = importBytes(
      bytes,
      file,
      {
        zone: a.zone,
        ...(a.account === null ? {} : { account: a.account }),
        ...(a.dateOrder === null ? {} : { dateOrder: a.dateOrder }),
      },
      TRADING_IMPORTERS,
    );
    if (!r.ok) return err(r.error.code, `${file}: ${describeError(r.error)}`, r.error.detail);
    if (isNeedsDecision(r.value)) {
      return err(
        'ambiguous-date-order',
        `${file}: dates such as ${r.value.samples.slice(0, 2).join(', ')} read both ways; pass --date-order dmy or mdy`,
      );
    }
    mergeInto(merged, r.value.batch);
  }

  const asOf = a.asOf ?? now();
  const opts = a.startBalanceCents === null ? {} : { startBalanceCents: a.startBalanceCents };
  const accounts: RulesAccountJson[] = [];
  for (const stream of accountStreams(toBatch(merged, a.account))) {
    const last = stream.events[stream.events.length - 1]?.at ?? Number.NEGATIVE_INFINITY;
    const st = evaluate(ruleSet, stream.events, { ...opts, timeline: 'none', asOf: Math.max(asOf, last) });
    accounts.push({
      account: stream.account,
      ruleset: ruleSet.id,
      status: st.status,
      balanceCents: st.balanceCents,
      thresholdCents: st.thresholdCents,
      distanceToViolationCents: st.distanceToViolationCents,
      violations: st.violations.map((v) => ({ rule: v.rule, at: v.at })),
    });
  }
  return ok({ accounts });
}
