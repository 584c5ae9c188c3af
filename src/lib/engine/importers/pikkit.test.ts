import { describe, expect, it } from 'vitest';
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { parsePikkitOdds, pikkitImporter, PIKKIT_HEADER } from './pikkit';
import { countBy, importFixture, sumOf } from './test-helpers';

describe('Pikkit export', () => {
  const f = importFixture('pikkit-transactions.csv', { zone: 'Australia/Sydney' }, BOOKMAKER_IMPORTERS);
  const bets = f.batch.bets ?? [];

  it('totals: stake is amount, return is stake + profit once settled', () => {
    expect(f.format).toBe('pikkit');
    expect(bets).toHaveLength(6);
    expect(sumOf(bets, (b) => b.stakeCents)).toBe(750 + 1000 + 2000 + 1500 + 2500 + 400);
    expect(sumOf(bets, (b) => b.returnCents)).toBe(1342 + 0 + 2000 + 0 + 2500 + 1000);
    expect(countBy(bets, (b) => b.status)).toEqual({ won: 2, lost: 1, push: 1, pending: 1, void: 1 });
    expect(f.dateOrder).toEqual({ order: 'mdy', decidedBy: 'format' });
  });

  it('reads a straight bet in UTC with its closing line', () => {
    expect(bets[0]).toEqual({
      key: 'pikkit:bet:f3283aa5-2229-4ff9-81ea-c5093b98ccfd',
      venue: 'ProphetX',
      placedAt: '2025-03-11T15:52:19.000Z',
      settledAt: '2025-03-12T02:10:05.000Z',
      tz: 'UTC',
      status: 'won',
      betType: 'single',
      stakeCents: 750,
      returnCents: 1342,
      oddsDecimal: 1.79,
      closingOddsDecimal: 1.83,
      sport: 'Basketball',
      competition: 'NCAAM',
      event: null,
      market: null,
      selection: 'under 14.5 Bryce Thompson Total Points Cincinnati Bearcats at Oklahoma State Cowboys',
      isBonus: false,
      legCount: 1,
      line: 2,
    });
  });

  it('splits parlay legs on "|"', () => {
    expect(bets[1]).toMatchObject({ betType: 'multi', legCount: 3, selection: null, returnCents: 0 });
    expect(f.batch.bet_legs?.map((l) => [l.key, l.selection])).toEqual([
      [
        'pikkit:bet:0b1d2e3f-0000-4000-8000-000000000002:leg:1',
        'Boston Celtics Moneyline Boston Celtics at Miami Heat',
      ],
      ['pikkit:bet:0b1d2e3f-0000-4000-8000-000000000002:leg:2', 'Over 220.5 Total Points Lakers at Suns'],
      ['pikkit:bet:0b1d2e3f-0000-4000-8000-000000000002:leg:3', 'Denver Nuggets -4.5 Spread Nuggets vs Jazz'],
    ]);
  });

  it('reads signed closing lines as American and ignores non-numbers', () => {
    expect(bets[2]).toMatchObject({ oddsDecimal: 1.9091, closingOddsDecimal: 2.05 });
    expect(bets[3]).toMatchObject({ closingOddsDecimal: null, status: 'pending', settledAt: null });
    expect(bets[5]).toMatchObject({ isBonus: true });
  });

  it('rejects an unknown status', () => {
    expect(f.rejects.map((r) => [r.line, r.column, r.code])).toEqual([[8, 'status', 'bad-row']]);
  });

  it.each([
    ['1.83', 1.83],
    ['+105', 2.05],
    ['-110', 1.9091],
    ['150', 150],
    ['+1.5', 1.5],
    ['', null],
    ['abc', null],
  ])('parsePikkitOdds(%j) = %j', (text, odds) => {
    expect(parsePikkitOdds(text)).toBe(odds);
  });

  it('detects its header and needs bet_id, amount and time_placed', () => {
    expect(pikkitImporter.detect([...PIKKIT_HEADER])).toBe(1);
    expect(pikkitImporter.detect(['bet_id', 'amount'])).toBe(0);
  });
});
