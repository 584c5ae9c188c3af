import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import { rejectsToCsv } from './rejects-csv';

describe('rejectsToCsv', () => {
  it('writes a quoted CSV with a header, CRLF line ends and formula injection defused', () => {
    const csv = rejectsToCsv('my "file", v2.csv', [
      {
        line: 4,
        column: 'Amount',
        code: 'bad-amount',
        reason: '“abc” is not an amount',
        raw: '01/01/2024,"a, b",abc',
      },
      { line: 9, column: null, code: 'bad-row', reason: 'two\nlines', raw: '=HYPERLINK("x"),-5.00' },
    ]);
    expect(csv).toBe(
      'file,line,column,code,reason,raw\r\n' +
        '"my ""file"", v2.csv",4,Amount,bad-amount,“abc” is not an amount,"01/01/2024,""a, b"",abc"\r\n' +
        '"my ""file"", v2.csv",9,,bad-row,"two\nlines","\'=HYPERLINK(""x""),-5.00"\r\n',
    );
  });

  it('reads back with readCsv to the same cells', () => {
    const csv = rejectsToCsv('f.csv', [
      { line: 2, column: 'Type', code: 'bad-row', reason: 'x', raw: 'a,"b\nc"' },
    ]);
    const t = readCsv(csv);
    expect(t.ok && t.value.rows).toEqual([['f.csv', '2', 'Type', 'bad-row', 'x', 'a,"b\nc"']]);
  });

  it('leaves plain negative numbers alone and writes only the header when there are no rejects', () => {
    expect(rejectsToCsv('f', [{ line: 1, column: null, code: 'bad-row', reason: '-5', raw: '-5.00' }])).toBe(
      'file,line,column,code,reason,raw\r\nf,1,,bad-row,-5,-5.00\r\n',
    );
    expect(rejectsToCsv('f', [])).toBe('file,line,column,code,reason,raw\r\n');
  });
});
