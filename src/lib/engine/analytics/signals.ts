/**
 * Closing-line value and responsible-gambling signals.
 *
 * CLV: for settled bets with both a taken price and a closing price (decimal odds), CLV = odds / closing
 * − 1; beating the close (CLV > 0) over many bets is the usual evidence of an edge, falling short of it
 * the usual evidence of none.
 *
 * Signals, as of a local day (inclusive), ignore the page filter: they describe the person, not a slice
 * of their bets. Net over the last 30, 90 and 365 days (settled bets by local day); chasing (bets placed
 * within CHASE_WINDOW_MIN minutes after some bet settled as a loss, against all other bets, by mean
 * stake); late-night betting (placed 00:00-04:59 local); and deposit frequency (deposits per 30 days over
 * the last 90 days against the 90 days before).
 */
import {
  datesWhere,
  isDateOnly,
  isSportsDates,
  settledWhere,
  sportsDatesWhere,
  type BetFilter,
} from './filter';
import { addDays, dayLit, lit } from './sql-text';
import { ratioOf, toCents, toCount, toLabel, toRatio, type Row } from './values';

export interface ClosingLineValue {
  /** Bets with both prices. */
  bets: number;
  /** Mean of odds / closing − 1 (0.03 = took 3% better prices than the close); null with no bets. */
  meanClv: number | null;
  /** Share of those bets whose price beat the closing price; null with no bets. */
  beatCloseShare: number | null;
}

/**
 * CLV of the filter's settled bets; dates-only filters sum `bet_days`' per-day CLV totals, dates-and-sports
 * filters those of `bet_sport_days`.
 */
export function clvSql(f: BetFilter, precomputed = true): string {
  const days = !precomputed
    ? null
    : isDateOnly(f)
      ? `bet_days WHERE ${datesWhere(f)}`
      : isSportsDates(f)
        ? `bet_sport_days WHERE ${sportsDatesWhere(f)}`
        : null;
  if (days) {
    return `SELECT CAST(coalesce(sum(clv_n), 0) AS BIGINT) AS n, sum(clv_sum) AS clv_sum,
  CAST(coalesce(sum(clv_beat), 0) AS BIGINT) AS beat FROM ${days}`;
  }
  return `SELECT count(*) AS n, sum(clv) AS clv_sum, count(*) FILTER (WHERE clv > 0) AS beat
FROM bet_analytics WHERE ${settledWhere(f)} AND clv IS NOT NULL`;
}

export function parseClv(rows: readonly Row[]): ClosingLineValue {
  const r = rows[0] ?? {};
  const n = toCount(r.n);
  return {
    bets: n,
    meanClv: n === 0 ? null : ratioOf(toRatio(r.clv_sum) ?? 0, n),
    beatCloseShare: ratioOf(toCount(r.beat), n),
  };
}

export interface RgSignals {
  asOf: string;
  /** Net of settled bets over the last 30 / 90 / 365 local days up to asOf (negative = lost), cents. */
  net30Cents: number;
  net90Cents: number;
  net365Cents: number;
  /** Days of placement history the chasing and late-night figures cover (ending asOf). */
  windowDays: number;
  chasing: {
    /** Bets placed within the chase window after a losing settlement, and their mean stake (cents, rounded). */
    afterLossBets: number;
    afterLossMeanStakeCents: number | null;
    otherBets: number;
    otherMeanStakeCents: number | null;
    /** afterLoss mean stake / other mean stake (1.4 = stakes 40% larger after a loss); null if either is empty. */
    ratio: number | null;
  };
  lateNight: {
    bets: number;
    lateBets: number;
    /** lateBets / bets; null with no bets. */
    share: number | null;
  };
  deposits: {
    last90: number;
    prior90: number;
    /** Deposits per 30 days: last90 / 3 and prior90 / 3. */
    per30Last90: number;
    per30Prior90: number;
    last90Cents: number;
    prior90Cents: number;
  };
}

/** Signals as of local day `asOf` ("YYYY-MM-DD"); chasing and late-night look back `windowDays` days. */
export function rgSignalsSql(asOf: string, windowDays = 90): string {
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`bad windowDays: ${windowDays}`);
  const day = (n: number) => dayLit(addDays(asOf, n));
  const placedFrom = `TIMESTAMP ${lit(`${addDays(asOf, 1 - windowDays)} 00:00:00`)}`;
  const placedTo = `TIMESTAMP ${lit(`${addDays(asOf, 1)} 00:00:00`)}`;
  return `WITH rg_net AS (
  SELECT CAST(coalesce(sum(net) FILTER (WHERE local_day >= ${day(-29)}), 0) AS BIGINT) AS net30,
    CAST(coalesce(sum(net) FILTER (WHERE local_day >= ${day(-89)}), 0) AS BIGINT) AS net90,
    CAST(coalesce(sum(net), 0) AS BIGINT) AS net365
  FROM bet_days WHERE local_day BETWEEN ${day(-364)} AND ${day(0)}
), rg_placed AS (
  SELECT count(*) AS bets, count(*) FILTER (WHERE hour < 5) AS late_bets,
    count(*) FILTER (WHERE after_loss) AS chase_bets,
    CAST(coalesce(sum(stake_cents) FILTER (WHERE after_loss), 0) AS BIGINT) AS chase_stake,
    count(*) FILTER (WHERE NOT after_loss) AS other_bets,
    CAST(coalesce(sum(stake_cents) FILTER (WHERE NOT after_loss), 0) AS BIGINT) AS other_stake
  FROM bet_analytics WHERE local_placed >= ${placedFrom} AND local_placed < ${placedTo}
), rg_cash AS (
  SELECT count(*) FILTER (WHERE local_day >= ${day(-89)}) AS dep_last,
    count(*) FILTER (WHERE local_day < ${day(-89)}) AS dep_prior,
    CAST(coalesce(sum(amount_cents) FILTER (WHERE local_day >= ${day(-89)}), 0) AS BIGINT) AS dep_last_cents,
    CAST(coalesce(sum(amount_cents) FILTER (WHERE local_day < ${day(-89)}), 0) AS BIGINT) AS dep_prior_cents
  FROM cash_analytics WHERE kind = 'deposit' AND local_day BETWEEN ${day(-179)} AND ${day(0)}
)
SELECT ${lit(asOf)} AS as_of, ${windowDays} AS window_days, * FROM rg_net, rg_placed, rg_cash`;
}

/** Mean in whole cents, rounded half up; null for no items. */
const meanCents = (sum: number, n: number): number | null => (n === 0 ? null : Math.round(sum / n));

export function parseRgSignals(rows: readonly Row[]): RgSignals {
  const r = rows[0] ?? {};
  const chaseBets = toCount(r.chase_bets);
  const chaseStake = toCents(r.chase_stake);
  const otherBets = toCount(r.other_bets);
  const otherStake = toCents(r.other_stake);
  const ratio =
    chaseBets === 0 || otherBets === 0 || otherStake === 0
      ? null
      : (chaseStake * otherBets) / (otherStake * chaseBets);
  const bets = toCount(r.bets);
  const lateBets = toCount(r.late_bets);
  const last90 = toCount(r.dep_last);
  const prior90 = toCount(r.dep_prior);
  return {
    asOf: toLabel(r.as_of),
    net30Cents: toCents(r.net30),
    net90Cents: toCents(r.net90),
    net365Cents: toCents(r.net365),
    windowDays: toCount(r.window_days),
    chasing: {
      afterLossBets: chaseBets,
      afterLossMeanStakeCents: meanCents(chaseStake, chaseBets),
      otherBets,
      otherMeanStakeCents: meanCents(otherStake, otherBets),
      ratio,
    },
    lateNight: { bets, lateBets, share: ratioOf(lateBets, bets) },
    deposits: {
      last90,
      prior90,
      per30Last90: last90 / 3,
      per30Prior90: prior90 / 3,
      last90Cents: toCents(r.dep_last_cents),
      prior90Cents: toCents(r.dep_prior_cents),
    },
  };
}

/**
 * When a signal is worth pointing out. Thresholds are deliberately plain (this is a mirror, not a
 * diagnosis) and each needs a few events, so one unlucky evening does not raise a flag:
 * - chasing: at least CHASE_MIN_BETS bets placed soon after a loss, staked CHASE_RATIO times the usual
 *   stake or more on average ("stakes rising after losses");
 * - late night: at least LATE_MIN_BETS bets placed 00:00-04:59, and LATE_SHARE of all bets or more;
 * - deposits rising: at least DEPOSITS_MIN deposits in the last 90 days and DEPOSITS_RATIO times as
 *   many as in the 90 days before, or more ("deposits becoming more frequent");
 * - losing faster: a net loss over the last 30 days larger than a third of the 90-day net (the last
 *   month lost more than an average month of the last three).
 */
export const RG_THRESHOLDS = {
  CHASE_MIN_BETS: 3,
  CHASE_RATIO: 1.2,
  LATE_MIN_BETS: 3,
  LATE_SHARE: 0.15,
  DEPOSITS_MIN: 3,
  DEPOSITS_RATIO: 1.5,
} as const;

export interface RgFlags {
  chasing: boolean;
  lateNight: boolean;
  depositsRising: boolean;
  losingFaster: boolean;
}

export function rgFlags(s: RgSignals): RgFlags {
  const t = RG_THRESHOLDS;
  return {
    chasing:
      s.chasing.afterLossBets >= t.CHASE_MIN_BETS &&
      s.chasing.ratio !== null &&
      s.chasing.ratio >= t.CHASE_RATIO,
    lateNight:
      s.lateNight.lateBets >= t.LATE_MIN_BETS &&
      s.lateNight.share !== null &&
      s.lateNight.share >= t.LATE_SHARE,
    depositsRising:
      s.deposits.last90 >= t.DEPOSITS_MIN && s.deposits.last90 >= t.DEPOSITS_RATIO * s.deposits.prior90,
    losingFaster: s.net30Cents < 0 && 3 * s.net30Cents < s.net90Cents,
  };
}
