/**
 * DraftKings and FanDuel bet histories in the SportsbookScout export layout (FORMATS.md §1.2). The files
 * have one row per leg; bet-level fields repeat on every leg row and the row with Primary = 1 is the one
 * that carries the bet's money. So each primary row yields a Bet (`draftkings:bet:<External Bet ID>`) and
 * every row yields a BetLeg (`<bet key>:leg:<n>`, n numbered in file order by mergeChunks).
 *
 * Without a Primary column every row is taken as primary; mergeChunks then keeps the first row of each
 * repeated External Bet ID, so unique ids give one bet per row and repeated ids one bet per id.
 */
import type { Bet, BetLeg, BetStatus, BetType } from '../model';
import type { Cents } from '../money';
import { cents } from '../money';
import { readAmount } from './amount';
import type { ChunkOptions, FormatId, Importer, ParsedChunk, RowReject } from './types';
import {
  betTypeFromText,
  centsOrNull,
  isTruthy,
  parseBetStatus,
  parseLegResult,
  parseOdds,
} from './bet-fields';
import { cellAt, findColumn, shareOfColumns } from './columns';
import { formatCsvRecord } from './csv';
import { createInstantReader } from './instant';
import { OCCURRENCE_SLOT } from './occurrence';
import { guessSport, sportFromLeague } from './sport';

export const DRAFTKINGS_HEADER = [
  'External Bet ID',
  'Bet Date Time',
  'Bet Type',
  'Bet Amount',
  'Number of Bets',
  'Number of Legs',
  'Bet Settled',
  'Bet Selection',
  'Market Name',
  'Bet American Odds',
  'Bet Result',
  'Payout',
  'Potential Payout',
  'Leg Settled',
  'Leg Result',
  'Leg American Odds',
  'Bet Settled Date',
  'Bet Bonus Type',
  'Bet Bonus Amount',
  'Risk Free Bet',
  'Bet Boosted Odds',
  'Bet Bonus Max Winning Amount',
  'Bet Bonus Winning Amount',
  'Bet Boost Percentage',
  'Boosted Bet',
  'Early Win Settled',
  'Primary',
] as const;

export const FANDUEL_HEADER = [
  'External Bet ID',
  'Bet Date Time',
  'Bet Type',
  'Bet Amount',
  'Bet Settled',
  'Event Name',
  'League',
  'Bet Selection',
  'Market Name',
  'Leg Handicap',
  'Teaser Points',
  'Bet American Odds',
  'Bet Decimal Odds',
  'Leg American Odds',
  'Leg Decimal Odds',
  'Multi Bet American Odds',
  'Multi Bet Decimal Odds',
  'Leg Result',
  'Bet Result',
  'Payout',
  'Potential Payout',
  'Leg Bet Type',
  'Leg Event Date Time',
  'Bet Settled Date',
  'Same Game Parlay',
  'State',
  'Primary',
] as const;

/** Columns only one of the two books writes: their presence makes the other format unlikely. */
const ONLY_DRAFTKINGS = [
  'Number of Legs',
  'Number of Bets',
  'Bet Bonus Type',
  'Risk Free Bet',
  'Early Win Settled',
];
const ONLY_FANDUEL = [
  'Event Name',
  'League',
  'Leg Decimal Odds',
  'Multi Bet Decimal Odds',
  'Same Game Parlay',
];

interface Book {
  format: Extract<FormatId, 'draftkings' | 'fanduel'>;
  venue: string;
  header: readonly string[];
  others: readonly string[];
}

const DRAFTKINGS: Book = {
  format: 'draftkings',
  venue: 'DraftKings',
  header: DRAFTKINGS_HEADER,
  others: ONLY_FANDUEL,
};
const FANDUEL: Book = {
  format: 'fanduel',
  venue: 'FanDuel',
  header: FANDUEL_HEADER,
  others: ONLY_DRAFTKINGS,
};

function detectBook(book: Book, header: readonly string[]): number {
  if (findColumn(header, 'External Bet ID') < 0 || findColumn(header, 'Bet Amount') < 0) return 0;
  const share = shareOfColumns(header, book.header);
  return shareOfColumns(header, book.others) > 0 ? share / 2 : share;
}

/** Odds from a decimal column if it has a value, else from an American one. */
function readOdds(decimalText: string, americanText: string): number | null {
  if (decimalText.trim() !== '') return parseOdds(decimalText, 'decimal');
  if (americanText.trim() !== '') return parseOdds(americanText, 'american');
  return null;
}

const BONUS_STAKE = /bonus\s*bet|free\s*bet|freebet|site\s*credit/i;

/**
 * FanDuel has no bonus flag (FORMATS.md §1.2): a won bet whose payout equals stake × (odds − 1), the
 * winnings without the stake, within a cent per leg of rounding, is taken as a bonus bet.
 */
function looksLikeBonusPayout(status: BetStatus, stake: Cents, payout: Cents, odds: number | null): boolean {
  if (status !== 'won' || odds === null || odds <= 1) return false;
  const winnings = Math.round(stake * (odds - 1));
  const withStake = Math.round(stake * odds);
  return Math.abs(payout - winnings) <= 1 && Math.abs(payout - withStake) > 1;
}

function parseBook(
  book: Book,
  header: readonly string[],
  rows: readonly string[][],
  lines: readonly number[],
  opts: ChunkOptions,
): ParsedChunk {
  const col = (...names: string[]): number => findColumn(header, ...names);
  const c = {
    id: col('External Bet ID'),
    placed: col('Bet Date Time'),
    betType: col('Bet Type'),
    stake: col('Bet Amount'),
    legs: col('Number of Legs'),
    event: col('Event Name'),
    league: col('League'),
    selection: col('Bet Selection'),
    market: col('Market Name'),
    handicap: col('Leg Handicap'),
    betAmerican: col('Bet American Odds'),
    betDecimal: col('Bet Decimal Odds'),
    multiAmerican: col('Multi Bet American Odds'),
    multiDecimal: col('Multi Bet Decimal Odds'),
    legAmerican: col('Leg American Odds'),
    legDecimal: col('Leg Decimal Odds'),
    legResult: col('Leg Result'),
    betResult: col('Bet Result'),
    payout: col('Payout'),
    potential: col('Potential Payout'),
    settledDate: col('Bet Settled Date'),
    bonusType: col('Bet Bonus Type'),
    sgp: col('Same Game Parlay'),
    primary: col('Primary'),
  };
  const name = (i: number, fallback: string): string => (i >= 0 ? (header[i] ?? fallback) : fallback);
  const readInstant = createInstantReader(opts.dateOrder, opts.zone);
  const bets: Bet[] = [];
  const legs: BetLeg[] = [];
  const rejects: RowReject[] = [];

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = lines[r] ?? 0;
    const reject = (column: string | null, code: RowReject['code'], reason: string): void => {
      rejects.push({ line, column, code, reason, raw: formatCsvRecord(row) });
    };
    const id = cellAt(row, c.id).trim();
    if (id === '') {
      reject(name(c.id, 'External Bet ID'), 'bad-row', 'no bet id');
      continue;
    }
    const betKey = `${book.format}:bet:${id}`;
    const league = cellAt(row, c.league).trim();
    const event = cellAt(row, c.event).trim() || null;
    const market = cellAt(row, c.market).trim() || null;
    const handicap = cellAt(row, c.handicap).trim();
    const selectionText = cellAt(row, c.selection).trim();
    // FanDuel writes the line in its own column ("Spread" + "-2.5"), unless the selection already has it.
    const withLine =
      handicap !== '' && !selectionText.includes(handicap) ? `${selectionText} ${handicap}` : selectionText;
    const selection = withLine.trim() || null;
    const sport = sportFromLeague(league) ?? guessSport(event ?? selectionText, market ?? '');
    // Leg-level fields are read on every row: each row is one leg, primary or not. A leg price that is
    // present but unreadable rejects the row rather than storing a leg without odds silently.
    const legOddsText = cellAt(row, c.legDecimal) + cellAt(row, c.legAmerican);
    const legOdds = readOdds(cellAt(row, c.legDecimal), cellAt(row, c.legAmerican));
    if (legOddsText.trim() !== '' && legOdds === null) {
      reject(
        name(c.legDecimal >= 0 ? c.legDecimal : c.legAmerican, 'Leg American Odds'),
        'bad-number',
        'not odds',
      );
      continue;
    }

    // Only the primary row carries the bet's money; the others repeat it and must not be counted twice.
    const isPrimary = c.primary < 0 || isTruthy(cellAt(row, c.primary));
    if (isPrimary) {
      const placed = readInstant(cellAt(row, c.placed));
      if (!placed) {
        reject(name(c.placed, 'Bet Date Time'), 'bad-date', `“${cellAt(row, c.placed)}” is not a date`);
        continue;
      }
      const settledText = cellAt(row, c.settledDate).trim();
      const settled = settledText === '' ? null : readInstant(settledText);
      if (settledText !== '' && !settled) {
        reject(name(c.settledDate, 'Bet Settled Date'), 'bad-date', `“${settledText}” is not a date`);
        continue;
      }
      const stakeText = cellAt(row, c.stake);
      const stakeRead = readAmount(stakeText, 'dot');
      if (!stakeRead.ok) {
        reject(name(c.stake, 'Bet Amount'), 'bad-amount', `“${stakeText}” is not an amount`);
        continue;
      }
      const stake = cents(Math.abs(stakeRead.value));
      const resultText = cellAt(row, c.betResult);
      const status = parseBetStatus(resultText);
      if (status === null) {
        reject(name(c.betResult, 'Bet Result'), 'bad-row', `unknown bet result “${resultText}”`);
        continue;
      }
      // Payout is everything paid back, stake included. When it is empty, it follows from the status: the
      // stake back for a void or push, nothing for a loss or an open bet, and for a win the potential payout.
      const payoutText = cellAt(row, c.payout).trim();
      let returnCents: Cents | null;
      if (payoutText !== '') {
        const p = readAmount(payoutText, 'dot');
        if (!p.ok) {
          reject(name(c.payout, 'Payout'), 'bad-amount', `“${payoutText}” is not an amount`);
          continue;
        }
        returnCents = status === 'pending' ? cents(0) : centsOrNull(Math.abs(p.value));
      } else if (status === 'void' || status === 'push') {
        returnCents = stake;
      } else if (status === 'lost' || status === 'pending') {
        returnCents = cents(0);
      } else {
        const p = readAmount(cellAt(row, c.potential), 'dot');
        returnCents = status === 'won' && p.ok ? centsOrNull(Math.abs(p.value)) : null;
      }
      if (returnCents === null) {
        reject(name(c.payout, 'Payout'), 'bad-amount', `a ${status} bet needs a payout`);
        continue;
      }

      // A multi's price is in the Multi Bet columns (FanDuel); DraftKings puts it in Bet American Odds.
      const multi =
        c.multiDecimal >= 0 || c.multiAmerican >= 0
          ? readOdds(cellAt(row, c.multiDecimal), cellAt(row, c.multiAmerican))
          : null;
      const odds = multi ?? readOdds(cellAt(row, c.betDecimal), cellAt(row, c.betAmerican));
      let betType: BetType = isTruthy(cellAt(row, c.sgp)) ? 'sgm' : betTypeFromText(cellAt(row, c.betType));
      const legCountText = cellAt(row, c.legs).trim();
      const legCount = /^\d+$/.test(legCountText) ? Number(legCountText) : 0;
      if (betType === 'single' && legCount > 1) betType = 'multi';
      const isMulti = betType !== 'single';
      const bonusType = cellAt(row, c.bonusType);
      // Bonus stakes are not the punter's money; see the importer notes for how each book shows them.
      const isBonus =
        BONUS_STAKE.test(bonusType) ||
        (book.format === 'fanduel' && looksLikeBonusPayout(status, stake, returnCents, odds));

      bets.push({
        key: betKey,
        venue: book.venue,
        placedAt: placed.iso,
        settledAt: settled?.iso ?? null,
        tz: opts.zone,
        status,
        betType,
        stakeCents: stake,
        returnCents,
        oddsDecimal: odds,
        closingOddsDecimal: null,
        sport: isMulti ? null : sport,
        competition: isMulti ? null : league || null,
        event: isMulti ? null : event,
        market: isMulti ? null : market,
        selection: isMulti ? null : selection,
        isBonus,
        legCount,
        line,
      });
    }

    // The leg number is left to mergeChunks: this row's position within its bet is only known file-wide.
    legs.push({
      key: `${betKey}:leg:${OCCURRENCE_SLOT}`,
      betKey,
      venue: book.venue,
      legIndex: 0,
      event,
      market,
      selection,
      oddsDecimal: legOdds,
      result: parseLegResult(cellAt(row, c.legResult)),
      sport,
      competition: league || null,
      line,
    });
  }
  return { batch: { bets, bet_legs: legs }, rejects };
}

function bookImporter(book: Book): Importer {
  return {
    format: book.format,
    label: `${book.venue} bet history (SportsbookScout export)`,
    kind: 'bets',
    detect: (header) => detectBook(book, header),
    fixedDateOrder: 'mdy',
    dateColumns: (header) => [header[findColumn(header, 'Bet Date Time')] ?? ''].filter((h) => h !== ''),
    notes: [
      `${book.venue} dates without a four-digit year first are read month-first (US exports).`,
      'Each bet’s money comes from its Primary row; without a Primary column, from the first row of each bet id.',
      'Payout is taken as everything paid back, stake included.',
      book.format === 'fanduel'
        ? 'FanDuel marks no bonus bets: a win paying exactly the winnings without the stake is taken as a bonus bet.'
        : 'A bet is a bonus bet when its Bet Bonus Type names a bonus or free bet (boosts and no-sweat refunds are not).',
    ],
    parse: (header, rows, lines, opts) => parseBook(book, header, rows, lines, opts),
  };
}

export const draftkingsImporter: Importer = bookImporter(DRAFTKINGS);
export const fanduelImporter: Importer = bookImporter(FANDUEL);
