/**
 * The 'grinder' persona: an online cash-game poker player (No Limit Hold'em on GGPoker and PokerStars),
 * written as Left Pocket's session CSV, the 23-column layout its importer reads (FORMATS.md §4,
 * comexbackkid/LeftPocket CSVImport.swift):
 *
 *   Date,Start Time,End Time,Location,Game,Stakes,Buy In,Cash Out,Profit,Table Expenses,High Hands,
 *   Tournament,Multi-Day,Days,Day Two Start,Day Two End,Rebuy Count,Size,Speed,Entrants,Finish,Tags,Notes
 *
 * As Left Pocket writes it: times "MM-dd-yyyy HH:mm" in the device's zone (here Australia/Melbourne wall
 * time), strings double-quoted, money in whole dollars (the app stores Int), Profit = Cash Out - Buy In,
 * Tournament "false" for cash games, tournament-only columns empty. No cell holds a comma, because Left
 * Pocket's importer splits rows on every comma.
 *
 * Sessions start in the evening (earlier at weekends) and last 1 to 5 hours in 15-minute steps, so that
 * total hours are exact; they always end before 02:00 (the daylight-saving hour). Results follow a small
 * positive win rate with a large spread. The player keeps a balance on each site, deposits from the bank
 * when it cannot cover a buy-in and cashes out when it grows; those movements feed the bank statement.
 */
import type { Rng } from './rng';
import { WeightedTable } from './rng';
import { DAY_MS, MINUTE_MS, TextSink, fmtLeftPocket, weekday } from './format';
import type { BankFlow, Eol, FlowVenue, GeneratedFile, WorldTotals } from './types';
import { eolText } from './types';

export const LEFT_POCKET_HEADER =
  'Date,Start Time,End Time,Location,Game,Stakes,Buy In,Cash Out,Profit,Table Expenses,High Hands,Tournament,' +
  'Multi-Day,Days,Day Two Start,Day Two End,Rebuy Count,Size,Speed,Entrants,Finish,Tags,Notes';

export const POKER_FILE = 'left-pocket-sessions.csv';

export interface GrinderOptions {
  startMs: number;
  endMs: number;
  scale: number;
  eol: Eol;
}

export interface GrinderWorld {
  file: GeneratedFile;
  totals: Pick<WorldTotals, 'sessions' | 'hours' | 'pokerNetCents'>;
  /** Total minutes played (hours = minutes / 60). */
  minutes: number;
  flows: BankFlow[];
}

interface Site {
  venue: FlowVenue;
  /** Name written in the Location column. */
  location: string;
  balanceDollars: number;
}

interface Stake {
  label: string;
  /** Big blind in whole dollars. */
  bb: number;
}

const STAKES = new WeightedTable<Stake>([
  [{ label: '0.5/1', bb: 1 }, 6],
  [{ label: '1/2', bb: 2 }, 3.5],
  [{ label: '2/5', bb: 5 }, 0.5],
]);

/** Chance of playing on a day, by weekday (Sunday first), before scaling. */
const PLAY_CHANCE = [0.75, 0.45, 0.5, 0.5, 0.55, 0.6, 0.8] as const;

/** Win rate and spread per hour, in big blinds (online six-max, several tables at once). */
const WIN_BB_PER_HOUR = 4;
const SD_BB_PER_HOUR = 60;

/** Simulates the grinder's sessions over the period and writes the Left Pocket file. */
export function simulateGrinder(rng: Rng, opts: GrinderOptions): GrinderWorld {
  const { startMs, endMs, scale } = opts;
  const eol = eolText(opts.eol);
  const sink = new TextSink();
  sink.push(LEFT_POCKET_HEADER + eol);
  const sites: Site[] = [
    { venue: 'ggpoker', location: 'GGPoker', balanceDollars: 0 },
    { venue: 'pokerstars', location: 'PokerStars', balanceDollars: 0 },
  ];
  const flows: BankFlow[] = [];
  let sessions = 0;
  let minutes = 0;
  let netDollars = 0;
  let ref = rng.int(100_000, 999_999);

  for (let day = startMs; day < endMs; day += DAY_MS) {
    const wd = weekday(day);
    const expected = (PLAY_CHANCE[wd] ?? 0.5) * scale;
    const n = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
    const weekend = wd === 0 || wd === 6;
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      // Quarter-hour starts: 18:00-20:45 on weekdays, 13:00-20:45 at weekends.
      const firstSlot = weekend ? 52 : 72;
      starts.push(day + rng.int(firstSlot, 83) * 15 * MINUTE_MS);
    }
    starts.sort((a, b) => a - b);
    for (const start of starts) {
      const site = rng.chance(0.6) ? sites[0] : sites[1];
      if (!site) continue;
      const stake = STAKES.pick(rng);
      const quarters = rng.int(4, 20);
      const hours = quarters / 4;
      const tables = rng.int(2, 6);
      const mean = WIN_BB_PER_HOUR * stake.bb * hours;
      const sd = SD_BB_PER_HOUR * stake.bb * Math.sqrt(hours);
      const profit = Math.round(mean + sd * rng.normal());
      // Buy in for 100 big blinds a table, plus rebuys of 100 big blinds until the loss is covered.
      const unit = 100 * stake.bb;
      let buyIn = unit * tables;
      while (buyIn + profit < 0) buyIn += unit;
      const cashOut = buyIn + profit;

      if (site.balanceDollars < buyIn) {
        const need = buyIn - site.balanceDollars;
        const amount = Math.max(rng.pick([300, 500, 1000]), Math.ceil(need / 100) * 100);
        site.balanceDollars += amount;
        flows.push({
          wallMs: start - rng.int(5, 60) * MINUTE_MS,
          amountCents: -amount * 100,
          counterparty: 'poker',
          venue: site.venue,
          method: 'card',
          ref: '',
          isForeign: false,
        });
      }
      site.balanceDollars += profit;
      const end = start + quarters * 15 * MINUTE_MS;
      if (site.balanceDollars > 3000) {
        const amount = Math.floor((site.balanceDollars - 1000) / 100) * 100;
        site.balanceDollars -= amount;
        ref += rng.int(1, 500);
        flows.push({
          wallMs: end + rng.int(24 * 60, 72 * 60) * MINUTE_MS,
          amountCents: amount * 100,
          counterparty: 'poker',
          venue: site.venue,
          method: 'direct-credit',
          ref: String(ref),
          isForeign: false,
        });
      }

      const startText = `"${fmtLeftPocket(start)}"`;
      sink.push(
        `${startText},${startText},"${fmtLeftPocket(end)}","${site.location}","NL Texas Hold Em","${stake.label}",` +
          `${buyIn},${cashOut},${profit},0,0,"false","false",,,,,,,,,"Online",${eol}`,
      );
      sessions++;
      minutes += quarters * 15;
      netDollars += profit;
    }
  }

  return {
    file: { name: POKER_FILE, text: sink.text() },
    totals: { sessions, hours: minutes / 60, pokerNetCents: netDollars * 100 },
    minutes,
    flows,
  };
}
