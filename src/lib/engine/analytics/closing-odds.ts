/**
 * Closing odds typed in by hand, and how they meet imported ones.
 *
 * Most bookmaker exports carry no closing price, so CLV would stay empty for most punters; the Bets table
 * lets them type the price a selection closed at (from the bookmaker, an exchange or an odds site). Typed
 * prices live apart from the imported ledger (Dexie `closingOdds`, DuckDB `closing_manual`), keyed by the
 * bet's key, so a re-import of the same bet never overwrites or wipes them.
 *
 * Which wins: **a typed price wins over an imported one.** Typing is a deliberate act on one bet (often
 * to correct a tracker's closing line, or to use a sharper market's close); the imported price stays in
 * `closing_odds_imported` and is shown beside it, and clearing the typed price goes back to it.
 * `bet_analytics.closing_odds_decimal` is the price in use, and `clv` is computed from it.
 */
import { parseOdds } from '../importers/bet-fields';
import { err, ok, type Result } from '../result';
import { lit } from './sql-text';

/** Closing prices outside (1, MAX_CLOSING_ODDS] are refused: 1.00 returns nothing, and exchanges stop at 1000. */
export const MAX_CLOSING_ODDS = 1000;

/** Where the price a bet's CLV uses came from. */
export type ClosingSource = 'typed' | 'imported';

/** The sentence shown under the input when the text is not a closing price. */
export const CLOSING_ODDS_HINT =
  'Enter the closing price as decimal odds above 1.00 (like 2.10), or as fractional (11/10) or American (+110) odds.';

/** True when `odds` can be stored as a closing price: finite, above 1, at most MAX_CLOSING_ODDS. */
export function isClosingOdds(odds: number): boolean {
  return Number.isFinite(odds) && odds > 1 && odds <= MAX_CLOSING_ODDS;
}

/**
 * Reads what a user typed as a closing price, in decimal odds: "2.10", "2,10" (comma decimal), "11/10",
 * "evens", "+110" and "-150" (American; converted and rounded half-even to 4 places). Refuses empty text,
 * anything unreadable, a signed number between −100 and +100, 1.00 or less, and more than
 * MAX_CLOSING_ODDS, with `invalid-argument` and a hint.
 */
export function parseClosingOdds(text: string): Result<number> {
  let t = text.trim();
  if (t === '') return err('invalid-argument', 'Type a closing price, or use Clear to remove one.');
  // "2,10": a lone comma between digits is a decimal comma (odds never need thousands separators).
  if (/^\d+,\d+$/.test(t)) t = t.replace(',', '.');
  // A sign means American odds, which are never between −100 and +100 ("+99" is not 99.00).
  const signed = /^[+\-\u2212]\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (signed && Number(signed[1]) < 100)
    return err('invalid-argument', 'American odds are +100 or more, or −100 or less. ' + CLOSING_ODDS_HINT);
  const odds = parseOdds(t, 'auto');
  if (odds === null) return err('invalid-argument', CLOSING_ODDS_HINT);
  if (odds <= 1)
    return err('invalid-argument', 'Decimal odds must be above 1.00: at 1.00 a bet returns only its stake.');
  if (odds > MAX_CLOSING_ODDS)
    return err('invalid-argument', `Closing odds above ${MAX_CLOSING_ODDS} are not accepted.`);
  return ok(odds);
}

/**
 * Closing-line value of one price against a close: odds / closing − 1 (0.05 = took a 5% better price than
 * the market closed at), or null when either price is missing or below 1. The same formula as the `clv`
 * column of `bet_analytics`.
 */
export function closingLineValue(odds: number | null, closing: number | null): number | null {
  if (odds === null || closing === null || !(odds >= 1) || !(closing >= 1)) return null;
  return odds / closing - 1;
}

/** The DuckDB table of typed closing prices (one row per bet key); created empty if missing. */
export function closingManualTableSql(): string {
  return `CREATE TABLE IF NOT EXISTS closing_manual (bet_key VARCHAR NOT NULL, odds_decimal DOUBLE NOT NULL)`;
}

/** One typed closing price. */
export interface ClosingEntry {
  betKey: string;
  oddsDecimal: number;
}

/**
 * Statements that make `closing_manual` hold exactly `entries` (the Dexie copy is the source of truth;
 * this runs before each rebuild of `bet_analytics`). Throws on a price that is not a closing price.
 */
export function closingManualReplaceSql(entries: readonly ClosingEntry[]): string[] {
  const out = [closingManualTableSql(), 'DELETE FROM closing_manual'];
  for (let i = 0; i < entries.length; i += 1000) {
    const values = entries
      .slice(i, i + 1000)
      .map((e) => `(${lit(e.betKey)}, ${lit(checkedOdds(e.oddsDecimal))})`)
      .join(', ');
    out.push(`INSERT INTO closing_manual VALUES ${values}`);
  }
  return out;
}

function checkedOdds(odds: number): number {
  if (!isClosingOdds(odds)) throw new RangeError(`not a closing price: ${odds}`);
  return odds;
}

/**
 * Statements that set (or, with null, clear) the typed closing price of one bet in `closing_manual` and
 * in its `bet_analytics` row (and its copies in `bet_sort_head` and `bet_day_top`), recomputing the
 * price in use and its CLV. Then run `dayClvRefreshSql` for
 * the per-day CLV totals of `bet_days`, which the dates-only panels read.
 */
export function setClosingSql(betKey: string, odds: number | null): string[] {
  const key = lit(betKey);
  const typed = odds === null ? 'CAST(NULL AS DOUBLE)' : lit(checkedOdds(odds));
  const used = `coalesce(${typed}, closing_odds_imported)`;
  return [
    closingManualTableSql(),
    `DELETE FROM closing_manual WHERE bet_key = ${key}`,
    ...(odds === null ? [] : [`INSERT INTO closing_manual VALUES (${key}, ${typed})`]),
    // bet_analytics, and the copies of its rows the bets table and the best/worst panel read.
    ...['bet_analytics', 'bet_sort_head', 'bet_day_top'].map(
      (table) => `UPDATE ${table} SET closing_odds_typed = ${typed}, closing_odds_decimal = ${used},
  clv = CASE WHEN odds_decimal >= 1 AND ${used} >= 1 THEN odds_decimal / ${used} - 1 END
WHERE key = ${key}`,
    ),
  ];
}

/**
 * Recomputes the CLV totals (`clv_n`, `clv_sum`, `clv_beat`) of the one `bet_days` row holding this bet's
 * local day, after `setClosingSql`: the same sums `betDaysSql` makes, over that day's settled bets only
 * (a pending bet's day has nothing to change). Rebuilding all of `bet_days` took ~2 s at 1M bets. Run
 * `sportDayClvRefreshSql` too, for `bet_sport_days`.
 */
export function dayClvRefreshSql(betKey: string): string {
  return clvRefreshSql('bet_days', [], betKey);
}

/** As `dayClvRefreshSql`, for the bet's (sport, local day) row of `bet_sport_days`. */
export function sportDayClvRefreshSql(betKey: string): string {
  return clvRefreshSql('bet_sport_days', ['sport_h'], betKey);
}

function clvRefreshSql(table: string, keys: readonly string[], betKey: string): string {
  const cols = [...keys, 'local_day'];
  const on = cols.map((c) => `a.${c} = k.${c}`).join(' AND ');
  return `UPDATE ${table} SET clv_n = s.n, clv_sum = s.total, clv_beat = s.beat
FROM (SELECT ${cols.map((c) => `a.${c}`).join(', ')}, CAST(count(a.clv) AS BIGINT) AS n,
    CAST(coalesce(sum(a.clv), 0) AS DOUBLE) AS total, CAST(count(*) FILTER (WHERE a.clv > 0) AS BIGINT) AS beat
  FROM bet_analytics a JOIN (SELECT ${cols.join(', ')} FROM bet_analytics WHERE key = ${lit(betKey)}) k ON ${on}
  WHERE a.is_settled
  GROUP BY ${cols.map((c) => `a.${c}`).join(', ')}) s
WHERE ${cols.map((c) => `${table}.${c} = s.${c}`).join(' AND ')}`;
}

/** Whether `bet_analytics` holds a bet with this key (`count` = 0 or 1). */
export function betExistsSql(betKey: string): string {
  return `SELECT count(*) AS count FROM bet_analytics WHERE key = ${lit(betKey)}`;
}
