import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessSport, guessUncached, sportFromLeague } from './sport';

describe('guessSport', () => {
  it.each([
    ['Flemington - R7 Lexus Melbourne Cup', 'Win or Place', 'Horse Racing'],
    ['The Meadows - R3', 'Greyhounds - Win', 'Greyhounds'],
    ['Sandown Park R2 (Greyhound)', 'Win', 'Greyhounds'],
    ['Menangle - R5', 'Harness Win', 'Harness Racing'],
    ['Randwick', 'Fixed Odds Boxed Trifecta (2, 3, 4)', 'Horse Racing'],
    ['Miami Heat At New York Knicks', 'Jimmy Butler - Rebounds', 'Basketball'],
    ['Miami Heat At New York Knicks', 'Head to Head', 'Basketball'],
    ['Arsenal v Nottm Forest', 'Win-Draw-Win', 'Soccer'],
    ['Brisbane Lions v Gold Coast SUNS', 'Same Game Multi', 'Australian Rules'],
    ['Team A v Team B', 'Player Disposals', 'Australian Rules'],
    ['Manly v Melbourne Storm', 'Head to Head', 'Rugby League'],
    ['Chiefs At Eagles', 'Anytime Touchdown Scorer', 'American Football'],
    ['Djokovic v Alcaraz', 'Set Betting', 'Tennis'],
    ['Team A v Team B', 'Head to Head', null],
    ['Deposit', '', null],
  ])('%j / %j → %s', (event, market, sport) => {
    expect(guessSport(event, market)).toBe(sport);
  });

  it('does not call a US team with a shared nickname a rugby league side', () => {
    expect(guessSport('Dallas Cowboys At Miami Dolphins', 'Head to Head')).toBeNull();
  });
});

describe('sportFromLeague', () => {
  it.each([
    ['NFL', 'American Football'],
    ['ncaam', 'Basketball'],
    ['NHL', 'Ice Hockey'],
    ['EPL', 'Soccer'],
    ['UEFA Champions League', 'Soccer'],
    ['ATP Miami', 'Tennis'],
    ['AFL', 'Australian Rules'],
    ['NRL', 'Rugby League'],
    ['', null],
    ['Curling', null],
  ])('%j → %s', (league, sport) => {
    expect(sportFromLeague(league)).toBe(sport);
  });
});

describe('guessSport cache (property)', () => {
  it('answers every event and market, in any order and repeated, as the uncached guess does', () => {
    const part = fc.oneof(
      fc.constantFrom(
        '',
        'Warragul - R6',
        'GWS GIANTS v Carlton',
        'Head to Head',
        'Win or Place',
        'Greyhounds',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { maxLength: 40 }), (pairs) => {
        for (const [e, m] of [...pairs, ...pairs]) expect(guessSport(e, m)).toBe(guessUncached(e, m));
      }),
      { numRuns: 300 },
    );
  });
});
