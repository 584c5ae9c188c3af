/** Every format the app reads, in detection order. */
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { TRADING_IMPORTERS } from './trading/index';
import type { Importer } from './types';

export const ALL_IMPORTERS: readonly Importer[] = [...BOOKMAKER_IMPORTERS, ...TRADING_IMPORTERS];
