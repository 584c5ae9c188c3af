/**
 * Live entry by pasting rows: a trader copies fills or trades from a platform window or an export and pastes
 * them as text. `readPaste` turns that text into a CSV the ordinary import pipeline reads, so pasted rows are
 * previewed, diffed by natural key (a re-paste changes nothing), committed all-or-nothing and undone like a
 * file. It accepts:
 *
 * - rows of any supported trading export with their header (comma, semicolon or tab separated);
 * - the same rows without the header: the column count picks the candidate layouts, and the one whose
 *   importer reads the most rows wins;
 * - the simple shape `time, symbol, side, qty, price[, commission]`, with or without that header, where a
 *   time without a date ("10:31:05") is today in the profile's zone. Those become fills of venue 'paste'.
 */
import type { TradeFill } from '../../model';
import { err, ok, type Result } from '../../result';
import { contractRoot } from '../../rules/contracts';
import { formatCsvRecord, readCsv } from '../csv';
import { detectFormat } from '../detect';
import { OCCURRENCE_SLOT } from '../occurrence';
import type { FormatId, Importer } from '../types';
import { cell, Columns, instantReader, money, num, parseRows, RowError } from './common';
import { TRADING_IMPORTERS } from './index';

const TIME = ['time', 'timestamp', 'date time', 'datetime', 'fill time', 'date'];
const SYMBOL = ['symbol', 'contract', 'instrument', 'product'];
const SIDE = ['side', 'b/s', 'buy/sell', 'action'];
const QTY = ['qty', 'quantity', 'size', 'contracts', 'filled qty'];
const PRICE = ['price', 'fill price', 'avg price', 'avg fill price'];
const COMMISSION = ['commission', 'commissions', 'fee', 'fees'];

/** The simple shape's header, as `readPaste` writes it when the paste has none. */
export const SIMPLE_HEADER = ['time', 'symbol', 'side', 'qty', 'price', 'commission'] as const;

const BUY = new Set(['buy', 'b', 'bot', 'bought', 'long']);
const SELL = new Set(['sell', 's', 'sld', 'sold', 'short']);

/** Fills in the simple shape; venue 'paste', keyed by content and occurrence (no ids to go by). */
export const pastedFills: Importer = {
  format: 'pasted-fills',
  label: 'Pasted fills (time, symbol, side, qty, price)',
  kind: 'trading',
  notes: ['Pasted fills are paired first in, first out into round trips, commissions included.'],
  detect(header) {
    const c = new Columns(header);
    return c.has(...TIME) && c.has(...SYMBOL) && c.has(...SIDE) && c.has(...QTY) && c.has(...PRICE) ? 0.6 : 0;
  },
  dateColumns(header) {
    const i = new Columns(header).find(...TIME);
    return i >= 0 ? [header[i] ?? ''] : [];
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      time: c.find(...TIME),
      symbol: c.find(...SYMBOL),
      side: c.find(...SIDE),
      qty: c.find(...QTY),
      price: c.find(...PRICE),
      commission: c.find(...COMMISSION),
    };
    const account = opts.account ?? 'default';
    const at = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line): TradeFill => {
      const symbol = cell(row, col.symbol).toUpperCase();
      if (symbol === '') throw new RowError('bad-row', 'symbol', 'symbol is empty');
      const sideText = cell(row, col.side).toLowerCase();
      const q = num(cell(row, col.qty), 'qty');
      // A signed quantity may stand in for the side ("-2" sells two).
      const side = BUY.has(sideText)
        ? 'buy'
        : SELL.has(sideText)
          ? 'sell'
          : sideText === '' && q !== 0
            ? q > 0
              ? 'buy'
              : 'sell'
            : null;
      if (side === null)
        throw new RowError('bad-row', 'side', `side: “${cell(row, col.side)}” is neither buy nor sell`);
      const n = Math.abs(q);
      if (!Number.isInteger(n) || n === 0)
        throw new RowError('bad-number', 'qty', `qty: “${cell(row, col.qty)}” is not a contract count`);
      const price = num(cell(row, col.price), 'price');
      const commission = cell(row, col.commission);
      const iso = at(cell(row, col.time), 'time');
      return {
        key: `paste:fill:${account}:${iso}:${symbol}:${side}:${n}:${price}:${OCCURRENCE_SLOT}`,
        venue: 'paste',
        account,
        at: iso,
        tz: opts.zone,
        symbol,
        root: contractRoot(symbol),
        side,
        qty: n,
        price,
        commissionCents: commission === '' ? 0 : Math.abs(money(commission, 'commission')),
        orderId: null,
        fillId: null,
        line,
      };
    });
    return { batch: { trade_fills: out }, rejects };
  },
};

/** Importers a paste is read with: every trading format, then the simple shape. */
export const PASTE_IMPORTERS: readonly Importer[] = [...TRADING_IMPORTERS, pastedFills];

/**
 * Export headers in their files' column order, for rows pasted without their header. Rithmic is left out:
 * its account is in a preamble above the header, which rows alone never carry.
 */
const CANONICAL_HEADERS: readonly { format: FormatId; header: readonly string[] }[] = [
  {
    format: 'tradovate-performance',
    header:
      'symbol,_priceFormat,_priceFormatType,_tickSize,buyFillId,sellFillId,qty,buyPrice,sellPrice,pnl,boughtTimestamp,soldTimestamp,duration'.split(
        ',',
      ),
  },
  {
    format: 'tradovate-fills',
    header:
      '_id,_orderId,_contractId,_timestamp,_tradeDate,_action,_qty,_price,_active,_accountId,Fill ID,Order ID,Timestamp,Date,Account,B/S,Quantity,Price,_priceFormat,_priceFormatType,_tickSize,Contract,Product,Product Description,commission'.split(
        ',',
      ),
  },
  {
    format: 'tradovate-orders',
    header:
      'orderId,Account,Order ID,B/S,Contract,Product,Product Description,avgPrice,filledQty,Fill Time,lastCommandId,Status,_priceFormat,_priceFormatType,_tickSize,spreadDefinitionId,Version ID,Timestamp,Date,Quantity,Text,Type,Limit Price,Stop Price,decimalLimit,decimalStop,Filled Qty,Avg Fill Price,decimalFillAvg,Venue,Notional Value,Currency'.split(
        ',',
      ),
  },
  {
    format: 'tradovate-position-history',
    header:
      'Position ID,Timestamp,Trade Date,Net Pos,Net Price,Bought,Avg. Buy,Sold,Avg. Sell,Account,Contract,Product,Product Description,_priceFormat,_priceFormatType,_tickSize,Pair ID,Buy Fill ID,Sell Fill ID,Paired Qty,Buy Price,Sell Price,P/L,Currency,Bought Timestamp,Sold Timestamp'.split(
        ',',
      ),
  },
  {
    format: 'tradovate-cash-history',
    header: 'Account,Transaction ID,Timestamp,Date,Delta,Amount,Cash Change Type,Currency,Contract'.split(
      ',',
    ),
  },
  {
    format: 'topstepx-trades',
    header:
      'Id,ContractName,EnteredAt,ExitedAt,EntryPrice,ExitPrice,Fees,PnL,Size,Type,TradeDay,TradeDuration,Commissions'.split(
        ',',
      ),
  },
  {
    format: 'topstepx-trades',
    header:
      'Id,ContractName,EnteredAt,ExitedAt,EntryPrice,ExitPrice,Fees,PnL,Size,Type,TradeDay,TradeDuration'.split(
        ',',
      ),
  },
  {
    format: 'ninjatrader-trades',
    header:
      'Trade number,Instrument,Account,Strategy,Market pos.,Qty,Entry price,Exit price,Entry time,Exit time,Entry name,Exit name,Profit,Cum. net profit,Commission,MAE,MFE,ETD,Bars'.split(
        ',',
      ),
  },
  {
    format: 'ninjatrader-executions',
    header:
      'Instrument,Action,Quantity,Price,Time,ID,E/X,Position,Order ID,Name,Commission,Rate,Account,Connection'.split(
        ',',
      ),
  },
  { format: 'pasted-fills', header: [...SIMPLE_HEADER] },
  { format: 'pasted-fills', header: SIMPLE_HEADER.slice(0, 5) },
];

export interface PasteText {
  /** CSV text (with a header) for the import pipeline. */
  csv: string;
  /** How the paste was read. */
  shape: 'with-header' | 'without-header';
  format: FormatId;
  label: string;
  rows: number;
}

const TIME_ONLY = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * Reads pasted text into CSV for the import pipeline. `today` ('YYYY-MM-DD', the profile zone's date) is
 * the date of simple-shape times written without one. Returns 'empty-file' for blank text and
 * 'unknown-format' when the rows fit no supported layout.
 */
export function readPaste(text: string, opts: { today: string; zone: string }): Result<PasteText> {
  const clean = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .join('\n');
  if (clean === '') return err('empty-file', 'Paste some rows first.');
  const firstLine = clean.split('\n', 1)[0] ?? '';
  // Spreadsheets and platform grids copy as tab-separated text.
  const table = readCsv(clean, firstLine.includes('\t') ? { delimiter: '\t' } : {});
  if (!table.ok) return table;
  const t = table.value;
  const importerOf = (f: FormatId): Importer | undefined => PASTE_IMPORTERS.find((i) => i.format === f);

  if (t.headerLine > 0) {
    const best = detectFormat(t.header, PASTE_IMPORTERS)[0];
    const importer = best && best.confidence >= 0.5 ? importerOf(best.format) : undefined;
    if (!importer)
      return err(
        'unknown-format',
        'These rows have a header no trading format uses. Paste rows from a Tradovate, TopstepX, NinjaTrader or Rithmic export, or time, symbol, side, qty, price.',
      );
    const rows = importer.format === 'pasted-fills' ? datedRows(t.header, t.rows, opts.today) : t.rows;
    // Rows as the table read them (preamble such as Rithmic's "Account:" line kept when nothing changed).
    const csv =
      rows === t.rows && t.delimiter !== '\t'
        ? clean
        : [t.header, ...rows].map((r) => formatCsvRecord(r)).join('\n');
    return ok({
      csv,
      shape: 'with-header',
      format: importer.format,
      label: importer.label,
      rows: t.rows.length,
    });
  }

  // No header: try every layout with this many columns on a sample and keep the one that reads most rows.
  const width = Math.max(...t.rows.map((r) => r.length));
  const sample = t.rows.slice(0, 50);
  let best: { format: FormatId; header: readonly string[]; read: number } | null = null;
  for (const c of CANONICAL_HEADERS) {
    if (c.header.length !== width) continue;
    const importer = importerOf(c.format);
    if (!importer) continue;
    const rows = c.format === 'pasted-fills' ? datedRows(c.header, sample, opts.today) : sample;
    const read = countReadable(importer, c.header, rows, opts.zone);
    if (read > 0 && (!best || read > best.read)) best = { format: c.format, header: c.header, read };
  }
  if (!best)
    return err(
      'unknown-format',
      `Rows of ${width} columns without a header fit no supported export. Include the header row, or paste time, symbol, side, qty, price.`,
    );
  const importer = importerOf(best.format) as Importer;
  const rows = best.format === 'pasted-fills' ? datedRows(best.header, t.rows, opts.today) : t.rows;
  return ok({
    csv: [best.header, ...rows].map((r) => formatCsvRecord(r)).join('\n'),
    shape: 'without-header',
    format: best.format,
    label: importer.label,
    rows: t.rows.length,
  });
}

/** Rows whose time cell has no date get `today` in front. */
function datedRows(header: readonly string[], rows: readonly string[][], today: string): string[][] {
  const i = new Columns(header).find(...TIME);
  if (i < 0) return rows as string[][];
  return rows.map((r) => {
    const v = (r[i] ?? '').trim();
    if (!TIME_ONLY.test(v)) return r;
    const copy = [...r];
    copy[i] = `${today} ${v}`;
    return copy;
  });
}

/** How many rows an importer reads without a reject, trying both date orders when the format has none. */
function countReadable(
  importer: Importer,
  header: readonly string[],
  rows: readonly string[][],
  zone: string,
): number {
  const lines = rows.map((_, k) => k + 1);
  const orders = importer.fixedDateOrder ? [importer.fixedDateOrder] : (['mdy', 'dmy'] as const);
  let best = 0;
  for (const dateOrder of orders) {
    const r = importer.parse(header, rows, lines, { zone, dateOrder });
    best = Math.max(best, rows.length - r.rejects.length);
  }
  return best;
}
