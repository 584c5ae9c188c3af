/**
 * The 'all' persona's everyday bank account, written as an Australian bank's CSV export (BANKS.md §1):
 *
 * - 'commbank' (default), CommBank NetBank: no header, four columns date, signed amount, description,
 *   signed balance, e.g. `30/06/2026,"-4.24","WOOLWORTHS 1294 RICHMOND VI AUS Card xx1234 Value Date:
 *   28/06/2026","+1234.56"` (amount and balance carry an explicit + or -, as BANKS.md §1.1 quotes).
 * - 'nab', NAB Internet Banking (2022 layout): header
 *   `Date,Amount,Account Number,,Transaction Type,Transaction Details,Balance,Category,Merchant Name`, dates
 *   "DD Mon YY", no quoting (so no cell may hold a comma), 8 fields when there is no merchant name.
 *
 * Rows are newest first (as the banks list them); the balance runs forward in time from an opening
 * balance. Card purchases post up to two days after the purchase, whose date is the "Value Date" (CommBank)
 * or the "DD/MM" in the details (NAB). Gambling and trading money uses the wording BANKS.md §4.3 infers:
 * "SPORTSBET MELBOURNE VI AUS Card xx… Value Date: …" for a deposit, "Direct Credit 123456 SPORTSBET PTY LTD
 * …" for a withdrawal, likewise GGPOKER, POKERSTARS and APEX TRADER FUNDING; US-dollar charges are
 * followed by an "International Transaction Fee" line (spending, not money sent to the firm).
 *
 * Ground truth: every written line is counted once, as money to or from a counterparty (riskSpendCents,
 * out minus in) or as income (other credits) or spending (other debits).
 */
import type { Rng } from './rng';
import { WeightedTable } from './rng';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  TextSink,
  decimal,
  dayStart,
  fmtDm,
  fmtDmy,
  fmtNabDate,
  signedDecimal,
  weekday,
} from './format';
import { SUBURBS } from './data';
import type { BankFlow, Eol, FlowCounterparty, FlowVenue, GeneratedFile, WorldTotals } from './types';
import { eolText } from './types';

export type BankFormat = 'commbank' | 'nab';

export const BANK_FORMATS: readonly BankFormat[] = ['commbank', 'nab'];

export const NAB_HEADER =
  'Date,Amount,Account Number,,Transaction Type,Transaction Details,Balance,Category,Merchant Name';

/** What a statement line says, in a structure both banks' wordings are rendered from. */
type Entry =
  | {
      kind: 'card';
      name: string;
      place: string;
      /** State code CommBank prints ("VI", "NS"), or the US state for a foreign merchant. */
      state: string;
      country: 'AUS' | 'USA';
      valueMs: number;
    }
  | { kind: 'direct-credit'; code: string; payer: string; ref: string }
  | { kind: 'direct-debit'; code: string; payee: string; ref: string }
  | { kind: 'transfer-out'; ref: string }
  | { kind: 'transfer-in'; from: string; ref: string }
  | { kind: 'fee'; valueMs: number };

interface BankLine {
  /** Posting day, wall ms at midnight. */
  postMs: number;
  /** Orders lines within a day. */
  orderMs: number;
  amountCents: number;
  entry: Entry;
  counterparty: FlowCounterparty | null;
  /** NAB's category and merchant name columns. */
  category: string;
  merchant: string;
}

export interface BankOptions {
  startMs: number;
  endMs: number;
  format: BankFormat;
  eol: Eol;
}

export interface BankWorld {
  file: GeneratedFile;
  rows: number;
  totals: Pick<WorldTotals, 'incomeCents' | 'spendingCents' | 'riskSpendCents'>;
}

/** How the bank names each venue: card merchant, direct-credit payer and its 6-digit user id. */
const VENUES: Record<
  FlowVenue,
  {
    name: string;
    place: string;
    state: string;
    country: 'AUS' | 'USA';
    payer: string;
    code: string;
    merchant: string;
  }
> = {
  sportsbet: {
    name: 'SPORTSBET',
    place: 'MELBOURNE',
    state: 'VI',
    country: 'AUS',
    payer: 'SPORTSBET PTY LTD',
    code: '398541',
    merchant: 'Sportsbet',
  },
  ggpoker: {
    name: 'GGPOKER.COM',
    place: 'SYDNEY',
    state: 'NS',
    country: 'AUS',
    payer: 'GGPOKER',
    code: '512003',
    merchant: 'GGPoker',
  },
  pokerstars: {
    name: 'POKERSTARS',
    place: 'SYDNEY',
    state: 'NS',
    country: 'AUS',
    payer: 'POKERSTARS',
    code: '512877',
    merchant: 'PokerStars',
  },
  apex: {
    name: 'APEX TRADER FUNDING',
    place: 'AUSTIN',
    state: 'TX',
    country: 'USA',
    payer: 'APEX TRADER FUNDING',
    code: '771205',
    merchant: 'Apex Trader Funding',
  },
};

/** Everyday card merchants: name, NAB category, merchant name, and the dollar range of a purchase. */
interface Shop {
  name: string;
  category: string;
  merchant: string;
  lo: number;
  hi: number;
}
const GROCERIES = new WeightedTable<Shop>([
  [{ name: 'WOOLWORTHS 1294', category: 'Groceries', merchant: 'Woolworths', lo: 3500, hi: 19000 }, 5],
  [{ name: 'COLES 0742', category: 'Groceries', merchant: 'Coles', lo: 3000, hi: 16000 }, 4],
  [{ name: 'ALDI STORES', category: 'Groceries', merchant: 'Aldi', lo: 2500, hi: 9000 }, 2],
]);
const EATING_OUT = new WeightedTable<Shop>([
  [{ name: 'Menulog Pty Ltd', category: 'Eating out', merchant: 'Menulog', lo: 2200, hi: 6500 }, 4],
  [{ name: 'UBER *EATS', category: 'Eating out', merchant: 'Uber Eats', lo: 1800, hi: 5500 }, 4],
  [{ name: 'GUZMAN Y GOMEZ', category: 'Eating out', merchant: 'Guzman y Gomez', lo: 1400, hi: 3200 }, 2],
  // A name with "TAB" inside a word: must not be taken for the TAB bookmaker.
  [{ name: 'THE STABLE CAFE', category: 'Eating out', merchant: 'The Stable Cafe', lo: 900, hi: 3800 }, 1],
]);
const FUEL = new WeightedTable<Shop>([
  [{ name: 'AMPOL FOODARY', category: 'Transport', merchant: 'Ampol', lo: 5500, hi: 9500 }, 1],
  [{ name: '7-ELEVEN 2231', category: 'Transport', merchant: '7-Eleven', lo: 5000, hi: 9000 }, 1],
]);
const FRIENDS = ['J NGUYEN', 'S TAYLOR', 'M KELLY', 'A HARRIS'] as const;
const FRIEND_REFS = ['dinner', 'footy tix', 'drinks', 'uber'] as const;

/**
 * Builds the bank account for the period from the venue flows plus ordinary life (salary, rent, bills,
 * shopping) and writes it in `format`. Flows dated on or after the end are left out (not yet posted).
 */
export function simulateBank(rng: Rng, flows: readonly BankFlow[], opts: BankOptions): BankWorld {
  const { startMs, endMs } = opts;
  const card4 = String(rng.int(1000, 9999));
  const lines: BankLine[] = [];

  const cardLine = (
    valueMs: number,
    amountCents: number,
    shop: Omit<Shop, 'lo' | 'hi'>,
    place: string,
    cp: FlowCounterparty | null,
    country: 'AUS' | 'USA' = 'AUS',
    state = 'VI',
  ): BankLine => {
    const postMs = dayStart(valueMs) + rng.int(0, 2) * DAY_MS;
    return {
      postMs,
      orderMs: valueMs,
      amountCents,
      entry: { kind: 'card', name: shop.name, place, state, country, valueMs: dayStart(valueMs) },
      counterparty: cp,
      category: shop.category,
      merchant: shop.merchant,
    };
  };

  // Money to and from the venues: card payments post a day or two later; direct credits on their day.
  for (const f of flows) {
    const v = VENUES[f.venue];
    if (f.method === 'card') {
      const line = cardLine(
        f.wallMs,
        f.amountCents,
        { name: v.name, category: 'Entertainment', merchant: v.merchant },
        v.place,
        f.counterparty,
        v.country,
        v.state,
      );
      lines.push(line);
      if (f.isForeign) {
        // CommBank's 3% foreign transaction fee, posted with the purchase.
        lines.push({
          postMs: line.postMs,
          orderMs: line.orderMs + 1,
          amountCents: -Math.round((Math.abs(f.amountCents) * 3) / 100),
          entry: { kind: 'fee', valueMs: dayStart(f.wallMs) },
          counterparty: null,
          category: 'Fees',
          merchant: '',
        });
      }
    } else {
      lines.push({
        postMs: dayStart(f.wallMs),
        orderMs: f.wallMs,
        amountCents: f.amountCents,
        entry: { kind: 'direct-credit', code: v.code, payer: v.payer, ref: f.ref },
        counterparty: f.counterparty,
        category: 'Other income',
        merchant: v.merchant,
      });
    }
  }

  // Ordinary life, day by day: fortnightly pay, weekly rent, groceries, eating out, fuel, monthly bills,
  // subscriptions and the odd transfer from a friend. None of it scales with activity.
  const salaryBase = rng.int(290_000, 320_000);
  const rent = rng.pick([48_000, 52_000, 55_000]);
  const suburb = rng.pick(SUBURBS);
  for (let day = startMs; day < endMs; day += DAY_MS) {
    const wd = weekday(day);
    const dom = new Date(day).getUTCDate();
    const at = (h: number): number => day + h * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
    // Paid every second Thursday.
    if (wd === 4 && Math.floor((day - startMs) / DAY_MS / 7) % 2 === 0) {
      lines.push({
        postMs: day,
        orderMs: day + 1,
        amountCents: salaryBase + (rng.chance(0.3) ? rng.int(5_000, 40_000) : 0),
        entry: { kind: 'direct-credit', code: '301500', payer: 'NORTHWIND LOGISTICS', ref: 'SALARY' },
        counterparty: null,
        category: 'Income',
        merchant: '',
      });
    }
    if (wd === 1) {
      lines.push({
        postMs: day,
        orderMs: day + 2,
        amountCents: -rent,
        entry: { kind: 'transfer-out', ref: 'Rent 14 Smith St' },
        counterparty: null,
        category: 'Home',
        merchant: '',
      });
    }
    if (rng.chance(0.3)) {
      const shop = GROCERIES.pick(rng);
      lines.push(cardLine(at(rng.int(9, 19)), -rng.int(shop.lo, shop.hi), shop, suburb, null));
    }
    if (rng.chance(0.45)) {
      const shop = EATING_OUT.pick(rng);
      lines.push(cardLine(at(rng.int(12, 21)), -rng.int(shop.lo, shop.hi), shop, rng.pick(SUBURBS), null));
    }
    if (rng.chance(0.14)) {
      const shop = FUEL.pick(rng);
      lines.push(cardLine(at(rng.int(7, 18)), -rng.int(shop.lo, shop.hi), shop, rng.pick(SUBURBS), null));
    }
    if (dom === 3) {
      lines.push(
        directDebit(day, -rng.int(14_000, 23_000), '077380', 'ORIGIN ENERGY', 'Bills', 'Origin Energy'),
      );
    }
    if (dom === 12) lines.push(directDebit(day, -8_900, '062934', 'TELSTRA', 'Bills', 'Telstra'));
    if (dom === 17) {
      lines.push(
        cardLine(
          day + 5 * HOUR_MS,
          -1_899,
          { name: 'NETFLIX.COM', category: 'Entertainment', merchant: 'Netflix' },
          'MELBOURNE',
          null,
        ),
      );
    }
    if (dom === 21) {
      lines.push(
        cardLine(
          day + 5 * HOUR_MS,
          -1_399,
          { name: 'SPOTIFY', category: 'Entertainment', merchant: 'Spotify' },
          'SYDNEY',
          null,
          'AUS',
          'NS',
        ),
      );
    }
    if (wd === 3 && Math.floor((day - startMs) / DAY_MS / 7) % 2 === 1) {
      lines.push(directDebit(day, -3_490, '153206', 'FITNESS FIRST', 'Health', 'Fitness First'));
    }
    if (rng.chance(0.06)) {
      lines.push({
        postMs: day,
        orderMs: at(rng.int(10, 22)),
        amountCents: rng.int(20, 80) * 100,
        entry: { kind: 'transfer-in', from: rng.pick(FRIENDS), ref: rng.pick(FRIEND_REFS) },
        counterparty: null,
        category: 'Transfers in',
        merchant: '',
      });
    }
  }

  const posted = lines.filter((l) => l.postMs >= startMs && l.postMs < endMs);
  // Stable sort: posting day, then time of day; ties keep the order lines were made in.
  posted.sort((a, b) => a.postMs - b.postMs || a.orderMs - b.orderMs);

  // Balances run forward from the opening balance; the file lists the lines newest first.
  const totals = { incomeCents: 0, spendingCents: 0, riskSpendCents: 0 };
  let balance = rng.int(250_000, 600_000);
  const balances: number[] = [];
  for (const l of posted) {
    balance += l.amountCents;
    balances.push(balance);
    if (l.counterparty !== null) totals.riskSpendCents -= l.amountCents;
    else if (l.amountCents > 0) totals.incomeCents += l.amountCents;
    else totals.spendingCents -= l.amountCents;
  }

  const eol = eolText(opts.eol);
  const sink = new TextSink();
  const account = String(rng.int(100_000_000, 999_999_999));
  if (opts.format === 'nab') sink.push(NAB_HEADER + eol);
  for (let i = posted.length - 1; i >= 0; i--) {
    const l = posted[i];
    const bal = balances[i];
    if (!l || bal === undefined) continue;
    sink.push((opts.format === 'nab' ? nabRow(l, bal, account, card4) : commBankRow(l, bal, card4)) + eol);
  }
  return {
    file: { name: opts.format === 'nab' ? 'nab-statement.csv' : 'commbank-statement.csv', text: sink.text() },
    rows: posted.length,
    totals,
  };
}

/** A direct debit line; its reference is derived from the day so it needs no random draw. */
function directDebit(
  day: number,
  amountCents: number,
  code: string,
  payee: string,
  category: string,
  merchant: string,
): BankLine {
  return {
    postMs: day,
    orderMs: day + 3,
    amountCents,
    entry: { kind: 'direct-debit', code, payee, ref: String((((day / DAY_MS) * 7919) % 900_000) + 100_000) },
    counterparty: null,
    category,
    merchant,
  };
}

/** CommBank's description for an entry. */
function commBankDescription(e: Entry, card4: string): string {
  switch (e.kind) {
    case 'card':
      return `${e.name} ${e.place} ${e.state} ${e.country} Card xx${card4} Value Date: ${fmtDmy(e.valueMs)}`;
    case 'direct-credit':
      return `Direct Credit ${e.code} ${e.payer} ${e.ref}`;
    case 'direct-debit':
      return `Direct Debit ${e.code} ${e.payee} ${e.ref}`;
    case 'transfer-out':
      return `Transfer to other Bank NetBank ${e.ref}`;
    case 'transfer-in':
      return `Transfer From ${e.from} ${e.ref}`;
    case 'fee':
      return `International Transaction Fee Value Date: ${fmtDmy(e.valueMs)}`;
  }
}

/** `date,"±amount","description","±balance"`. */
function commBankRow(l: BankLine, balance: number, card4: string): string {
  return `${fmtDmy(l.postMs)},"${signedDecimal(l.amountCents)}","${commBankDescription(l.entry, card4)}","${signedDecimal(balance)}"`;
}

/** NAB's transaction type and details for an entry. */
function nabTypeAndDetails(e: Entry, card4: string): [string, string] {
  switch (e.kind) {
    case 'card':
      return ['MISCELLANEOUS DEBIT', `V${card4} ${fmtDm(e.valueMs)} ${e.name} ${e.place}`];
    case 'direct-credit':
      return ['INTER-BANK CREDIT', `${e.payer} ${e.ref}`];
    case 'direct-debit':
      return ['DIRECT DEBIT', `${e.payee} ${e.ref}`];
    case 'transfer-out':
      return ['TRANSFER DEBIT', `Internet Transfer ${e.ref}`];
    case 'transfer-in':
      return ['TRANSFER CREDIT', `${e.from} ${e.ref}`];
    case 'fee':
      return ['MISCELLANEOUS DEBIT', `V${card4} ${fmtDm(e.valueMs)} International Transaction Fee`];
  }
}

/** NAB's 2022 layout: 9 fields, or 8 when there is no merchant name; nothing quoted. */
function nabRow(l: BankLine, balance: number, account: string, card4: string): string {
  const [type, details] = nabTypeAndDetails(l.entry, card4);
  const cells = [
    fmtNabDate(l.postMs),
    decimal(l.amountCents),
    account,
    ' ',
    type,
    details,
    decimal(balance),
    l.category,
  ];
  if (l.merchant !== '') cells.push(l.merchant);
  // NAB does not quote, so a comma in a cell would shift the columns: a bug in the lists above.
  for (const c of cells) if (c.includes(',')) throw new Error(`NAB cell with a comma: ${c}`);
  return cells.join(',');
}
