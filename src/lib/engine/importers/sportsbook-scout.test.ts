import { describe, expect, it } from 'vitest';
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { formatCsvRecord, readCsv } from './csv';
import { detectFormat } from './detect';
import { runImporter } from './run';
import { DRAFTKINGS_HEADER, FANDUEL_HEADER, draftkingsImporter, fanduelImporter } from './sportsbook-scout';
import { countBy, importFixture, sumOf } from './test-helpers';

const NY = { zone: 'America/New_York' };

describe('DraftKings (SportsbookScout export)', () => {
  const f = importFixture('draftkings.csv', NY, BOOKMAKER_IMPORTERS);
  const bets = f.batch.bets ?? [];
  const legs = f.batch.bet_legs ?? [];

  it('is detected as DraftKings and gives one bet per External Bet ID from its primary row', () => {
    expect(f.format).toBe('draftkings');
    expect(f.rowCount).toBe(10);
    expect(bets).toHaveLength(6);
    expect(sumOf(bets, (b) => b.stakeCents)).toBe(8000);
    expect(sumOf(bets, (b) => b.returnCents)).toBe(1667 + 1000 + 2500 + 1240);
    expect(countBy(bets, (b) => b.status)).toEqual({ won: 2, lost: 1, pending: 1, void: 1, 'cashed-out': 1 });
    expect(countBy(bets, (b) => b.betType)).toEqual({ single: 4, multi: 1, sgm: 1 });
  });

  it('gives one leg per row, numbered within the bet in file order', () => {
    expect(legs).toHaveLength(9);
    expect(
      legs
        .filter((l) => l.betKey === 'draftkings:bet:DK63898069623329501')
        .map((l) => [l.key, l.legIndex, l.result, l.oddsDecimal]),
    ).toEqual([
      ['draftkings:bet:DK63898069623329501:leg:1', 1, 'won', 1.5],
      ['draftkings:bet:DK63898069623329501:leg:2', 2, 'lost', 1.9091],
      ['draftkings:bet:DK63898069623329501:leg:3', 3, 'won', 2.2],
    ]);
  });

  it('reads a single: American odds, times in the profile zone, month-first', () => {
    expect(bets[0]).toEqual({
      key: 'draftkings:bet:DK63898069623329495',
      venue: 'DraftKings',
      placedAt: '2024-01-14T23:05:00.000Z',
      settledAt: '2024-01-15T02:30:00.000Z',
      tz: 'America/New_York',
      status: 'won',
      betType: 'single',
      stakeCents: 1000,
      returnCents: 1667,
      oddsDecimal: 1.6667,
      closingOddsDecimal: null,
      sport: null,
      competition: null,
      event: null,
      market: 'Moneyline',
      selection: 'Kansas City Chiefs',
      isBonus: false,
      legCount: 1,
      line: 2,
    });
  });

  it('marks the bonus bet, keeps the pending SGP at zero return, and the parlay odds', () => {
    const byId = (id: string) => bets.find((b) => b.key === `draftkings:bet:${id}`);
    expect(byId('DK63898069623329503')).toMatchObject({ isBonus: true, returnCents: 1000, oddsDecimal: 3 });
    expect(byId('DK63898069623329502')).toMatchObject({
      status: 'pending',
      returnCents: 0,
      settledAt: null,
      legCount: 2,
    });
    expect(byId('DK63898069623329501')).toMatchObject({ oddsDecimal: 6.96, legCount: 3, selection: null });
    expect(byId('DK63898069623329505')).toMatchObject({ status: 'cashed-out', returnCents: 1240 });
  });

  it('rejects the row with a bad Bet Amount', () => {
    expect(f.rejects.map((r) => [r.line, r.column, r.code])).toEqual([[11, 'Bet Amount', 'bad-amount']]);
  });
});

describe('FanDuel (SportsbookScout export)', () => {
  const f = importFixture('fanduel.csv', NY, BOOKMAKER_IMPORTERS);
  const bets = f.batch.bets ?? [];

  it('totals', () => {
    expect(f.format).toBe('fanduel');
    expect(f.rejects).toEqual([]);
    expect(bets).toHaveLength(5);
    expect(sumOf(bets, (b) => b.stakeCents)).toBe(9500);
    expect(sumOf(bets, (b) => b.returnCents)).toBe(9545 + 2000 + 2000);
    expect(countBy(bets, (b) => b.status)).toEqual({ won: 2, lost: 1, push: 1, pending: 1 });
    expect(f.batch.bet_legs).toHaveLength(6);
  });

  it('reads league, event, handicap and decimal odds; ISO times with Z', () => {
    expect(bets[0]).toMatchObject({
      placedAt: '2024-02-11T23:30:00.000Z',
      sport: 'American Football',
      competition: 'NFL',
      event: 'Kansas City Chiefs @ San Francisco 49ers',
      selection: 'San Francisco 49ers -2.5',
      oddsDecimal: 1.91,
      isBonus: false,
    });
    expect(bets[3]?.selection).toBe('Over 8.5');
  });

  it('reads the same-game parlay from the Same Game Parlay column with multi-bet odds', () => {
    expect(bets[1]).toMatchObject({
      betType: 'sgm',
      oddsDecimal: 3.6,
      legCount: 2,
      status: 'lost',
      returnCents: 0,
    });
  });

  it('infers a bonus bet from a payout without the stake', () => {
    expect(bets[2]).toMatchObject({ isBonus: true, stakeCents: 1000, returnCents: 2000, oddsDecimal: 3 });
  });
});

describe('without a Primary column', () => {
  const header = DRAFTKINGS_HEADER.filter((h) => h !== 'Primary');
  const row = (id: string, sel: string, amount: string, result: string, payout: string) => {
    const cells: Record<string, string> = {
      'External Bet ID': id,
      'Bet Date Time': '01/14/2024 18:05:00',
      'Bet Type': 'Parlay',
      'Bet Amount': amount,
      'Bet Selection': sel,
      'Bet American Odds': '+300',
      'Bet Result': result,
      Payout: payout,
      'Leg American Odds': '-110',
    };
    return formatCsvRecord(header.map((h) => cells[h] ?? ''));
  };
  const text = [
    formatCsvRecord(header),
    row('A1', 'x', '10.00', 'WON', '40.00'),
    row('A1', 'y', '10.00', 'WON', '40.00'),
    row('B2', 'z', '5.00', 'LOST', '0.00'),
  ].join('\n');

  it('takes unique ids as one bet each and the first row of a repeated id as its bet', () => {
    const t = readCsv(text);
    if (!t.ok) throw new Error('read');
    const p = runImporter(draftkingsImporter, t.value, NY);
    if ('needs' in p) throw new Error('needs');
    expect(p.batch.bets?.map((b) => [b.key, b.stakeCents, b.returnCents, b.legCount])).toEqual([
      ['draftkings:bet:A1', 1000, 4000, 2],
      ['draftkings:bet:B2', 500, 0, 1],
    ]);
    expect(p.batch.bet_legs?.map((l) => l.key)).toEqual([
      'draftkings:bet:A1:leg:1',
      'draftkings:bet:A1:leg:2',
      'draftkings:bet:B2:leg:1',
    ]);
  });

  it('gives the same result whatever the chunk size', () => {
    const t = readCsv(text);
    if (!t.ok) throw new Error('read');
    const one = runImporter(draftkingsImporter, t.value, NY, 1);
    const all = runImporter(draftkingsImporter, t.value, NY);
    expect(one).toEqual(all);
  });
});

describe('detection', () => {
  it('tells DraftKings from FanDuel by their own columns', () => {
    expect(detectFormat([...DRAFTKINGS_HEADER], [fanduelImporter, draftkingsImporter])[0]?.format).toBe(
      'draftkings',
    );
    expect(detectFormat([...FANDUEL_HEADER], [draftkingsImporter, fanduelImporter])[0]?.format).toBe(
      'fanduel',
    );
    expect(draftkingsImporter.detect(['External_Bet_ID', 'Bet_Amount', 'Bet_Date_Time'])).toBeCloseTo(3 / 27);
    expect(fanduelImporter.detect(['Bet Amount', 'Event Name'])).toBe(0);
  });
});
