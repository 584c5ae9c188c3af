/**
 * The normalised ledger every importer fills and every capability reads. Rows are plain objects with
 * camelCase fields; `TABLES` describes each fact table's columns once, so the db layer can build Arrow
 * batches and DuckDB tables (snake_case columns, money as BIGINT cents) without repeating the schema.
 *
 * Every row has `key`, a natural key from its source (e.g. "sportsbet:txn:123456"), which makes re-imports
 * idempotent: a row whose key exists is either unchanged or an update, never a duplicate. `line` is the
 * 1-based physical line in the source file where the row starts, for error messages and audits.
 *
 * Times: `at` fields are UTC instants as ISO strings ("2026-06-10T06:00:05.000Z"); `tz` is the IANA zone
 * the source wrote its local times in, so views can show the punter's own clock.
 */

export type BookTxnKind =
  | 'stake'
  | 'payout'
  | 'void'
  | 'lose'
  | 'cashout'
  | 'adjustment'
  | 'deposit'
  | 'withdrawal'
  | 'returned-withdrawal'
  | 'bonus'
  | 'fee'
  | 'other';

export type BetType = 'single' | 'multi' | 'sgm' | 'exotic' | 'pool' | 'other';
export type BetStatus = 'pending' | 'won' | 'lost' | 'void' | 'cashed-out' | 'push';
export type LegResult = 'won' | 'lost' | 'void' | 'pending' | 'push';

/** One row of a bookmaker's account ledger (Sportsbet transaction history and the like). */
export interface BookTxn {
  key: string;
  venue: string;
  /** Groups the rows of one bet (stake + settlement); null for cash movements. */
  betKey: string | null;
  at: string;
  tz: string;
  kind: BookTxnKind;
  /** Signed: stakes and withdrawals negative, credits positive. */
  amountCents: number;
  balanceCents: number | null;
  betType: BetType | null;
  event: string | null;
  market: string | null;
  selection: string | null;
  oddsDecimal: number | null;
  /** Result text the source printed with the selection, e.g. "Win". */
  result: string | null;
  sport: string | null;
  description: string;
  line: number;
}

/** A bet as bet-level exports (DraftKings, FanDuel, Pikkit, a mapped spreadsheet) give it. */
export interface Bet {
  key: string;
  venue: string;
  placedAt: string;
  settledAt: string | null;
  tz: string;
  status: BetStatus;
  betType: BetType;
  stakeCents: number;
  /** Everything paid back, stake included (0 for a lost bet, the stake for a void). */
  returnCents: number;
  oddsDecimal: number | null;
  closingOddsDecimal: number | null;
  sport: string | null;
  competition: string | null;
  event: string | null;
  market: string | null;
  selection: string | null;
  isBonus: boolean;
  legCount: number;
  line: number;
}

/** One leg of a multi (or the only leg of a single where the source lists legs). */
export interface BetLeg {
  key: string;
  betKey: string;
  venue: string;
  legIndex: number;
  event: string | null;
  market: string | null;
  selection: string | null;
  oddsDecimal: number | null;
  result: LegResult | null;
  sport: string | null;
  competition: string | null;
  line: number;
}

export interface PokerSession {
  key: string;
  venue: string;
  startAt: string;
  endAt: string | null;
  tz: string;
  game: string;
  stakes: string;
  bigBlindCents: number | null;
  buyInCents: number;
  cashOutCents: number;
  netCents: number;
  minutes: number;
  hands: number | null;
  location: string;
  line: number;
}

export type Side = 'buy' | 'sell';

/** One execution on a futures account. Prices are instrument points (exact in binary for tick sizes used). */
export interface TradeFill {
  key: string;
  venue: string;
  account: string;
  at: string;
  tz: string;
  symbol: string;
  root: string;
  side: Side;
  qty: number;
  price: number;
  commissionCents: number;
  orderId: string | null;
  fillId: string | null;
  line: number;
}

/** A round trip (entry and exit) on a futures account; gross P&L before fees. */
export interface Trade {
  key: string;
  venue: string;
  account: string;
  symbol: string;
  root: string;
  direction: 'long' | 'short';
  qty: number;
  entryAt: string;
  exitAt: string;
  tz: string;
  entryPrice: number;
  exitPrice: number;
  grossCents: number;
  feesCents: number;
  netCents: number;
  line: number;
}

export type AccountCashKind =
  'deposit' | 'withdrawal' | 'payout' | 'commission' | 'fee' | 'pnl' | 'adjustment';

/** A cash movement on a trading account (Tradovate Cash History and the like). */
export interface AccountCash {
  key: string;
  venue: string;
  account: string;
  at: string;
  tz: string;
  kind: AccountCashKind;
  amountCents: number;
  balanceCents: number | null;
  symbol: string | null;
  description: string;
  line: number;
}

export type Counterparty = 'bookmaker' | 'poker' | 'prop-firm' | 'broker' | null;

/** A bank or card statement line. */
export interface BankTxn {
  key: string;
  account: string;
  at: string;
  tz: string;
  amountCents: number;
  balanceCents: number | null;
  description: string;
  payee: string | null;
  category: string | null;
  counterparty: Counterparty;
  line: number;
}

export interface FactRows {
  book_txns: BookTxn;
  bets: Bet;
  bet_legs: BetLeg;
  poker_sessions: PokerSession;
  trade_fills: TradeFill;
  trades: Trade;
  account_cash: AccountCash;
  bank_txns: BankTxn;
}
export type FactTable = keyof FactRows;
export type FactBatch = { [T in FactTable]?: FactRows[T][] };

export type ColumnType = 'text' | 'bigint' | 'int' | 'double' | 'bool' | 'timestamp';
export interface ColumnSpec {
  /** DuckDB column name (snake_case). */
  name: string;
  /** Field on the row object. */
  field: string;
  type: ColumnType;
  nullable: boolean;
}

/** `at` is a SQL keyword (AT TIME ZONE), so its column is named `ts`. */
const c = (field: string, type: ColumnType, nullable = false): ColumnSpec => ({
  name: field === 'at' ? 'ts' : field.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`),
  field,
  type,
  nullable,
});

/** Column layout of each fact table. `key` is always first; money columns end in `_cents` and are BIGINT. */
export const TABLES: { [T in FactTable]: ColumnSpec[] } = {
  book_txns: [
    c('key', 'text'),
    c('venue', 'text'),
    c('betKey', 'text', true),
    c('at', 'timestamp'),
    c('tz', 'text'),
    c('kind', 'text'),
    c('amountCents', 'bigint'),
    c('balanceCents', 'bigint', true),
    c('betType', 'text', true),
    c('event', 'text', true),
    c('market', 'text', true),
    c('selection', 'text', true),
    c('oddsDecimal', 'double', true),
    c('result', 'text', true),
    c('sport', 'text', true),
    c('description', 'text'),
    c('line', 'int'),
  ],
  bets: [
    c('key', 'text'),
    c('venue', 'text'),
    c('placedAt', 'timestamp'),
    c('settledAt', 'timestamp', true),
    c('tz', 'text'),
    c('status', 'text'),
    c('betType', 'text'),
    c('stakeCents', 'bigint'),
    c('returnCents', 'bigint'),
    c('oddsDecimal', 'double', true),
    c('closingOddsDecimal', 'double', true),
    c('sport', 'text', true),
    c('competition', 'text', true),
    c('event', 'text', true),
    c('market', 'text', true),
    c('selection', 'text', true),
    c('isBonus', 'bool'),
    c('legCount', 'int'),
    c('line', 'int'),
  ],
  bet_legs: [
    c('key', 'text'),
    c('betKey', 'text'),
    c('venue', 'text'),
    c('legIndex', 'int'),
    c('event', 'text', true),
    c('market', 'text', true),
    c('selection', 'text', true),
    c('oddsDecimal', 'double', true),
    c('result', 'text', true),
    c('sport', 'text', true),
    c('competition', 'text', true),
    c('line', 'int'),
  ],
  poker_sessions: [
    c('key', 'text'),
    c('venue', 'text'),
    c('startAt', 'timestamp'),
    c('endAt', 'timestamp', true),
    c('tz', 'text'),
    c('game', 'text'),
    c('stakes', 'text'),
    c('bigBlindCents', 'bigint', true),
    c('buyInCents', 'bigint'),
    c('cashOutCents', 'bigint'),
    c('netCents', 'bigint'),
    c('minutes', 'int'),
    c('hands', 'int', true),
    c('location', 'text'),
    c('line', 'int'),
  ],
  trade_fills: [
    c('key', 'text'),
    c('venue', 'text'),
    c('account', 'text'),
    c('at', 'timestamp'),
    c('tz', 'text'),
    c('symbol', 'text'),
    c('root', 'text'),
    c('side', 'text'),
    c('qty', 'int'),
    c('price', 'double'),
    c('commissionCents', 'bigint'),
    c('orderId', 'text', true),
    c('fillId', 'text', true),
    c('line', 'int'),
  ],
  trades: [
    c('key', 'text'),
    c('venue', 'text'),
    c('account', 'text'),
    c('symbol', 'text'),
    c('root', 'text'),
    c('direction', 'text'),
    c('qty', 'int'),
    c('entryAt', 'timestamp'),
    c('exitAt', 'timestamp'),
    c('tz', 'text'),
    c('entryPrice', 'double'),
    c('exitPrice', 'double'),
    c('grossCents', 'bigint'),
    c('feesCents', 'bigint'),
    c('netCents', 'bigint'),
    c('line', 'int'),
  ],
  account_cash: [
    c('key', 'text'),
    c('venue', 'text'),
    c('account', 'text'),
    c('at', 'timestamp'),
    c('tz', 'text'),
    c('kind', 'text'),
    c('amountCents', 'bigint'),
    c('balanceCents', 'bigint', true),
    c('symbol', 'text', true),
    c('description', 'text'),
    c('line', 'int'),
  ],
  bank_txns: [
    c('key', 'text'),
    c('account', 'text'),
    c('at', 'timestamp'),
    c('tz', 'text'),
    c('amountCents', 'bigint'),
    c('balanceCents', 'bigint', true),
    c('description', 'text'),
    c('payee', 'text', true),
    c('category', 'text', true),
    c('counterparty', 'text', true),
    c('line', 'int'),
  ],
};

export const FACT_TABLES = Object.keys(TABLES) as FactTable[];
