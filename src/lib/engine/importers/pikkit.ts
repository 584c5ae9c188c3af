/**
 * Pikkit bet-tracker export (FORMATS.md §1.3, `transactions.csv`): one row per bet across the books Pikkit
 * syncs. Times are UTC written as "03/11/2025 15:52:19 GMT" (month-first); parlay legs are the parts of
 * `bet_info` split by "|". `amount` is the stake and `profit` the bet's net result, so a settled bet
 * returned stake + profit.
 */
import type { Bet, BetLeg, BetStatus } from '../model';
import type { Cents } from '../money';
import { cents } from '../money';
import { readAmount } from './amount';
import type { ChunkOptions, Importer, ParsedChunk, RowReject } from './types';
import { betTypeFromText, centsOrNull, impliedReturn, parseOdds, parseOddsExact } from './bet-fields';
import { cellAt, findColumn, shareOfColumns } from './columns';
import { formatCsvRecord } from './csv';
import { createInstantReader } from './instant';

export const PIKKIT_HEADER = [
  'bet_id',
  'sportsbook',
  'type',
  'status',
  'odds',
  'closing_line',
  'ev',
  'amount',
  'profit',
  'time_placed',
  'time_settled',
  'bet_info',
  'tags',
  'sports',
  'leagues',
] as const;

/** Pikkit's status values (import_pikkit_csv.py `convert_pikkit_status`). */
const STATUS: Record<string, BetStatus> = {
  SETTLED_WIN: 'won',
  SETTLED_LOSS: 'lost',
  PENDING: 'pending',
  CANCELLED: 'void',
  VOIDED: 'void',
  PUSHED: 'push',
  REFUNDED: 'void',
  SETTLED_PUSH: 'push',
  SETTLED_CASHOUT: 'cashed-out',
  CASHED_OUT: 'cashed-out',
};

/**
 * Pikkit odds and closing lines: a number with a sign and |x| >= 100 is American, any other number is
 * decimal (Pikkit writes decimal, e.g. 1.79). Returns null for non-numbers.
 */
export function parsePikkitOdds(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return parseOdds(t, pikkitOddsFormat(t));
}

function pikkitOddsFormat(t: string): 'american' | 'decimal' {
  return /^[+-]/.test(t) && Math.abs(Number(t)) >= 100 ? 'american' : 'decimal';
}

/** One value of a list cell ("NBA, NBA" → "NBA"); several different values read as "Mixed". */
function single(text: string): string | null {
  const parts = [
    ...new Set(
      text
        .split(/[|,]/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] ?? null) : 'Mixed';
}

function parsePikkit(
  header: readonly string[],
  rows: readonly string[][],
  lines: readonly number[],
  opts: ChunkOptions,
): ParsedChunk {
  const col = (n: string): number => findColumn(header, n);
  const c = {
    id: col('bet_id'),
    book: col('sportsbook'),
    type: col('type'),
    status: col('status'),
    odds: col('odds'),
    closing: col('closing_line'),
    amount: col('amount'),
    profit: col('profit'),
    placed: col('time_placed'),
    settled: col('time_settled'),
    info: col('bet_info'),
    tags: col('tags'),
    sports: col('sports'),
    leagues: col('leagues'),
  };
  // Pikkit writes UTC; a value without "GMT" is read as UTC too.
  const readInstant = createInstantReader(opts.dateOrder, 'UTC');
  const bets: Bet[] = [];
  const legs: BetLeg[] = [];
  const rejects: RowReject[] = [];

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = lines[r] ?? 0;
    const reject = (column: string, code: RowReject['code'], reason: string): void => {
      rejects.push({ line, column, code, reason, raw: formatCsvRecord(row) });
    };
    const id = cellAt(row, c.id).trim();
    if (id === '') {
      reject('bet_id', 'bad-row', 'no bet id');
      continue;
    }
    // An empty status is an open bet; any status Pikkit does not document is rejected, not guessed.
    const statusText = cellAt(row, c.status).trim();
    const status = statusText === '' ? 'pending' : STATUS[statusText.toUpperCase()];
    if (status === undefined) {
      reject('status', 'bad-row', `unknown status “${statusText}”`);
      continue;
    }
    const placed = readInstant(cellAt(row, c.placed));
    if (!placed) {
      reject('time_placed', 'bad-date', `“${cellAt(row, c.placed)}” is not a date`);
      continue;
    }
    const settledText = cellAt(row, c.settled).trim();
    const settled = settledText === '' ? null : readInstant(settledText);
    if (settledText !== '' && !settled) {
      reject('time_settled', 'bad-date', `“${settledText}” is not a date`);
      continue;
    }
    const amount = readAmount(cellAt(row, c.amount), 'dot');
    if (!amount.ok) {
      reject('amount', 'bad-amount', `“${cellAt(row, c.amount)}” is not an amount`);
      continue;
    }
    const stake = cents(Math.abs(amount.value));
    const oddsText = cellAt(row, c.odds).trim();
    const odds = oddsText === '' ? null : parsePikkitOdds(oddsText);
    if (oddsText !== '' && odds === null) {
      reject('odds', 'bad-number', `“${oddsText}” is not odds`);
      continue;
    }
    const profitText = cellAt(row, c.profit).trim();
    // Return = stake + profit once settled (profit is negative for a loss, 0 for a push or void). A
    // pending bet has returned nothing yet, whatever the profit cell says (Pikkit writes 0 there).
    let returnCents: Cents | null;
    if (status === 'pending') {
      returnCents = cents(0);
    } else if (profitText !== '') {
      const profit = readAmount(profitText, 'dot');
      if (!profit.ok) {
        reject('profit', 'bad-amount', `“${profitText}” is not an amount`);
        continue;
      }
      returnCents = centsOrNull(stake + profit.value);
    } else {
      returnCents = impliedReturn(
        status,
        stake,
        odds === null ? null : parseOddsExact(oddsText, pikkitOddsFormat(oddsText)),
      );
    }
    if (returnCents === null || returnCents < 0) {
      reject(
        'profit',
        'bad-amount',
        returnCents === null ? `a ${status} bet needs a profit` : 'loses more than the stake',
      );
      continue;
    }

    const key = `pikkit:bet:${id}`;
    const venue = cellAt(row, c.book).trim() || 'Pikkit';
    const info = cellAt(row, c.info).trim();
    // Parlays list their legs in bet_info separated by "|" (import_pikkit_csv.py); a straight bet's
    // bet_info is kept whole as the selection, since splitting event from pick by words is unreliable.
    const parts = info
      .split('|')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const typeText = cellAt(row, c.type);
    let betType = betTypeFromText(typeText);
    if (betType === 'single' && parts.length > 1) betType = 'multi';
    const isMulti = parts.length > 1 || betType === 'multi' || betType === 'sgm';
    const sport = single(cellAt(row, c.sports));
    const competition = single(cellAt(row, c.leagues));
    if (isMulti) {
      parts.forEach((text, i) => {
        legs.push({
          key: `${key}:leg:${i + 1}`,
          betKey: key,
          venue,
          legIndex: i + 1,
          event: null,
          market: null,
          selection: text,
          oddsDecimal: null,
          result: null,
          sport,
          competition,
          line,
        });
      });
    }
    // closing_line may be empty or text; only a number becomes closingOddsDecimal.
    const closingText = cellAt(row, c.closing);
    bets.push({
      key,
      venue,
      placedAt: placed.iso,
      settledAt: settled?.iso ?? null,
      tz: 'UTC',
      status,
      betType,
      stakeCents: stake,
      returnCents,
      oddsDecimal: odds,
      closingOddsDecimal: parsePikkitOdds(closingText),
      sport,
      competition,
      event: null,
      market: null,
      selection: isMulti ? null : info || null,
      isBonus: /bonus|free ?bet/i.test(cellAt(row, c.tags)),
      legCount: Math.max(1, parts.length),
      line,
    });
  }
  const batch: ParsedChunk['batch'] = { bets };
  if (legs.length > 0) batch.bet_legs = legs;
  return { batch, rejects };
}

export const pikkitImporter: Importer = {
  format: 'pikkit',
  label: 'Pikkit bet export',
  kind: 'bets',
  detect: (header) => {
    if (
      findColumn(header, 'bet_id') < 0 ||
      findColumn(header, 'amount') < 0 ||
      findColumn(header, 'time_placed') < 0
    )
      return 0;
    return shareOfColumns(header, PIKKIT_HEADER);
  },
  fixedDateOrder: 'mdy',
  dateColumns: (header) =>
    ['time_placed', 'time_settled'].map((n) => header[findColumn(header, n)] ?? '').filter((h) => h !== ''),
  notes: [
    'Pikkit times are UTC (“GMT”), month-first.',
    'A settled bet returned its stake plus the profit column; a pending bet has returned nothing yet.',
    'A bet is marked as a bonus bet when its tags mention a bonus or free bet.',
  ],
  parse: parsePikkit,
};
