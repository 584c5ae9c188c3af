/**
 * TopstepX / ProjectX "Trades" export (FORMATS.md §2.2): one row per round trip (scale-ins and partial
 * exits give several rows), times with a per-row UTC offset, `PnL` gross with a plain minus sign, `Fees`
 * round-turn and (13-column variant) `Commissions` separate. Net = PnL − Fees − Commissions.
 * The file names no account, so rows go to `opts.account` or 'default'. Rows are keyed by the export's `Id`.
 */
import type { Trade } from '../../model';
import { contractRoot } from '../../rules/contracts';
import type { Importer } from '../types';
import {
  cell,
  Columns,
  instantReader,
  moneyOrZero,
  money,
  num,
  parseRows,
  qty,
  required,
  RowError,
  signatureScore,
} from './common';

export const topstepxTrades: Importer = {
  format: 'topstepx-trades',
  label: 'TopstepX (ProjectX) trades export',
  kind: 'trading',
  fixedDateOrder: 'mdy',
  notes: [
    'Times carry their own UTC offset.',
    'Net P&L = PnL − Fees − Commissions.',
    'The file names no account; rows go to the account you choose, or “default”.',
  ],
  detect(header) {
    const c = new Columns(header);
    if (!c.has('ContractName') || !c.has('EnteredAt') || !c.has('ExitedAt')) return 0;
    return signatureScore(header, [
      ['Id'],
      ['ContractName'],
      ['EnteredAt'],
      ['ExitedAt'],
      ['EntryPrice'],
      ['ExitPrice'],
      ['Fees'],
      ['PnL'],
      ['Size'],
      ['Type'],
    ]);
  },
  parse(header, rows, lines, opts) {
    const c = new Columns(header);
    const col = {
      id: c.find('Id'),
      contract: c.find('ContractName'),
      entered: c.find('EnteredAt'),
      exited: c.find('ExitedAt'),
      entryPrice: c.find('EntryPrice'),
      exitPrice: c.find('ExitPrice'),
      fees: c.find('Fees'),
      pnl: c.find('PnL'),
      size: c.find('Size'),
      type: c.find('Type'),
      commissions: c.find('Commissions'),
    };
    const account = opts.account ?? 'default';
    const at = instantReader(opts.dateOrder, opts.zone);
    const { out, rejects } = parseRows(rows, lines, (row, line): Trade => {
      const id = required(row, col.id, 'Id');
      const symbol = required(row, col.contract, 'ContractName');
      const type = cell(row, col.type).toLowerCase();
      if (type !== 'long' && type !== 'short') {
        throw new RowError('bad-row', 'Type', `Type: “${cell(row, col.type)}” is neither Long nor Short`);
      }
      // PnL is gross; Fees (round turn) and Commissions are costs, stored positive whatever their sign.
      const grossCents = money(cell(row, col.pnl), 'PnL');
      const feesCents =
        Math.abs(moneyOrZero(cell(row, col.fees), 'Fees')) +
        Math.abs(moneyOrZero(cell(row, col.commissions), 'Commissions'));
      return {
        key: `topstepx:trade:${account}:${id}`,
        venue: 'topstepx',
        account,
        symbol,
        root: contractRoot(symbol),
        direction: type,
        qty: qty(cell(row, col.size), 'Size'),
        entryAt: at(cell(row, col.entered), 'EnteredAt'),
        exitAt: at(cell(row, col.exited), 'ExitedAt'),
        tz: opts.zone,
        entryPrice: num(cell(row, col.entryPrice), 'EntryPrice'),
        exitPrice: num(cell(row, col.exitPrice), 'ExitPrice'),
        grossCents,
        feesCents,
        netCents: grossCents - feesCents,
        line,
      };
    });
    return { batch: { trades: out }, rejects };
  },
};
