/**
 * Test support for the trading importers: runs fixture text (imported with Vite's `?raw`) through the
 * same decode → CSV → detect → parse path the app uses (importBytes), failing loudly when it does not parse.
 */
import type { Importer, ParsedFile, ParseOptions } from '../types';
import { importBytes, isNeedsDecision } from '../run';
import { TRADING_IMPORTERS } from './index';

export function importText(
  text: string,
  name: string,
  opts: Partial<ParseOptions> = {},
  importers: readonly Importer[] = TRADING_IMPORTERS,
): ParsedFile {
  const r = importBytes(
    new TextEncoder().encode(text),
    name,
    { zone: 'America/New_York', ...opts },
    importers,
  );
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message ?? ''}`);
  if (isNeedsDecision(r.value)) throw new Error(`${name}: needs a date order`);
  return r.value;
}
