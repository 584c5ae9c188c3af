import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCsvRecord,
  headerKey,
  isValueLike,
  openCsv,
  quoteCsvField,
  readCsv,
  sniffDelimiter,
} from './csv';

function table(text: string, opts = {}) {
  const r = readCsv(text, opts);
  if (!r.ok) throw new Error(`readCsv failed: ${r.error.code}`);
  return r.value;
}

describe('readCsv', () => {
  it('reads quoted cells with embedded newlines and doubled quotes, reporting physical start lines', () => {
    const t = table('a,b,c\r\n"x\r\ny",2,"say ""hi"""\r\n3,"p,q",4\r\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['x\r\ny', '2', 'say "hi"'],
      ['3', 'p,q', '4'],
    ]);
    expect(t.lines).toEqual([2, 4]);
    expect(t.headerLine).toBe(1);
    expect(t.delimiter).toBe(',');
    expect(t.skipped).toEqual([]);
  });

  it.each([
    {
      name: 'semicolon',
      text: 'Date;Amount;Balance\n01.02.2024;-3,50;100,00\n02.02.2024;1,00;101,00\n',
      d: ';',
    },
    { name: 'tab', text: 'Date\tAmount\tNote\n01/02/2024\t-3.50\ta, b\n02/02/2024\t1.00\tc\n', d: '\t' },
    { name: 'pipe', text: 'Date|Amount|Note\n01/02/2024|-3.50|a, b\n02/02/2024|1.00|c\n', d: '|' },
    { name: 'comma', text: 'Date,Amount,Note\n01/02/2024,-3.50,"a; b"\n02/02/2024,1.00,c\n', d: ',' },
  ])('sniffs a $name delimiter', ({ text, d }) => {
    expect(sniffDelimiter(text)).toBe(d);
    expect(table(text).rows).toHaveLength(2);
  });

  it('skips account-info lines before the header (Bank of America layout)', () => {
    const text = [
      'Description,,Summary Amt.',
      'Beginning balance as of 01/01/2024,,"1,000.00"',
      'Total credits,,"2,600.00"',
      'Total debits,,"-1,125.99"',
      'Ending balance as of 01/31/2024,,"2,474.01"',
      '',
      'Date,Description,Amount,Running Bal.',
      '01/02/2024,"A","-100.00","900.00"',
      '01/05/2024,"B","2,500.00","3,400.00"',
      '01/13/2024,"C","-1,000.00","2,400.00"',
      '01/20/2024,"D","100.00","2,500.00"',
      '01/28/2024,"E","-25.99","2,474.01"',
    ].join('\n');
    const t = table(text);
    expect(t.header).toEqual(['Date', 'Description', 'Amount', 'Running Bal.']);
    expect(t.headerLine).toBe(7);
    expect(t.lines).toEqual([8, 9, 10, 11, 12]);
    expect(t.skipped.map((s) => s.line)).toEqual([1, 2, 3, 4, 5]);
    expect(t.skipped.every((s) => s.reason === 'preamble')).toBe(true);
  });

  it('skips a title line with fewer fields', () => {
    const t = table(
      'Account 062-000 12345678\nDate,Amount,Description\n01/02/2024,5.00,x\n03/02/2024,6.00,y\n',
    );
    expect(t.headerLine).toBe(2);
    expect(t.rows).toEqual([
      ['01/02/2024', '5.00', 'x'],
      ['03/02/2024', '6.00', 'y'],
    ]);
  });

  it('moves trailing totals and footer rows to skipped, and ignores trailing empty lines', () => {
    const text =
      'Date,Type,Amount,Balance\n01/02/2024,Bet,-5.00,95.00\n02/02/2024,Win,10.00,105.00\n' +
      ',Total,5.00,\nEnd of statement\n\n\n';
    const t = table(text);
    expect(t.rows).toHaveLength(2);
    expect(t.skipped).toEqual([
      { line: 4, reason: 'totals or footer row' },
      { line: 5, reason: 'totals or footer row' },
    ]);
  });

  it('keeps a last row whose text merely starts with "Total Match Points" in a later cell', () => {
    const t = table('Time,Summary,Amount,Balance\n01/02/2024,"Total Match Points Over",-5.00,95.00\n');
    expect(t.rows).toHaveLength(1);
  });

  it('keeps rows with one optional trailing field missing (NAB Merchant Name)', () => {
    const text =
      'Date,Amount,Account Number,,Transaction Type,Transaction Details,Balance,Category,Merchant Name\n' +
      '02 Feb 22,-20,1XXXXXXXX, ,MISCELLANEOUS DEBIT,VXXXX 01/02 GOOGLE CLOUD,123.45,Shopping,Google Cloud\n' +
      '27 Jan 22,8.00,1XXXXXXXX, ,INTER-BANK CREDIT,Internet Wordpress,131.45,Other income\n' +
      '28 Jan 22,9.00,1XXXXXXXX, ,INTER-BANK CREDIT,Internet Wordpress,140.45,Other income\n';
    const t = table(text);
    expect(t.headerLine).toBe(1);
    expect(t.header[3]).toBe('Column 4');
    expect(t.rows.map((r) => r.length)).toEqual([9, 8, 8]);
  });

  it('gives a headerless file (CommBank) numbered column names', () => {
    const t = table(
      '30/06/2025,"-4.24","Direct Debit PAYPAL","+1234.56"\n01/07/2025,"+1500.00","Salary","+2734.56"\n',
    );
    expect(t.header).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(t.headerLine).toBe(0);
    expect(t.lines).toEqual([1, 2]);
  });

  it('makes repeated header names unique and strips a BOM', () => {
    const t = table('\uFEFFDate,Amount,Amount\n01/02/2024,1,2\n');
    expect(t.header).toEqual(['Date', 'Amount', 'Amount (2)']);
  });

  it('records rows of empty cells as skipped', () => {
    const t = table('a,b\n1,2\n,\n3,4\n');
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.skipped).toEqual([{ line: 3, reason: 'empty row' }]);
  });

  it('reads old Mac CR line ends and an unterminated quote without hanging', () => {
    expect(table('a,b\r1,2\r3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(table('a,b\n1,"open\n2,3').rows).toEqual([['1', 'open\n2,3']]);
  });

  it.each(['', '\n\n', 'Date,Amount\n', 'Date,Amount\r\n\r\n'])('returns empty-file for %j', (text) => {
    const r = readCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('empty-file');
  });

  it('uses a forced delimiter and records the encoding it is told', () => {
    const t = table('a;b\n1;2\n', { delimiter: ';', encoding: 'windows-1252' });
    expect(t.delimiter).toBe(';');
    expect(t.encoding).toBe('windows-1252');
  });
});

describe('isValueLike', () => {
  it.each([
    '-5',
    '1,234.56',
    '$(12.00)',
    '+1500.00',
    '30/06/2025',
    '02 Feb 22',
    '09:30',
    'true',
    '12.50-',
    'AUD 5',
  ])('%s is a value', (v) => expect(isValueLike(v)).toBe(true));
  it.each(['Date', 'Amount (GBP)', 'Top 3', 'Running Bal.', 'Column 1', ''])('%s is not a value', (v) =>
    expect(isValueLike(v)).toBe(false),
  );
});

describe('headerKey', () => {
  it('normalises case, spaces and a BOM', () => {
    expect(headerKey(['\uFEFF Date ', 'Transaction   Details', 'AMOUNT'])).toBe(
      'date|transaction details|amount',
    );
    expect(headerKey(['Date', 'Amount'])).toBe(headerKey([' date', 'amount ']));
  });
});

describe('quoteCsvField / formatCsvRecord', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\nlines')).toBe('"two\nlines"');
    expect(quoteCsvField(' pad')).toBe('" pad"');
    expect(formatCsvRecord(['1', 'x,y', ''])).toBe('1,"x,y",');
  });

  it('round-trips through readCsv', () => {
    const cells = ['Date', 'Note'];
    const row = ['01/02/2024', 'he said "no",\nthen left'];
    const t = table(`${formatCsvRecord(cells)}\n${formatCsvRecord(row)}\n`);
    expect(t.rows).toEqual([row]);
  });
});

describe('openCsv', () => {
  // Lines a real export may hold: data rows (some with quoted newlines), empty rows, preamble-like text,
  // totals and footer lines, and blank lines.
  const lineArb = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: -9999, max: 9999 }),
        fc.string({ maxLength: 6 }),
      )
      .map(([d, cents, note]) => formatCsvRecord([`${d}/03/2024`, (cents / 100).toFixed(2), note])),
    fc.constant(',,'),
    fc.constant(''),
    fc.constant('Total,,12.00'),
    fc.constant('End of statement'),
    fc.constant('"multi\nline",1.00,x'),
  );
  // The end of a file is where slicing can go wrong: a totals line must not be handed out as data before
  // the reader knows it is the last, blank or empty lines included.
  const tailArb = fc.array(fc.constantFrom('Total,,12.00', 'Total,,3.50', '', ',,'), { maxLength: 4 });
  const fileArb = fc
    .tuple(
      fc.boolean(),
      fc.array(lineArb, { maxLength: 300, size: 'max' }),
      tailArb,
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([preamble, lines, tail, eol]) =>
      [...(preamble ? ['Account 123'] : []), 'Date,Amount,Note', ...lines, ...tail].join(eol),
    );

  it('hands out, slice by slice, exactly the rows, lines and skipped rows of one whole read', () => {
    fc.assert(
      fc.property(
        fileArb,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        (text, max, readAhead) => {
          const whole = openCsv(text);
          const sliced = openCsv(text, { readAhead });
          expect(sliced.ok).toBe(whole.ok);
          if (!whole.ok || !sliced.ok) return;
          const all = whole.value.next(1_000_000);
          expect(whole.value.next(1_000_000)).toBeNull();
          const rows: string[][] = [];
          const lines: number[] = [];
          for (let s = sliced.value.next(max); s !== null; s = sliced.value.next(max)) {
            expect(s.rows.length).toBeGreaterThan(0);
            expect(s.rows.length).toBeLessThanOrEqual(max);
            rows.push(...s.rows);
            lines.push(...s.lines);
          }
          expect(rows).toEqual(all?.rows ?? []);
          expect(lines).toEqual(all?.lines ?? []);
          const byLine = (xs: { line: number }[]) => [...xs].sort((a, b) => a.line - b.line);
          expect(byLine(sliced.value.skipped)).toEqual(byLine(whole.value.skipped));
          expect(sliced.value.progress()).toBe(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('says empty-file for a header with only footer lines after it', () => {
    const r = openCsv('Date,Amount,Note\nTotal,,1.00\n');
    expect(r.ok ? 'ok' : r.error.code).toBe('empty-file');
  });
});
