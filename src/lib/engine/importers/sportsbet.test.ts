import { describe, expect, it } from 'vitest';
import { cents } from '../money';
import { readCsv } from './csv';
import { runImporter } from './run';
import { parseSummary, sportsbetBetType, sportsbetImporter, sportsbetKind } from './sportsbet';
import { decodeBytes } from './decode';
import { countBy, fixtureBytes, importFixture, sumOf } from './test-helpers';
import type { ParsedFile } from './types';

const SYDNEY = { zone: 'Australia/Sydney' };
const HEADER =
  '"Time (AEST)","Type","Summary","Transaction Id","Bet Id","Amount","Balance","Single","Multiple","Exotic","Pool"';

function parseText(text: string): ParsedFile {
  const t = readCsv(text);
  if (!t.ok) throw new Error(t.error.code);
  const r = runImporter(sportsbetImporter, t.value, SYDNEY);
  if ('needs' in r) throw new Error('needs decision');
  return r;
}

describe('Sportsbet fixtures', () => {
  // Hand-computed from the fixture rows (see __fixtures__/README.md).
  const cases = [
    {
      file: 'sportsbet-history.csv',
      encoding: 'UTF-8 + BOM, CRLF, totals row',
      rows: 22,
      kinds: {
        deposit: 2,
        withdrawal: 2,
        'returned-withdrawal': 1,
        adjustment: 2,
        stake: 8,
        payout: 2,
        lose: 3,
        cashout: 1,
        void: 1,
      },
      stakedCents: -6600,
      paidCents: 14525 + 640 + 300,
      netCents: 15000,
      legs: 6,
    },
    {
      file: 'sportsbet-windows-1252.csv',
      encoding: 'Windows-1252, LF',
      rows: 3,
      kinds: { payout: 1, stake: 2 },
      stakedCents: -2000,
      paidCents: 6500,
      netCents: 4500,
      legs: 0,
    },
    {
      file: 'sportsbet-utf16le.txt',
      encoding: 'UTF-16LE + BOM, tab-separated',
      rows: 3,
      kinds: { payout: 1, stake: 1, deposit: 1 },
      stakedCents: -2000,
      paidCents: 3600,
      netCents: 8600,
      legs: 0,
    },
  ];
  it.each(cases)('$file ($encoding)', ({ file, rows, kinds, stakedCents, paidCents, netCents, legs }) => {
    const f = importFixture(file, SYDNEY, [sportsbetImporter]);
    const txns = f.batch.book_txns ?? [];
    expect(f.format).toBe('sportsbet');
    expect(f.rejects).toEqual([]);
    expect(f.rowCount).toBe(rows);
    expect(txns).toHaveLength(rows);
    expect(countBy(txns, (t) => t.kind)).toEqual(kinds);
    expect(
      sumOf(
        txns.filter((t) => t.kind === 'stake'),
        (t) => t.amountCents,
      ),
    ).toBe(stakedCents);
    expect(
      sumOf(
        txns.filter((t) => ['payout', 'cashout', 'void'].includes(t.kind)),
        (t) => t.amountCents,
      ),
    ).toBe(paidCents);
    expect(sumOf(txns, (t) => t.amountCents)).toBe(netCents);
    expect(f.batch.bet_legs ?? []).toHaveLength(legs);
    expect(f.dateOrder).toEqual({ order: 'dmy', decidedBy: 'format' });
  });

  const history = importFixture('sportsbet-history.csv', SYDNEY, [sportsbetImporter]);
  const byKey = new Map((history.batch.book_txns ?? []).map((t) => [t.key, t]));
  const txn = (id: string) => {
    const t = byKey.get(`sportsbet:txn:${id}`);
    if (!t) throw new Error(`no txn ${id}`);
    return t;
  };

  it('reads a single: event, market, selection, odds, result, sport, time in Sydney (AEDT)', () => {
    expect(txn('1002')).toEqual({
      key: 'sportsbet:txn:1002',
      venue: 'Sportsbet',
      betKey: 'sportsbet:bet:5001',
      at: '2024-02-29T22:05:00.000Z',
      tz: 'Australia/Sydney',
      kind: 'stake',
      amountCents: -1000,
      balanceCents: 9000,
      betType: 'single',
      event: 'Flemington - R7 Lexus Melbourne Cup',
      market: 'Win or Place',
      selection: '2. Buckaroo',
      oddsDecimal: 12,
      result: 'Win',
      sport: 'Horse Racing',
      description: 'Flemington - R7 Lexus Melbourne Cup / Win or Place / 2. Buckaroo @ 12.00 (Win)',
      line: 74,
    });
  });

  it('groups stake and settlement by bet, and keys cash rows without a bet', () => {
    expect(txn('1010').betKey).toBe('sportsbet:bet:5001');
    expect(txn('1010').kind).toBe('payout');
    expect(txn('1001').betKey).toBeNull();
    expect(txn('1018')).toMatchObject({ kind: 'returned-withdrawal', betKey: null, amountCents: 15000 });
    expect(txn('1019')).toMatchObject({
      kind: 'adjustment',
      betKey: 'sportsbet:bet:adj-1019',
      betType: null,
    });
    expect(txn('1020')).toMatchObject({
      kind: 'adjustment',
      betKey: 'sportsbet:bet:5003',
      betType: 'single',
    });
    expect(txn('1015')).toMatchObject({ kind: 'cashout', amountCents: 640, sport: 'Australian Rules' });
    expect(txn('1016')).toMatchObject({ kind: 'void', amountCents: 300 });
    expect(txn('1007')).toMatchObject({ kind: 'stake', result: 'Pending', sport: 'Rugby League' });
  });

  it('reads the SGM and the multi with legs from their stake rows only', () => {
    expect(txn('1003')).toMatchObject({
      betType: 'sgm',
      selection: null,
      oddsDecimal: null,
      amountCents: -500,
    });
    expect(txn('1005')).toMatchObject({ betType: 'multi', event: '3 Leg Multi', market: 'Multi' });
    expect(txn('1006')).toMatchObject({ betType: 'exotic', selection: '2, 3, 4', oddsDecimal: 45 });
    const legs = history.batch.bet_legs ?? [];
    expect(legs.map((l) => [l.key, l.line, l.result])).toEqual([
      ['sportsbet:bet:5004:leg:1', 54, 'won'],
      ['sportsbet:bet:5004:leg:2', 54, 'lost'],
      ['sportsbet:bet:5004:leg:3', 54, 'won'],
      ['sportsbet:bet:5002:leg:1', 68, 'won'],
      ['sportsbet:bet:5002:leg:2', 68, 'won'],
      ['sportsbet:bet:5002:leg:3', 68, 'won'],
    ]);
    expect(legs[1]).toMatchObject({
      event: 'Miami Heat At New York Knicks',
      market: 'Jimmy Butler - Rebounds',
      selection: 'Jimmy Butler Over (6.5)',
      oddsDecimal: 1.74,
      sport: 'Basketball',
      legIndex: 2,
    });
    expect(legs[2]).toMatchObject({ selection: '5. Fast "Eddie"', sport: 'Horse Racing' });
    expect(legs[5]).toMatchObject({
      market: 'Total Match Points',
      selection: 'Over 170.5',
      oddsDecimal: 1.85,
    });
  });

  it('reads times day-first, across the end of daylight saving (earlier instant of the repeated hour)', () => {
    expect(txn('1021').at).toBe('2024-03-13T07:00:00.000Z');
    expect(txn('1022').at).toBe('2024-04-06T15:30:00.000Z');
  });

  it('skips the totals row and the trailing empty lines', () => {
    const t = readCsv(decodeBytes(fixtureBytes('sportsbet-history.csv')).text);
    expect(t.ok && t.value.skipped).toEqual([{ line: 78, reason: 'totals or footer row' }]);
    expect(t.ok && t.value.lines.at(-1)).toBe(77);
  });

  it('reads the non-ASCII venue of the Windows-1252 file', () => {
    const f = importFixture('sportsbet-windows-1252.csv', SYDNEY, [sportsbetImporter]);
    expect(f.batch.book_txns?.[0]).toMatchObject({
      event: 'Düsseldorf (GER) - R4 Preis der Stadt',
      selection: '3. Überflieger',
      sport: 'Horse Racing',
      at: '2024-05-20T09:10:00.000Z',
    });
    expect(f.batch.book_txns?.[2]?.event).toBe('Atlético Madrid v Sevilla');
  });

  it('reads the shared TrackMyBets sample', () => {
    const f = importFixture('samples/trackmybets_sportsbet_format.csv', SYDNEY, [sportsbetImporter]);
    expect(f.batch.book_txns?.map((t) => [t.kind, t.amountCents, t.balanceCents, t.betKey, t.line])).toEqual([
      ['stake', -500, 7, 'sportsbet:bet:10', 2],
      ['payout', 136, 507, 'sportsbet:bet:11', 5],
    ]);
  });
});

describe('Sportsbet rejects', () => {
  const row = (cells: string) =>
    `${HEADER}\n${cells}\n"01/03/2024 09:00","Deposit","Deposit",9,,10.00,10.00,false,false,false,false\n`;
  it.each([
    {
      cells: '"01/03/2024 09:00","Bet Stake","X",1,2,abc,0,true,false,false,false',
      column: 'Amount',
      code: 'bad-amount',
    },
    {
      cells: '"31/02/2024 09:00","Bet Stake","X",1,2,-5,0,true,false,false,false',
      column: 'Time (AEST)',
      code: 'bad-date',
    },
    {
      cells: '"2024 March 1","Bet Stake","X",1,2,-5,0,true,false,false,false',
      column: 'Time (AEST)',
      code: 'bad-date',
    },
    {
      cells: '"01/03/2024 09:00","Free Spin","X",1,2,-5,0,true,false,false,false',
      column: 'Type',
      code: 'bad-row',
    },
    {
      cells: '"01/03/2024 09:00","Bet Stake","X",,2,-5,0,true,false,false,false',
      column: 'Transaction Id',
      code: 'bad-row',
    },
    {
      cells: '"01/03/2024 09:00","Win","X",1,,5,0,true,false,false,false',
      column: 'Bet Id',
      code: 'bad-row',
    },
    {
      cells: '"01/03/2024 09:00","Win","X",1,2,5,x,true,false,false,false',
      column: 'Balance',
      code: 'bad-amount',
    },
  ])('rejects a row naming $column ($code)', ({ cells, column, code }) => {
    const f = parseText(row(cells));
    expect(f.rejects).toHaveLength(1);
    expect(f.rejects[0]).toMatchObject({ line: 2, column, code });
    expect(
      f.rejects[0]?.raw.startsWith('01/03/2024') ||
        f.rejects[0]?.raw.startsWith('31/02') ||
        f.rejects[0]?.raw.startsWith('2024'),
    ).toBe(true);
    expect(f.batch.book_txns).toHaveLength(1);
    expect(f.rowCount).toBe(2);
  });

  it('keeps the first of two rows with one transaction id, with a note', () => {
    const r = '"01/03/2024 09:00","Deposit","Deposit",9,,10.00,10.00,false,false,false,false';
    const f = parseText(`${HEADER}\n${r}\n${r}\n`);
    expect(f.batch.book_txns).toHaveLength(1);
    expect(f.notes.at(-1)).toBe(
      '1 ledger row repeated an id already in this file; the first of each was kept.',
    );
  });
});

describe('sportsbetKind', () => {
  it.each([
    ['Bet Stake', -500, 'stake'],
    ['Bet Stake', 500, 'payout'],
    ['Win', 136, 'payout'],
    ['Lose', 0, 'lose'],
    ['Void', 500, 'void'],
    ['Cashed Out', 420, 'cashout'],
    ['Manual Adjustment', 100, 'adjustment'],
    ['Deposit', 5000, 'deposit'],
    ['Withdrawal', -5000, 'withdrawal'],
    ['Returned Withdrawal', 5000, 'returned-withdrawal'],
    ['Bonus Bet Credit', 1000, 'bonus'],
    ['BONUS WIN', 250, 'bonus'],
    ['  bet   stake ', -1, 'stake'],
    ['Free Spin', 0, null],
  ] as const)('%s (%i) → %s', (type, amount, kind) => {
    expect(sportsbetKind(type, cents(amount))).toBe(kind);
  });
});

describe('parseSummary', () => {
  it('splits a single', () => {
    expect(parseSummary('Arsenal v Nottm Forest\n Win-Draw-Win\nArsenal @ 1.36 (Win)')).toEqual({
      event: 'Arsenal v Nottm Forest',
      market: 'Win-Draw-Win',
      extra: [],
      legs: [
        {
          event: 'Arsenal v Nottm Forest',
          market: 'Win-Draw-Win',
          selection: 'Arsenal',
          oddsDecimal: 1.36,
          result: 'Win',
        },
      ],
    });
  });

  it('keeps non-numeric prices and missing results as null', () => {
    expect(parseSummary('Randwick - R1\n Win\n4. Tote Horse @ SP')?.legs[0]).toEqual({
      event: 'Randwick - R1',
      market: 'Win',
      selection: '4. Tote Horse',
      oddsDecimal: null,
      result: null,
    });
  });

  it('handles a one-line summary and CRLF inside the cell', () => {
    expect(parseSummary('Deposit - PayID')).toEqual({
      event: 'Deposit - PayID',
      market: null,
      extra: [],
      legs: [],
    });
    expect(parseSummary('A v B\r\n H2H\r\nA @ 2.00 (Lose)').legs[0]?.result).toBe('Lose');
  });
});

describe('sportsbetBetType', () => {
  const none = { multiple: false, exotic: false, pool: false };
  it.each([
    ['X v Y\n Same Game Multi', none, 2, 'sgm'],
    ['X v Y\n SGM', none, 1, 'sgm'],
    ['4 Leg Multi', none, 0, 'multi'],
    ['X v Y\n Head to Head', { ...none, multiple: true }, 1, 'multi'],
    ['X v Y\n H2H', none, 2, 'multi'],
    ['Randwick - R5\n Fixed Odds Boxed Trifecta (2, 3, 4)', none, 1, 'exotic'],
    ['Randwick - R5\n Quinella', none, 1, 'exotic'],
    ['Randwick - R5\n Win', { ...none, exotic: true }, 1, 'exotic'],
    ['Randwick - R5\n Tote Win', { ...none, pool: true }, 1, 'pool'],
    ['Randwick - R5\n Win', none, 1, 'single'],
    ['Multiplier Stakes - R2\n Win', none, 1, 'single'],
  ] as const)('%j → %s', (summary, flags, legs, type) => {
    expect(sportsbetBetType(summary, flags, legs)).toBe(type);
  });
});

describe('sportsbetImporter.detect', () => {
  it('is 1 for the full header, lower for the 7-column variant, 0 without the key columns', () => {
    const full = HEADER.replace(/"/g, '').split(',');
    expect(sportsbetImporter.detect(full)).toBe(1);
    expect(
      sportsbetImporter.detect(['Time', 'Type', 'Summary', 'Transaction Id', 'Bet Id', 'Amount', 'Balance']),
    ).toBeCloseTo(7 / 11);
    expect(sportsbetImporter.detect(['Time', 'Summary', 'Amount'])).toBe(0);
  });
});
