/**
 * Copy trading: accounts that trade the same signals (a trade copier, or one trader mirroring by hand)
 * should hold the same trades. This module compares each account of a group with the group's reference
 * account, trade by trade:
 *
 * - Round trips are matched by product root, direction and entry time within a window (copiers add a
 *   fraction of a second to a few seconds; platforms round exports to the second). Matching is greedy in
 *   time order per (root, direction), which for "within a window" pairs of points on a line gives the
 *   largest possible number of pairs, and treats both accounts alike: compare(A, B) and compare(B, A) pair
 *   the same trades.
 * - A reference trade the follower lacks is *missed*; a follower trade the reference lacks is *extra*.
 * - Slippage of a matched pair is what the follower lost against the reference's P&L scaled to the
 *   follower's size (positive = the follower did worse), plus entry and exit slippage in ticks.
 * - P&L drift is the follower's cumulative net P&L minus the reference's, after each exit.
 *
 * Pure: trades in, reports out; the page and the data worker decide where trades come from.
 */
import type { FactBatch, Trade } from '../model';
import { pairFillsDetailed } from '../importers/trading/pair-fills';
import type { ContractSpecs } from './contracts';
import { CONTRACT_SPECS } from './contracts';
import type { RuleStatus } from './types';

/** One round trip as the comparison sees it; times are epoch milliseconds. */
export interface CopyTrade {
  key: string;
  account: string;
  symbol: string;
  root: string;
  direction: 'long' | 'short';
  qty: number;
  entryAt: number;
  exitAt: number;
  entryPrice: number;
  exitPrice: number;
  grossCents: number;
  netCents: number;
}

export interface MatchedPair {
  reference: CopyTrade;
  follower: CopyTrade;
  /** follower.entryAt − reference.entryAt (positive: the follower entered later). */
  entryLagMs: number;
  /** follower.qty − reference.qty. */
  qtyDiff: number;
  /** Reference gross P&L scaled to the follower's size minus the follower's gross (positive: follower worse). */
  slippageCents: number;
  /** Entry price difference in ticks, positive when the follower's entry was worse; null without a spec. */
  entrySlipTicks: number | null;
  /** Exit price difference in ticks, positive when the follower's exit was worse; null without a spec. */
  exitSlipTicks: number | null;
}

export interface DriftPoint {
  at: number;
  /** Follower's cumulative net P&L minus the reference's. */
  driftCents: number;
}

export interface Divergence {
  reference: string;
  follower: string;
  windowMs: number;
  matched: MatchedPair[];
  /** Reference trades with no counterpart in the follower. */
  missed: CopyTrade[];
  /** Follower trades with no counterpart in the reference. */
  extra: CopyTrade[];
  /** Matched pairs whose sizes differ. */
  sizeMismatches: number;
  /** Σ slippage over matched pairs (positive: the follower did worse). */
  slippageCents: number;
  /** Largest |entry lag| over matched pairs, ms; 0 when nothing matched. */
  maxLagMs: number;
  drift: DriftPoint[];
  /** Drift after the last exit: follower net − reference net, in cents. */
  driftCents: number;
}

export interface CopyGroupReport {
  name: string;
  reference: string;
  accounts: string[];
  windowMs: number;
  /** One comparison per account other than the reference, in account order. */
  followers: Divergence[];
}

/** Default matching window: copiers are faster, but exports are rounded to the second. */
export const DEFAULT_COPY_WINDOW_MS = 5_000;

const TICK_PRECISION = 1e6;

/** Trades per account, from the same source the rules engine uses: closed trades, else fills paired FIFO. */
export function copyTradesByAccount(
  batch: FactBatch,
  specs: ContractSpecs = CONTRACT_SPECS,
): Map<string, CopyTrade[]> {
  const byAccount = new Map<string, Trade[]>();
  const push = (t: Trade): void => {
    const g = byAccount.get(t.account);
    if (g) g.push(t);
    else byAccount.set(t.account, [t]);
  };
  for (const t of batch.trades ?? []) push(t);
  const withTrades = new Set(byAccount.keys());
  const fills = (batch.trade_fills ?? []).filter((f) => !withTrades.has(f.account));
  if (fills.length > 0) for (const t of pairFillsDetailed(fills, specs).trades) push(t);
  const out = new Map<string, CopyTrade[]>();
  for (const [account, trades] of [...byAccount].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out.set(account, trades.map(toCopyTrade).sort(byEntry));
  }
  return out;
}

export function toCopyTrade(t: Trade): CopyTrade {
  return {
    key: t.key,
    account: t.account,
    symbol: t.symbol,
    root: t.root,
    direction: t.direction,
    qty: t.qty,
    entryAt: Date.parse(t.entryAt),
    exitAt: Date.parse(t.exitAt),
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    grossCents: t.grossCents,
    netCents: t.netCents,
  };
}

const byEntry = (a: CopyTrade, b: CopyTrade): number =>
  a.entryAt - b.entryAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const groupKey = (t: CopyTrade): string => `${t.root}\u0000${t.direction}`;

function groupIndexes(trades: readonly CopyTrade[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  trades.forEach((t, i) => {
    const k = groupKey(t);
    const g = m.get(k);
    if (g) g.push(i);
    else m.set(k, [i]);
  });
  for (const g of m.values()) g.sort((x, y) => byEntry(trades[x] as CopyTrade, trades[y] as CopyTrade));
  return m;
}

/**
 * Pairs trades of `a` and `b` with the same root and direction whose entries are at most `windowMs` apart.
 * Returns index pairs into `a` and `b`, and the indexes left unmatched on each side, all ascending.
 */
export function matchTrades(
  a: readonly CopyTrade[],
  b: readonly CopyTrade[],
  windowMs: number,
): { pairs: [number, number][]; unmatchedA: number[]; unmatchedB: number[] } {
  if (!(windowMs >= 0)) throw new RangeError(`window ${windowMs} ms must be >= 0`);
  const ga = groupIndexes(a);
  const gb = groupIndexes(b);
  const pairs: [number, number][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const [k, ia] of ga) {
    const ib = gb.get(k);
    if (!ib) continue;
    let i = 0;
    let j = 0;
    while (i < ia.length && j < ib.length) {
      const x = ia[i] as number;
      const y = ib[j] as number;
      const ta = (a[x] as CopyTrade).entryAt;
      const tb = (b[y] as CopyTrade).entryAt;
      if (tb < ta - windowMs) j++;
      else if (ta < tb - windowMs) i++;
      else {
        pairs.push([x, y]);
        usedA.add(x);
        usedB.add(y);
        i++;
        j++;
      }
    }
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const unmatchedA = a.map((_, i) => i).filter((i) => !usedA.has(i));
  const unmatchedB = b.map((_, i) => i).filter((i) => !usedB.has(i));
  return { pairs, unmatchedA, unmatchedB };
}

function ticks(diff: number, tickSize: number): number {
  return Math.round((diff / tickSize) * TICK_PRECISION) / TICK_PRECISION + 0;
}

/** One matched pair's lag, size difference and slippage (positive = the follower did worse). */
export function pairSlippage(
  reference: CopyTrade,
  follower: CopyTrade,
  specs: ContractSpecs = CONTRACT_SPECS,
): MatchedPair {
  const scaled = Math.round((reference.grossCents * follower.qty) / reference.qty);
  const spec = specs[follower.root];
  const sign = follower.direction === 'long' ? 1 : -1;
  return {
    reference,
    follower,
    entryLagMs: follower.entryAt - reference.entryAt,
    qtyDiff: follower.qty - reference.qty,
    slippageCents: scaled - follower.grossCents + 0,
    entrySlipTicks: spec ? ticks(sign * (follower.entryPrice - reference.entryPrice), spec.tickSize) : null,
    exitSlipTicks: spec ? ticks(sign * (reference.exitPrice - follower.exitPrice), spec.tickSize) : null,
  };
}

/** Follower's cumulative net minus the reference's after each exit time of either account. */
export function pnlDrift(reference: readonly CopyTrade[], follower: readonly CopyTrade[]): DriftPoint[] {
  const exits: { at: number; ref: number; fol: number }[] = [
    ...reference.map((t) => ({ at: t.exitAt, ref: t.netCents, fol: 0 })),
    ...follower.map((t) => ({ at: t.exitAt, ref: 0, fol: t.netCents })),
  ].sort((x, y) => x.at - y.at);
  const out: DriftPoint[] = [];
  let drift = 0;
  for (const e of exits) {
    drift += e.fol - e.ref;
    const last = out[out.length - 1];
    if (last && last.at === e.at) last.driftCents = drift;
    else out.push({ at: e.at, driftCents: drift });
  }
  return out;
}

/** Compares one follower account with the reference account. */
export function compareAccounts(
  reference: string,
  refTrades: readonly CopyTrade[],
  follower: string,
  folTrades: readonly CopyTrade[],
  opts: { windowMs?: number; specs?: ContractSpecs } = {},
): Divergence {
  const windowMs = opts.windowMs ?? DEFAULT_COPY_WINDOW_MS;
  const m = matchTrades(refTrades, folTrades, windowMs);
  const matched = m.pairs.map(([i, j]) =>
    pairSlippage(refTrades[i] as CopyTrade, folTrades[j] as CopyTrade, opts.specs),
  );
  const drift = pnlDrift(refTrades, folTrades);
  return {
    reference,
    follower,
    windowMs,
    matched,
    missed: m.unmatchedA.map((i) => refTrades[i] as CopyTrade),
    extra: m.unmatchedB.map((j) => folTrades[j] as CopyTrade),
    sizeMismatches: matched.filter((p) => p.qtyDiff !== 0).length,
    slippageCents: matched.reduce((s, p) => s + p.slippageCents, 0),
    maxLagMs: matched.reduce((s, p) => Math.max(s, Math.abs(p.entryLagMs)), 0),
    drift,
    driftCents: drift[drift.length - 1]?.driftCents ?? 0,
  };
}

/**
 * The reference a group compares against: the chosen one when it is a member, else the member with the
 * most trades (a copier's lead account usually has them all), ties broken by name.
 */
export function pickReference(
  accounts: readonly string[],
  trades: ReadonlyMap<string, readonly CopyTrade[]>,
  chosen?: string | null,
): string | null {
  if (chosen && accounts.includes(chosen)) return chosen;
  let best: string | null = null;
  let bestCount = -1;
  for (const a of [...accounts].sort()) {
    const n = trades.get(a)?.length ?? 0;
    if (n > bestCount) {
      best = a;
      bestCount = n;
    }
  }
  return best;
}

/** Every member of a group against its reference. */
export function compareGroup(
  group: { name: string; accounts: readonly string[]; reference?: string | null; windowMs?: number },
  trades: ReadonlyMap<string, readonly CopyTrade[]>,
  specs?: ContractSpecs,
): CopyGroupReport {
  const accounts = [...new Set(group.accounts)].sort();
  const reference = pickReference(accounts, trades, group.reference) ?? '';
  const windowMs = group.windowMs ?? DEFAULT_COPY_WINDOW_MS;
  const refTrades = trades.get(reference) ?? [];
  return {
    name: group.name,
    reference,
    accounts,
    windowMs,
    followers: accounts
      .filter((a) => a !== reference)
      .map((a) =>
        compareAccounts(reference, refTrades, a, trades.get(a) ?? [], {
          windowMs,
          ...(specs ? { specs } : {}),
        }),
      ),
  };
}

export interface Headroom {
  account: string;
  status: RuleStatus;
  /** Distance to the nearest violation, cents; null when the rule set has no money rule. */
  distanceCents: number | null;
}

/**
 * The weakest account: the one with the least headroom to its nearest violation. An account already
 * violated is weakest; accounts without a money rule count as having the most room. Ties go by name.
 */
export function weakestAccount(accounts: readonly Headroom[]): Headroom | null {
  const score = (h: Headroom): number =>
    h.status === 'violated'
      ? Number.NEGATIVE_INFINITY
      : h.distanceCents === null
        ? Number.POSITIVE_INFINITY
        : h.distanceCents;
  let best: Headroom | null = null;
  for (const h of accounts) {
    if (!best || score(h) < score(best) || (score(h) === score(best) && h.account < best.account)) best = h;
  }
  return best;
}
