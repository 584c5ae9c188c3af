import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { readCsv } from './csv';
import { createMappedImporter, guessMapping, missingMappedColumns } from './mapped';
import { fixtureBytes, importFixture, sumOf } from './test-helpers';
import type { ColumnMapping } from './types';

function mappingFor(file: string, source?: string): ColumnMapping {
  const t = readCsv(decodeBytes(fixtureBytes(file)).text);
  if (!t.ok) throw new Error(t.error.code);
  return guessMapping(t.value.header, t.value.rows.slice(0, 30), source);
}

function importMapped(file: string, zone = 'Australia/Sydney') {
  const mapping = mappingFor(file);
  return { mapping, parsed: importFixture(file, { zone, mapping }, []) };
}

describe('guessMapping on bank layouts', () => {
  it.each([
    {
      file: 'bank/westpac.csv',
      source: 'Westpac',
      roles: {
        Date: 'date',
        Narrative: 'description',
        'Debit Amount': 'debit',
        'Credit Amount': 'credit',
        Balance: 'balance',
        Categories: 'category',
        'Bank Account': 'ignore',
        Serial: 'ignore',
      },
      dateOrder: 'dmy',
    },
    {
      file: 'bank/nab-2022.csv',
      source: 'NAB',
      roles: {
        Date: 'date',
        Amount: 'amount',
        'Transaction Details': 'description',
        'Merchant Name': 'payee',
        Category: 'category',
        'Account Number': 'ignore',
        'Transaction Type': 'ignore',
      },
      dateOrder: 'dmy',
    },
    {
      file: 'bank/monzo.csv',
      source: 'Monzo',
      roles: {
        'Transaction ID': 'id',
        Date: 'date',
        Time: 'time',
        Name: 'payee',
        Amount: 'amount',
        Description: 'description',
        'Local amount': 'ignore',
        'Money Out': 'ignore',
        'Money In': 'ignore',
        Receipt: 'ignore',
      },
      dateOrder: 'dmy',
    },
    {
      file: 'bank/up-bank.csv',
      source: 'Up',
      roles: {
        Time: 'datetime',
        Payee: 'payee',
        Description: 'description',
        'Total (AUD)': 'amount',
        'Subtotal (AUD)': 'ignore',
        'Settled Date': 'ignore',
      },
      dateOrder: 'ymd',
    },
    {
      file: 'bank/amex.csv',
      source: 'American Express',
      roles: {
        Date: 'date',
        Description: 'description',
        Amount: 'debit',
        Reference: 'id',
        Category: 'category',
        'Account #': 'ignore',
      },
      dateOrder: 'mdy',
    },
    {
      file: 'bank/ing.csv',
      source: 'ING',
      roles: {
        Date: 'date',
        Description: 'description',
        Credit: 'credit',
        Debit: 'debit',
        Balance: 'balance',
      },
      dateOrder: 'dmy',
    },
    {
      file: 'bank/bofa-checking.csv',
      source: 'Bank of America',
      roles: { Date: 'date', Description: 'description', Amount: 'amount', 'Running Bal.': 'balance' },
      dateOrder: 'mdy',
    },
    {
      file: 'bank/commbank-headerless.csv',
      source: 'Bank account',
      roles: { 'Column 1': 'date', 'Column 2': 'amount', 'Column 3': 'description', 'Column 4': 'balance' },
      dateOrder: 'dmy',
    },
    {
      file: 'samples/starling-sdk-v2-get-statement.csv',
      source: 'Starling',
      roles: {
        Date: 'date',
        'Counter Party': 'payee',
        Reference: 'description',
        'Amount (GBP)': 'amount',
        'Balance (GBP)': 'balance',
        'Spending Category': 'category',
      },
      dateOrder: 'dmy',
    },
    {
      file: 'samples/nab-quoted-2017-format.csv',
      source: 'Bank account',
      roles: {
        'Column 1': 'date',
        'Column 2': 'amount',
        'Column 3': 'ignore',
        'Column 5': 'description',
        'Column 6': 'description',
        'Column 7': 'balance',
      },
      dateOrder: 'dmy',
    },
  ])('$file', ({ file, source, roles, dateOrder }) => {
    const m = mappingFor(file);
    expect(m.target).toBe('bank_txns');
    expect(m.source).toBe(source);
    expect(m.roles).toMatchObject(roles);
    expect(m.dateOrder).toBe(dateOrder);
  });

  it('takes the decimal style from the amounts and the source from the caller', () => {
    const m = mappingFor('bank/european-semicolon.csv', 'Sparkasse');
    expect(m).toMatchObject({ decimalStyle: 'comma', source: 'Sparkasse', dateOrder: 'dmy' });
  });

  it('does not take a Reference column with repeats or no digits for an id', () => {
    const m = guessMapping(
      ['Date', 'Reference', 'Amount'],
      [
        ['01/02/2024', 'RENT', '-5'],
        ['01/03/2024', 'RENT', '-5'],
      ],
    );
    expect(m.roles.Reference).toBe('description');
  });
});

describe('guessMapping on bet trackers', () => {
  it('maps the playerprofit template (Date,Sport,Selection,Stake,Odds,Result) as bets with American odds', () => {
    const m = mappingFor('bets/playerprofit.csv');
    expect(m).toMatchObject({
      target: 'bets',
      roles: {
        Date: 'date',
        Sport: 'sport',
        Selection: 'selection',
        Stake: 'stake',
        Odds: 'odds',
        Result: 'result',
      },
      dateOrder: 'ymd',
      oddsFormat: 'american',
    });
  });

  it('maps the "Bet Tracker" template', () => {
    const m = mappingFor('bets/bet-tracker.csv');
    expect(m.roles).toMatchObject({
      date: 'date',
      book: 'bookmaker',
      type: 'bet-type',
      team_or_player: 'selection',
      odds_american: 'odds',
      stake: 'stake',
      result: 'result',
    });
    expect(m.dateOrder).toBe('mdy');
  });

  it('guesses fractional and decimal odds from values', () => {
    const rows = (odds: string[]) => odds.map((o) => ['2024-01-02', 'x', '10', o, 'WIN']);
    const h = ['Date', 'Selection', 'Stake', 'Odds', 'Result'];
    expect(guessMapping(h, rows(['5/2', '1/1'])).oddsFormat).toBe('fractional');
    expect(guessMapping(h, rows(['1.91', '2.50'])).oddsFormat).toBe('decimal');
  });
});

describe('mapped bank imports', () => {
  it.each([
    { file: 'bank/westpac.csv', count: 8, total: 235440, bookmaker: 3, first: 250000 },
    { file: 'bank/nab-2022.csv', count: 4, total: -2000 + 800 - 10000 - 1550, bookmaker: 1, first: -2000 },
    {
      file: 'bank/commbank-headerless.csv',
      count: 4,
      total: -424 + 150000 - 5000 - 2000,
      bookmaker: 1,
      first: -424,
    },
    {
      file: 'bank/bofa-checking.csv',
      count: 5,
      total: -10000 + 250000 - 100000 + 10000 - 2599,
      bookmaker: 2,
      first: -10000,
    },
    {
      file: 'bank/european-semicolon.csv',
      count: 3,
      total: 250000 - 5000 - 4210,
      bookmaker: 1,
      first: 250000,
    },
    { file: 'bank/monzo.csv', count: 3, total: -2650 - 1000 + 150000, bookmaker: 1, first: -2650 },
    { file: 'bank/ing.csv', count: 2, total: -2650 + 200000, bookmaker: 1, first: -2650 },
    { file: 'bank/amex.csv', count: 2, total: -16500 + 50000, bookmaker: 0, first: -16500 },
    { file: 'bank/up-bank.csv', count: 2, total: -2050 - 3600, bookmaker: 1, first: -2050 },
    { file: 'samples/athena-loan-format.csv', count: 2, total: 65000 + 16204, bookmaker: 0, first: 65000 },
  ])('$file: $count rows totalling $total cents', ({ file, count, total, bookmaker, first }) => {
    const { parsed } = importMapped(file);
    const txns = parsed.batch.bank_txns ?? [];
    expect(parsed.format).toBe('mapped');
    expect(txns).toHaveLength(count);
    expect(sumOf(txns, (t) => t.amountCents)).toBe(total);
    expect(txns.filter((t) => t.counterparty === 'bookmaker')).toHaveLength(bookmaker);
    expect(txns[0]?.amountCents).toBe(first);
  });

  it('keys identical rows by occurrence, and a re-import gives the same keys', () => {
    const a = importMapped('bank/westpac.csv').parsed.batch.bank_txns ?? [];
    const b = importMapped('bank/westpac.csv').parsed.batch.bank_txns ?? [];
    expect(a.slice(-2).map((t) => t.key)).toEqual([
      'bank:Westpac:2024-01-20:-450:eftpos purchase coffee cart:1',
      'bank:Westpac:2024-01-20:-450:eftpos purchase coffee cart:2',
    ]);
    expect(b.map((t) => t.key)).toEqual(a.map((t) => t.key));
  });

  it('keys by the id column when there is one, without Amex apostrophes', () => {
    const { parsed } = importMapped('bank/amex.csv');
    expect(parsed.batch.bank_txns?.map((t) => [t.key, t.counterparty, t.at])).toEqual([
      ['bank:American Express:320240050000001', 'prop-firm', '2024-01-04T13:00:00.000Z'],
      ['bank:American Express:320240090000002', null, '2024-01-08T13:00:00.000Z'],
    ]);
  });

  it('reads month-name dates, payees, categories and balances (NAB)', () => {
    const { parsed } = importMapped('bank/nab-2022.csv');
    expect(parsed.batch.bank_txns?.[2]).toEqual({
      key: 'bank:NAB:2022-01-26:-10000:v1234 25/01 dd - sportsbet australia:1',
      account: 'NAB',
      at: '2022-01-25T13:00:00.000Z',
      tz: 'Australia/Sydney',
      amountCents: -10000,
      balanceCents: 12345,
      description: 'V1234 25/01 DD - SPORTSBET AUSTRALIA',
      payee: 'Sportsbet',
      category: 'Entertainment',
      counterparty: 'bookmaker',
      line: 4,
    });
    expect(parsed.batch.bank_txns?.[3]?.counterparty).toBeNull();
  });

  it('joins date and time columns (Monzo) and uses an offset written in the cell (Up)', () => {
    expect(importMapped('bank/monzo.csv').parsed.batch.bank_txns?.[0]?.at).toBe('2023-09-03T16:02:01.000Z');
    expect(importMapped('bank/up-bank.csv').parsed.batch.bank_txns?.[0]?.at).toBe('2026-01-14T22:30:00.000Z');
  });

  it('rejects the Bank of America beginning-balance row, which has no amount', () => {
    const { parsed } = importMapped('bank/bofa-checking.csv');
    expect(parsed.rejects).toEqual([
      {
        line: 8,
        column: 'Amount',
        code: 'bad-amount',
        reason: 'no amount',
        raw: '01/01/2024,Beginning balance as of 01/01/2024,,"1,000.00"',
      },
    ]);
    expect(parsed.rowCount).toBe(6);
  });

  it('rejects bad dates and amounts naming the column', () => {
    const mapping: ColumnMapping = {
      target: 'bank_txns',
      roles: { Date: 'date', Amount: 'amount', Description: 'description' },
      dateOrder: 'dmy',
      decimalStyle: 'dot',
      source: 'Test',
    };
    const text = 'Date,Amount,Description\n31/02/2024,5.00,a\n01/02/2024,five,b\n02/02/2024,-1.00,c\n';
    const t = readCsv(text);
    if (!t.ok) throw new Error('read');
    const p = createMappedImporter(mapping).parse(t.value.header, t.value.rows, t.value.lines, {
      zone: 'UTC',
      dateOrder: 'dmy',
    });
    expect(p.rejects.map((r) => [r.line, r.column, r.code])).toEqual([
      [2, 'Date', 'bad-date'],
      [3, 'Amount', 'bad-amount'],
    ]);
    expect(p.batch.bank_txns?.map((b) => b.amountCents)).toEqual([-100]);
  });
});

describe('mapped bet imports', () => {
  it('reads the playerprofit template: stakes, returns from American odds, results', () => {
    const { parsed } = importMapped('bets/playerprofit.csv');
    const bets = parsed.batch.bets ?? [];
    expect(bets.map((b) => [b.status, b.stakeCents, b.returnCents, b.oddsDecimal])).toEqual([
      ['won', 100000, 190909, 1.9091],
      ['lost', 25000, 0, 2.5],
      ['push', 10000, 10000, 1.8333],
      ['pending', 5000, 0, 2],
    ]);
    expect(sumOf(bets, (b) => b.stakeCents)).toBe(140000);
    expect(bets[0]).toMatchObject({
      sport: 'NFL',
      selection: 'Patriots ML',
      venue: 'Bets spreadsheet',
      legCount: 1,
    });
  });

  it('reads the "Bet Tracker" template with books, bet types and W/L/P', () => {
    const { parsed } = importMapped('bets/bet-tracker.csv');
    expect(parsed.batch.bets?.map((b) => [b.venue, b.betType, b.status, b.returnCents])).toEqual([
      ['DraftKings', 'single', 'won', 5000],
      ['FanDuel', 'multi', 'lost', 0],
      ['BetMGM', 'single', 'push', 2000],
    ]);
  });

  it('uses return or profit columns when given, and rejects what cannot be computed', () => {
    const mapping: ColumnMapping = {
      target: 'bets',
      roles: { Date: 'date', Stake: 'stake', Profit: 'profit', Result: 'result', Id: 'id' },
      dateOrder: 'ymd',
      decimalStyle: 'dot',
      source: 'Sheet',
    };
    const text =
      'Date,Stake,Profit,Result,Id\n2024-01-01,10,8.50,WIN,a1\n2024-01-02,10,-10,LOSS,a2\n' +
      '2024-01-03,10,,WIN,a3\n2024-01-04,10,,banana,a4\n2024-01-05,10,4,CASHED OUT,a5\n';
    const t = readCsv(text);
    if (!t.ok) throw new Error('read');
    const p = createMappedImporter(mapping).parse(t.value.header, t.value.rows, t.value.lines, {
      zone: 'UTC',
      dateOrder: 'ymd',
    });
    expect(p.batch.bets?.map((b) => [b.key, b.status, b.returnCents])).toEqual([
      ['bet:Sheet:a1', 'won', 1850],
      ['bet:Sheet:a2', 'lost', 0],
      ['bet:Sheet:a5', 'cashed-out', 1400],
    ]);
    expect(p.rejects.map((r) => [r.line, r.column, r.code])).toEqual([
      [4, 'Result', 'bad-row'],
      [5, 'Result', 'bad-row'],
    ]);
  });
});

describe('createMappedImporter', () => {
  const mapping: ColumnMapping = {
    target: 'bank_txns',
    roles: { Date: 'date', Amount: 'amount', Description: 'description', Extra: 'ignore' },
    dateOrder: 'dmy',
    decimalStyle: 'dot',
    source: 'Bank',
  };
  it('detects its own layout again and not one missing the money column', () => {
    const imp = createMappedImporter(mapping);
    expect(imp.detect(['date', 'amount', 'description'])).toBe(1);
    expect(imp.detect(['Date', 'Amount'])).toBeCloseTo(2 / 3);
    expect(imp.detect(['Date', 'Description'])).toBe(0);
    expect(imp.dateColumns?.(['Date'])).toEqual(['Date']);
  });

  it('lists mapped columns the header lacks', () => {
    expect(missingMappedColumns(mapping, ['Date', 'Description', 'Extra'])).toEqual(['Amount']);
  });
});
