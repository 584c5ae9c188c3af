/**
 * Shapes shared by the synthetic-world generator's parts: the ground-truth totals (the same shape the
 * CLI's `import --json` prints, see shared/TESTING.md) and the money flows between a persona's bank
 * account and the venues, which the bank statement writer turns into rows.
 */

/**
 * Exact ground truth for a generated world, in the shape `import --json` prints for the same files.
 * Money is integer cents. Definitions (the importers follow the same):
 * - bets: settled bets only (pending excluded); stakedCents: their stakes; returnedCents: everything paid
 *   back on them (stake included for wins, the stake for voids, the cash-out amount for cash-outs);
 *   netCents = returnedCents - stakedCents.
 * - depositsCents: bookmaker deposits plus returned withdrawals; withdrawalsCents: bookmaker withdrawals
 *   (returned ones included), positive.
 * - sessions, hours (total minutes / 60), pokerNetCents: poker sessions and the sum of their profit.
 * - trades: rows of the trading exports (one per round trip).
 * - incomeCents: bank credits not from gambling/trading counterparties; spendingCents: bank debits not to
 *   them, positive; riskSpendCents: money sent to bookmakers, poker rooms and prop firms minus money they
 *   sent back.
 */
export interface WorldTotals {
  netCents: number;
  stakedCents: number;
  returnedCents: number;
  bets: number;
  depositsCents: number;
  withdrawalsCents: number;
  sessions: number;
  hours: number;
  pokerNetCents: number;
  trades: number;
  incomeCents: number;
  spendingCents: number;
  riskSpendCents: number;
}

export function emptyTotals(): WorldTotals {
  return {
    netCents: 0,
    stakedCents: 0,
    returnedCents: 0,
    bets: 0,
    depositsCents: 0,
    withdrawalsCents: 0,
    sessions: 0,
    hours: 0,
    pokerNetCents: 0,
    trades: 0,
    incomeCents: 0,
    spendingCents: 0,
    riskSpendCents: 0,
  };
}

/** Which kind of venue a bank flow goes to or comes from. */
export type FlowCounterparty = 'bookmaker' | 'poker' | 'prop-firm';

/** A venue the persona pays or is paid by, with how the bank names it. */
export type FlowVenue = 'sportsbet' | 'ggpoker' | 'pokerstars' | 'apex';

/**
 * Money moving between the persona's bank account and a venue. `amountCents` is signed from the bank's
 * side: negative when the persona pays the venue (a deposit or a fee), positive when the venue pays out.
 * `wallMs` is when the venue recorded it (local wall time); the bank posts it on that day or later.
 */
export interface BankFlow {
  wallMs: number;
  amountCents: number;
  counterparty: FlowCounterparty;
  venue: FlowVenue;
  /** Card purchase (deposits, fees) or incoming direct credit (payouts). */
  method: 'card' | 'direct-credit';
  /** A short reference the venue puts on a direct credit, e.g. a withdrawal number. */
  ref: string;
  /** Charged in US dollars: the bank adds an International Transaction Fee (as spending). */
  isForeign: boolean;
}

export interface GeneratedFile {
  name: string;
  text: string;
}

/** Line ending between records (quoted multi-line cells keep their own "\n"). */
export type Eol = 'lf' | 'crlf';

export function eolText(eol: Eol): string {
  return eol === 'crlf' ? '\r\n' : '\n';
}
