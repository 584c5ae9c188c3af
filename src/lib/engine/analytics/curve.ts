/**
 * The curve panels: biggest swings (largest drawdown and run-up of the cumulative net) and the longest
 * losing streak of the filtered settled bets, in settlement order. Both read the filter's day rows (see
 * `days.ts`) as one row of lists and fold them in TypeScript, exactly at bet granularity.
 */
import {
  dayListsSelect,
  dayRowsCte,
  foldStreak,
  foldSwings,
  parseDayLists,
  type LosingStreak,
  type Swings,
} from './days';
import type { BetFilter } from './filter';
import type { Row } from './values';

/**
 * Day rows of the filter as one row of lists. `precomputed: false` forces the per-query windows even for
 * a dates-only filter (tests check both paths agree).
 */
export function dayListsSql(f: BetFilter, precomputed = true): string {
  return `WITH ${dayRowsCte('cv_days', f, precomputed)} ${dayListsSelect('cv_days')}`;
}

/** Biggest swings of the filtered curve; see `parseSwings`. */
export function swingsSql(f: BetFilter, precomputed = true): string {
  return dayListsSql(f, precomputed);
}

export function parseSwings(rows: readonly Row[]): Swings {
  return foldSwings(parseDayLists(rows[0] ?? {}));
}

/**
 * The longest run of consecutive losing bets (net < 0) among the filtered settled bets, by settlement
 * order; any other settled bet (won, void, push, a profitable cash-out) ends a run, pending bets do not.
 * Among equally long runs the most recent is shown. See `parseLosingStreak`.
 */
export function losingStreakSql(f: BetFilter, precomputed = true): string {
  return dayListsSql(f, precomputed);
}

export function parseLosingStreak(rows: readonly Row[]): LosingStreak {
  return foldStreak(parseDayLists(rows[0] ?? {}));
}
