/**
 * Helpers for this folder's tests: read a fixture's bytes and run the full import on them.
 */
// Test-only file: the fixtures include Windows-1252 and UTF-16 bytes, which Vite's `?raw` import would
// decode as UTF-8 and mangle, so they are read with node:fs. No app code imports this module.
// eslint-disable-next-line no-restricted-imports -- test-only fixture reading, see above
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- test-only fixture reading, see above
import { fileURLToPath } from 'node:url';
import type { FactBatch } from '../model';
import { isNeedsDecision, importBytes } from './run';
import type { FormatId, Importer, ParsedFile, ParseOptions } from './types';

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url))));
}

/** Imports a fixture and fails the test unless it parses to a ParsedFile. */
export function importFixture(
  name: string,
  opts: ParseOptions,
  importers: readonly Importer[],
  format?: FormatId,
): ParsedFile {
  const r = importBytes(fixtureBytes(name), name, opts, importers, format);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message ?? ''}`);
  if (isNeedsDecision(r.value)) throw new Error(`${name}: needs ${r.value.needs}`);
  return r.value;
}

/** Sum of a numeric field over rows. */
export function sumOf<T>(rows: readonly T[] | undefined, pick: (row: T) => number): number {
  return (rows ?? []).reduce((a, r) => a + pick(r), 0);
}

/** How many rows of each value of `pick`. */
export function countBy<T>(
  rows: readonly T[] | undefined,
  pick: (row: T) => string | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows ?? []) {
    const k = String(pick(r));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

export type { FactBatch };
