/**
 * The downloadable "rejected rows" file: one line per row an importer could not take, with the file,
 * the 1-based line it started on, the column at fault, the error code, the reason in words and the raw
 * record, so the user can fix the export or see what was left out.
 */
import type { RowReject } from './types';
import { quoteCsvField } from './csv';

const HEADER = ['file', 'line', 'column', 'code', 'reason', 'raw'];

/**
 * Guards against spreadsheet formula injection: a text cell starting with = + - @ (or a tab/CR) would run
 * as a formula when the CSV is opened in Excel, so it gets a leading apostrophe. Plain numbers ("-5.00")
 * are left alone.
 */
function defuse(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/** RFC 4180 CSV (CRLF line ends, quotes doubled) of the rejects of one file, header first. */
export function rejectsToCsv(fileName: string, rejects: readonly RowReject[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rejects) {
    const cells = [fileName, String(r.line), r.column ?? '', r.code, r.reason, r.raw];
    lines.push(cells.map((c) => quoteCsvField(defuse(c))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
