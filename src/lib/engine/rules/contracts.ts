/**
 * Futures contract specifications and symbol parsing, shared by the trading importers (to price round
 * trips), the fill pairer and the rules engine (position size in minis, distance in ticks).
 *
 * Point and tick values are the exchange's (CME Group contract specs); every tick value is a whole number
 * of cents, so P&L in cents is exact: (exit − entry) × qty × pointValueCents, computed in decimal.
 */
import Decimal from 'decimal.js';
import type { Cents } from '../money';
import { cents } from '../money';

export interface ContractSpec {
  root: string;
  name: string;
  /** Money per 1.0 price point, in cents (MNQ: $2 → 200). */
  pointValueCents: number;
  /** Smallest price increment in points (MNQ: 0.25). */
  tickSize: number;
  /** Money per tick in cents (MNQ: $0.50 → 50). Always pointValueCents × tickSize, an integer. */
  tickValueCents: number;
  /**
   * Size in tenths of a mini, the unit prop firms count position limits in: a mini or full-size contract
   * is 10, a micro is 1 ("micros = 10× minis", Apex and Topstep).
   */
  sizeTenths: 1 | 10;
}

const spec = (
  root: string,
  name: string,
  pointValueCents: number,
  tickSize: number,
  tickValueCents: number,
  sizeTenths: 1 | 10,
): ContractSpec => ({ root, name, pointValueCents, tickSize, tickValueCents, sizeTenths });

/** Contract specs by root symbol. */
export const CONTRACT_SPECS: Readonly<Record<string, ContractSpec>> = Object.freeze({
  ES: spec('ES', 'E-mini S&P 500', 5000, 0.25, 1250, 10),
  MES: spec('MES', 'Micro E-mini S&P 500', 500, 0.25, 125, 1),
  NQ: spec('NQ', 'E-mini Nasdaq-100', 2000, 0.25, 500, 10),
  MNQ: spec('MNQ', 'Micro E-mini Nasdaq-100', 200, 0.25, 50, 1),
  YM: spec('YM', 'E-mini Dow', 500, 1, 500, 10),
  MYM: spec('MYM', 'Micro E-mini Dow', 50, 1, 50, 1),
  RTY: spec('RTY', 'E-mini Russell 2000', 5000, 0.1, 500, 10),
  M2K: spec('M2K', 'Micro E-mini Russell 2000', 500, 0.1, 50, 1),
  CL: spec('CL', 'Crude Oil', 100000, 0.01, 1000, 10),
  MCL: spec('MCL', 'Micro WTI Crude Oil', 10000, 0.01, 100, 1),
  GC: spec('GC', 'Gold', 10000, 0.1, 1000, 10),
  MGC: spec('MGC', 'Micro Gold', 1000, 0.1, 100, 1),
  SI: spec('SI', 'Silver', 500000, 0.005, 2500, 10),
  NG: spec('NG', 'Henry Hub Natural Gas', 1000000, 0.001, 1000, 10),
  '6E': spec('6E', 'Euro FX', 12500000, 0.00005, 625, 10),
});

/** A lookup from root to spec; `CONTRACT_SPECS` is the default. */
export type ContractSpecs = Readonly<Record<string, ContractSpec | undefined>>;

/**
 * ProjectX (TopstepX) contract ids name a few products by exchange codes, e.g. `CON.F.US.EP.Z25` is ES and
 * `CON.F.US.ENQ.Z25` is NQ (seen in public ProjectX API clients).
 */
const ROOT_ALIASES: Readonly<Record<string, string>> = { EP: 'ES', ENQ: 'NQ' };

const MONTH_CODE_SUFFIX = /^([A-Z0-9]+?)[FGHJKMNQUVXZ]\d{1,2}$/;

/**
 * The root of a contract symbol as platforms write it:
 * `MNQZ6` / `NQM24` → MNQ / NQ (root + month letter + 1-2 digit year), `MNQ 12-26` / `NQ SEP26` → root before
 * the space (NinjaTrader), `CON.F.US.MES.U25` → MES (ProjectX), `MNQ` → MNQ. Upper-cases; never throws.
 */
export function contractRoot(symbol: string): string {
  let s = symbol.trim().toUpperCase();
  if (s.startsWith('CON.')) {
    const parts = s.split('.');
    s = parts[3] ?? s;
    return ROOT_ALIASES[s] ?? s;
  }
  const space = s.indexOf(' ');
  if (space > 0) return s.slice(0, space);
  if (CONTRACT_SPECS[s]) return s;
  const m = MONTH_CODE_SUFFIX.exec(s);
  return m?.[1] ?? s;
}

/** The spec for a root or a full symbol, or undefined when the product is not in the table. */
export function contractSpec(
  rootOrSymbol: string,
  specs: ContractSpecs = CONTRACT_SPECS,
): ContractSpec | undefined {
  return specs[rootOrSymbol] ?? specs[contractRoot(rootOrSymbol)];
}

/**
 * Gross P&L of a round trip in cents: (exit − entry) × qty × point value, negated for a short.
 * Computed in decimal from the prices' shortest decimal form, rounded half-even to the cent (exact for
 * every contract in the table, whose tick values are whole cents).
 */
export function roundTripGrossCents(
  s: ContractSpec,
  direction: 'long' | 'short',
  qty: number,
  entryPrice: number,
  exitPrice: number,
): Cents {
  const diff = new Decimal(exitPrice).minus(entryPrice);
  const signed = direction === 'long' ? diff : diff.negated();
  const value = signed.times(qty).times(s.pointValueCents);
  return cents(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber());
}
