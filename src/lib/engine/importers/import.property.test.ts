import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { formatCsvRecord, readCsv } from './csv';
import { decodeBytes } from './decode';
import { createMappedImporter, guessMapping } from './mapped';
import { PIKKIT_HEADER } from './pikkit';
import { importBytes, isNeedsDecision, runImporter } from './run';
import { SPORTSBET_HEADER } from './sportsbet';
import { DRAFTKINGS_HEADER, FANDUEL_HEADER } from './sportsbook-scout';
import type { ParsedFile, NeedsDecision } from './types';

const OPTS = { zone: 'Australia/Sydney' };

/** Every output row came from a data row, and every reject points at a real line. */
function checkParsed(p: ParsedFile | NeedsDecision, lastLine: number): void {
  if (isNeedsDecision(p)) {
    expect(p.samples.length).toBeGreaterThan(0);
    return;
  }
  for (const r of p.rejects) {
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeLessThanOrEqual(lastLine);
    expect(typeof r.reason).toBe('string');
  }
  for (const rows of Object.values(p.batch)) {
    for (const row of rows as { key: string; line: number }[]) {
      expect(row.key).not.toContain('{n}');
      expect(Number.isInteger(row.line)).toBe(true);
    }
  }
}

/** Cells made of the characters exports use, in proportions that hit the parsers' edge cases. */
const cell = fc
  .array(
    fc.constantFrom(
      '0',
      '1',
      '9',
      '12',
      '-',
      '+',
      '.',
      ',',
      '/',
      ':',
      ' ',
      '"',
      '\n',
      '\r',
      '$',
      '(',
      ')',
      'a',
      'Win',
      'GMT',
      'true',
      'WON',
      'SETTLED_WIN',
      '2024',
      '13',
      '@',
      '|',
      '\u0000',
      'é',
      '1e309',
    ),
    { maxLength: 12 },
  )
  .map((p) => p.join(''));

const HEADERS = [SPORTSBET_HEADER, DRAFTKINGS_HEADER, FANDUEL_HEADER, PIKKIT_HEADER];

describe('robustness (property)', () => {
  it('arbitrary bytes never throw: a Result error or a parse with rejects', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const r = importBytes(bytes, 'random.bin', OPTS, BOOKMAKER_IMPORTERS);
        if (r.ok) checkParsed(r.value, Number.MAX_SAFE_INTEGER);
        else expect(['empty-file', 'unknown-format']).toContain(r.error.code);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary strings never throw through decode, readCsv and every importer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const table = readCsv(decodeBytes(new TextEncoder().encode(text)).text);
        if (!table.ok) return;
        for (const importer of BOOKMAKER_IMPORTERS)
          checkParsed(runImporter(importer, table.value, OPTS, 7), Infinity);
        const mapping = guessMapping(table.value.header, table.value.rows.slice(0, 20));
        checkParsed(runImporter(createMappedImporter(mapping), table.value, { ...OPTS, mapping }), Infinity);
      }),
      { numRuns: 150 },
    );
  });

  it('each format with garbage cells never throws, and rows out plus rejects never exceed rows in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: HEADERS.length - 1 }),
        fc.array(fc.array(cell, { minLength: 0, maxLength: 30 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (h, rows, chunk) => {
          const header = HEADERS[h] ?? SPORTSBET_HEADER;
          const text = [formatCsvRecord([...header]), ...rows.map((r) => formatCsvRecord(r))].join('\n');
          const table = readCsv(text);
          if (!table.ok) return;
          for (const importer of BOOKMAKER_IMPORTERS) {
            const p = runImporter(importer, table.value, OPTS, chunk);
            checkParsed(p, Infinity);
            if (!isNeedsDecision(p)) {
              const primary = p.batch.book_txns?.length ?? p.batch.bets?.length ?? 0;
              expect(primary + p.rejects.length).toBeLessThanOrEqual(p.rowCount);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
