/**
 * The cumulative net curve of the filtered settled bets, in settlement order (`seq`), and what the
 * panels read from it: the largest drawdown (peak-to-trough fall), the largest run-up (trough-to-peak
 * rise) and the longest losing streak.
 *
 * A window over a million bets costs a sort, far over the 50 ms budget, so the curve is reduced to one
 * row per local day first: the day's highest and lowest cumulative net, and its largest intraday fall and
 * rise. The largest drawdown is then the larger of (a) the largest intraday fall and (b) over days d, the
 * highest level reached before d (or the level the range started from) minus d's low; the run-up alike.
 * That is exact at bet granularity, not an end-of-day approximation. When the filter is dates only, the
 * per-bet running values are those precomputed in `bet_analytics` (the global curve shifted by the level
 * before the range, which cancels); otherwise they come from windows over the filtered rows.
 *
 * The curve starts at 0 before the first bet in range; a peak or trough at that start is dated with the
 * first bet's day. Among equal levels the latest day is the peak or trough; among equal falls the
 * earliest trough wins.
 */
import type { BetFilter } from './filter';
import { filterWhere, isDateOnly } from './filter';
import { toCents, toCount, toText, type Row } from './values';

/** Where-clause for the settled bets of a filter (aggregate panels always read settled bets). */
export const settledWhere = (f: BetFilter): string => filterWhere({ ...f, status: 'settled' });

/** Per-bet rows (seq, local_day, net_cents, cum_net, day_run_max, day_run_min) of the filtered curve. */
function perBetCte(f: BetFilter, usePrecomputed: boolean): string {
  const where = settledWhere(f);
  if (usePrecomputed) {
    return `cv_s AS (SELECT seq, local_day, net_cents, cum_net, day_run_max, day_run_min
  FROM bet_analytics WHERE ${where})`;
  }
  return `cv_r AS (SELECT seq, local_day, net_cents,
    CAST(sum(net_cents) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS BIGINT) AS cum_net
  FROM bet_analytics WHERE ${where}),
cv_s AS (SELECT *, max(cum_net) OVER d AS day_run_max, min(cum_net) OVER d AS day_run_min
  FROM cv_r WINDOW d AS (PARTITION BY local_day ORDER BY seq ROWS UNBOUNDED PRECEDING))`;
}

/**
 * CTEs (without the WITH) ending in `cv_swing`, one row: dd_amt, dd_start, dd_end, ru_amt, ru_start,
 * ru_end (amounts BIGINT cents >= 0, days DATE; days NULL when there are no bets). `precomputed`
 * defaults to using `bet_analytics`' running columns when the filter allows; false forces windows
 * (tests check both agree).
 */
export function curveCtes(f: BetFilter, precomputed: boolean = isDateOnly(f)): string {
  return `${perBetCte(f, precomputed && isDateOnly(f))},
cv_days AS (SELECT local_day, max(cum_net) AS hi, min(cum_net) AS lo,
    max(day_run_max - cum_net) AS dd_in, max(cum_net - day_run_min) AS ru_in
  FROM cv_s GROUP BY local_day),
cv_base AS (SELECT arg_min(cum_net - net_cents, seq) AS b0, min(local_day) AS first_day FROM cv_s),
cv_w AS (SELECT d.*, b.b0, b.first_day,
    max({'v': hi, 'd': local_day}) OVER p AS prev_hi,
    max({'v': -lo, 'd': local_day}) OVER p AS prev_lo
  FROM cv_days d, cv_base b
  WINDOW p AS (ORDER BY local_day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
cv_c AS (SELECT local_day, hi, lo, dd_in, ru_in,
    CASE WHEN prev_hi IS NULL OR prev_hi.v < b0 THEN b0 ELSE prev_hi.v END AS pk_v,
    CASE WHEN prev_hi IS NULL OR prev_hi.v < b0 THEN first_day ELSE prev_hi.d END AS pk_d,
    CASE WHEN prev_lo IS NULL OR -prev_lo.v > b0 THEN b0 ELSE -prev_lo.v END AS tr_v,
    CASE WHEN prev_lo IS NULL OR -prev_lo.v > b0 THEN first_day ELSE prev_lo.d END AS tr_d
  FROM cv_w),
cv_dd AS (SELECT greatest(pk_v - lo, dd_in) AS amt,
    CASE WHEN pk_v - lo >= dd_in THEN pk_d ELSE local_day END AS start_day, local_day AS end_day
  FROM cv_c ORDER BY amt DESC, local_day LIMIT 1),
cv_ru AS (SELECT greatest(hi - tr_v, ru_in) AS amt,
    CASE WHEN hi - tr_v >= ru_in THEN tr_d ELSE local_day END AS start_day, local_day AS end_day
  FROM cv_c ORDER BY amt DESC, local_day LIMIT 1),
cv_swing AS (SELECT CAST(coalesce(dd.amt, 0) AS BIGINT) AS dd_amt, CAST(dd.start_day AS VARCHAR) AS dd_start,
    CAST(dd.end_day AS VARCHAR) AS dd_end, CAST(coalesce(ru.amt, 0) AS BIGINT) AS ru_amt,
    CAST(ru.start_day AS VARCHAR) AS ru_start, CAST(ru.end_day AS VARCHAR) AS ru_end
  FROM (SELECT 1) one LEFT JOIN cv_dd dd ON TRUE LEFT JOIN cv_ru ru ON TRUE)`;
}

/** A move of the cumulative net between two local days ("YYYY-MM-DD"), both null when it is 0. */
export interface Swing {
  amountCents: number;
  startDay: string | null;
  endDay: string | null;
}

export function parseSwing(r: Row, prefix: 'dd' | 'ru'): Swing {
  const amountCents = toCents(r[`${prefix}_amt`]);
  if (amountCents === 0) return { amountCents, startDay: null, endDay: null };
  return { amountCents, startDay: toText(r[`${prefix}_start`]), endDay: toText(r[`${prefix}_end`]) };
}

export interface Swings {
  /** Largest fall from a peak to a later trough (positive cents): start = peak day, end = trough day. */
  drawdown: Swing;
  /** Largest rise from a trough to a later peak (positive cents): start = trough day, end = peak day. */
  runUp: Swing;
}

/** Biggest swings of the filtered curve. One row; see `parseSwings`. */
export function swingsSql(f: BetFilter, precomputed?: boolean): string {
  return `WITH ${curveCtes(f, precomputed)} SELECT * FROM cv_swing`;
}

export function parseSwings(rows: readonly Row[]): Swings {
  const r = rows[0] ?? {};
  return { drawdown: parseSwing(r, 'dd'), runUp: parseSwing(r, 'ru') };
}

export interface LosingStreak {
  /** Consecutive settled losing bets (net < 0) in settlement order; 0 when no bet lost. */
  bets: number;
  /** Their summed net (negative cents). */
  netCents: number;
  startDay: string | null;
  endDay: string | null;
}

/**
 * The longest run of consecutive losing bets (net < 0) among the filtered settled bets, by settlement
 * order; any other settled bet (won, void, push, a profitable cash-out) ends a run. Among equally long
 * runs the most recent is shown. Date-only filters use the precomputed run ids (a run clipped by the date
 * range is still one run); others number the runs with a window.
 */
export function losingStreakSql(f: BetFilter, precomputed: boolean = isDateOnly(f)): string {
  const where = settledWhere(f);
  const runs =
    precomputed && isDateOnly(f)
      ? `SELECT seq, local_day, net_cents, loss_run AS run FROM bet_analytics WHERE ${where} AND is_loss`
      : `SELECT * FROM (SELECT seq, local_day, net_cents, is_loss,
           sum(CASE WHEN is_loss THEN 0 ELSE 1 END) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS run
         FROM bet_analytics WHERE ${where}) WHERE is_loss`;
  return `SELECT count(*) AS bets, CAST(sum(net_cents) AS BIGINT) AS net,
  CAST(min(local_day) AS VARCHAR) AS start_day, CAST(max(local_day) AS VARCHAR) AS end_day
FROM (${runs}) GROUP BY run ORDER BY bets DESC, min(seq) DESC LIMIT 1`;
}

export function parseLosingStreak(rows: readonly Row[]): LosingStreak {
  const r = rows[0];
  if (!r) return { bets: 0, netCents: 0, startDay: null, endDay: null };
  return {
    bets: toCount(r.bets),
    netCents: toCents(r.net),
    startDay: toText(r.start_day),
    endDay: toText(r.end_day),
  };
}
