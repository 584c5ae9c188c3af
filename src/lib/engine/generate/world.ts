/**
 * A seeded synthetic world: one person's exports in the real formats, with exact ground-truth totals.
 * Used by the CLI's `generate` command (fixtures for acceptance tests and benchmarks) and by the app's
 * "Load demo data" button (`demoWorldFiles`).
 *
 * Personas:
 * - 'punter': Sportsbet transaction history (sportsbet.ts);
 * - 'grinder': online poker sessions as a Left Pocket export (poker.ts);
 * - 'prop-trader': two Apex accounts' Tradovate Performance files (prop.ts);
 * - 'all': the three together, plus the person's bank account (bank.ts) showing the deposits to the
 *   bookmaker, the poker sites and the prop firm, and what came back.
 *
 * Each part draws from its own random stream (seed + part name), so the 'punter' files of 'punter' and
 * 'all' are identical for the same seed, and the same options give byte-identical files everywhere.
 */
import { Rng } from './rng';
import { addMonths, parseIsoDay } from './format';
import { simulatePunter } from './sportsbet';
import { simulateGrinder } from './poker';
import { simulatePropTrader } from './prop';
import { simulateBank, type BankFormat, BANK_FORMATS } from './bank';
import type { BankFlow, Eol, GeneratedFile, WorldTotals } from './types';
import { emptyTotals } from './types';

export type Persona = 'punter' | 'grinder' | 'prop-trader' | 'all';
export const PERSONAS: readonly Persona[] = ['punter', 'grinder', 'prop-trader', 'all'];

export interface GenerateOptions {
  /** Any integer; the same seed gives the same files. */
  seed: number;
  /** 'punter', 'grinder', 'prop-trader' or 'all'. */
  persona: string;
  /** Length of the period in whole months (1-120). */
  months: number;
  /** Activity multiplier (> 0, at most 1000): 1 is about 2,000 Sportsbet rows in six months. */
  scale: number;
  /** First day "YYYY-MM-DD"; by default the period ends on 2026-10-31. */
  startDate?: string;
  /** Record separator; default 'lf'. */
  eol?: Eol;
  /** Bank export for 'all'; default 'commbank'. */
  bank?: BankFormat;
}

export interface GeneratedWorld {
  files: GeneratedFile[];
  totals: WorldTotals;
}

/** The default period ends here (exclusive): the demo's six months run 2026-05-01 to 2026-10-31. */
const DEFAULT_END = '2026-11-01';

export function isPersona(name: string): name is Persona {
  return (PERSONAS as readonly string[]).includes(name);
}

/**
 * Generates the world. Throws a RangeError for options outside the documented ranges (callers that take
 * user input, like the CLI, validate first and report a clear message).
 */
export function generateWorld(opts: GenerateOptions): GeneratedWorld {
  const { seed, persona, months, scale } = opts;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!isPersona(persona)) throw new RangeError(`unknown persona “${persona}” (${PERSONAS.join(', ')})`);
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new RangeError(`months must be 1-120`);
  if (!(scale > 0 && scale <= 1000)) throw new RangeError(`scale must be > 0 and at most 1000`);
  const bank = opts.bank ?? 'commbank';
  if (!BANK_FORMATS.includes(bank)) throw new RangeError(`unknown bank format “${bank}”`);
  const eol = opts.eol ?? 'lf';

  let startMs: number;
  if (opts.startDate !== undefined) {
    const parsed = parseIsoDay(opts.startDate);
    if (parsed === null) throw new RangeError(`startDate must be YYYY-MM-DD, got “${opts.startDate}”`);
    startMs = parsed;
  } else {
    startMs = addMonths(parseIsoDay(DEFAULT_END) ?? 0, -months);
  }
  const endMs = addMonths(startMs, months);
  const period = { startMs, endMs, scale, eol };

  const files: GeneratedFile[] = [];
  const totals = emptyTotals();
  const flows: BankFlow[] = [];
  const all = persona === 'all';

  if (persona === 'punter' || all) {
    const p = simulatePunter(new Rng(seed, 'punter'), period);
    files.push(p.file);
    Object.assign(totals, p.totals);
    flows.push(...p.flows);
  }
  if (persona === 'grinder' || all) {
    const g = simulateGrinder(new Rng(seed, 'grinder'), period);
    files.push(g.file);
    Object.assign(totals, g.totals);
    flows.push(...g.flows);
  }
  if (persona === 'prop-trader' || all) {
    const t = simulatePropTrader(new Rng(seed, 'prop-trader'), period);
    files.push(...t.files);
    totals.trades = t.totals.trades;
    flows.push(...t.flows);
  }
  if (all) {
    const b = simulateBank(new Rng(seed, 'bank'), flows, { startMs, endMs, format: bank, eol });
    files.push(b.file);
    Object.assign(totals, b.totals);
  }
  return { files, totals };
}

/**
 * The app's demo data ("Load demo data"): the 'all' persona, seed 42, the six months ending 2026-10-31,
 * scale 1, as UTF-8 bytes ready for the import pipeline.
 */
export function demoWorldFiles(): { name: string; bytes: Uint8Array }[] {
  const world = generateWorld({ seed: 42, persona: 'all', months: 6, scale: 1, startDate: '2026-05-01' });
  const encoder = new TextEncoder();
  return world.files.map((f) => ({ name: f.name, bytes: encoder.encode(f.text) }));
}
