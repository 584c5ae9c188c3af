import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvRecord } from './csv';
import { guessMapping } from './mapped';
import { readCsv } from './csv';
import { importBytes, isNeedsDecision } from './run';

/** "1,234,567.89" (dot style) or "1.234.567,89" (comma style), with or without grouping, sign first. */
function formatMoney(c: number, style: 'dot' | 'comma', grouped: boolean): string {
  const abs = Math.abs(c);
  const whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, '0');
  const group = style === 'dot' ? ',' : '.';
  const sep = style === 'dot' ? '.' : ',';
  const w = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  return `${c < 0 ? '-' : ''}${w}${sep}${frac}`;
}

const rowArb = fc.record({
  amountCents: fc.integer({ min: -500_000_000, max: 500_000_000 }).filter((c) => c !== 0),
  balanceCents: fc.integer({ min: -500_000_000, max: 500_000_000 }),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  description: fc.constantFrom('COFFEE', 'SPORTSBET MELBOURNE', 'Rent, March', 'Pay "bonus"', 'A\nB', 'Same'),
});

describe('mapped bank CSV round trip (property)', () => {
  it('reads back every amount exactly, in both decimal styles and with debit/credit columns', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('dot' as const, 'comma' as const),
        fc.boolean(),
        fc.constantFrom('signed' as const, 'split' as const, 'split-signed-debit' as const),
        (rows, style, grouped, layout) => {
          const delimiter = style === 'comma' ? ';' : ',';
          const header =
            layout === 'signed'
              ? ['Date', 'Description', 'Amount', 'Balance']
              : ['Date', 'Description', 'Debit', 'Credit', 'Balance'];
          const lines = [formatCsvRecord(header, delimiter)];
          for (const r of rows) {
            const date = `${String(r.day).padStart(2, '0')}/${String(r.month).padStart(2, '0')}/2024`;
            const money = (c: number) => formatMoney(c, style, grouped);
            let cells: string[];
            if (layout === 'signed') cells = [date, r.description, money(r.amountCents)];
            else if (r.amountCents < 0) {
              // Westpac writes debits positive; ING writes them already negative.
              const debit = layout === 'split' ? -r.amountCents : r.amountCents;
              cells = [date, r.description, money(debit), ''];
            } else cells = [date, r.description, '', money(r.amountCents)];
            lines.push(formatCsvRecord([...cells, money(r.balanceCents)], delimiter));
          }
          const text = lines.join('\n');
          const table = readCsv(text);
          expect(table.ok).toBe(true);
          if (!table.ok) return;
          const mapping = guessMapping(table.value.header, table.value.rows.slice(0, 30), 'Test Bank');
          expect(mapping.decimalStyle).toBe(style);
          const res = importBytes(new TextEncoder().encode(text), 'bank.csv', { zone: 'UTC', mapping }, []);
          expect(res.ok).toBe(true);
          if (!res.ok || isNeedsDecision(res.value)) return;
          const txns = res.value.batch.bank_txns ?? [];
          expect(res.value.rejects).toEqual([]);
          expect(txns.map((t) => t.amountCents)).toEqual(rows.map((r) => r.amountCents));
          expect(txns.map((t) => t.balanceCents)).toEqual(rows.map((r) => r.balanceCents));
          expect(new Set(txns.map((t) => t.key)).size).toBe(rows.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
