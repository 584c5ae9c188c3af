/**
 * One row per local day: the unit of the curve panels (headline drawdown, swings, losing streak). For
 * each day of the filtered settled bets it holds the count and net, the highest and lowest cumulative net
 * within the day (relative to the level before it), the largest fall and rise within the day, and the
 * losing runs at the day's start, at its end and the longest within it. Folding those rows in order (in
 * TypeScript: `foldSwings`, `foldStreak`) gives the exact bet-level drawdown, run-up and longest streak.
 *
 * Why: a window over a million bets is a sort, several times the 50 ms budget in single-threaded wasm.
 * `bet_days` holds these rows for all bets, computed once per ledger change, and a filter that constrains
 * only dates reads them directly; `bet_sport_days` holds them per sport, for a filter of dates and one
 * sport. Any other filter sends each matching settled bet's day and net in settlement order (one sort of
 * the filtered bets, no windows) and the day rows are built in TypeScript.
 * Either way the panel is one row of LIST columns: turning Arrow rows into objects costs ~10 µs a row,
 * while a list column converts as one typed array.
 */
import type { BetFilter } from './filter';
import { datesWhere, filterWhere, isDateOnly, isSportsDates, sportsDatesWhere } from './filter';
import { dayFromNumber, toCents, toCount, toIntList, toText, type Row } from './values';

/**
 * The day rows of every bet, grouped by `keys` (extra columns of `bet_analytics`) and the local day: the
 * body of `bet_days` (no keys) and `bet_sport_days` (`sport_h`). Levels are relative to the day's opening
 * level, so a date range needs no running total over earlier days; with keys, runs and levels are those of
 * the key's own bets in settlement order (what a filter on that one key value sees).
 */
function daysSelect(keys: readonly string[]): string {
  const k = keys.map((c) => `${c}, `).join('');
  const part = `${k}local_day`;
  const on = (a: string, b: string) =>
    [...keys, 'local_day'].map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
  const firstOf = (c: string) => `coalesce(d.${c}, p.${c}) AS ${c}`;
  return `WITH d_r AS (
  SELECT ${k}seq, local_day, net_cents, stake_cents, won_n, is_loss, clv,
    sum(net_cents) OVER w AS cin, sum(CASE WHEN is_loss THEN 0 ELSE 1 END) OVER w AS nl
  FROM bet_analytics WHERE is_settled
  WINDOW w AS (PARTITION BY ${part} ORDER BY seq ROWS UNBOUNDED PRECEDING)
), d_m AS (
  SELECT *, max(cin) OVER w AS run_max, min(cin) OVER w AS run_min
  FROM d_r WINDOW w AS (PARTITION BY ${part} ORDER BY seq ROWS UNBOUNDED PRECEDING)
), d_day AS (
  SELECT ${part}, count(*) AS bets, sum(won_n) AS won, sum(stake_cents) AS staked, sum(net_cents) AS net,
    max(cin) AS hi_in, min(cin) AS lo_in, max(run_max - cin) AS dd_in, max(cin - run_min) AS ru_in,
    count(*) FILTER (WHERE NOT is_loss) AS nonloss,
    count(clv) AS clv_n, coalesce(sum(clv), 0) AS clv_sum, count(*) FILTER (WHERE clv > 0) AS clv_beat
  FROM d_m GROUP BY ${part}
), d_run AS (
  SELECT ${part}, nl, count(*) AS len, sum(net_cents) AS net FROM d_r WHERE is_loss GROUP BY ${part}, nl
), d_streak AS (
  SELECT ${keys.map((c) => `u.${c}, `).join('')}u.local_day,
    coalesce(max(u.len) FILTER (WHERE u.nl = 0), 0) AS lead_n, coalesce(max(u.net) FILTER (WHERE u.nl = 0), 0) AS lead_net,
    coalesce(max(u.len) FILTER (WHERE u.nl = d.nonloss), 0) AS trail_n,
    coalesce(max(u.net) FILTER (WHERE u.nl = d.nonloss), 0) AS trail_net,
    max(u.len) AS best_n, arg_max(u.net, {'len': u.len, 'nl': u.nl}) AS best_net
  FROM d_run u JOIN d_day d ON ${on('d', 'u')} GROUP BY ${keys.map((c) => `u.${c}, `).join('')}u.local_day
), d_pend AS (
  SELECT ${part}, count(*) AS pending, sum(stake_cents) AS pending_stake FROM bet_analytics WHERE NOT is_settled
  GROUP BY ${part}
)
SELECT ${[...keys, 'local_day'].map(firstOf).join(', ')},
  CAST(coalesce(d.bets, 0) AS BIGINT) AS bets, CAST(coalesce(d.won, 0) AS BIGINT) AS won,
  CAST(coalesce(d.staked, 0) AS BIGINT) AS staked, CAST(coalesce(d.net, 0) AS BIGINT) AS net,
  CAST(coalesce(d.hi_in, 0) AS BIGINT) AS hi_in, CAST(coalesce(d.lo_in, 0) AS BIGINT) AS lo_in,
  CAST(coalesce(d.dd_in, 0) AS BIGINT) AS dd_in, CAST(coalesce(d.ru_in, 0) AS BIGINT) AS ru_in,
  CAST(coalesce(s.lead_n, 0) AS BIGINT) AS lead_n, CAST(coalesce(s.lead_net, 0) AS BIGINT) AS lead_net,
  CAST(coalesce(s.trail_n, 0) AS BIGINT) AS trail_n, CAST(coalesce(s.trail_net, 0) AS BIGINT) AS trail_net,
  CAST(coalesce(s.best_n, 0) AS BIGINT) AS best_n, CAST(coalesce(s.best_net, 0) AS BIGINT) AS best_net,
  CAST(coalesce(p.pending, 0) AS BIGINT) AS pending, CAST(coalesce(p.pending_stake, 0) AS BIGINT) AS pending_stake,
  CAST(coalesce(d.clv_n, 0) AS BIGINT) AS clv_n, CAST(coalesce(d.clv_sum, 0) AS DOUBLE) AS clv_sum,
  CAST(coalesce(d.clv_beat, 0) AS BIGINT) AS clv_beat
FROM d_day d LEFT JOIN d_streak s ON ${on('s', 'd')}
FULL JOIN d_pend p ON ${on('p', 'd')}
ORDER BY local_day${keys.map((c) => `, ${c}`).join('')}`;
}

/** Creates `bet_days`: one row per local day over all bets (run after `bet_analytics`). */
export function betDaysSql(): string {
  return `CREATE OR REPLACE TABLE bet_days AS\n${daysSelect([])}`;
}

/**
 * Creates `bet_sport_days`: one row per (sport, local day), `sport_h` the sport's hash key as in
 * `bet_analytics` (run after it). Filters of dates and sports only read it instead of scanning every bet:
 * totals, series and CLV add up across the chosen sports; the curve rows hold for exactly one sport (two
 * sports' bets interleave within a day). Kept in local-day order, so date ranges skip row groups.
 */
export function betSportDaysSql(): string {
  return `CREATE OR REPLACE TABLE bet_sport_days AS\n${daysSelect(['sport_h'])}`;
}

/** Day-row columns sent as lists for the fold. */
const DAY_LISTS = [
  'bets',
  'net',
  'hi_in',
  'lo_in',
  'dd_in',
  'ru_in',
  'lead_n',
  'lead_net',
  'trail_n',
  'trail_net',
  'best_n',
  'best_net',
] as const;

/**
 * One row: the filter's settled totals (bets, won, staked, net, first_day, last_day), its pending count
 * and stake, and the curve: for a dates-only filter (unless `precomputed` is false) the day rows of
 * `bet_days` (for dates and exactly one sport, of `bet_sport_days`) as lists (`day`, `bets`, `net`, `hi_in`...); otherwise every settled bet's `seq`, local day
 * and net (`bet_seq`, `bet_day`, `bet_net`: three lists of one aggregate, so aligned), put in settlement
 * order and folded into day rows in TypeScript (`betsInOrder`, `daysFromBets`). Sorting happens in
 * TypeScript only when the scan did not already deliver the rows newest first, as stored.
 */
export function curveSelect(f: BetFilter, precomputed = true): string {
  const oneSport = precomputed && f.sports?.length === 1 && isSportsDates(f);
  if ((precomputed && isDateOnly(f)) || oneSport) {
    const [table, where] = oneSport ? ['bet_sport_days', sportsDatesWhere(f)] : ['bet_days', datesWhere(f)];
    const lists = DAY_LISTS.map((c) => `list(${c}) FILTER (WHERE bets > 0) AS ${c}`).join(', ');
    return `SELECT CAST(coalesce(sum(bets), 0) AS BIGINT) AS total_bets, CAST(coalesce(sum(won), 0) AS BIGINT) AS total_won,
  CAST(coalesce(sum(staked), 0) AS BIGINT) AS total_staked, CAST(coalesce(sum(net), 0) AS BIGINT) AS total_net,
  CAST(coalesce(sum(pending), 0) AS BIGINT) AS total_pending, CAST(coalesce(sum(pending_stake), 0) AS BIGINT) AS total_pending_stake,
  CAST(min(local_day) FILTER (WHERE bets > 0) AS VARCHAR) AS first_day, CAST(max(local_day) FILTER (WHERE bets > 0) AS VARCHAR) AS last_day,
  list(CAST(local_day - DATE '1970-01-01' AS INTEGER)) FILTER (WHERE bets > 0) AS day, ${lists}
FROM ${table} WHERE ${where}`;
  }
  const rest = filterWhere({ ...f, status: 'all' });
  return `SELECT count(*) FILTER (WHERE is_settled) AS total_bets, CAST(coalesce(sum(won_n), 0) AS BIGINT) AS total_won,
  CAST(coalesce(sum(stake_cents) FILTER (WHERE is_settled), 0) AS BIGINT) AS total_staked,
  CAST(coalesce(sum(net_cents), 0) AS BIGINT) AS total_net,
  count(*) FILTER (WHERE NOT is_settled) AS total_pending,
  CAST(coalesce(sum(stake_cents) FILTER (WHERE NOT is_settled), 0) AS BIGINT) AS total_pending_stake,
  CAST(min(local_day) FILTER (WHERE is_settled) AS VARCHAR) AS first_day,
  CAST(max(local_day) FILTER (WHERE is_settled) AS VARCHAR) AS last_day,
  list(seq) FILTER (WHERE is_settled) AS bet_seq,
  list(CAST(local_day - DATE '1970-01-01' AS INTEGER)) FILTER (WHERE is_settled) AS bet_day,
  list(net_cents) FILTER (WHERE is_settled) AS bet_net
FROM bet_analytics WHERE ${rest}`;
}

/** One local day of the filtered settled bets; money in cents, levels relative to the day's opening level. */
export interface DayRow {
  day: string;
  bets: number;
  net: number;
  /** Highest and lowest cumulative net after any of the day's bets, relative to the level before them. */
  hiIn: number;
  loIn: number;
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
}

/** Day rows from bets in settlement order (days as numbers since 1970, nets in cents). */
export function daysFromBets(betDays: readonly number[], betNets: readonly number[]): DayRow[] {
  const out: DayRow[] = [];
  let i = 0;
  while (i < betDays.length) {
    const dayNum = betDays[i] ?? 0;
    const row: DayRow = {
      day: dayFromNumber(dayNum),
      bets: 0,
      net: 0,
      hiIn: Number.NEGATIVE_INFINITY,
      loIn: Number.POSITIVE_INFINITY,
      ddIn: 0,
      ruIn: 0,
      leadN: 0,
      leadNet: 0,
      trailN: 0,
      trailNet: 0,
      bestN: 0,
      bestNet: 0,
    };
    let runMax = Number.NEGATIVE_INFINITY;
    let runMin = Number.POSITIVE_INFINITY;
    let seenNonLoss = false;
    for (; i < betDays.length && betDays[i] === dayNum; i++) {
      const net = betNets[i] ?? 0;
      row.bets++;
      row.net += net;
      const c = row.net;
      row.hiIn = Math.max(row.hiIn, c);
      row.loIn = Math.min(row.loIn, c);
      runMax = Math.max(runMax, c);
      runMin = Math.min(runMin, c);
      row.ddIn = Math.max(row.ddIn, runMax - c);
      row.ruIn = Math.max(row.ruIn, c - runMin);
      if (net < 0) {
        row.trailN++;
        row.trailNet += net;
        if (!seenNonLoss) {
          row.leadN++;
          row.leadNet += net;
        }
        if (row.trailN >= row.bestN) {
          row.bestN = row.trailN;
          row.bestNet = row.trailNet;
        }
      } else {
        seenNonLoss = true;
        row.trailN = 0;
        row.trailNet = 0;
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * Days and nets of bets in settlement order, from aligned lists in any order: a list already ascending
 * or descending by `seq` (a scan of the table in its stored order) is used or reversed, else sorted.
 */
export function betsInOrder(
  seqs: readonly number[],
  days: readonly number[],
  nets: readonly number[],
): { days: number[]; nets: number[] } {
  const n = seqs.length;
  let asc = true;
  let desc = true;
  for (let i = 1; i < n && (asc || desc); i++) {
    const a = seqs[i - 1] ?? 0;
    const b = seqs[i] ?? 0;
    if (b < a) asc = false;
    if (b > a) desc = false;
  }
  if (asc) return { days: [...days], nets: [...nets] };
  if (desc) return { days: [...days].reverse(), nets: [...nets].reverse() };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (seqs[a] ?? 0) - (seqs[b] ?? 0));
  return { days: order.map((i) => days[i] ?? 0), nets: order.map((i) => nets[i] ?? 0) };
}

/** Settled totals, pending totals and day rows of one `curveSelect` row. */
export interface CurveData {
  bets: number;
  won: number;
  stakedCents: number;
  netCents: number;
  pendingBets: number;
  pendingStakeCents: number;
  firstDay: string | null;
  lastDay: string | null;
  days: DayRow[];
}

/** Parses a `curveSelect` row (either shape). */
export function parseCurve(r: Row): CurveData {
  let days: DayRow[];
  if (r.bet_day !== undefined) {
    const ordered = betsInOrder(toIntList(r.bet_seq), toIntList(r.bet_day), toIntList(r.bet_net));
    days = daysFromBets(ordered.days, ordered.nets);
  } else {
    const day = toIntList(r.day);
    const col = Object.fromEntries(DAY_LISTS.map((c) => [c, toIntList(r[c])])) as Record<
      (typeof DAY_LISTS)[number],
      number[]
    >;
    const at = (xs: number[], i: number) => xs[i] ?? 0;
    days = day
      .map((d, i) => ({
        day: dayFromNumber(d),
        bets: at(col.bets, i),
        net: at(col.net, i),
        hiIn: at(col.hi_in, i),
        loIn: at(col.lo_in, i),
        ddIn: at(col.dd_in, i),
        ruIn: at(col.ru_in, i),
        leadN: at(col.lead_n, i),
        leadNet: at(col.lead_net, i),
        trailN: at(col.trail_n, i),
        trailNet: at(col.trail_net, i),
        bestN: at(col.best_n, i),
        bestNet: at(col.best_net, i),
      }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  return {
    bets: toCount(r.total_bets),
    won: toCount(r.total_won),
    stakedCents: toCents(r.total_staked),
    netCents: toCents(r.total_net),
    pendingBets: toCount(r.total_pending),
    pendingStakeCents: toCents(r.total_pending_stake),
    firstDay: toText(r.first_day),
    lastDay: toText(r.last_day),
    days,
  };
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
 * starts at 0 before the first bet; a peak or trough at that start is dated with the first day.
 * For each day the fall to its low from the highest level before it competes with the fall inside it;
 * among equal levels the latest is the peak (trough), among equal falls (rises) the earliest wins.
 */
export function foldSwings(days: readonly DayRow[]): Swings {
  let drawdown = NO_SWING;
  let runUp = NO_SWING;
  let level = 0;
  let peak = 0;
  let peakDay = days.find((d) => d.bets > 0)?.day ?? '';
  let trough = 0;
  let troughDay = peakDay;
  for (const d of days) {
    if (d.bets === 0) continue;
    const hi = level + d.hiIn;
    const lo = level + d.loIn;
    level += d.net;
    const fall = peak - lo;
    const fallAmount = Math.max(fall, d.ddIn);
    if (fallAmount > drawdown.amountCents) {
      drawdown = { amountCents: fallAmount, startDay: fall >= d.ddIn ? peakDay : d.day, endDay: d.day };
    }
    const rise = hi - trough;
    const riseAmount = Math.max(rise, d.ruIn);
    if (riseAmount > runUp.amountCents) {
      runUp = { amountCents: riseAmount, startDay: rise >= d.ruIn ? troughDay : d.day, endDay: d.day };
    }
    if (hi >= peak) {
      peak = hi;
      peakDay = d.day;
    }
    if (lo <= trough) {
      trough = lo;
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
