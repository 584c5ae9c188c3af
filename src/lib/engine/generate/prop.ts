/**
 * The 'prop-trader' persona: day-trades MNQ and ES futures on two Apex Trader Funding accounts on
 * Tradovate, an evaluation account and a funded (PA) account that copies most of the evaluation's trades.
 * Each account is written as Tradovate's Performance.csv (FORMATS.md §2.1), which has no account column,
 * so the account id is in the file name:
 *
 *   symbol,_priceFormat,_priceFormatType,_tickSize,buyFillId,sellFillId,qty,buyPrice,sellPrice,pnl,
 *   boughtTimestamp,soldTimestamp,duration
 *
 * One row per round trip; a short has boughtTimestamp after soldTimestamp; pnl is gross in accounting form
 * ("$(400.00)", "$1,200.00" quoted because of its comma); timestamps "MM/DD/YYYY HH:MM:SS" in US Eastern
 * wall time (the zone the trader set in Tradovate), all inside the regular session 09:30-16:00.
 * Prices move in whole ticks (0.25) on an integer random walk, so pnl is exact integer cents:
 * (sell - buy) ticks × qty × tick value (MNQ $0.50, ES $12.50).
 *
 * The firm's fees (evaluation subscription, activation, a reset) and payouts feed the bank statement.
 */
import type { Rng } from './rng';
import { WeightedTable } from './rng';
import {
  DAY_MS,
  TextSink,
  addMonths,
  cell,
  fmtDuration,
  fmtMdyHms,
  ticksToPrice,
  usdAccounting,
  weekday,
} from './format';
import type { BankFlow, Eol, GeneratedFile, WorldTotals } from './types';
import { eolText } from './types';

export const PERFORMANCE_HEADER =
  'symbol,_priceFormat,_priceFormatType,_tickSize,buyFillId,sellFillId,qty,buyPrice,sellPrice,pnl,' +
  'boughtTimestamp,soldTimestamp,duration';

interface Instrument {
  root: 'MNQ' | 'ES';
  /** Value of one tick (0.25 points) in cents. */
  tickValueCents: number;
  /** Starting price in ticks. */
  startTicks: number;
  quantities: WeightedTable<number>;
  /** Win and loss sizes in ticks, [lo, hi]. */
  winTicks: readonly [number, number];
  lossTicks: readonly [number, number];
}

const TICKS_PER_POINT = 4;

const MNQ: Instrument = {
  root: 'MNQ',
  tickValueCents: 50,
  startTicks: 27_000 * TICKS_PER_POINT,
  quantities: new WeightedTable<number>([
    [1, 1],
    [2, 2],
    [3, 2],
    [5, 3],
    [10, 1],
  ]),
  winTicks: [20, 240],
  lossTicks: [16, 160],
};

const ES: Instrument = {
  root: 'ES',
  tickValueCents: 1250,
  startTicks: 7_300 * TICKS_PER_POINT,
  quantities: new WeightedTable<number>([
    [1, 3],
    [2, 1],
  ]),
  winTicks: [8, 48],
  lossTicks: [8, 32],
};

/** Seconds after midnight an entry is made: mostly the first two hours, some in the afternoon. */
const ENTRY_WINDOWS = new WeightedTable<readonly [number, number]>([
  [[9.5 * 3600, 11.5 * 3600], 3],
  [[13.5 * 3600, 15.75 * 3600], 1],
]);
const HOLD_SECONDS = new WeightedTable<readonly [number, number]>([
  [[5, 60], 3],
  [[60, 600], 4],
  [[600, 2700], 2],
]);
/** The last second of the regular session; positions are flat by then. */
const SESSION_END_S = 16 * 3600 - 1;

/** CME quarterly month codes. */
const QUARTER_CODES: Record<number, string> = { 3: 'H', 6: 'M', 9: 'U', 12: 'Z' };

/** Wall ms of the third Friday of a month (equity index futures expire then). */
function thirdFriday(year: number, month: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const toFriday = (5 - new Date(first).getUTCDay() + 7) % 7;
  return first + (toFriday + 14) * DAY_MS;
}

/**
 * The front-month contract traded on a day, e.g. "MNQU6": the next quarterly contract, rolled eight days
 * before its expiry (the usual roll date, a Thursday a week before the third Friday).
 */
export function frontContract(root: string, dayMs: number): string {
  const d = new Date(dayMs);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth() + 1;
  for (;;) {
    const q = Math.ceil(month / 3) * 3;
    if (dayMs < thirdFriday(year, q) - 8 * DAY_MS) return `${root}${QUARTER_CODES[q] ?? ''}${year % 10}`;
    month = q + 1;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

interface RoundTrip {
  symbol: string;
  inst: Instrument;
  isLong: boolean;
  qty: number;
  entryMs: number;
  exitMs: number;
  entryTicks: number;
  exitTicks: number;
}

export interface PropTraderOptions {
  startMs: number;
  endMs: number;
  scale: number;
  eol: Eol;
}

export interface PropTraderWorld {
  files: GeneratedFile[];
  /** Account ids, in the order of `files`. */
  accounts: string[];
  totals: Pick<WorldTotals, 'trades'>;
  flows: BankFlow[];
}

/** A US-dollar amount in AUD cents at a rate, rounded half up (what the card network charges). */
function audCents(usdCents: number, rate: number): number {
  return Math.round(usdCents * rate);
}

/** Simulates both accounts over the period and writes one Performance file per account. */
export function simulatePropTrader(rng: Rng, opts: PropTraderOptions): PropTraderWorld {
  const { startMs, endMs, scale } = opts;
  const eol = eolText(opts.eol);
  const user = rng.int(100_000, 999_999);
  const evalId = `APEX${user}${String(rng.int(1, 40)).padStart(7, '0')}`;
  const paId = `PAAPEX${user}${String(rng.int(41, 80)).padStart(7, '0')}`;
  const sinks = [new TextSink(), new TextSink()];
  for (const s of sinks) s.push(PERFORMANCE_HEADER + eol);
  const ticks = { MNQ: MNQ.startTicks + rng.int(-4000, 4000), ES: ES.startTicks + rng.int(-800, 800) };
  let fillId = rng.int(537_000_000_000, 537_999_999_999);
  let trades = 0;

  const nextFillId = (): number => (fillId += rng.int(1, 40));

  const write = (account: number, t: RoundTrip): void => {
    const entryId = nextFillId();
    const exitId = nextFillId();
    const [buyId, sellId] = t.isLong ? [entryId, exitId] : [exitId, entryId];
    const [buyTicks, sellTicks] = t.isLong ? [t.entryTicks, t.exitTicks] : [t.exitTicks, t.entryTicks];
    const [boughtMs, soldMs] = t.isLong ? [t.entryMs, t.exitMs] : [t.exitMs, t.entryMs];
    const pnl = (sellTicks - buyTicks) * t.qty * t.inst.tickValueCents;
    const seconds = Math.round((t.exitMs - t.entryMs) / 1000);
    sinks[account]?.push(
      `${t.symbol},-2,0,0.25,${buyId},${sellId},${t.qty},${ticksToPrice(buyTicks, TICKS_PER_POINT)},` +
        `${ticksToPrice(sellTicks, TICKS_PER_POINT)},${cell(usdAccounting(pnl))},${fmtMdyHms(boughtMs)},` +
        `${fmtMdyHms(soldMs)},${fmtDuration(seconds)}${eol}`,
    );
    trades++;
  };

  for (let day = startMs; day < endMs; day += DAY_MS) {
    const wd = weekday(day);
    if (wd === 0 || wd === 6) continue;
    // Overnight gap, pulled back towards the starting level so huge scales stay in a sane price range.
    ticks.MNQ += Math.round(rng.normal() * 400 + (MNQ.startTicks - ticks.MNQ) * 0.01);
    ticks.ES += Math.round(rng.normal() * 100 + (ES.startTicks - ticks.ES) * 0.01);
    if (!rng.chance(0.85)) continue;
    const base = 5 * scale;
    const n = Math.max(1, Math.floor(base * (0.4 + 1.2 * rng.float()) + rng.float()));
    const entries: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = ENTRY_WINDOWS.pick(rng);
      entries.push(rng.int(w[0], w[1]));
    }
    entries.sort((a, b) => a - b);
    const evalTrips: RoundTrip[] = [];
    for (const entryS of entries) {
      const inst = rng.chance(0.75) ? MNQ : ES;
      const hold = HOLD_SECONDS.pick(rng);
      const exitS = Math.min(SESSION_END_S, entryS + rng.int(hold[0], hold[1]));
      const isLong = rng.chance(0.5);
      const wins = rng.chance(0.47);
      const move = wins
        ? rng.int(inst.winTicks[0], inst.winTicks[1])
        : -rng.int(inst.lossTicks[0], inst.lossTicks[1]);
      const drift = Math.round(rng.normal() * 20);
      const entryTicks = ticks[inst.root] + drift;
      const exitTicks = entryTicks + (isLong ? move : -move);
      ticks[inst.root] = exitTicks;
      evalTrips.push({
        symbol: frontContract(inst.root, day),
        inst,
        isLong,
        qty: inst.quantities.pick(rng),
        entryMs: day + entryS * 1000,
        exitMs: day + Math.max(exitS, entryS + 1) * 1000,
        entryTicks,
        exitTicks,
      });
    }
    for (const t of evalTrips) write(0, t);
    // The funded account copies most trades a moment later, sometimes a tick worse each way.
    for (const t of evalTrips) {
      if (!rng.chance(0.8)) continue;
      const lagMs = rng.int(0, 2) * 1000;
      const slipIn = rng.chance(0.3) ? 1 : 0;
      const slipOut = rng.chance(0.3) ? 1 : 0;
      const dir = t.isLong ? 1 : -1;
      write(1, {
        ...t,
        entryMs: t.entryMs + lagMs,
        exitMs: t.exitMs + lagMs,
        entryTicks: t.entryTicks + dir * slipIn,
        exitTicks: t.exitTicks - dir * slipOut,
      });
    }
  }

  const flows = propFirmFlows(rng, startMs, endMs);
  return {
    files: [
      { name: `tradovate-performance-${evalId}.csv`, text: sinks[0]?.text() ?? '' },
      { name: `tradovate-performance-${paId}.csv`, text: sinks[1]?.text() ?? '' },
    ],
    accounts: [evalId, paId],
    totals: { trades },
    flows,
  };
}

/**
 * Apex charges in US dollars by card: the evaluation's monthly subscription (USD 167), the funded
 * account's activation (USD 140) and now and then a reset (USD 80); it pays some of the funded account's
 * profit out once, by direct credit. Amounts are converted to AUD at a rate between 1.48 and 1.58.
 */
function propFirmFlows(rng: Rng, startMs: number, endMs: number): BankFlow[] {
  const flows: BankFlow[] = [];
  const rate = (): number => 1.48 + rng.int(0, 100) / 1000;
  const charge = (wallMs: number, usdCents: number): void => {
    flows.push({
      wallMs,
      amountCents: -audCents(usdCents, rate()),
      counterparty: 'prop-firm',
      venue: 'apex',
      method: 'card',
      ref: '',
      isForeign: true,
    });
  };
  const firstDay = startMs + rng.int(0, 4) * DAY_MS + 10 * 3_600_000;
  charge(firstDay, 14_000);
  for (let m = firstDay; m < endMs; m = addMonths(m, 1)) charge(m + 3_600_000, 16_700);
  if (rng.chance(0.7)) charge(startMs + Math.floor((endMs - startMs) * (0.3 + 0.4 * rng.float())), 8_000);
  // One payout from the funded account, past the middle of the period (Apex's minimum is USD 500).
  const at = startMs + Math.floor((endMs - startMs) * (0.55 + 0.3 * rng.float()));
  if (at < endMs) {
    flows.push({
      wallMs: at,
      amountCents: audCents(rng.int(5, 12) * 10_000, rate()),
      counterparty: 'prop-firm',
      venue: 'apex',
      method: 'direct-credit',
      ref: `PAYOUT ${rng.int(10_000, 99_999)}`,
      isForeign: false,
    });
  }
  return flows;
}
