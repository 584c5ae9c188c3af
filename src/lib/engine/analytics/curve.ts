/**
 * The curve panels: biggest swings (largest drawdown and run-up of the cumulative net) and the longest
 * losing streak of the filtered settled bets, in settlement order. Both read `curveSelect` (see
 * `days.ts`) and fold its day rows in TypeScript, exactly at bet granularity.
 */
import { curveSelect, foldStreak, foldSwings, parseCurve, type LosingStreak, type Swings } from './days';
import type { BetFilter } from './filter';
import type { Row } from './values';

/**
 * Biggest swings of the filtered curve; see `parseSwings`. `precomputed: false` forces the per-bet path
 * even for a dates-only filter (tests check both paths agree).
 */
export function swingsSql(f: BetFilter, precomputed = true): string {
  return curveSelect(f, precomputed);
}

export function parseSwings(rows: readonly Row[]): Swings {
  return foldSwings(parseCurve(rows[0] ?? {}).days);
}

/**
 * The longest run of consecutive losing bets (net < 0) among the filtered settled bets, by settlement
 * order; any other settled bet (won, void, push, a profitable cash-out) ends a run, pending bets do not.
 * Among equally long runs the most recent is shown. See `parseLosingStreak`.
 */
export function losingStreakSql(f: BetFilter, precomputed = true): string {
  return curveSelect(f, precomputed);
}

export function parseLosingStreak(rows: readonly Row[]): LosingStreak {
  return foldStreak(parseCurve(rows[0] ?? {}).days);
}
