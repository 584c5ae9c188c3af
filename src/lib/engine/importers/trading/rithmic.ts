/**
 * Rithmic R|Trader Pro "Order History" export (FORMATS.md §2.4): one row per order after a preamble that
 * ends with a "Completed Orders" line. The time column's header carries a zone suffix that varies
 * ("Update Time (RDT)"), so it is found by `includes('Update Time')`. Each order with a filled quantity
 * becomes one TradeFill at its average fill price; commission = Commission Fill Rate (per contract) × qty.
 */
import Decimal from 'decimal.js';
import type { TradeFill } from '../../model';
import { contractRoot } from '../../rules/contracts';
import type { Importer } from '../types';
import {
  cell,
  Columns,
  instantReader,
  num,
  parseNumberText,
  parseRows,
  required,
  RowError,
  signatureScore,
} from './common';

const SKIPPED_STATUS = /^(failed|rejected)/i;

export const rithmicOrders: Importer = {
  format: 'rithmic-orders',
  label: 'Rithmic R|Trader Pro order history',
  kind: 'trading',
  fixedDateOrder: 'ymd',
  notes: [
    'Orders with a filled quantity are read (including partly filled, then cancelled ones); failed and rejected orders are skipped.',
    'Update times are read in your chosen time zone unless the column names UTC or GMT.',
  ],
  detect(header) {
    const c = new Columns(header);
    if (c.findIncluding('Update Time') < 0 || !c.has('Buy/Sell')) return 0;
    const rest = signatureScore(header, [
      ['Account'],
      ['Status'],
      ['Buy/Sell'],
      ['Symbol'],
      ['Qty Filled'],
      ['Avg Fill Price'],
      ['Order Number'],
    ]);
    // The Update Time column, required above, counts as the eighth signature column.
    return (rest * 7 + 1) / 8;
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const timeCol = c.findIncluding('Update Time');
    const zone = /\((UTC|GMT)\)/i.test(header[timeCol] ?? '') ? 'UTC' : opts.zone;
    const at = instantReader(opts.dateOrder, zone);
    const col = {
      account: c.find('Account'),
      status: c.find('Status'),
      side: c.find('Buy/Sell'),
      symbol: c.find('Symbol'),
      filled: c.find('Qty Filled'),
      price: c.find('Avg Fill Price'),
      orderNo: c.find('Order Number'),
      rate: c.find('Commission Fill Rate'),
    };
    const { out, rejects } = parseRows(rows, lines, (row, line): TradeFill | null => {
      // Only executed quantity matters: an order cancelled after a partial fill still traded that part.
      if (SKIPPED_STATUS.test(cell(row, col.status))) return null;
      const filledText = cell(row, col.filled);
      const filled = filledText === '' ? 0 : num(filledText, 'Qty Filled');
      if (filled === 0) return null;
      if (!Number.isInteger(filled) || filled < 0)
        throw new RowError('bad-number', 'Qty Filled', `Qty Filled: “${filledText}”`);
      const account = cell(row, col.account) || opts.account || 'default';
      const orderNo = required(row, col.orderNo, 'Order Number');
      const symbol = required(row, col.symbol, 'Symbol');
      const sideText = cell(row, col.side).toUpperCase();
      if (sideText !== 'B' && sideText !== 'S' && sideText !== 'BUY' && sideText !== 'SELL') {
        throw new RowError('bad-row', 'Buy/Sell', `Buy/Sell: “${cell(row, col.side)}” is neither B nor S`);
      }
      const rateText = cell(row, col.rate);
      const rate = rateText === '' ? 0 : parseNumberText(rateText);
      if (rate === null)
        throw new RowError('bad-number', 'Commission Fill Rate', `Commission Fill Rate: “${rateText}”`);
      return {
        key: `rithmic:order:${account}:${orderNo}`,
        venue: 'rithmic',
        account,
        at: at(cell(row, timeCol), header[timeCol] ?? 'Update Time'),
        tz: zone,
        symbol,
        root: contractRoot(symbol),
        side: sideText.startsWith('B') ? 'buy' : 'sell',
        qty: filled,
        price: num(cell(row, col.price), 'Avg Fill Price'),
        // dollars per contract × contracts → cents, half-even
        commissionCents: new Decimal(Math.abs(rate))
          .times(filled)
          .times(100)
          .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN)
          .toNumber(),
        orderId: orderNo,
        fillId: null,
        line,
      };
    });
    return { batch: { trade_fills: out }, rejects };
  },
};
