import { describe, expect, it } from 'vitest';
import { BOOKMAKER_IMPORTERS } from './bookmakers';
import { readCsv } from './csv';
import { guessMapping } from './mapped';
import { decideDateOrder, importBytes, isNeedsDecision, mergeChunks, runImporter } from './run';
import { sportsbetImporter } from './sportsbet';
import { fixtureBytes } from './test-helpers';
import type { ColumnMapping, Importer, ParsedChunk } from './types';

/** A tiny importer whose date column is "When", so date-order decisions can be tested in isolation. */
const probe: Importer = {
  format: 'mapped',
  label: 'probe',
  kind: 'bank',
  detect: () => 0,
  dateColumns: (header) => header.filter((h) => h === 'When'),
  parse: (_h, rows, lines) => ({
    batch: { bank_txns: [] },
    rejects: rows.map((r, i) => ({
      line: lines[i] ?? 0,
      column: null,
      code: 'bad-row',
      reason: r[0] ?? '',
      raw: '',
    })),
  }),
};
const rowsOf = (...dates: string[]) => dates.map((d) => [d]);

describe('decideDateOrder', () => {
  const h = ['When'];
  it.each([
    { name: 'a day over 12 first proves day-first', dates: ['01/02/2024', '25/02/2024'], order: 'dmy' },
    { name: 'a day over 12 second proves month-first', dates: ['01/02/2024', '02/25/2024'], order: 'mdy' },
    { name: 'a four-digit year first is ymd', dates: ['2024-02-01'], order: 'ymd' },
    { name: 'no date values at all: day-first, nothing depends on it', dates: ['n/a'], order: 'dmy' },
    {
      name: 'day equal to month everywhere: nothing depends on it',
      dates: ['05/05/2024', '11/11/2024'],
      order: 'dmy',
    },
  ])('$name', ({ dates, order }) => {
    expect(decideDateOrder(probe, h, rowsOf(...dates), { zone: 'UTC' })).toEqual({
      decided: true,
      order,
      decidedBy: 'file',
    });
  });

  it('asks with up to five distinct ambiguous samples', () => {
    const dates = [
      '01/02/2024',
      '01/02/2024',
      '03/04/2024',
      '05/06/2024',
      '07/08/2024',
      '09/10/2024',
      '11/12/2024',
    ];
    expect(decideDateOrder(probe, h, rowsOf(...dates), { zone: 'UTC' })).toEqual({
      decided: false,
      samples: ['01/02/2024', '03/04/2024', '05/06/2024', '07/08/2024', '09/10/2024'],
    });
  });

  it('asks with one proof of each order when the file contradicts itself', () => {
    expect(decideDateOrder(probe, h, rowsOf('25/01/2024', '01/25/2024'), { zone: 'UTC' })).toEqual({
      decided: false,
      samples: ['25/01/2024', '01/25/2024'],
    });
  });

  it('prefers the format, then the user, then the file, then a mapping', () => {
    const amb = rowsOf('01/02/2024');
    expect(
      decideDateOrder(sportsbetImporter, ['Time (AEST)'], amb, { zone: 'UTC', dateOrder: 'mdy' }),
    ).toEqual({
      decided: true,
      order: 'dmy',
      decidedBy: 'format',
    });
    expect(decideDateOrder(probe, h, rowsOf('25/01/2024'), { zone: 'UTC', dateOrder: 'mdy' })).toEqual({
      decided: true,
      order: 'mdy',
      decidedBy: 'user',
    });
    const mapping = guessMapping(['When', 'Amount'], [['01/02/2024', '5']]);
    expect(
      decideDateOrder(probe, h, amb, { zone: 'UTC', mapping: { ...mapping, dateOrder: 'mdy' } }),
    ).toEqual({
      decided: true,
      order: 'mdy',
      decidedBy: 'user',
    });
  });
});

describe('runImporter', () => {
  it('returns NeedsDecision, then parses once the user chooses', () => {
    const t = readCsv('When,X\n01/02/2024,a\n03/04/2024,b\n');
    if (!t.ok) throw new Error('read');
    expect(runImporter(probe, t.value, { zone: 'UTC' })).toEqual({
      format: 'mapped',
      needs: 'date-order',
      samples: ['01/02/2024', '03/04/2024'],
    });
    const p = runImporter(probe, t.value, { zone: 'UTC', dateOrder: 'dmy' });
    expect(isNeedsDecision(p)).toBe(false);
    if (!isNeedsDecision(p)) {
      expect(p.rowCount).toBe(2);
      expect(p.rejects.map((r) => r.line)).toEqual([2, 3]);
      expect(p.dateOrder).toEqual({ order: 'dmy', decidedBy: 'user' });
    }
  });

  it('gives the same ParsedFile for any chunk size', () => {
    const t = readCsv(new TextDecoder().decode(fixtureBytes('sportsbet-history.csv')).replace(/^\uFEFF/, ''));
    if (!t.ok) throw new Error('read');
    const whole = runImporter(sportsbetImporter, t.value, { zone: 'Australia/Sydney' });
    for (const size of [1, 3, 7, 1000, 0]) {
      expect(runImporter(sportsbetImporter, t.value, { zone: 'Australia/Sydney' }, size)).toEqual(whole);
    }
  });
});

describe('mergeChunks', () => {
  const bank = (key: string, line: number) => ({
    key,
    account: 'A',
    at: '2024-01-01T00:00:00.000Z',
    tz: 'UTC',
    amountCents: 1,
    balanceCents: null,
    description: '',
    payee: null,
    category: null,
    counterparty: null,
    line,
  });

  it('numbers occurrence slots across chunks in order and keeps the first of a repeated key', () => {
    const chunks: ParsedChunk[] = [
      { batch: { bank_txns: [bank('bank:A:x:{n}', 1), bank('bank:A:id7', 2)] }, rejects: [] },
      {
        batch: { bank_txns: [bank('bank:A:x:{n}', 3), bank('bank:A:id7', 4), bank('bank:A:y:{n}', 5)] },
        rejects: [{ line: 6, column: null, code: 'bad-row', reason: 'r', raw: '' }],
      },
    ];
    const m = mergeChunks(chunks);
    expect(m.batch.bank_txns?.map((t) => [t.key, t.line])).toEqual([
      ['bank:A:x:1', 1],
      ['bank:A:id7', 2],
      ['bank:A:x:2', 3],
      ['bank:A:y:1', 5],
    ]);
    expect(m.rejects).toHaveLength(1);
    expect(m.notes).toEqual(['1 bank row repeated an id already in this file; the first of each was kept.']);
  });

  it('sets legIndex from the slot and fills unknown leg counts', () => {
    const leg = (betKey: string) => ({
      key: `${betKey}:leg:{n}`,
      betKey,
      venue: 'V',
      legIndex: 0,
      event: null,
      market: null,
      selection: null,
      oddsDecimal: null,
      result: null,
      sport: null,
      competition: null,
      line: 1,
    });
    const bet = {
      key: 'b1',
      venue: 'V',
      placedAt: '2024-01-01T00:00:00.000Z',
      settledAt: null,
      tz: 'UTC',
      status: 'won' as const,
      betType: 'multi' as const,
      stakeCents: 1,
      returnCents: 2,
      oddsDecimal: null,
      closingOddsDecimal: null,
      sport: null,
      competition: null,
      event: null,
      market: null,
      selection: null,
      isBonus: false,
      legCount: 0,
      line: 1,
    };
    const m = mergeChunks([
      { batch: { bets: [bet], bet_legs: [leg('b1'), leg('b1')] }, rejects: [] },
      { batch: { bet_legs: [leg('b1')] }, rejects: [] },
    ]);
    expect(m.batch.bet_legs?.map((l) => [l.key, l.legIndex])).toEqual([
      ['b1:leg:1', 1],
      ['b1:leg:2', 2],
      ['b1:leg:3', 3],
    ]);
    expect(m.batch.bets?.[0]?.legCount).toBe(3);
  });
});

describe('importBytes', () => {
  const opts = { zone: 'Australia/Sydney' };
  it('detects the format and parses', () => {
    const r = importBytes(fixtureBytes('sportsbet-history.csv'), 'a.csv', opts, BOOKMAKER_IMPORTERS);
    expect(r.ok && !isNeedsDecision(r.value) && r.value.format).toBe('sportsbet');
  });

  it('returns unknown-format with the header key when nothing matches and no mapping is given', () => {
    const r = importBytes(fixtureBytes('bank/westpac.csv'), 'w.csv', opts, BOOKMAKER_IMPORTERS);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'unknown-format',
        message: 'w.csv',
        detail: {
          file: 'w.csv',
          header: 'bank account|date|narrative|debit amount|credit amount|balance|categories|serial',
        },
      },
    });
  });

  it('falls back to the mapping, and checks its columns exist', () => {
    const mapping: ColumnMapping = {
      target: 'bank_txns',
      roles: { Date: 'date', 'Debit Amount': 'debit', 'Credit Amount': 'credit', Narrative: 'description' },
      dateOrder: 'dmy',
      decimalStyle: 'dot',
      source: 'Westpac',
    };
    const r = importBytes(
      fixtureBytes('bank/westpac.csv'),
      'w.csv',
      { ...opts, mapping },
      BOOKMAKER_IMPORTERS,
    );
    expect(r.ok && !isNeedsDecision(r.value) && r.value.batch.bank_txns?.length).toBe(8);
    const bad = { ...mapping, roles: { ...mapping.roles, Memo: 'description' as const } };
    const r2 = importBytes(
      fixtureBytes('bank/westpac.csv'),
      'w.csv',
      { ...opts, mapping: bad },
      BOOKMAKER_IMPORTERS,
    );
    expect(r2.ok ? null : r2.error.code).toBe('unknown-column');
  });

  it('forces a format when told, and refuses an unknown one or a bad zone', () => {
    const r = importBytes(fixtureBytes('draftkings.csv'), 'd.csv', opts, BOOKMAKER_IMPORTERS, 'fanduel');
    expect(r.ok && !isNeedsDecision(r.value) && r.value.format).toBe('fanduel');
    const r2 = importBytes(
      fixtureBytes('draftkings.csv'),
      'd.csv',
      opts,
      BOOKMAKER_IMPORTERS,
      'tradovate-fills',
    );
    expect(r2.ok ? null : r2.error.code).toBe('invalid-argument');
    const r3 = importBytes(
      fixtureBytes('draftkings.csv'),
      'd.csv',
      { zone: 'Mars/Olympus' },
      BOOKMAKER_IMPORTERS,
    );
    expect(r3.ok ? null : r3.error.code).toBe('invalid-argument');
  });

  it('returns empty-file for a header-only file, naming it', () => {
    const r = importBytes(new TextEncoder().encode('Date,Amount\n'), 'e.csv', opts, BOOKMAKER_IMPORTERS);
    expect(r).toEqual({ ok: false, error: { code: 'empty-file', detail: { file: 'e.csv' } } });
  });
});
