/**
 * The 'punter' persona: a recreational sports bettor on Sportsbet, simulated in time order and written as
 * Sportsbet's account transaction history CSV (shared/formats/FORMATS.md §1.1).
 *
 * Behaviour: bets most days, more at weekends and in the evening; singles on AFL, NRL, soccer, NBA, horse
 * racing and greyhounds, multis, same-game multis and a few boxed trifectas; deposits whenever the balance
 * will not cover the next stake; after a run of losses raises stakes and bets more (chasing); withdraws some
 * of a big win, and one withdrawal bounces back ("Returned Withdrawal"); a few bets are cashed out or
 * voided, and bets on events after the period are left pending (a stake row and nothing else).
 *
 * The file: the exact header, every cell double-quoted, oldest row first, `Amount` signed and `Balance` the
 * running balance after the row (previous balance + amount, from zero), both printed as JavaScript's
 * toFixed(2) would; `Transaction Id` unique and increasing; `Bet Id` shared by a bet's stake row and its
 * settlement row (Win, Lose with amount 0.00, Void, Cashed Out). The Summary is event / market / selection
 * on three lines, e.g. "Flemington - R7 BM64 Handicap\n Win or Place\n2. Midnight Echo @ 12.00 (Win)",
 * where "(Win)"/"(Place)" is the kind of bet (as TrackMyBets' parser reads it), not its result.
 * How Sportsbet prints a multi's legs is not documented; this generator writes "3 Leg Multi\n Multi" and
 * then each leg as its own event / market / selection triple (the single-bet shape repeated), and a
 * same-game multi as "event\n Same Game Multi\nleg, leg, leg @ price (Win)". Both shapes are inferred.
 *
 * Ground truth is counted as rows are written, exactly in cents.
 */
import type { Rng } from './rng';
import { WeightedTable } from './rng';
import { EventQueue } from './heap';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  TextSink,
  avoidDstHour,
  decimal,
  fmtDmyHm,
  monthOf,
  quote,
  weekday,
} from './format';
import {
  GREYHOUND_TRACKS,
  HORSE_TRACKS,
  PLAYERS,
  RACE_NAMES,
  RUNNERS,
  type Sport,
  sportWeights,
  teamsOf,
} from './data';
import type { BankFlow, Eol, GeneratedFile, WorldTotals } from './types';
import { eolText } from './types';

/** Sportsbet's header, verbatim (FORMATS.md §1.1). */
export const SPORTSBET_HEADER =
  '"Time (AEST)","Type","Summary","Transaction Id","Bet Id","Amount","Balance","Single","Multiple","Exotic","Pool"';

export const SPORTSBET_FILE = 'sportsbet-transactions.csv';

export interface PunterOptions {
  /** First day of the period, wall ms at midnight (Australia/Melbourne wall clock). */
  startMs: number;
  /** End of the period (exclusive), wall ms. */
  endMs: number;
  /** Activity multiplier: 1 is about 2,000 rows in six months. */
  scale: number;
  eol: Eol;
}

export type PunterTotals = Pick<
  WorldTotals,
  'netCents' | 'stakedCents' | 'returnedCents' | 'bets' | 'depositsCents' | 'withdrawalsCents'
>;

export interface PunterWorld {
  file: GeneratedFile;
  /** Data rows written (header excluded). */
  rows: number;
  /** Bets left pending at the end (stake row only). */
  pending: number;
  totals: PunterTotals;
  /** Deposits (card payments) and withdrawals that reached the bank, for the bank statement. */
  flows: BankFlow[];
}

type Outcome = 'win' | 'lose' | 'void' | 'cashout';

interface PlannedBet {
  summary: string;
  /** The four flag cells, quoted and comma-joined: Single, Multiple, Exotic, Pool. */
  flags: string;
  stakeCents: number;
  outcome: Outcome;
  /** Paid back at settlement: payout for a win, the stake for a void, the cash-out amount, 0 for a loss. */
  returnCents: number;
  /** When the settlement row is written (wall ms, whole minutes). */
  settleMs: number;
}

type BetKind = 'horse' | 'greyhound' | 'sport' | 'multi' | 'sgm' | 'exotic';

const FLAGS_SINGLE = '"true","false","false","false"';
const FLAGS_MULTI = '"false","true","false","false"';
const FLAGS_EXOTIC = '"false","false","true","false"';
const FLAGS_NONE = '"false","false","false","false"';

/** Bets per betting day by weekday (Sunday first), before scaling. */
const DAY_WEIGHTS = [8, 3.5, 3, 4, 5.5, 7, 10] as const;
/** Local hour of day a bet is placed (no bets 02:00-06:59: asleep, and away from the DST hour). */
const HOUR_WEIGHTS: readonly [number, number][] = [
  [0, 2],
  [1, 1],
  [7, 1],
  [8, 1.5],
  [9, 2],
  [10, 3],
  [11, 4],
  [12, 6],
  [13, 7],
  [14, 8],
  [15, 8],
  [16, 8],
  [17, 7],
  [18, 8],
  [19, 10],
  [20, 10],
  [21, 8],
  [22, 5],
  [23, 3],
];
/** Extra late-night weight while chasing losses. */
const HOURS = new WeightedTable(HOUR_WEIGHTS);
const CHASE_HOURS = new WeightedTable(
  HOUR_WEIGHTS.map(([h, w]) => [h, h >= 22 || h <= 1 ? w * 3 : w] as const),
);

const KINDS = new WeightedTable<BetKind>([
  ['horse', 22],
  ['greyhound', 8],
  ['sport', 33],
  ['multi', 15],
  ['sgm', 17],
  ['exotic', 5],
]);

/** Stakes in dollars with how often the punter picks them. */
const SINGLE_STAKES = new WeightedTable<number>([
  [5, 5],
  [10, 6],
  [15, 1],
  [20, 4],
  [25, 2],
  [50, 1.5],
  [100, 0.4],
]);
const MULTI_STAKES = new WeightedTable<number>([
  [2, 1],
  [5, 5],
  [10, 4],
  [20, 2],
  [50, 0.4],
]);

/** Deposit amounts in dollars (more and bigger while chasing). */
const DEPOSITS = new WeightedTable<number>([
  [20, 2],
  [50, 5],
  [100, 4],
  [200, 2],
  [500, 0.5],
]);
const CHASE_DEPOSITS = new WeightedTable<number>([
  [100, 3],
  [200, 4],
  [500, 2],
  [1000, 0.5],
]);

/** Win prices of racing selections, in hundredths: bands and how often each is backed. */
const RACING_ODDS = new WeightedTable<readonly [number, number]>([
  [[160, 300], 3],
  [[300, 600], 4],
  [[600, 1500], 3],
  [[1500, 4100], 1],
]);
const MULTI_LEGS = new WeightedTable<number>([
  [2, 3],
  [3, 4],
  [4, 3],
  [5, 2],
  [6, 1],
]);
/** Minutes from placement to the start of a game: mostly today, sometimes days ahead. */
const LEAD_SOON = new WeightedTable<readonly [number, number]>([
  [[60, 360], 5],
  [[360, 1800], 3],
  [[1800, 4320], 1],
]);
const LEAD_LATER = new WeightedTable<readonly [number, number]>([
  [[60, 360], 2],
  [[360, 1800], 3],
  [[1800, 4320], 2],
]);
/** Sports by month (index 1-12). */
const SPORTS_BY_MONTH = Array.from({ length: 12 }, (_, i) => new WeightedTable(sportWeights(i + 1)));

/** Sum of the last results (cents) below which the punter is chasing. */
const CHASE_THRESHOLD_CENTS = -15_000;
const RECENT_WINDOW = 10;

/** Payout of a winning bet: stake × decimal odds (hundredths), rounded half up to the cent. Integer maths. */
export function payoutCents(stakeCents: number, oddsHundredths: number): number {
  return Math.floor((stakeCents * oddsHundredths + 50) / 100);
}

/** Rounds a price in hundredths to the steps bookmakers quote: 0.05 under 10.00, 0.50 from 10.00. */
function roundOdds(h: number): number {
  if (h < 1000) return Math.max(101, Math.round(h / 5) * 5);
  return Math.round(h / 50) * 50;
}

/** A uniform integer price in hundredths in [lo, hi]. */
function price(rng: Rng, lo: number, hi: number): number {
  return roundOdds(rng.int(lo, hi));
}

interface Leg {
  event: string;
  market: string;
  selection: string;
  oddsH: number;
  /** True probability as a share of the implied one (1 - margin). */
  fair: number;
}

function matchup(rng: Rng, sport: Sport): { event: string; home: string; away: string } {
  const teams = teamsOf(sport);
  const home = rng.pick(teams);
  let away = rng.pick(teams);
  while (away === home) away = rng.pick(teams);
  // Sportsbet writes NBA games "Away At Home" and the codes played at a home ground "Home v Away".
  return { event: sport === 'NBA' ? `${away} At ${home}` : `${home} v ${away}`, home, away };
}

/** One selection on a game: the market name and selection text as Sportsbet prints them. */
const GOAL_LINES = ['1.5', '2.5', '3.5'] as const;

/** A handicap or total ending in .5, e.g. "12.5". */
function half(rng: Rng, lo: number, hi: number): string {
  return `${rng.int(lo, hi)}.5`;
}

function sportSelection(rng: Rng, sport: Sport, home: string, away: string): Omit<Leg, 'event'> {
  const side = rng.chance(0.55) ? home : away;
  // Market mix: 45% the result (head to head, or win-draw-win for soccer), 20% line or total goals,
  // 15% totals or both-teams-to-score, 20% a player market. `fair` is 1 - the book's margin on it.
  const roll = rng.float();
  if (roll < 0.45) {
    if (sport === 'Soccer') {
      const draw = rng.chance(0.2);
      return {
        market: 'Win-Draw-Win',
        selection: draw ? 'Draw' : side,
        oddsH: draw ? price(rng, 300, 420) : price(rng, 130, 450),
        fair: 0.95,
      };
    }
    return { market: 'Head to Head', selection: side, oddsH: price(rng, 115, 450), fair: 0.95 };
  }
  if (roll < 0.65) {
    if (sport === 'Soccer') {
      return {
        market: 'Total Goals Over/Under',
        selection: `${rng.chance(0.6) ? 'Over' : 'Under'} (${rng.pick(GOAL_LINES)})`,
        oddsH: price(rng, 150, 260),
        fair: 0.94,
      };
    }
    const line = sport === 'NBA' ? half(rng, 1, 12) : half(rng, 1, 30);
    return {
      market: 'Line',
      selection: `${side} ${rng.chance(0.5) ? '-' : '+'}${line}`,
      oddsH: price(rng, 185, 195),
      fair: 0.96,
    };
  }
  if (roll < 0.8) {
    if (sport === 'Soccer') {
      return {
        market: 'Both Teams To Score',
        selection: rng.chance(0.6) ? 'Yes' : 'No',
        oddsH: price(rng, 160, 230),
        fair: 0.94,
      };
    }
    const total =
      sport === 'NBA' ? half(rng, 205, 240) : sport === 'AFL' ? half(rng, 150, 185) : half(rng, 36, 48);
    return {
      market: 'Total Match Points',
      selection: `${rng.chance(0.55) ? 'Over' : 'Under'} (${total})`,
      oddsH: price(rng, 185, 195),
      fair: 0.96,
    };
  }
  const player = rng.pick(PLAYERS);
  switch (sport) {
    case 'AFL': {
      const n = rng.pick([15, 20, 25, 30]);
      return {
        market: `${player} - Disposals`,
        selection: `${player} ${n}+ Disposals`,
        oddsH: price(rng, 130, 400),
        fair: 0.9,
      };
    }
    case 'NRL':
      return { market: 'Anytime Tryscorer', selection: player, oddsH: price(rng, 180, 600), fair: 0.88 };
    case 'NBA':
      return {
        market: `${player} - Points`,
        selection: `${player} Over (${half(rng, 12, 31)})`,
        oddsH: price(rng, 175, 200),
        fair: 0.92,
      };
    case 'Soccer':
      return { market: 'Anytime Goalscorer', selection: player, oddsH: price(rng, 200, 800), fair: 0.88 };
  }
}

function pickSport(rng: Rng, month: number): Sport {
  const table = SPORTS_BY_MONTH[month - 1];
  if (!table) throw new RangeError(`month ${month}`);
  return table.pick(rng);
}

function racingSelection(rng: Rng): { label: string; runnerNo: number } {
  const runnerNo = rng.int(1, 14);
  return { label: `${runnerNo}. ${rng.pick(RUNNERS)}`, runnerNo };
}

/** A race: "Flemington - R7 BM64 Handicap" (greyhound races carry only the race number). */
function raceName(rng: Rng, greyhound: boolean): string {
  const race = rng.int(1, greyhound ? 12 : 10);
  if (greyhound) return `${rng.pick(GREYHOUND_TRACKS)} - R${race}`;
  return `${rng.pick(HORSE_TRACKS)} - R${race} ${rng.pick(RACE_NAMES)}`;
}

function stakeDollars(rng: Rng, table: WeightedTable<number>, chaseFactor: number): number {
  return Math.max(1, Math.round(table.pick(rng) * chaseFactor));
}

/** Minutes from placement to settlement for a sports bet: the wait for the start, then the game. */
function sportLeadMinutes(rng: Rng, longer: boolean): number {
  const band = (longer ? LEAD_LATER : LEAD_SOON).pick(rng);
  return rng.int(band[0], band[1]) + rng.int(110, 180);
}

/** Settles a priced bet: void, win or loss, and for some a cash-out before the end. */
function decide(
  rng: Rng,
  stakeCents: number,
  oddsH: number,
  winProb: number,
  voidProb: number,
  cashOutProb: number,
): { outcome: Outcome; returnCents: number; cashOutShare: number } {
  if (rng.chance(voidProb)) return { outcome: 'void', returnCents: stakeCents, cashOutShare: 0 };
  const wins = rng.chance(winProb);
  if (rng.chance(cashOutProb)) {
    // Cashed out part-way: near the potential return when it was going well, a fraction when not.
    const cap = Math.min(oddsH / 100, 6);
    const factor = wins ? cap * (0.45 + 0.45 * rng.float()) : 0.1 + 0.7 * rng.float();
    const amount = Math.max(1, Math.round(stakeCents * factor));
    return { outcome: 'cashout', returnCents: amount, cashOutShare: 0.3 + 0.6 * rng.float() };
  }
  return wins
    ? { outcome: 'win', returnCents: payoutCents(stakeCents, oddsH), cashOutShare: 0 }
    : { outcome: 'lose', returnCents: 0, cashOutShare: 0 };
}

/** Plans one bet placed at `placeMs`: what it is, its stake and how it ends. */
function planBet(
  rng: Rng,
  placeMs: number,
  chaseFactor: number,
  forcePendingAfter: number | null,
): PlannedBet {
  const kind = KINDS.pick(rng);
  const month = monthOf(placeMs);
  let summary: string;
  let flags = FLAGS_SINGLE;
  let stakeCents: number;
  let leadMin: number;
  let result: { outcome: Outcome; returnCents: number; cashOutShare: number };

  switch (kind) {
    case 'horse':
    case 'greyhound': {
      const isPlace = kind === 'horse' && rng.chance(0.2);
      const winOdds = RACING_ODDS.pick(rng);
      let oddsH = price(rng, winOdds[0], winOdds[1]);
      if (isPlace) oddsH = roundOdds(100 + Math.round((oddsH - 100) / 3.5));
      const { label } = racingSelection(rng);
      summary = `${raceName(rng, kind === 'greyhound')}\n Win or Place\n${label} @ ${decimal(oddsH)} (${isPlace ? 'Place' : 'Win'})`;
      stakeCents = stakeDollars(rng, SINGLE_STAKES, chaseFactor) * 100;
      // The chance of winning is the price's implied chance less the bookmaker's take on racing.
      const implied = 100 / oddsH;
      result = decide(rng, stakeCents, oddsH, implied * (isPlace ? 0.86 : 0.84), 0.025, 0);
      leadMin = rng.int(2, 60) + 3;
      break;
    }
    case 'exotic': {
      const runners = rng.chance(0.7) ? 3 : 4;
      const picks: number[] = [];
      while (picks.length < runners) {
        const p = rng.int(1, 12);
        if (!picks.includes(p)) picks.push(p);
      }
      const sorted = picks.sort((a, b) => a - b);
      const combos = runners === 3 ? 6 : 24;
      const unit = rng.pick([1, 1, 2, 5]);
      summary = `${raceName(rng, rng.chance(0.3))}\n Fixed Odds Boxed Trifecta (${sorted.join(', ')})`;
      flags = FLAGS_EXOTIC;
      stakeCents = Math.round(combos * unit * chaseFactor) * 100;
      const hits = rng.chance(runners === 3 ? 0.05 : 0.14);
      const factor = runners === 3 ? 6 + 34 * rng.float() : 1.5 + 8 * rng.float();
      result = hits
        ? { outcome: 'win', returnCents: Math.round(stakeCents * factor), cashOutShare: 0 }
        : { outcome: 'lose', returnCents: 0, cashOutShare: 0 };
      leadMin = rng.int(2, 60) + 3;
      break;
    }
    case 'sport': {
      const sport = pickSport(rng, month);
      const { event, home, away } = matchup(rng, sport);
      const sel = sportSelection(rng, sport, home, away);
      summary = `${event}\n ${sel.market}\n${sel.selection} @ ${decimal(sel.oddsH)} (Win)`;
      stakeCents = stakeDollars(rng, SINGLE_STAKES, chaseFactor) * 100;
      result = decide(rng, stakeCents, sel.oddsH, (100 / sel.oddsH) * sel.fair, 0.01, 0.02);
      leadMin = sportLeadMinutes(rng, false);
      break;
    }
    case 'multi': {
      const wanted = MULTI_LEGS.pick(rng);
      const legs: Leg[] = [];
      const teams: string[] = [];
      for (let tries = 0; legs.length < wanted && tries < 200; tries++) {
        const sport = pickSport(rng, month);
        const { event, home, away } = matchup(rng, sport);
        // One game per team in a multi: a team plays once a round.
        if (teams.includes(home) || teams.includes(away)) continue;
        teams.push(home, away);
        const side = rng.chance(0.6) ? home : away;
        const draw = sport === 'Soccer' && rng.chance(0.1);
        legs.push({
          event,
          market: sport === 'Soccer' ? 'Win-Draw-Win' : 'Head to Head',
          selection: draw ? 'Draw' : side,
          oddsH: draw ? price(rng, 300, 400) : price(rng, 115, 260),
          fair: 0.95,
        });
      }
      let oddsH = 100;
      let prob = 1;
      for (const leg of legs) {
        oddsH = Math.round((oddsH * leg.oddsH) / 100);
        prob *= (100 / leg.oddsH) * leg.fair;
      }
      summary =
        `${legs.length} Leg Multi\n Multi\n` +
        legs.map((l) => `${l.event}\n ${l.market}\n${l.selection} @ ${decimal(l.oddsH)} (Win)`).join('\n');
      flags = FLAGS_MULTI;
      stakeCents = stakeDollars(rng, MULTI_STAKES, chaseFactor) * 100;
      result = decide(rng, stakeCents, oddsH, prob, 0, 0.07);
      leadMin = sportLeadMinutes(rng, true);
      break;
    }
    case 'sgm': {
      const sport = pickSport(rng, month);
      const { event, home, away } = matchup(rng, sport);
      const n = rng.int(2, 5);
      const legs: string[] = [];
      const markets: string[] = [];
      let raw = 100;
      let prob = 1;
      for (let tries = 0; legs.length < n && tries < 40; tries++) {
        const sel = sportSelection(rng, sport, home, away);
        if (markets.includes(sel.market)) continue;
        markets.push(sel.market);
        legs.push(sel.selection);
        raw = Math.round((raw * sel.oddsH) / 100);
        prob *= (100 / sel.oddsH) * sel.fair;
      }
      // Same-game multis are priced short of the product of the legs: the book's margin on correlation.
      const oddsH = roundOdds(Math.max(101, Math.round(raw * 0.85)));
      summary = `${event}\n Same Game Multi\n${legs.join(', ')} @ ${decimal(oddsH)} (Win)`;
      flags = FLAGS_MULTI;
      stakeCents = stakeDollars(rng, MULTI_STAKES, chaseFactor) * 100;
      result = decide(rng, stakeCents, oddsH, prob, 0, 0.08);
      leadMin = sportLeadMinutes(rng, false);
      break;
    }
  }

  let settleMs: number;
  if (forcePendingAfter !== null) {
    // A bet on an event after the period (next weekend's game, a future race): it stays pending.
    settleMs = avoidDstHour(forcePendingAfter + rng.int(60, 5760) * MINUTE_MS);
  } else if (result.outcome === 'cashout') {
    settleMs = avoidDstHour(placeMs + Math.max(1, Math.round(leadMin * result.cashOutShare)) * MINUTE_MS);
  } else {
    settleMs = avoidDstHour(placeMs + leadMin * MINUTE_MS);
  }
  return { summary, flags, stakeCents, outcome: result.outcome, returnCents: result.returnCents, settleMs };
}

type QueuedEvent =
  | { kind: 'settle'; betId: number; bet: PlannedBet }
  | { kind: 'withdraw' }
  | { kind: 'returned'; amountCents: number };

const SETTLE_TYPE: Record<Outcome, string> = {
  win: 'Win',
  lose: 'Lose',
  void: 'Void',
  cashout: 'Cashed Out',
};

/** Simulates the punter over the period and writes the Sportsbet file. */
export function simulatePunter(rng: Rng, opts: PunterOptions): PunterWorld {
  const { startMs, endMs, scale } = opts;
  const eol = eolText(opts.eol);
  const sink = new TextSink();
  sink.push(SPORTSBET_HEADER + eol);
  const queue = new EventQueue<QueuedEvent>();
  const flows: BankFlow[] = [];
  const totals: PunterTotals = {
    netCents: 0,
    stakedCents: 0,
    returnedCents: 0,
    bets: 0,
    depositsCents: 0,
    withdrawalsCents: 0,
  };
  // Last digits of the card deposits come from and the bank account withdrawals go to.
  const card = String(rng.int(1000, 9999));
  const bankAcct = String(rng.int(1000, 9999));
  // Ids increase with gaps, as ids shared with other customers' activity do.
  let txId = rng.int(300_000_000, 399_999_999);
  let betId = rng.int(70_000_000, 79_999_999);
  let balance = 0;
  let rows = 0;
  let placed = 0;
  let withdrawals = 0;
  // Results (cents) of the last RECENT_WINDOW settled bets: their sum says whether the punter is chasing.
  const recent: number[] = [];
  let recentSum = 0;

  const emit = (
    at: number,
    type: string,
    summary: string,
    bet: string,
    amount: number,
    flags: string,
  ): void => {
    balance += amount;
    txId += 1 + rng.int(0, 30);
    sink.push(
      `"${fmtDmyHm(at)}","${type}",${quote(summary)},"${txId}","${bet}","${decimal(amount)}","${decimal(balance)}",${flags}${eol}`,
    );
    rows++;
  };

  const isChasing = (): boolean => recentSum < CHASE_THRESHOLD_CENTS;

  const apply = (at: number, ev: QueuedEvent): void => {
    switch (ev.kind) {
      case 'settle': {
        const { bet } = ev;
        emit(at, SETTLE_TYPE[bet.outcome], bet.summary, String(ev.betId), bet.returnCents, bet.flags);
        totals.bets++;
        totals.stakedCents += bet.stakeCents;
        totals.returnedCents += bet.returnCents;
        const net = bet.returnCents - bet.stakeCents;
        recent.push(net);
        recentSum += net;
        if (recent.length > RECENT_WINDOW) recentSum -= recent.shift() ?? 0;
        // A good win tempts a withdrawal an hour or two later, unless the punter is chasing.
        if (net > 0 && balance >= 30_000 && !isChasing() && rng.chance(0.45)) {
          queue.push(avoidDstHour(at + rng.int(5, 150) * MINUTE_MS), { kind: 'withdraw' });
        }
        break;
      }
      case 'withdraw': {
        const keep = rng.int(10, 50) * 100;
        const amount = Math.floor((balance - keep) / 1000) * 1000;
        if (amount < 5_000) break;
        emit(at, 'Withdrawal', `Withdrawal to bank account ending ${bankAcct}`, '', -amount, FLAGS_NONE);
        totals.withdrawalsCents += amount;
        withdrawals++;
        // The second withdrawal (and now and then a later one) is bounced by the bank and comes back.
        if (withdrawals === 2 || (withdrawals > 2 && rng.chance(0.03))) {
          queue.push(avoidDstHour(at + rng.int(24 * 60, 72 * 60) * MINUTE_MS), {
            kind: 'returned',
            amountCents: amount,
          });
        } else {
          flows.push({
            wallMs: avoidDstHour(at + rng.int(12 * 60, 48 * 60) * MINUTE_MS),
            amountCents: amount,
            counterparty: 'bookmaker',
            venue: 'sportsbet',
            method: 'direct-credit',
            ref: `SB${txId}`,
            isForeign: false,
          });
        }
        break;
      }
      case 'returned':
        emit(
          at,
          'Returned Withdrawal',
          `Returned Withdrawal - bank account ending ${bankAcct}`,
          '',
          ev.amountCents,
          FLAGS_NONE,
        );
        totals.depositsCents += ev.amountCents;
        break;
    }
  };

  /** Writes every queued settlement, withdrawal and bounce due at or before `t`, in time order. */
  const drainUntil = (t: number): void => {
    while (queue.peekAt() <= t) {
      const next = queue.pop();
      if (next) apply(next.at, next.value);
    }
  };

  /** Places one bet at `at`, depositing first when the balance cannot cover the stake. */
  const place = (at: number, forcePendingAfter: number | null): void => {
    const chasing = isChasing();
    const chaseFactor = chasing ? 1.5 + 1.5 * rng.float() : 1;
    const bet = planBet(rng, at, chaseFactor, forcePendingAfter);
    if (balance < bet.stakeCents) {
      const short = bet.stakeCents - balance;
      const amount = Math.max(
        (chasing ? CHASE_DEPOSITS : DEPOSITS).pick(rng) * 100,
        Math.ceil(short / 1000) * 1000,
      );
      emit(at, 'Deposit', `Deposit via Visa Debit card ending ${card}`, '', amount, FLAGS_NONE);
      totals.depositsCents += amount;
      flows.push({
        wallMs: at,
        amountCents: -amount,
        counterparty: 'bookmaker',
        venue: 'sportsbet',
        method: 'card',
        ref: '',
        isForeign: false,
      });
    }
    betId += 1 + rng.int(0, 12);
    emit(at, 'Bet Stake', bet.summary, String(betId), -bet.stakeCents, bet.flags);
    placed++;
    queue.push(bet.settleMs, { kind: 'settle', betId, bet });
  };

  // Day by day: skip about one day in seven (never while chasing, nor the last day, whose bets on later
  // events stay pending), draw the day's bet times, and write what the queue holds before each
  // placement, so the file stays in time order.
  const lastDay = endMs - DAY_MS;
  for (let day = startMs; day < endMs; day += DAY_MS) {
    const chasing = isChasing();
    const isLastDay = day >= lastDay;
    if (!isLastDay && !chasing && !rng.chance(0.85)) continue;
    const base = (DAY_WEIGHTS[weekday(day)] ?? 4) * (chasing ? 1.5 : 1) * scale;
    let n = Math.floor(base * (0.4 + 1.2 * rng.float()) + rng.float());
    const forced = isLastDay ? 2 + Math.floor(scale) : 0;
    n += forced;
    const hours = chasing ? CHASE_HOURS : HOURS;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      times.push(day + hours.pick(rng) * HOUR_MS + rng.int(0, 59) * MINUTE_MS);
    }
    times.sort((a, b) => a - b);
    // `forced` bets of the final day are on events after the period: they stay pending.
    const forcedFrom = new Set<number>();
    while (forcedFrom.size < forced) forcedFrom.add(rng.int(0, n - 1));
    for (let i = 0; i < times.length; i++) {
      const at = times[i] ?? day;
      drainUntil(at);
      place(at, forcedFrom.has(i) ? endMs : null);
    }
  }
  // Settlements due after the period are not written: those bets stay pending.
  drainUntil(endMs - 1);
  totals.netCents = totals.returnedCents - totals.stakedCents;

  return {
    file: { name: SPORTSBET_FILE, text: sink.text() },
    rows,
    pending: placed - totals.bets,
    totals,
    flows,
  };
}
