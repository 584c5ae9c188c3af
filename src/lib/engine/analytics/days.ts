/**
 * One row per local day: the unit every curve panel (headline, swings, losing streak, comparison) works
 * on. For each day of the filtered bets it holds the totals, the cumulative net's level at the day's start
 * (`open_cum`), its high and low, the largest fall and rise within the day, and the losing runs at the
 * day's start, at its end and the longest within it. Folding those day rows in order (in TypeScript, see
 * `foldSwings` and `foldStreak`) gives the exact bet-level drawdown, run-up and longest losing streak.
 *
 * Why: a window over a million bets is a sort, several times the 50 ms budget in single-threaded wasm.
 * `bet_days` holds these rows for all bets, computed once per ledger change; a filter that constrains only
 * dates reads its rows directly (the levels are the all-bets curve, shifted by the level before the range,
 * which the fold cancels). Any other filter computes the same rows from `bet_analytics` with windows.
 * Panels return the day rows as one row of LIST columns, because turning Arrow rows into objects costs
 * about 10 µs each.
 */
import type { BetFilter } from './filter';
import { filterWhere, isDateOnly } from './filter';
import { dayFromNumber, toIntList, toNumList, type Row } from './values';

/** The SELECT producing day rows from `bet_analytics` rows matching `settled` / `pending` (SQL conditions). */
export function dayRowsSelect(settled: string, pending: string): string {
  return `WITH d_b AS (
  SELECT seq, local_day, net_cents, stake_cents, won_n, is_loss, clv,
    sum(net_cents) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS cum
  FROM bet_analytics WHERE ${settled}
), d_r AS (
  SELECT *, max(cum) OVER w AS run_max, min(cum) OVER w AS run_min,
    sum(CASE WHEN is_loss THEN 0 ELSE 1 END) OVER w AS nl
  FROM d_b WINDOW w AS (PARTITION BY local_day ORDER BY seq ROWS UNBOUNDED PRECEDING)
), d_day AS (
  SELECT local_day, count(*) AS bets, sum(won_n) AS won, sum(stake_cents) AS staked, sum(net_cents) AS net,
    arg_min(cum - net_cents, seq) AS open_cum, max(cum) AS hi, min(cum) AS lo,
    max(run_max - cum) AS dd_in, max(cum - run_min) AS ru_in, count(*) FILTER (WHERE NOT is_loss) AS nonloss,
    count(clv) AS clv_n, coalesce(sum(clv), 0) AS clv_sum, count(*) FILTER (WHERE clv > 0) AS clv_beat
  FROM d_r GROUP BY local_day
), d_run AS (
  SELECT local_day, nl, count(*) AS len, sum(net_cents) AS net FROM d_r WHERE is_loss GROUP BY local_day, nl
), d_streak AS (
  SELECT u.local_day,
    coalesce(max(u.len) FILTER (WHERE u.nl = 0), 0) AS lead_n, coalesce(max(u.net) FILTER (WHERE u.nl = 0), 0) AS lead_net,
    coalesce(max(u.len) FILTER (WHERE u.nl = d.nonloss), 0) AS trail_n,
    coalesce(max(u.net) FILTER (WHERE u.nl = d.nonloss), 0) AS trail_net,
    max(u.len) AS best_n, arg_max(u.net, {'len': u.len, 'nl': u.nl}) AS best_net
  FROM d_run u JOIN d_day d ON d.local_day = u.local_day GROUP BY u.local_day
), d_pend AS (
  SELECT local_day, count(*) AS pending, sum(stake_cents) AS pending_stake FROM bet_analytics WHERE ${pending}
  GROUP BY local_day
)
SELECT coalesce(d.local_day, p.local_day) AS local_day,
  CAST(coalesce(d.bets, 0) AS BIGINT) AS bets, CAST(coalesce(d.won, 0) AS BIGINT) AS won,
  CAST(coalesce(d.staked, 0) AS BIGINT) AS staked, CAST(coalesce(d.net, 0) AS BIGINT) AS net,
  CAST(coalesce(d.open_cum, 0) AS BIGINT) AS open_cum, CAST(coalesce(d.hi, 0) AS BIGINT) AS hi,
  CAST(coalesce(d.lo, 0) AS BIGINT) AS lo, CAST(coalesce(d.dd_in, 0) AS BIGINT) AS dd_in,
  CAST(coalesce(d.ru_in, 0) AS BIGINT) AS ru_in,
  CAST(coalesce(s.lead_n, 0) AS BIGINT) AS lead_n, CAST(coalesce(s.lead_net, 0) AS BIGINT) AS lead_net,
  CAST(coalesce(s.trail_n, 0) AS BIGINT) AS trail_n, CAST(coalesce(s.trail_net, 0) AS BIGINT) AS trail_net,
  CAST(coalesce(s.best_n, 0) AS BIGINT) AS best_n, CAST(coalesce(s.best_net, 0) AS BIGINT) AS best_net,
  CAST(coalesce(p.pending, 0) AS BIGINT) AS pending, CAST(coalesce(p.pending_stake, 0) AS BIGINT) AS pending_stake,
  CAST(coalesce(d.clv_n, 0) AS BIGINT) AS clv_n, CAST(coalesce(d.clv_sum, 0) AS DOUBLE) AS clv_sum,
  CAST(coalesce(d.clv_beat, 0) AS BIGINT) AS clv_beat
FROM d_day d LEFT JOIN d_streak s ON s.local_day = d.local_day
FULL JOIN d_pend p ON p.local_day = d.local_day`;
}

/** Creates `bet_days` (every bet; run after `bet_analytics`). */
export function betDaysSql(): string {
  return `CREATE OR REPLACE TABLE bet_days AS SELECT * FROM (${dayRowsSelect('is_settled', 'NOT is_settled')}) ORDER BY local_day`;
}

/** Only the filter's dates, as a condition on `local_day`. */
function datesOnly(f: BetFilter): BetFilter {
  return {
    ...(f.from === undefined ? {} : { from: f.from }),
    ...(f.to === undefined ? {} : { to: f.to }),
    status: 'all',
  };
}

/**
 * A CTE named `name` with the day rows of the filter: from `bet_days` when the filter constrains dates
 * only (and `precomputed` is not false), else computed from `bet_analytics`.
 */
export function dayRowsCte(name: string, f: BetFilter, precomputed = true): string {
  if (precomputed && isDateOnly(f))
    return `${name} AS (SELECT * FROM bet_days WHERE ${filterWhere(datesOnly(f))})`;
  return `${name} AS (${dayRowsSelect(filterWhere({ ...f, status: 'settled' }), filterWhere({ ...f, status: 'pending' }))})`;
}

/** Columns of a day row, as the list SELECT names them. */
const DAY_COLUMNS = [
  'bets',
  'won',
  'staked',
  'net',
  'open_cum',
  'hi',
  'lo',
  'dd_in',
  'ru_in',
  'lead_n',
  'lead_net',
  'trail_n',
  'trail_net',
  'best_n',
  'best_net',
  'pending',
  'pending_stake',
  'clv_n',
  'clv_beat',
] as const;

/** SELECT list turning the day rows of CTE `from` into one row of lists (`day` = days since 1970). */
export function dayListsSelect(from: string): string {
  const lists = DAY_COLUMNS.map((c) => `list(${c}) AS ${c}`).join(', ');
  return `SELECT list(CAST(local_day - DATE '1970-01-01' AS INTEGER)) AS day, ${lists}, list(clv_sum) AS clv_sum FROM ${from}`;
}

/** One local day of the filtered bets; money in cents, levels on the cumulative net curve. */
export interface DayRow {
  day: string;
  bets: number;
  won: number;
  staked: number;
  net: number;
  /** Cumulative net before the day's first settled bet, the highest and lowest after any of its bets. */
  openCum: number;
  hi: number;
  lo: number;
  /** Largest fall and rise between two bets of the day (>= 0). */
  ddIn: number;
  ruIn: number;
  /** Losing bets at the start of the day (before its first non-losing bet) and their net. */
  leadN: number;
  leadNet: number;
  /** Losing bets at the end of the day (after its last non-losing bet) and their net. */
  trailN: number;
  trailNet: number;
  /** The longest losing run within the day (the latest of equal ones) and its net. */
  bestN: number;
  bestNet: number;
  pending: number;
  pendingStake: number;
  clvN: number;
  clvSum: number;
  clvBeat: number;
}

/** Day rows from the list columns of `dayListsSelect`, in day order. */
export function parseDayLists(r: Row): DayRow[] {
  const day = toIntList(r.day);
  const col = Object.fromEntries(DAY_COLUMNS.map((c) => [c, toIntList(r[c])])) as Record<
    (typeof DAY_COLUMNS)[number],
    number[]
  >;
  const clvSum = toNumList(r.clv_sum);
  const at = (xs: number[], i: number) => xs[i] ?? 0;
  const rows: DayRow[] = day.map((d, i) => ({
    day: dayFromNumber(d),
    bets: at(col.bets, i),
    won: at(col.won, i),
    staked: at(col.staked, i),
    net: at(col.net, i),
    openCum: at(col.open_cum, i),
    hi: at(col.hi, i),
    lo: at(col.lo, i),
    ddIn: at(col.dd_in, i),
    ruIn: at(col.ru_in, i),
    leadN: at(col.lead_n, i),
    leadNet: at(col.lead_net, i),
    trailN: at(col.trail_n, i),
    trailNet: at(col.trail_net, i),
    bestN: at(col.best_n, i),
    bestNet: at(col.best_net, i),
    pending: at(col.pending, i),
    pendingStake: at(col.pending_stake, i),
    clvN: at(col.clv_n, i),
    clvSum: clvSum[i] ?? 0,
    clvBeat: at(col.clv_beat, i),
  }));
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** A move of the cumulative net between two local days ("YYYY-MM-DD"); days null when it is 0. */
export interface Swing {
  amountCents: number;
  startDay: string | null;
  endDay: string | null;
}

export interface Swings {
  /** Largest fall from a peak to a later trough (positive cents): start = peak day, end = trough day. */
  drawdown: Swing;
  /** Largest rise from a trough to a later peak (positive cents): start = trough day, end = peak day. */
  runUp: Swing;
}

const NO_SWING: Swing = { amountCents: 0, startDay: null, endDay: null };

/**
 * The largest drawdown and run-up of the cumulative net, bet by bet, from day rows in order. The curve
 * starts at the first day's opening level; a peak or trough at that start is dated with the first day.
 * For each day the fall to its low from the highest level before it competes with the fall inside it;
 * among equal levels the latest is the peak (trough), among equal falls (rises) the earliest wins.
 */
export function foldSwings(days: readonly DayRow[]): Swings {
  let drawdown = NO_SWING;
  let runUp = NO_SWING;
  let peak = 0;
  let peakDay = '';
  let trough = 0;
  let troughDay = '';
  let started = false;
  for (const d of days) {
    if (d.bets === 0) continue;
    if (!started) {
      started = true;
      peak = trough = d.openCum;
      peakDay = troughDay = d.day;
    }
    const fall = peak - d.lo;
    const fallAmount = Math.max(fall, d.ddIn);
    if (fallAmount > drawdown.amountCents) {
      drawdown = { amountCents: fallAmount, startDay: fall >= d.ddIn ? peakDay : d.day, endDay: d.day };
    }
    const rise = d.hi - trough;
    const riseAmount = Math.max(rise, d.ruIn);
    if (riseAmount > runUp.amountCents) {
      runUp = { amountCents: riseAmount, startDay: rise >= d.ruIn ? troughDay : d.day, endDay: d.day };
    }
    if (d.hi >= peak) {
      peak = d.hi;
      peakDay = d.day;
    }
    if (d.lo <= trough) {
      trough = d.lo;
      troughDay = d.day;
    }
  }
  return { drawdown, runUp };
}

export interface LosingStreak {
  /** Consecutive settled losing bets (net < 0) in settlement order; 0 when no bet lost. */
  bets: number;
  /** Their summed net (negative cents). */
  netCents: number;
  startDay: string | null;
  endDay: string | null;
}

const NO_RUN: LosingStreak = { bets: 0, netCents: 0, startDay: null, endDay: null };

/**
 * The longest run of consecutive losing bets from day rows in order: a run carried from earlier days
 * continues through days that are all losses and ends with the next day's leading losses; runs inside a
 * day compete as they are. Among equally long runs the most recent wins.
 */
export function foldStreak(days: readonly DayRow[]): LosingStreak {
  let best = NO_RUN;
  let cur = NO_RUN;
  const consider = (s: LosingStreak) => {
    if (s.bets > 0 && s.bets >= best.bets) best = { ...s };
  };
  const extend = (n: number, net: number, day: string) => {
    cur = { bets: cur.bets + n, netCents: cur.netCents + net, startDay: cur.startDay ?? day, endDay: day };
  };
  for (const d of days) {
    if (d.bets === 0) continue;
    if (d.leadN === d.bets) {
      extend(d.bets, d.net, d.day);
      continue;
    }
    if (d.leadN > 0) extend(d.leadN, d.leadNet, d.day);
    consider(cur);
    if (d.bestN > 0) consider({ bets: d.bestN, netCents: d.bestNet, startDay: d.day, endDay: d.day });
    cur = d.trailN > 0 ? { bets: d.trailN, netCents: d.trailNet, startDay: d.day, endDay: d.day } : NO_RUN;
  }
  consider(cur);
  return best;
}
