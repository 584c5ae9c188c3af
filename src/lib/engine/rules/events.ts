/**
 * Turns imported ledger rows (trades, fills, account cash) into one time-ordered event stream per account
 * for the rules engine, choosing one source of money per account so nothing is counted twice:
 *
 * 1. Cash History with "Trade Paired" rows: P&L, commissions and fees come from the ledger; trades and
 *    fills then only give positions and times.
 * 2. Otherwise closed trades (their net P&L), plus ledger commissions and fees when the trades carry none.
 * 3. Otherwise fills, paired FIFO into round trips.
 * Fills pasted in by the user (venue 'paste') are paired on their own and added to sources 1 and 2: they
 * stand for trading the exports do not cover yet.
 * Fills always give the open position. Payouts, withdrawals and adjustments always move the balance;
 * deposits before the first trading activity are the account's funding, which the rule set's start
 * balance stands for, so they are left out.
 */
import type { AccountCash, FactBatch, Trade, TradeFill } from '../model';
import { pairFillsDetailed } from '../importers/trading/pair-fills';
import type { ContractSpecs } from './contracts';
import { CONTRACT_SPECS } from './contracts';
import type { AccountEvent, TradeEvent } from './types';

export interface AccountStream {
  account: string;
  /** Sorted by time; at equal times fills come before trades, then fees and cash. */
  events: AccountEvent[];
  /** Where the money came from, in plain words. */
  source: 'cash-history' | 'trades' | 'paired-fills' | 'none';
  limitations: string[];
}

const ms = (iso: string): number => Date.parse(iso);

function groupBy<T extends { account: string }>(rows: readonly T[] | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows ?? []) {
    const g = m.get(r.account);
    if (g) g.push(r);
    else m.set(r.account, [r]);
  }
  return m;
}

const RANK: Record<AccountEvent['type'], number> = { fill: 0, trade: 1, fee: 2, cash: 3, mark: 4 };

function tradeEvent(t: Trade): TradeEvent {
  return {
    type: 'trade',
    at: ms(t.exitAt),
    netCents: t.netCents,
    openedAt: ms(t.entryAt),
    root: t.root,
    qty: t.qty,
  };
}

function fillEvent(f: TradeFill): AccountEvent {
  return { type: 'fill', at: ms(f.at), root: f.root, qtyChange: f.side === 'buy' ? f.qty : -f.qty };
}

function streamFor(
  account: string,
  trades: readonly Trade[],
  fills: readonly TradeFill[],
  cash: readonly AccountCash[],
  specs: ContractSpecs,
): AccountStream {
  const events: AccountEvent[] = fills.map(fillEvent);
  const limitations: string[] = [];
  const hasCashPnl = cash.some((c) => c.kind === 'pnl');
  let source: AccountStream['source'] = 'none';
  let cashFees = false;

  if (hasCashPnl) {
    source = 'cash-history';
    cashFees = true;
    for (const c of cash)
      if (c.kind === 'pnl') events.push({ type: 'trade', at: ms(c.at), netCents: c.amountCents });
    // Trades still give entry times and sizes for flat-by and position checks, with no money.
    for (const t of trades) events.push({ ...tradeEvent(t), netCents: 0 });
  } else if (trades.length > 0) {
    source = 'trades';
    for (const t of trades) events.push(tradeEvent(t));
    const tradeFees = trades.some((t) => t.feesCents !== 0);
    const ledgerFees = cash.some((c) => c.kind === 'commission' || c.kind === 'fee');
    cashFees = !tradeFees && ledgerFees;
    if (!tradeFees && !ledgerFees)
      limitations.push(
        'The trades carry no commissions or fees (P&L is gross), so the real balance is lower.',
      );
  } else if (fills.length > 0) {
    source = 'paired-fills';
    pushPairedFills(fills, specs, events, limitations);
  }
  // Fills pasted in (live entry) cover time the exports do not yet: their round trips add to the money
  // of an account whose money comes from trades or a cash history.
  const pasted = source === 'paired-fills' ? [] : fills.filter((f) => f.venue === 'paste');
  if (pasted.length > 0) {
    pushPairedFills(pasted, specs, events, limitations);
    limitations.push(
      'Pasted fills are added to the exported trades; undo the paste after importing an export that covers them.',
    );
  }

  let firstActivity = Number.POSITIVE_INFINITY;
  for (const e of events) firstActivity = Math.min(firstActivity, e.at);
  for (const c of cash) if (c.kind !== 'deposit') firstActivity = Math.min(firstActivity, ms(c.at));
  let fundingSkipped = false;
  for (const c of cash) {
    const at = ms(c.at);
    if (c.kind === 'commission' || c.kind === 'fee') {
      if (cashFees) events.push({ type: 'fee', at, amountCents: c.amountCents });
    } else if (c.kind === 'deposit' && !(at > firstActivity)) {
      fundingSkipped = true;
    } else if (c.kind !== 'pnl') {
      const kind =
        c.kind === 'deposit' || c.kind === 'withdrawal' || c.kind === 'payout' ? c.kind : 'adjustment';
      events.push({ type: 'cash', at, amountCents: c.amountCents, kind });
    }
  }
  if (fundingSkipped)
    limitations.push(
      'Deposits before the first trade are taken as the account’s funding: the start balance stands for them.',
    );

  events.sort((a, b) => a.at - b.at || RANK[a.type] - RANK[b.type]);
  return { account, events, source, limitations };
}

/** Round trips of fills paired FIFO as trade events, the commissions of lots still open as one fee. */
function pushPairedFills(
  fills: readonly TradeFill[],
  specs: ContractSpecs,
  events: AccountEvent[],
  limitations: string[],
): void {
  const paired = pairFillsDetailed(fills, specs);
  for (const t of paired.trades) events.push(tradeEvent(t));
  if (paired.unknownRoots.length > 0) {
    limitations.push(
      `Round trips in ${paired.unknownRoots.join(', ')} could not be priced (no contract spec) and are left out.`,
    );
  }
  const open = paired.open.reduce((s, o) => s + o.commissionCents, 0);
  if (open !== 0)
    events.push({ type: 'fee', at: ms(paired.open[paired.open.length - 1]?.at ?? ''), amountCents: -open });
}

/** One stream per account found in the batch, sorted by account. */
export function accountStreams(batch: FactBatch, specs: ContractSpecs = CONTRACT_SPECS): AccountStream[] {
  const trades = groupBy(batch.trades);
  const fills = groupBy(batch.trade_fills);
  const cash = groupBy(batch.account_cash);
  const accounts = [...new Set([...trades.keys(), ...fills.keys(), ...cash.keys()])].sort();
  return accounts.map((a) => streamFor(a, trades.get(a) ?? [], fills.get(a) ?? [], cash.get(a) ?? [], specs));
}
