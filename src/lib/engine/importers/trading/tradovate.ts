/**
 * Tradovate report exports (Reports → type → CSV), the back end of many Apex, Tradeify and Take Profit
 * Trader accounts. Shapes, quirks and sources: shared/formats/FORMATS.md §2.1.
 *
 * - Performance: one row per paired buy/sell fill, gross P&L, no account, no side column → Trade.
 * - Orders: one row per order incl. cancelled; filled ones become one TradeFill at the average price.
 * - Fills: one row per execution with its commission and a UTC `_timestamp` → TradeFill.
 * - Position History: paired fills with the account and P/L → Trade (same key as Performance, so a pairing
 *   imported from both reports is one row).
 * - Cash History: the account ledger → AccountCash.
 * Display timestamps carry no zone: they are read in the zone the user chose (`opts.zone`).
 */
import type { AccountCash, AccountCashKind, Side, Trade, TradeFill } from '../../model';
import { contractRoot } from '../../rules/contracts';
import type { Importer } from '../types';
import {
  cell,
  Columns,
  compareIds,
  instantReader,
  type InstantReader,
  money,
  num,
  parseRows,
  qty,
  required,
  RowError,
  signatureScore,
} from './common';

const VENUE = 'tradovate';

/**
 * Builds a Trade from a buy fill and a sell fill of a pairing. The earlier fill is the entry: a sell before
 * the buy is a short. Equal times fall back to fill-id order (a lower id was filled first).
 */
function pairedTrade(p: {
  account: string;
  symbol: string;
  root: string;
  qty: number;
  buyId: string;
  sellId: string;
  buyPrice: number;
  sellPrice: number;
  boughtAt: string;
  soldAt: string;
  grossCents: number;
  zone: string;
  line: number;
}): Trade {
  const isShort = p.boughtAt > p.soldAt || (p.boughtAt === p.soldAt && compareIds(p.buyId, p.sellId) > 0);
  return {
    key: `tradovate:trade:${p.account}:${p.buyId}:${p.sellId}`,
    venue: VENUE,
    account: p.account,
    symbol: p.symbol,
    root: p.root,
    direction: isShort ? 'short' : 'long',
    qty: p.qty,
    entryAt: isShort ? p.soldAt : p.boughtAt,
    exitAt: isShort ? p.boughtAt : p.soldAt,
    tz: p.zone,
    entryPrice: isShort ? p.sellPrice : p.buyPrice,
    exitPrice: isShort ? p.buyPrice : p.sellPrice,
    grossCents: p.grossCents,
    feesCents: 0,
    netCents: p.grossCents,
    line: p.line,
  };
}

function sideOf(text: string, column: string): Side {
  const t = text.trim().toLowerCase();
  if (t === 'buy' || t === 'b' || t === '0') return 'buy';
  if (t === 'sell' || t === 's' || t === '1') return 'sell';
  throw new RowError('bad-row', column, `${column}: “${text}” is neither Buy nor Sell`);
}

/** Performance.csv → Trade (gross; account from opts, else 'default'). */
export const tradovatePerformance: Importer = {
  format: 'tradovate-performance',
  label: 'Tradovate Performance report',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: [
    'P&L is gross: the Performance report has no commissions (import Cash History or Fills for them).',
    'The file names no account; rows go to the account you choose, or “default”.',
    'A sell filled before its buy is a short; equal times use fill-id order.',
  ],
  detect(header) {
    const c = new Columns(header);
    if (!c.has('buyFillId') || !c.has('sellFillId') || !c.has('boughtTimestamp')) return 0;
    return signatureScore(header, [
      ['symbol'],
      ['buyFillId'],
      ['sellFillId'],
      ['qty'],
      ['buyPrice'],
      ['sellPrice'],
      ['pnl'],
      ['boughtTimestamp'],
      ['soldTimestamp'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      symbol: c.find('symbol'),
      buyId: c.find('buyFillId'),
      sellId: c.find('sellFillId'),
      qty: c.find('qty'),
      buyPrice: c.find('buyPrice'),
      sellPrice: c.find('sellPrice'),
      pnl: c.find('pnl'),
      bought: c.find('boughtTimestamp'),
      sold: c.find('soldTimestamp'),
    };
    const account = opts.account ?? 'default';
    const at = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line) => {
      const symbol = required(row, col.symbol, 'symbol');
      return pairedTrade({
        account,
        symbol,
        root: contractRoot(symbol),
        qty: qty(cell(row, col.qty), 'qty'),
        buyId: required(row, col.buyId, 'buyFillId'),
        sellId: required(row, col.sellId, 'sellFillId'),
        buyPrice: num(cell(row, col.buyPrice), 'buyPrice'),
        sellPrice: num(cell(row, col.sellPrice), 'sellPrice'),
        boughtAt: at(cell(row, col.bought), 'boughtTimestamp'),
        soldAt: at(cell(row, col.sold), 'soldTimestamp'),
        grossCents: money(cell(row, col.pnl), 'pnl'),
        zone: opts.zone,
        line,
      });
    });
    return { batch: { trades: out }, rejects };
  },
};

/** Orders.csv → one TradeFill per filled order (no commission in this report). */
export const tradovateOrders: Importer = {
  format: 'tradovate-orders',
  label: 'Tradovate Orders report',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: [
    'Only filled orders are read, one fill per order at its average fill price; cancelled orders are skipped.',
    'The Orders report has no commissions.',
  ],
  detect(header) {
    const c = new Columns(header);
    if (!c.has('Status') || !c.has('B/S') || !c.has('Fill Time')) return 0;
    return signatureScore(header, [
      ['orderId', 'Order ID'],
      ['Account'],
      ['B/S'],
      ['Contract'],
      ['Status'],
      ['Fill Time'],
      ['Filled Qty', 'filledQty'],
      ['Avg Fill Price', 'avgPrice'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      orderId: c.find('orderId', 'Order ID'),
      account: c.find('Account'),
      side: c.find('B/S'),
      contract: c.find('Contract'),
      product: c.find('Product'),
      status: c.find('Status'),
      fillTime: c.find('Fill Time'),
      qty: c.find('Filled Qty', 'filledQty'),
      price: c.find('Avg Fill Price', 'avgPrice'),
    };
    const at = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line): TradeFill | null => {
      // Cancelled and working orders are not executions: skipped, not rejected.
      if (cell(row, col.status).toLowerCase() !== 'filled') return null;
      const account = cell(row, col.account) || opts.account || 'default';
      const orderId = required(row, col.orderId, 'orderId');
      const symbol = required(row, col.contract, 'Contract');
      return {
        key: `tradovate:order:${account}:${orderId}`,
        venue: VENUE,
        account,
        at: at(cell(row, col.fillTime), 'Fill Time'),
        tz: opts.zone,
        symbol,
        root: cell(row, col.product) || contractRoot(symbol),
        side: sideOf(cell(row, col.side), 'B/S'),
        qty: qty(cell(row, col.qty), 'Filled Qty'),
        price: num(cell(row, col.price), 'Avg Fill Price'),
        commissionCents: 0,
        orderId,
        fillId: null,
        line,
      };
    });
    return { batch: { trade_fills: out }, rejects };
  },
};

/** Fills → TradeFill with commission; `_timestamp` is UTC, `Timestamp` the user's local clock. */
export const tradovateFills: Importer = {
  format: 'tradovate-fills',
  label: 'Tradovate Fills report',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: ['Fill times come from the UTC `_timestamp` column when present, else the local Timestamp.'],
  detect(header) {
    const c = new Columns(header);
    if (c.has('Status') || !(c.has('Fill ID') || c.findExact('_id') >= 0)) return 0;
    return signatureScore(header, [
      ['Fill ID', '_id'],
      ['Order ID', '_orderId'],
      ['B/S', '_action'],
      ['Quantity', '_qty'],
      ['Price', '_price'],
      ['Contract'],
      ['commission'],
      ['Timestamp', '_timestamp'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      fillId: c.find('Fill ID', '_id', 'id'),
      orderId: c.find('Order ID', '_orderId', 'orderId'),
      utc: c.findExact('_timestamp', 'timestamp'),
      local: c.findExact('Timestamp'),
      side: c.find('B/S'),
      action: c.find('_action', 'action'),
      qty: c.find('Quantity', '_qty'),
      price: c.find('Price', '_price'),
      account: c.find('Account'),
      contract: c.find('Contract'),
      product: c.find('Product'),
      commission: c.find('commission'),
    };
    const utcAt = instantReader('ymd', 'UTC');
    const localAt = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line): TradeFill => {
      const account = cell(row, col.account) || opts.account || 'default';
      const fillId = required(row, col.fillId, 'Fill ID');
      const symbol = required(row, col.contract, 'Contract');
      const utc = cell(row, col.utc);
      const at = utc !== '' ? utcAt(utc, '_timestamp') : localAt(cell(row, col.local), 'Timestamp');
      // `B/S` (" Buy") in display exports; `_action` 0 = buy, 1 = sell when only the raw columns remain.
      const sideText = cell(row, col.side) || cell(row, col.action);
      const commission = cell(row, col.commission);
      return {
        key: `tradovate:fill:${account}:${fillId}`,
        venue: VENUE,
        account,
        at,
        tz: opts.zone,
        symbol,
        root: cell(row, col.product) || contractRoot(symbol),
        side: sideOf(sideText, 'B/S'),
        qty: qty(cell(row, col.qty), 'Quantity'),
        price: num(cell(row, col.price), 'Price'),
        // Commission is a cost whatever its printed sign; TradeFill stores it positive.
        commissionCents: commission === '' ? 0 : Math.abs(money(commission, 'commission')),
        orderId: cell(row, col.orderId) || null,
        fillId,
        line,
      };
    });
    return { batch: { trade_fills: out }, rejects };
  },
};

/** Position History → Trade, keyed like Performance so both reports of one pairing merge. */
export const tradovatePositionHistory: Importer = {
  format: 'tradovate-position-history',
  label: 'Tradovate Position History report',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: ['P/L is gross of commissions; a sell filled before its buy is a short.'],
  detect(header) {
    const c = new Columns(header);
    if (!c.has('Position ID') || !c.has('Buy Fill ID') || !c.has('Sell Fill ID')) return 0;
    return signatureScore(header, [
      ['Position ID'],
      ['Pair ID'],
      ['Buy Fill ID'],
      ['Sell Fill ID'],
      ['Paired Qty'],
      ['Buy Price'],
      ['Sell Price'],
      ['P/L'],
      ['Bought Timestamp'],
      ['Sold Timestamp'],
      ['Account'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      account: c.find('Account'),
      contract: c.find('Contract'),
      product: c.find('Product'),
      buyId: c.find('Buy Fill ID'),
      sellId: c.find('Sell Fill ID'),
      qty: c.find('Paired Qty'),
      buyPrice: c.find('Buy Price'),
      sellPrice: c.find('Sell Price'),
      pnl: c.find('P/L'),
      bought: c.find('Bought Timestamp'),
      sold: c.find('Sold Timestamp'),
    };
    const at = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line) => {
      const symbol = required(row, col.contract, 'Contract');
      return pairedTrade({
        account: cell(row, col.account) || opts.account || 'default',
        symbol,
        root: cell(row, col.product) || contractRoot(symbol),
        qty: qty(cell(row, col.qty), 'Paired Qty'),
        buyId: required(row, col.buyId, 'Buy Fill ID'),
        sellId: required(row, col.sellId, 'Sell Fill ID'),
        buyPrice: num(cell(row, col.buyPrice), 'Buy Price'),
        sellPrice: num(cell(row, col.sellPrice), 'Sell Price'),
        boughtAt: at(cell(row, col.bought), 'Bought Timestamp'),
        soldAt: at(cell(row, col.sold), 'Sold Timestamp'),
        grossCents: money(cell(row, col.pnl), 'P/L'),
        zone: opts.zone,
        line,
      });
    });
    return { batch: { trades: out }, rejects };
  },
};

/** Cash Change Type (leading space and spelling vary: " Trade Paired", "TradePaired") → kind. */
export function cashKind(type: string, deltaCents: number): AccountCashKind {
  const t = type.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'tradepaired') return 'pnl';
  if (t === 'commission') return 'commission';
  if (t.endsWith('fee')) return 'fee';
  if (t.includes('payout')) return 'payout';
  if (t === 'fundtransaction') return deltaCents >= 0 ? 'deposit' : 'withdrawal';
  return 'adjustment';
}

/** Cash History → AccountCash: Delta is the signed change, Amount the running balance. */
export const tradovateCashHistory: Importer = {
  format: 'tradovate-cash-history',
  label: 'Tradovate Cash History report',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: [
    'Fund Transactions are deposits when positive and withdrawals when negative; “Challenge Payout” rows are payouts.',
    'Trade Paired rows are realised gross P&L; Commission and exchange, clearing and NFA fees are separate rows.',
  ],
  detect(header) {
    const c = new Columns(header);
    if (!c.has('Cash Change Type') || !c.has('Delta')) return 0;
    return signatureScore(header, [
      ['Account'],
      ['Transaction ID'],
      ['Timestamp'],
      ['Delta'],
      ['Amount'],
      ['Cash Change Type'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      account: c.find('Account'),
      id: c.find('Transaction ID'),
      timestamp: c.find('Timestamp'),
      date: c.find('Date'),
      delta: c.find('Delta'),
      amount: c.find('Amount'),
      type: c.find('Cash Change Type'),
      contract: c.find('Contract'),
    };
    const localAt = instantReader(opts.dateOrder, opts.zone);
    const isoAt = instantReader('ymd', opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line): AccountCash => {
      const account = cell(row, col.account) || opts.account || 'default';
      const id = required(row, col.id, 'Transaction ID');
      const type = required(row, col.type, 'Cash Change Type');
      const amountCents = money(cell(row, col.delta), 'Delta');
      const balance = cell(row, col.amount);
      return {
        key: `tradovate:cash:${account}:${id}`,
        venue: VENUE,
        account,
        at: cashTime(cell(row, col.timestamp), cell(row, col.date), localAt, isoAt),
        tz: opts.zone,
        kind: cashKind(type, amountCents),
        amountCents,
        balanceCents: balance === '' ? null : money(balance, 'Amount'),
        symbol: cell(row, col.contract) || null,
        description: type,
        line,
      };
    });
    return { batch: { account_cash: out }, rejects };
  },
};

/**
 * A Cash History time: `Timestamp` ("09/15/2026 07:46:55"), or, when it lacks the year ("07/15 18:27",
 * seen in one fixture), the ISO `Date` column with the Timestamp's clock time.
 */
function cashTime(timestamp: string, date: string, localAt: InstantReader, isoAt: InstantReader): string {
  if (/^\d{1,2}\/\d{1,2}\s/.test(timestamp) && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const clock = /\s(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(timestamp);
    if (clock) return isoAt(`${date} ${clock[1]}`, 'Date');
  }
  if (timestamp !== '') return localAt(timestamp, 'Timestamp');
  return isoAt(date, 'Date');
}
