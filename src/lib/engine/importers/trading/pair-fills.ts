/**
 * FIFO pairing of executions into round trips, for exports that give fills but no trades (Tradovate Fills
 * and Orders, NinjaTrader Executions, Rithmic order history). Per account and contract, each closing
 * quantity is matched against the oldest open quantity; a fill that closes part of one lot, or closes
 * and reverses, is split. Each fill's commission is spread over the pieces it was split into by quantity
 * with `allocate` (largest remainder), so the trades' fees plus the open lots' commission sum exactly to
 * the fills' commission.
 */
import type { Cents } from '../../money';
import { allocate, cents } from '../../money';
import type { Side, Trade, TradeFill } from '../../model';
import type { ContractSpecs } from '../../rules/contracts';
import { CONTRACT_SPECS, contractSpec, roundTripGrossCents } from '../../rules/contracts';
import { compareIds } from './common';

/** Quantity still open at the end, from one fill. */
export interface OpenLot {
  account: string;
  symbol: string;
  root: string;
  side: Side;
  qty: number;
  price: number;
  at: string;
  fillKey: string;
  /** The part of the fill's commission that belongs to this open quantity. */
  commissionCents: Cents;
}

export interface PairResult {
  trades: Trade[];
  open: OpenLot[];
  /** Roots without a contract spec: their round trips cannot be priced and are left out. */
  unknownRoots: string[];
}

interface Match {
  open: number;
  close: number;
  qty: number;
}

/** Fills of one account and contract in execution order: time, then numeric fill id, then input order. */
function executionOrder(fills: readonly TradeFill[], idx: number[]): number[] {
  return idx.sort((a, b) => {
    const x = fills[a];
    const y = fills[b];
    if (!x || !y) return a - b;
    if (x.at !== y.at) return x.at < y.at ? -1 : 1;
    if (x.fillId && y.fillId && /^\d+$/.test(x.fillId) && /^\d+$/.test(y.fillId)) {
      const c = compareIds(x.fillId, y.fillId);
      if (c !== 0) return c;
    }
    return a - b;
  });
}

/** Pairs fills FIFO and also returns the lots left open and the roots that could not be priced. */
export function pairFillsDetailed(
  fills: readonly TradeFill[],
  specs: ContractSpecs = CONTRACT_SPECS,
): PairResult {
  const groups = new Map<string, number[]>();
  fills.forEach((f, i) => {
    const k = `${f.account}\u0000${f.symbol}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });

  // Pass 1: FIFO matching per group. A queue of open lots (all on one side) with a moving head index,
  // so each fill costs O(pieces) and the whole pass O(fills + matches).
  const matches: Match[] = [];
  /** Per fill: the pieces it was split into, as [match index or -1 for still open, qty]. */
  const pieces: [number, number][][] = fills.map(() => []);
  for (const idx of groups.values()) {
    const queue: { fill: number; left: number }[] = [];
    let head = 0;
    for (const i of executionOrder(fills, idx)) {
      const f = fills[i];
      if (!f) continue;
      let left = f.qty;
      while (left > 0 && head < queue.length) {
        const lot = queue[head];
        const openFill = lot ? fills[lot.fill] : undefined;
        if (!lot || !openFill || openFill.side === f.side) break;
        const q = Math.min(lot.left, left);
        pieces[lot.fill]?.push([matches.length, q]);
        pieces[i]?.push([matches.length, q]);
        matches.push({ open: lot.fill, close: i, qty: q });
        lot.left -= q;
        left -= q;
        if (lot.left === 0) head++;
      }
      if (left > 0) queue.push({ fill: i, left });
    }
    for (let q = head; q < queue.length; q++) {
      const lot = queue[q];
      if (lot) pieces[lot.fill]?.push([-1, lot.left]);
    }
  }

  // Pass 2: every fill's pieces are known only now, so its commission can be allocated over them.
  // Commission shares per match side, and per open remainder.
  const openShare = new Array<number>(matches.length).fill(0);
  const closeShare = new Array<number>(matches.length).fill(0);
  const openLots: OpenLot[] = [];
  fills.forEach((f, i) => {
    const ps = pieces[i] ?? [];
    if (ps.length === 0) return;
    const parts = allocate(
      cents(f.commissionCents),
      ps.map(([, q]) => q),
    );
    ps.forEach(([m, q], j) => {
      const share = parts[j] ?? cents(0);
      if (m === -1) {
        openLots.push({
          account: f.account,
          symbol: f.symbol,
          root: f.root,
          side: f.side,
          qty: q,
          price: f.price,
          at: f.at,
          fillKey: f.key,
          commissionCents: share,
        });
      } else if (matches[m]?.open === i) openShare[m] = share;
      else closeShare[m] = share;
    });
  });

  // Pass 3: price each match; a product without a spec cannot be priced and is reported instead.
  const trades: Trade[] = [];
  const unknown = new Set<string>();
  matches.forEach((m, k) => {
    const open = fills[m.open];
    const close = fills[m.close];
    if (!open || !close) return;
    const spec = specs[open.root] ?? contractSpec(open.symbol, specs);
    if (!spec) {
      unknown.add(open.root);
      return;
    }
    const direction = open.side === 'buy' ? 'long' : 'short';
    const grossCents = roundTripGrossCents(spec, direction, m.qty, open.price, close.price);
    const feesCents = (openShare[k] ?? 0) + (closeShare[k] ?? 0);
    trades.push({
      key: `${open.venue}:pair:${open.key}:${close.key}`,
      venue: open.venue,
      account: open.account,
      symbol: open.symbol,
      root: open.root,
      direction,
      qty: m.qty,
      entryAt: open.at,
      exitAt: close.at,
      tz: close.tz,
      entryPrice: open.price,
      exitPrice: close.price,
      grossCents,
      feesCents,
      netCents: grossCents - feesCents,
      line: close.line,
    });
  });
  return { trades, open: openLots, unknownRoots: [...unknown].sort() };
}

/** FIFO round trips from fills (see `pairFillsDetailed`), ordered by account, contract and execution. */
export function pairFills(fills: readonly TradeFill[], specs: ContractSpecs = CONTRACT_SPECS): Trade[] {
  return pairFillsDetailed(fills, specs).trades;
}
