import { describe, expect, it } from 'vitest';
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { detectFormat } from './detect';
import { PIKKIT_HEADER } from './pikkit';
import { SPORTSBET_HEADER } from './sportsbet';
import type { Importer } from './types';

describe('detectFormat', () => {
  it('ranks the matching format first and leaves out zeros', () => {
    expect(detectFormat([...SPORTSBET_HEADER], BOOKMAKER_IMPORTERS)).toEqual([
      { format: 'sportsbet', confidence: 1 },
    ]);
    expect(detectFormat([...PIKKIT_HEADER], BOOKMAKER_IMPORTERS)).toEqual([
      { format: 'pikkit', confidence: 1 },
    ]);
    expect(detectFormat(['Date', 'Amount', 'Description'], BOOKMAKER_IMPORTERS)).toEqual([]);
  });

  it('clamps odd answers and keeps ties in importer order', () => {
    const fake = (format: Importer['format'], value: number): Importer => ({
      format,
      label: format,
      kind: 'bets',
      detect: () => value,
      parse: () => ({ batch: {}, rejects: [] }),
    });
    expect(
      detectFormat(
        [],
        [fake('pikkit', 0.5), fake('fanduel', 7), fake('draftkings', Number.NaN), fake('sportsbet', 0.5)],
      ),
    ).toEqual([
      { format: 'fanduel', confidence: 1 },
      { format: 'pikkit', confidence: 0.5 },
      { format: 'sportsbet', confidence: 0.5 },
    ]);
  });
});
