/**
 * Prop-account evaluation over the current ledger: trading rows from DuckDB → one event stream per
 * account → the rules engine with the rule set the user assigned (or a guess from the account id).
 */
import type { FactBatch } from '../engine/model';
import { err, ok, type Result } from '../engine/result';
import { compareGroup, copyTradesByAccount, type CopyGroupReport } from '../engine/rules/copy';
import { accountStreams } from '../engine/rules/events';
import { evaluate } from '../engine/rules/evaluate';
import { newerShippedVersion, type CustomRuleSetBody } from '../engine/rules/custom';
import { findRuleSet, RULE_SETS } from '../engine/rules/rule-sets';
import type { AccountStatus, RuleSet, StatusBands } from '../engine/rules/types';
import type { Sql } from './duckdb/port';
import { readFactRows } from './fact-rows';

export interface PropAssignment {
  account: string;
  ruleSetId: string;
  startBalanceCents?: number;
}

export interface PropAccountView {
  account: string;
  ruleSetId: string;
  /** True when the rule set was guessed, not chosen by the user. */
  guessed: boolean;
  source: string;
  status: AccountStatus;
  /** A newer shipped version of the account's rule set (or of the one a custom set was edited from). */
  newerVersion: { id: string; version: string } | null;
}

/** A first guess of the rule set from the account id; the user confirms or changes it. */
export function guessRuleSet(account: string): string {
  const a = account.toUpperCase();
  if (a.startsWith('PAAPEX') || a.startsWith('PA-APEX')) return 'apex-50k-pa';
  if (a.startsWith('APEX')) return 'apex-50k-eval';
  if (a.includes('TOPSTEP') || a.startsWith('S1') || a.startsWith('50KTC')) return 'topstep-50k-combine';
  if (a.startsWith('TPT')) return 'tpt-50k-eval';
  if (a.startsWith('FTD') || a.includes('TRADEIFY')) return 'tradeify-50k-eval';
  if (a.startsWith('MFF')) return 'mff-s50k-eval';
  return 'apex-50k-eval';
}

export async function evaluatePropAccounts(
  sql: Sql,
  assignments: readonly PropAssignment[],
  opts: { bands?: StatusBands; asOf?: number; custom?: readonly CustomRuleSetBody[] } = {},
): Promise<Result<PropAccountView[]>> {
  const custom = new Map((opts.custom ?? []).map((c) => [c.ruleSet.id, c]));
  const lookup = (id: string): RuleSet | undefined => custom.get(id)?.ruleSet ?? findRuleSet(id);
  const trades = await readFactRows(sql, 'trades');
  if (!trades.ok) return trades;
  const fills = await readFactRows(sql, 'trade_fills');
  if (!fills.ok) return fills;
  const cash = await readFactRows(sql, 'account_cash');
  if (!cash.ok) return cash;
  const batch: FactBatch = { trades: trades.value, trade_fills: fills.value, account_cash: cash.value };
  const byAccount = new Map(assignments.map((a) => [a.account, a]));
  const out: PropAccountView[] = [];
  for (const stream of accountStreams(batch)) {
    const chosen = byAccount.get(stream.account);
    const id = chosen?.ruleSetId ?? guessRuleSet(stream.account);
    const rs = lookup(id);
    if (!rs) return err('invalid-rule', `Unknown rule set ${id}`);
    const status = evaluate(rs, stream.events, {
      timeline: 'daily',
      ...(opts.bands ? { bands: opts.bands } : {}),
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      ...(chosen?.startBalanceCents ? { startBalanceCents: chosen.startBalanceCents } : {}),
    });
    status.limitations = [...new Set([...stream.limitations, ...status.limitations])];
    const newer = chosen ? newerShippedVersion(rs.id, RULE_SETS, custom.get(rs.id)?.basedOn) : null;
    out.push({
      account: stream.account,
      ruleSetId: rs.id,
      guessed: !chosen,
      source: stream.source,
      status,
      newerVersion: newer ? { id: newer.id, version: newer.version } : null,
    });
  }
  return ok(out.sort((a, b) => a.account.localeCompare(b.account)));
}

/** A copy group as stored: members in `tradingAccounts.copyGroup`, options in the `prop.copy.<name>` setting. */
export interface CopyGroupInput {
  name: string;
  accounts: string[];
  reference?: string | null;
  windowMs?: number;
}

/** Compares every copy group's members with its reference over the current ledger's trades. */
export async function copyGroupReports(
  sql: Sql,
  groups: readonly CopyGroupInput[],
): Promise<Result<CopyGroupReport[]>> {
  if (groups.length === 0) return ok([]);
  const trades = await readFactRows(sql, 'trades');
  if (!trades.ok) return trades;
  const fills = await readFactRows(sql, 'trade_fills');
  if (!fills.ok) return fills;
  const byAccount = copyTradesByAccount({ trades: trades.value, trade_fills: fills.value });
  return ok([...groups].sort((a, b) => a.name.localeCompare(b.name)).map((g) => compareGroup(g, byAccount)));
}
