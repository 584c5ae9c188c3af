/**
 * The trading-platform importers, in detection order. Each reads one export format of a futures
 * platform into TradeFill, Trade or AccountCash rows (see ../types.ts for the Importer contract).
 */
import type { Importer } from '../types';
import { ninjatraderExecutions, ninjatraderTrades } from './ninjatrader';
import { rithmicOrders } from './rithmic';
import { topstepxTrades } from './topstepx';
import {
  tradovateCashHistory,
  tradovateFills,
  tradovateOrders,
  tradovatePerformance,
  tradovatePositionHistory,
} from './tradovate';

export const TRADING_IMPORTERS: Importer[] = [
  tradovatePerformance,
  tradovateOrders,
  tradovateFills,
  tradovatePositionHistory,
  tradovateCashHistory,
  topstepxTrades,
  ninjatraderTrades,
  ninjatraderExecutions,
  rithmicOrders,
];

export { pairFills, pairFillsDetailed } from './pair-fills';
export type { OpenLot, PairResult } from './pair-fills';
