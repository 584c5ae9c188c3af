/**
 * The generic column-mapping importer, for any CSV no dedicated importer knows: bank statements (NAB,
 * Westpac, ING, Macquarie, Up, Monzo, Starling, Revolut, Chase, Bank of America, Amex, headerless CommBank
 * and ANZ files; BANKS.md §1-2) and bet-tracker spreadsheets (FORMATS.md §1.4).
 *
 * `guessMapping` proposes a role per column from English header names, as Actual's and Firefly III's
 * mapping screens do (FORMATS.md §5), with content checks where names mislead (a "Reference" column is an
 * id only when its values look unique). The UI shows the guess for the user to confirm and saves it by
 * `headerKey`. `createMappedImporter` then reads rows with that mapping into BankTxn or Bet rows.
 *
 * Keys: a row's id column gives `bank:<source>:<id>`; without one, the key is built from date, amount
 * and description plus an occurrence slot that `mergeChunks` numbers, so two identical lines in one file
 * stay two rows while re-importing the file maps to the same keys.
 */
import type { Bet, BankTxn, BetStatus } from '../model';
import type { Cents, DecimalStyle } from '../money';
import { cents, guessDecimalStyle } from '../money';
import { readAmount } from './amount';
import type { DateOrder } from '../time';
import { inferDateOrder } from '../time';
import type { ChunkOptions, ColumnMapping, ColumnRole, Importer, ParsedChunk, RowReject } from './types';
import {
  betTypeFromText,
  centsOrNull,
  impliedReturn,
  parseBetStatus,
  parseOdds,
  parseOddsExact,
} from './bet-fields';
import type { OddsFormat } from './bet-fields';
import { normaliseHeaderName } from './columns';
import { classifyCounterparty } from './counterparty';
import { formatCsvRecord } from './csv';
import { createInstantReader, localDateText, parseLocal } from './instant';
import { OCCURRENCE_SLOT } from './occurrence';

/** Header name for role matching: "Amount (GBP)" → "amount gbp", "Running Bal." → "running bal". */
function roleName(header: string): string {
  return normaliseHeaderName(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

type NameRule = readonly [ColumnRole, RegExp, number];

const CCY = '(?: [a-z]{3})?';

/** Header-name rules: role, pattern on roleName(), score (higher wins when several columns match). */
const NAME_RULES: readonly NameRule[] = [
  [
    'id',
    /^(transaction id|transaction number|txn id|trans id|id|fitid|reference number|ref number|bet id|bet ref|bet reference|receipt number|ticket id|ticket number|bet slip id|transaction reference)$/,
    5,
  ],
  ['id', /^(reference|ref|receipt|reference no)$/, 2],
  [
    'datetime',
    /^(date time|datetime|date and time|timestamp|bet date time|time placed|placed at|date placed|created at|transaction time)$/,
    5,
  ],
  ['date', /^(date|transaction date|trans date|txn date|booking date|bet date)$/, 5],
  ['date', /^(posted date|posting date|post date|date posted|started date|effective date|event date)$/, 4],
  ['date', /^(value date|completed date|settled date|date settled)$/, 1],
  ['amount', new RegExp(`^(amount${CCY}|amt|transaction amount|value|sum|net amount)$`), 5],
  ['amount', new RegExp(`^total${CCY}$`), 4],
  [
    'debit',
    new RegExp(
      `^(debit${CCY}|debits|debit amount|debit amt|withdrawal|withdrawals|withdrawal amount|money out|paid out|outflow|outflows|out|spent|amount debit|dr)$`,
    ),
    5,
  ],
  [
    'credit',
    new RegExp(
      `^(credit${CCY}|credits|credit amount|credit amt|deposit|deposits|deposit amount|money in|paid in|inflow|inflows|in|received|amount credit|cr)$`,
    ),
    5,
  ],
  [
    'balance',
    new RegExp(
      `^(balance${CCY}|running balance|running bal|closing balance|available balance|account balance|bal)$`,
    ),
    5,
  ],
  [
    'description',
    /^(description|transaction description|narrative|narration|transaction details|particulars|transaction narrative)$/,
    5,
  ],
  ['description', /^(details|detail|original description)$/, 4],
  ['description', /^(memo|notes|note|remarks|extended details|text)$/, 2],
  [
    'payee',
    /^(payee|merchant|merchant name|name|counter party|counterparty|recipient|beneficiary|payer|vendor|payee name)$/,
    5,
  ],
  ['category', /^(category|categories|spending category|category name|transaction category)$/, 5],
  [
    'odds',
    /^(odds|price|decimal odds|odds decimal|american odds|odds american|fractional odds|bet odds|odds taken|taken odds|us odds)$/,
    5,
  ],
  [
    'stake',
    /^(stake|stakes|wager|risk|risked|bet amount|amount wagered|wager amount|bet size|stake amount|amount bet|units risked)$/,
    5,
  ],
  [
    'return',
    /^(return|returns|payout|paid|total return|to return|returned|winnings|collect|amount returned|payout amount)$/,
    5,
  ],
  ['profit', /^(profit|profit loss|p l|pl|pnl|net|net profit|net result|bet profit|result amount)$/, 5],
  ['result', /^(result|results|outcome|status|bet status|bet result|w l|settlement|grade|win loss)$/, 5],
  ['sport', /^(sport|sports|sport name)$/, 5],
  ['competition', /^(league|leagues|competition|comp|tournament|series)$/, 5],
  ['event', /^(event|event name|match|game|fixture|matchup|teams|event description)$/, 5],
  ['market', /^(market|market name|market type|bet market)$/, 5],
  [
    'selection',
    /^(selection|selections|pick|team or player|bet selection|runner|player|bet|wager|bet description|bet info|selection name)$/,
    5,
  ],
  ['bookmaker', /^(book|bookmaker|sportsbook|bookie|site|betting site|operator|sports book)$/, 5],
  ['bet-type', /^(bet type|type of bet|wager type|bet kind)$/, 5],
  ['bet-type', /^type$/, 2],
];

const BET_ONLY: ReadonlySet<ColumnRole> = new Set([
  'odds',
  'stake',
  'return',
  'profit',
  'result',
  'sport',
  'competition',
  'event',
  'market',
  'selection',
  'bookmaker',
  'bet-type',
]);
const BANK_ONLY: ReadonlySet<ColumnRole> = new Set(['debit', 'credit', 'balance', 'payee', 'category']);

/** Known statement layouts (BANKS.md §1-2), used for the default source name and Amex's sign. */
interface BankProfile {
  name: string;
  /** roleName()s of columns that identify the layout. */
  columns: readonly string[];
  /** The header is exactly these columns (ING's five are a subset of other layouts). */
  exact?: boolean;
  /** Charges written as positive amounts (Amex). */
  chargesPositive?: boolean;
  /** Date order of the bank's country, used when the sample dates cannot decide. */
  dateOrder?: DateOrder;
}

const BANK_PROFILES: readonly BankProfile[] = [
  { name: 'Westpac', columns: ['bank account', 'narrative', 'debit amount', 'credit amount'] },
  { name: 'NAB', columns: ['transaction details', 'merchant name', 'transaction type'] },
  { name: 'Macquarie', columns: ['original description', 'subcategory', 'details'] },
  { name: 'Up', columns: ['round up aud', 'total aud'] },
  { name: 'Monzo', columns: ['emoji', 'money out', 'money in'] },
  { name: 'Starling', columns: ['counter party', 'spending category'] },
  { name: 'Revolut', columns: ['started date', 'completed date', 'product'] },
  { name: 'Chase', columns: ['transaction date', 'post date', 'memo'], dateOrder: 'mdy' },
  { name: 'Chase', columns: ['posting date', 'check or slip'], dateOrder: 'mdy' },
  { name: 'Bank of America', columns: ['running bal'], dateOrder: 'mdy' },
  {
    name: 'Bank of America',
    columns: ['posted date', 'reference number', 'payee', 'address'],
    dateOrder: 'mdy',
  },
  { name: 'American Express', columns: ['card member'], chargesPositive: true, dateOrder: 'mdy' },
  {
    name: 'American Express',
    columns: ['appears on your statement as'],
    chargesPositive: true,
    dateOrder: 'mdy',
  },
  { name: 'ING', columns: ['date', 'description', 'credit', 'debit', 'balance'], exact: true },
];

function matchProfile(header: readonly string[]): BankProfile | undefined {
  const names = new Set(header.map(roleName));
  return BANK_PROFILES.find(
    (p) => p.columns.every((c) => names.has(c)) && (!p.exact || header.length === p.columns.length),
  );
}

function columnSamples(rows: readonly (readonly string[])[], index: number): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const v = (row[index] ?? '').trim();
    if (v !== '') out.push(v);
  }
  return out;
}

function isDateText(v: string): boolean {
  return parseLocal(v, 'dmy') !== null || parseLocal(v, 'mdy') !== null;
}

function hasDatePart(v: string): boolean {
  return /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(v) || parseLocal(v, 'dmy') !== null;
}

/** Reads as money in either decimal style; long bare digit runs are account numbers, not money. */
function isAmountText(v: string): boolean {
  if (/^\d{8,}$/.test(v)) return false;
  return readAmount(v, 'dot').ok || readAmount(v, 'comma').ok;
}

/** Most (80%) of the non-empty samples satisfy `test`, and there is at least one. */
function mostly(samples: readonly string[], test: (v: string) => boolean): boolean {
  if (samples.length === 0) return false;
  let n = 0;
  for (const s of samples) if (test(s)) n++;
  return n >= samples.length * 0.8;
}

function looksLikeIds(samples: readonly string[], total: number): boolean {
  return samples.length === total && samples.length > 0 && new Set(samples).size === samples.length;
}

/** Names of columns that hold numbers but never money or dates (account numbers, serials, ids). */
const NOT_MONEY = /\b(account|bsb|number|serial|receipt|currency|id|code|card|emoji|zip)\b/;

/** Roles that several columns may share; their values are joined (descriptions). */
const MULTI_ROLES: ReadonlySet<ColumnRole> = new Set(['description']);

/**
 * Proposes a mapping for a CSV from its header and a few sample rows (20-50 is plenty). Columns get roles
 * from their names; content decides what names cannot (a "Time" column holding dates is a date-time, a
 * "Reference" column is an id only when unique, headerless files get date/amount/description from what
 * their cells look like). The target is 'bets' when a stake column and a result or odds column exist,
 * else 'bank_txns'. `source` names the account or tracker (default: the bank recognised, else "Bank
 * account" / "Bets spreadsheet").
 */
export function guessMapping(
  header: readonly string[],
  sampleRows: readonly (readonly string[])[],
  source?: string,
): ColumnMapping {
  const names = header.map(roleName);
  const samples = header.map((_, i) => columnSamples(sampleRows, i));
  const nonEmptyRows = sampleRows.length;

  // Score every (column, role) pair from the name rules, with content corrections.
  // Score every (column, role) pair from the name rules, with content corrections.
  const candidates: { col: number; role: ColumnRole; score: number }[] = [];
  names.forEach((name, col) => {
    const s = samples[col] ?? [];
    if (name === 'time') {
      candidates.push({ col, role: s.some(hasDatePart) ? 'datetime' : 'time', score: 5 });
      return;
    }
    for (const [role, re, score] of NAME_RULES) {
      if (!re.test(name)) continue;
      if (role === 'id' && !looksLikeIds(s, nonEmptyRows)) continue;
      if (role === 'id' && score < 5 && !s.every((v) => /\d/.test(v))) continue;
      candidates.push({ col, role, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);

  // Assign greedily, best score first: a column takes one role and a role one column (descriptions
  // excepted, which are joined).
  const roles: ColumnRole[] = header.map(() => 'ignore');
  const taken = new Set<ColumnRole>();
  for (const c of candidates) {
    if (roles[c.col] !== 'ignore') continue;
    if (taken.has(c.role) && !(MULTI_ROLES.has(c.role) && c.score >= 4)) continue;
    roles[c.col] = c.role;
    taken.add(c.role);
  }
  const has = (r: ColumnRole): boolean => roles.includes(r);
  const unnamed = (col: number): boolean => /^column \d+$/.test(names[col] ?? '');
  const unassigned = (col: number): boolean => roles[col] === 'ignore' && !NOT_MONEY.test(names[col] ?? '');

  // Content fallbacks for headerless files (CommBank: date, amount, description, balance; ANZ: 3 columns).
  if (!has('date') && !has('datetime')) {
    const col = header.findIndex((_, i) => unassigned(i) && mostly(samples[i] ?? [], isDateText));
    if (col >= 0) roles[col] = (samples[col] ?? []).some((v) => /\d:\d\d/.test(v)) ? 'datetime' : 'date';
  }
  if (!has('amount') && !has('debit') && !has('credit') && !has('stake')) {
    const numeric = header
      .map((_, i) => i)
      .filter((i) => unassigned(i) && mostly(samples[i] ?? [], (v) => isAmountText(v) && !isDateText(v)));
    const [first, second] = numeric;
    if (first !== undefined) roles[first] = 'amount';
    if (second !== undefined && !has('balance')) roles[second] = 'balance';
  }
  if (!has('description')) {
    // A named "Reference" column that is not an id is the description (Starling); in a headerless file
    // every text column is (NAB's old layout has the type and the details in two unnamed columns).
    const reference = names.findIndex((n, i) => roles[i] === 'ignore' && /^(reference|ref)$/.test(n));
    if (reference >= 0) roles[reference] = 'description';
    else {
      header.forEach((_, i) => {
        const s = samples[i] ?? [];
        if (roles[i] !== 'ignore' || !unnamed(i) || s.length === 0) return;
        if (!mostly(s, (v) => isAmountText(v) || isDateText(v) || /^\d+$/.test(v))) roles[i] = 'description';
      });
    }
  }

  // Bets need a stake and something that settles it; anything else is read as bank lines. Roles that
  // make no sense for the chosen target are dropped, and a date-time column supersedes date + time.
  const target: ColumnMapping['target'] =
    has('stake') && (has('result') || has('odds')) ? 'bets' : 'bank_txns';
  roles.forEach((r, i) => {
    if (target === 'bank_txns' && BET_ONLY.has(r)) roles[i] = 'ignore';
    if (target === 'bets' && BANK_ONLY.has(r)) roles[i] = 'ignore';
    if (r === 'time' && !has('date')) roles[i] = 'ignore';
  });
  if (has('datetime'))
    roles.forEach((r, i) => (r === 'date' || r === 'time' ? (roles[i] = 'ignore') : undefined));
  if (has('amount'))
    roles.forEach((r, i) => (r === 'debit' || r === 'credit' ? (roles[i] = 'ignore') : undefined));

  const profile = target === 'bank_txns' ? matchProfile(header) : undefined;
  if (profile?.chargesPositive) {
    // Amex writes charges positive and payments negative: a lone "debit" column is negated (see parse).
    const i = roles.indexOf('amount');
    if (i >= 0) roles[i] = 'debit';
  }

  const colsWith = (...rs: ColumnRole[]): number[] => roles.flatMap((r, i) => (rs.includes(r) ? [i] : []));
  const dateValues = colsWith('date', 'datetime').flatMap((i) => samples[i] ?? []);
  const dateOrder: DateOrder = inferDateOrder(dateValues) ?? profile?.dateOrder ?? 'dmy';
  const moneyValues = colsWith('amount', 'debit', 'credit', 'balance', 'stake', 'return', 'profit').flatMap(
    (i) => samples[i] ?? [],
  );
  const decimalStyle: DecimalStyle = guessDecimalStyle(moneyValues);

  const mapping: ColumnMapping = {
    target,
    roles: Object.fromEntries(header.map((h, i) => [h, roles[i] ?? 'ignore'])),
    dateOrder,
    decimalStyle,
    source: source ?? profile?.name ?? (target === 'bets' ? 'Bets spreadsheet' : 'Bank account'),
  };
  const oddsCol = roles.indexOf('odds');
  if (oddsCol >= 0) mapping.oddsFormat = guessOddsFormat(names[oddsCol] ?? '', samples[oddsCol] ?? []);
  return mapping;
}

/** Odds format from the column name ("odds american") or its values ("5/2", "-110", "1.91"). */
function guessOddsFormat(name: string, samples: readonly string[]): OddsFormat {
  if (/american|\bus\b/.test(name)) return 'american';
  if (/fractional/.test(name)) return 'fractional';
  if (/decimal/.test(name)) return 'decimal';
  if (samples.some((v) => /^\d+\s*\/\s*\d+$/.test(v.trim()))) return 'fractional';
  if (samples.some((v) => /^[+-]\d{3,}$/.test(v.trim()) || Math.abs(Number(v)) >= 100)) return 'american';
  return 'decimal';
}

/** Columns a mapping names (roles other than 'ignore') that the header lacks. */
export function missingMappedColumns(mapping: ColumnMapping, header: readonly string[]): string[] {
  const present = new Set(header.map(normaliseHeaderName));
  return Object.entries(mapping.roles)
    .filter(([name, role]) => role !== 'ignore' && !present.has(normaliseHeaderName(name)))
    .map(([name]) => name);
}

interface RoleColumns {
  byRole: Map<ColumnRole, number[]>;
  name: (role: ColumnRole) => string;
}

function resolveColumns(mapping: ColumnMapping, header: readonly string[]): RoleColumns {
  const byRole = new Map<ColumnRole, number[]>();
  const names = header.map(normaliseHeaderName);
  for (const [name, role] of Object.entries(mapping.roles)) {
    if (role === 'ignore') continue;
    const exact = header.indexOf(name);
    const i = exact >= 0 ? exact : names.indexOf(normaliseHeaderName(name));
    if (i < 0) continue;
    byRole.set(
      role,
      [...(byRole.get(role) ?? []), i].sort((a, b) => a - b),
    );
  }
  return {
    byRole,
    name: (role) => {
      const i = byRole.get(role)?.[0];
      return i === undefined ? role : (header[i] ?? role);
    },
  };
}

const first = (cols: RoleColumns, role: ColumnRole): number => cols.byRole.get(role)?.[0] ?? -1;
const cell = (row: readonly string[], i: number): string => (i >= 0 ? (row[i] ?? '').trim() : '');
const orNull = (s: string): string | null => (s === '' ? null : s);

/** Text used in occurrence keys: whitespace collapsed, lowercased, so a bank's re-spacing does not matter. */
function keyText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function parseMapped(
  mapping: ColumnMapping,
  header: readonly string[],
  rows: readonly string[][],
  lines: readonly number[],
  opts: ChunkOptions,
): ParsedChunk {
  // Columns are resolved once per chunk; a mapped column the header lacks reads as empty cells.
  const cols = resolveColumns(mapping, header);
  const readInstant = createInstantReader(opts.dateOrder, opts.zone);
  const style = opts.decimalStyle ?? mapping.decimalStyle;
  const source = mapping.source.trim() || (mapping.target === 'bets' ? 'Bets spreadsheet' : 'Bank account');
  const dateCol = first(cols, 'datetime') >= 0 ? first(cols, 'datetime') : first(cols, 'date');
  const timeCol = first(cols, 'datetime') >= 0 ? -1 : first(cols, 'time');
  const idCol = first(cols, 'id');
  const descCols = cols.byRole.get('description') ?? [];
  const rejects: RowReject[] = [];
  const bankRows: BankTxn[] = [];
  const bets: Bet[] = [];

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = lines[r] ?? 0;
    const reject = (column: string | null, code: RowReject['code'], reason: string): void => {
      rejects.push({ line, column, code, reason, raw: formatCsvRecord(row) });
    };
    const money = (role: ColumnRole): { value: Cents | null; bad: boolean; text: string } => {
      const text = cell(row, first(cols, role));
      if (text === '') return { value: null, bad: false, text };
      const a = readAmount(text, style);
      return a.ok ? { value: a.value, bad: false, text } : { value: null, bad: true, text };
    };

    const dateText = cell(row, dateCol);
    const timeText = cell(row, timeCol);
    const at = readInstant(timeText === '' ? dateText : `${dateText} ${timeText}`);
    if (!at) {
      reject(dateCol >= 0 ? (header[dateCol] ?? 'date') : null, 'bad-date', `“${dateText}” is not a date`);
      continue;
    }
    const day = localDateText(at.local);
    const id = cell(row, idCol).replace(/^'+|'+$/g, '');
    const description = descCols
      .map((i) => cell(row, i).replace(/\s+/g, ' '))
      .filter((s) => s !== '')
      .join(' - ');

    // Bank lines: one signed amount, from an amount column or from debit/credit columns.
    if (mapping.target === 'bank_txns') {
      let amount: number;
      if (first(cols, 'amount') >= 0) {
        const a = money('amount');
        if (a.value === null) {
          reject(cols.name('amount'), 'bad-amount', a.bad ? `“${a.text}” is not an amount` : 'no amount');
          continue;
        }
        amount = a.value;
      } else {
        const hasDebit = first(cols, 'debit') >= 0;
        const hasCredit = first(cols, 'credit') >= 0;
        const d = money('debit');
        const c = money('credit');
        if (d.bad || c.bad) {
          const role = d.bad ? 'debit' : 'credit';
          reject(cols.name(role), 'bad-amount', `“${d.bad ? d.text : c.text}” is not an amount`);
          continue;
        }
        if (d.value === null && c.value === null) {
          reject(cols.name(hasDebit ? 'debit' : 'credit'), 'bad-amount', 'no amount');
          continue;
        }
        // Split columns are unsigned (Westpac, Macquarie) or signed (ING debits, Monzo Money Out); the
        // magnitude decides. A debit column alone is "amount negated" (Amex writes charges positive).
        if (hasDebit && hasCredit) amount = Math.abs(c.value ?? 0) - Math.abs(d.value ?? 0);
        else if (hasDebit) amount = -(d.value ?? 0);
        else amount = c.value ?? 0;
      }
      const balance = money('balance');
      const payee = orNull(cell(row, first(cols, 'payee')));
      const category = orNull(cell(row, first(cols, 'category')));
      const text = description !== '' ? description : (payee ?? '');
      const key =
        id !== ''
          ? `bank:${source}:${id}`
          : `bank:${source}:${day}:${amount}:${keyText(text)}:${OCCURRENCE_SLOT}`;
      bankRows.push({
        key,
        account: source,
        at: at.iso,
        tz: opts.zone,
        amountCents: cents(amount),
        balanceCents: balance.value,
        description: text,
        payee,
        category,
        counterparty: classifyCounterparty([text, payee ?? '', category ?? ''].join(' ')),
        line,
      });
      continue;
    }

    // Bets: stake (its sign ignored), odds, then how it settled and what it returned.
    const stakeRead = money('stake');
    if (stakeRead.value === null) {
      reject(
        cols.name('stake'),
        'bad-amount',
        stakeRead.bad ? `“${stakeRead.text}” is not an amount` : 'no stake',
      );
      continue;
    }
    const stake = cents(Math.abs(stakeRead.value));
    const oddsText = cell(row, first(cols, 'odds'));
    const oddsExact = oddsText === '' ? null : parseOddsExact(oddsText, mapping.oddsFormat ?? 'auto');
    const odds = oddsExact === null ? null : parseOdds(oddsText, mapping.oddsFormat ?? 'auto');
    if (oddsText !== '' && odds === null) {
      reject(cols.name('odds'), 'bad-number', `“${oddsText}” is not odds`);
      continue;
    }
    const ret = money('return');
    const profit = money('profit');
    if (ret.bad || profit.bad) {
      const role = ret.bad ? 'return' : 'profit';
      reject(cols.name(role), 'bad-amount', `“${ret.bad ? ret.text : profit.text}” is not an amount`);
      continue;
    }
    // Without a result column the status follows from profit or return; a row with neither is open.
    let status: BetStatus | null;
    if (first(cols, 'result') >= 0) {
      status = parseBetStatus(cell(row, first(cols, 'result')));
      if (status === null) {
        reject(cols.name('result'), 'bad-row', `unknown result “${cell(row, first(cols, 'result'))}”`);
        continue;
      }
    } else if (profit.value !== null) {
      status = profit.value > 0 ? 'won' : profit.value < 0 ? 'lost' : 'push';
    } else if (ret.value !== null) {
      status = ret.value > stake ? 'won' : ret.value === 0 ? 'lost' : 'push';
    } else {
      status = 'pending';
    }
    let returnCents: Cents | null;
    if (ret.value !== null) returnCents = ret.value;
    else if (profit.value !== null && status !== 'pending') returnCents = centsOrNull(stake + profit.value);
    else returnCents = impliedReturn(status, stake, oddsExact);
    if (returnCents === null) {
      reject(
        cols.name('result'),
        'bad-row',
        `cannot tell what a “${status}” bet returned without a return column`,
      );
      continue;
    }
    if (returnCents < 0) {
      reject(
        cols.name(ret.value !== null ? 'return' : 'profit'),
        'bad-amount',
        'the bet returns less than nothing',
      );
      continue;
    }
    const selection = orNull(cell(row, first(cols, 'selection'))) ?? orNull(description);
    const key =
      id !== ''
        ? `bet:${source}:${id}`
        : `bet:${source}:${day}:${stake}:${keyText(selection ?? '')}:${OCCURRENCE_SLOT}`;
    bets.push({
      key,
      venue: cell(row, first(cols, 'bookmaker')) || source,
      placedAt: at.iso,
      settledAt: null,
      tz: opts.zone,
      status,
      betType: betTypeFromText(cell(row, first(cols, 'bet-type'))),
      stakeCents: stake,
      returnCents,
      oddsDecimal: odds,
      closingOddsDecimal: null,
      sport: orNull(cell(row, first(cols, 'sport'))),
      competition: orNull(cell(row, first(cols, 'competition'))),
      event: orNull(cell(row, first(cols, 'event'))),
      market: orNull(cell(row, first(cols, 'market'))),
      selection,
      isBonus: false,
      legCount: 1,
      line,
    });
  }
  const batch: ParsedChunk['batch'] = mapping.target === 'bets' ? { bets } : { bank_txns: bankRows };
  return { batch, rejects };
}

/**
 * An importer that reads rows with a confirmed mapping. Its `detect` is the share of the mapping's
 * columns found in a header (so a saved mapping recognises its layout again), 0 when the date or the
 * money columns are missing.
 */
export function createMappedImporter(mapping: ColumnMapping): Importer {
  const used = Object.entries(mapping.roles).filter(([, role]) => role !== 'ignore');
  const required = used.filter(([, role]) =>
    ['date', 'datetime', 'amount', 'debit', 'credit', 'stake'].includes(role),
  );
  return {
    format: 'mapped',
    label: `Mapped columns (${mapping.source})`,
    kind: mapping.target === 'bets' ? 'bets' : 'bank',
    detect: (header) => {
      if (used.length === 0) return 0;
      const present = new Set(header.map(normaliseHeaderName));
      if (required.some(([name]) => !present.has(normaliseHeaderName(name)))) return 0;
      return used.filter(([name]) => present.has(normaliseHeaderName(name))).length / used.length;
    },
    dateColumns: () =>
      used.filter(([, role]) => role === 'date' || role === 'datetime').map(([name]) => name),
    notes: [
      mapping.target === 'bets'
        ? 'Rows are read as one bet each, with the columns you mapped.'
        : `Rows are read as transactions of “${mapping.source}”, with the columns you mapped.`,
      'Rows without an id column are keyed by date, amount and description; identical rows in one file are ' +
        'kept apart by their order, so re-importing the same file adds nothing.',
    ],
    parse: (header, rows, lines, opts) => parseMapped(mapping, header, rows, lines, opts),
  };
}
