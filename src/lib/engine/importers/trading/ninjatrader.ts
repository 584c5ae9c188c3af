/**
 * NinjaTrader 8 Trade Performance exports (FORMATS.md §2.3): the "Trades" grid (one row per round trip)
 * and the "Executions" grid (one row per fill). The UI language sets both the header names (English or
 * French) and the number format (en-US "$1,234.56" / "($20.00)", fr-FR "1 250,50 $"); each cell's own
 * separators decide where they can, and the header language is the fallback.
 *
 * Whether `Profit` includes commission depends on a NinjaTrader setting. For a known contract the row
 * decides it: Profit equal to (exit − entry) × qty × point value is gross; equal to that minus the
 * commission it is net. Otherwise Profit is taken as gross and the Commission is still deducted.
 * Exports have no trade id, so a trade's key is built from its contents (a re-export keeps the same keys).
 */
import type { DecimalStyle } from '../../money';
import type { Side, Trade, TradeFill } from '../../model';
import { contractRoot, contractSpec, roundTripGrossCents } from '../../rules/contracts';
import type { Importer } from '../types';
import {
  cell,
  Columns,
  instantReader,
  money,
  moneyOrZero,
  num,
  parseRows,
  qty,
  required,
  RowError,
  signatureScore,
} from './common';

const VENUE = 'ninjatrader';

/** Trades-grid columns by English and French UI names (French from deltalytix's NT8 processor). */
const T = {
  account: ['Account', 'Compte'],
  instrument: ['Instrument'],
  marketPos: ['Market pos.', 'Pos. marché.', 'Pos. marché'],
  qty: ['Qty', 'Quantity', 'Qté', 'Quantité'],
  entryPrice: ['Entry price', "Prix d'entrée"],
  exitPrice: ['Exit price', 'Prix de sortie'],
  entryTime: ['Entry time', "Heure d'entrée"],
  exitTime: ['Exit time', 'Heure de sortie'],
  entryName: ['Entry name', "Nom d'entrée"],
  exitName: ['Exit name', 'Nom de la sortie'],
  profit: ['Profit'],
  commission: ['Commission'],
} as const;

/** Fee columns newer NT8 versions add beside Commission. */
const FEE_COLUMNS = ['Clearing Fee', 'Exchange Fee', 'IP Fee', 'NFA Fee'];

/** Executions-grid columns; the French names here are NinjaTrader's fr-FR labels as far as known (unverified). */
const X = {
  instrument: ['Instrument'],
  action: ['Action'],
  qty: ['Quantity', 'Qty', 'Quantité', 'Qté'],
  price: ['Price', 'Prix'],
  time: ['Time', 'Heure'],
  id: ['ID', 'Id'],
  entryExit: ['E/X', 'E/S'],
  orderId: ['Order ID', "ID d'ordre", "ID de l'ordre"],
  commission: ['Commission'],
  account: ['Account', 'Compte'],
} as const;

/** French UI exports write decimals with a comma unless the user forced a style. */
function fallbackStyle(c: Columns, forced: DecimalStyle | undefined): DecimalStyle {
  return (
    forced ??
    (c.has('Compte', "Prix d'entrée", 'Prix') && !c.has('Account', 'Price', 'Entry price') ? 'comma' : 'dot')
  );
}

function directionOf(text: string): 'long' | 'short' {
  const t = text.trim().toLowerCase();
  if (t === 'long' || t === 'achat' || t === 'acheteur') return 'long';
  if (t === 'short' || t === 'court' || t === 'vente' || t === 'vendeur') return 'short';
  throw new RowError('bad-row', 'Market pos.', `Market pos.: “${text}” is neither Long nor Short`);
}

function actionSide(text: string): Side {
  const t = text.trim().toLowerCase();
  if (t.startsWith('buy') || t.startsWith('achat')) return 'buy';
  if (t.startsWith('sell') || t.startsWith('vente')) return 'sell';
  throw new RowError('bad-row', 'Action', `Action: “${text}” is neither a buy nor a sell`);
}

export const ninjatraderTrades: Importer = {
  format: 'ninjatrader-trades',
  label: 'NinjaTrader 8 Trade Performance (Trades)',
  kind: 'trading',
  notes: [
    'Whether Profit includes commission is read from each row where the contract is known; otherwise Profit is taken as gross.',
    'French exports (Compte, Prix d’entrée…) are read with comma decimals.',
  ],
  dateColumns(header) {
    const c = new Columns(header);
    return [c.find(...T.entryTime), c.find(...T.exitTime)].flatMap((i) => (i >= 0 ? [header[i] ?? ''] : []));
  },
  detect(header) {
    const c = new Columns(header);
    if (!c.has(...T.marketPos) || !c.has(...T.entryTime)) return 0;
    return signatureScore(header, [
      T.instrument,
      T.account,
      T.marketPos,
      T.qty,
      T.entryPrice,
      T.exitPrice,
      T.entryTime,
      T.exitTime,
      T.profit,
      T.commission,
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const style = fallbackStyle(c, opts.decimalStyle);
    const at = instantReader(opts.dateOrder, opts.zone);
    const col = {
      account: c.find(...T.account),
      instrument: c.find(...T.instrument),
      marketPos: c.find(...T.marketPos),
      qty: c.find(...T.qty),
      entryPrice: c.find(...T.entryPrice),
      exitPrice: c.find(...T.exitPrice),
      entryTime: c.find(...T.entryTime),
      exitTime: c.find(...T.exitTime),
      entryName: c.find(...T.entryName),
      exitName: c.find(...T.exitName),
      profit: c.find(...T.profit),
      commission: c.find(...T.commission),
      fees: FEE_COLUMNS.map((f) => c.find(f)).filter((i) => i >= 0),
    };
    const { out, rejects } = parseRows(rows, lines, (row, line): Trade => {
      const account = cell(row, col.account) || opts.account || 'default';
      const symbol = required(row, col.instrument, 'Instrument');
      const root = contractRoot(symbol);
      const direction = directionOf(cell(row, col.marketPos));
      const n = qty(cell(row, col.qty), 'Qty', style);
      const entryPrice = num(cell(row, col.entryPrice), 'Entry price', style);
      const exitPrice = num(cell(row, col.exitPrice), 'Exit price', style);
      const entryAt = at(cell(row, col.entryTime), 'Entry time');
      const exitAt = at(cell(row, col.exitTime), 'Exit time');
      const profit = money(cell(row, col.profit), 'Profit', style);
      const commission = Math.abs(moneyOrZero(cell(row, col.commission), 'Commission', style));
      let feesCents = commission;
      for (const i of col.fees) feesCents += Math.abs(moneyOrZero(cell(row, i), header[i] ?? 'fee', style));
      // Decide gross or net from the prices when the contract is known (see the module comment).
      const spec = contractSpec(root);
      let grossCents = profit;
      if (spec) {
        const computed = roundTripGrossCents(spec, direction, n, entryPrice, exitPrice);
        if (profit !== computed && (profit === computed - commission || profit === computed - feesCents))
          grossCents = computed;
      }
      const entryName = cell(row, col.entryName);
      const exitName = cell(row, col.exitName);
      return {
        // No trade id in the export: the contents are the key, names included so scale-outs at one price differ.
        key: `ninjatrader:trade:${account}:${symbol}:${entryAt}:${exitAt}:${direction}:${n}:${entryPrice}:${exitPrice}:${entryName}:${exitName}`,
        venue: VENUE,
        account,
        symbol,
        root,
        direction,
        qty: n,
        entryAt,
        exitAt,
        tz: opts.zone,
        entryPrice,
        exitPrice,
        grossCents,
        feesCents,
        netCents: grossCents - feesCents,
        line,
      };
    });
    return { batch: { trades: out }, rejects };
  },
};

export const ninjatraderExecutions: Importer = {
  format: 'ninjatrader-executions',
  label: 'NinjaTrader 8 Trade Performance (Executions)',
  kind: 'trading',
  notes: ['One fill per execution; French exports are read with comma decimals.'],
  dateColumns(header) {
    const i = new Columns(header).find(...X.time);
    return i >= 0 ? [header[i] ?? ''] : [];
  },
  detect(header) {
    const c = new Columns(header);
    if (c.has(...T.marketPos) || !c.has(...X.action) || !c.has(...X.time) || !c.has(...X.price)) return 0;
    return signatureScore(header, [
      X.instrument,
      X.action,
      X.qty,
      X.price,
      X.time,
      X.id,
      X.entryExit,
      X.orderId,
      X.commission,
      X.account,
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const style = fallbackStyle(c, opts.decimalStyle);
    const at = instantReader(opts.dateOrder, opts.zone);
    const col = {
      instrument: c.find(...X.instrument),
      action: c.find(...X.action),
      qty: c.find(...X.qty),
      price: c.find(...X.price),
      time: c.find(...X.time),
      id: c.find(...X.id),
      orderId: c.find(...X.orderId),
      commission: c.find(...X.commission),
      account: c.find(...X.account),
    };
    const { out, rejects } = parseRows(rows, lines, (row, line): TradeFill => {
      const account = cell(row, col.account) || opts.account || 'default';
      const id = required(row, col.id, 'ID');
      const symbol = required(row, col.instrument, 'Instrument');
      return {
        key: `ninjatrader:exec:${account}:${id}`,
        venue: VENUE,
        account,
        at: at(cell(row, col.time), 'Time'),
        tz: opts.zone,
        symbol,
        root: contractRoot(symbol),
        side: actionSide(cell(row, col.action)),
        qty: qty(cell(row, col.qty), 'Quantity', style),
        price: num(cell(row, col.price), 'Price', style),
        commissionCents: Math.abs(moneyOrZero(cell(row, col.commission), 'Commission', style)),
        orderId: cell(row, col.orderId) || null,
        fillId: id,
        line,
      };
    });
    return { batch: { trade_fills: out }, rejects };
  },
};
