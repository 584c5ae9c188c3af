import { tableFromIPC } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookTxn, FactRows } from '../engine/model';
import { FACT_TABLES, TABLES } from '../engine/model';
import { readColumns, readColumnsGeneric, rowsToIpc } from './arrow';

const txn = (i: number, amountCents: number, balanceCents: number | null, at: string): BookTxn => ({
  key: `k:${i}`,
  venue: 'v',
  betKey: null,
  at,
  tz: 'UTC',
  kind: 'deposit',
  amountCents,
  balanceCents,
  betType: null,
  event: null,
  market: null,
  selection: null,
  oddsDecimal: null,
  result: null,
  sport: i % 3 === 0 ? 'Soccer ⚽ “quoted” – ünïcödé' : null,
  description: 'x'.repeat(i % 50),
  line: i + 1,
});

describe('rowsToIpc', () => {
  it('encodes any safe-integer cents exactly, nulls, repeated times and multi-byte text', () => {
    const cents = fc.oneof(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
      fc.maxSafeInteger(),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cents, fc.option(cents), fc.integer({ min: 0, max: 2 })), { maxLength: 60 }),
        (specs) => {
          const times = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', '2025-12-31T23:59:59.999Z'];
          const rows = specs.map(([a, b, t], i) => txn(i, a, b, times[t]!));
          const table = tableFromIPC(rowsToIpc('book_txns', rows));
          expect(table.numRows).toBe(rows.length);
          rows.forEach((r, i) => {
            const got = table.get(i)!.toJSON() as Record<string, unknown>;
            expect(got.amount_cents).toBe(BigInt(r.amountCents));
            expect(got.balance_cents).toBe(r.balanceCents === null ? null : BigInt(r.balanceCents));
            expect(got.ts_ms).toBe(Date.parse(r.at));
            expect(got.sport).toBe(r.sport);
            expect(got.description).toBe(r.description);
            expect(got._ord).toBe(i);
          });
        },
      ),
    );
  });
});

describe('readColumns', () => {
  it('reads every table as the generic field-by-field read does, in TABLES order', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    for (const table of FACT_TABLES) {
      const row = fc.record(Object.fromEntries(TABLES[table].map((s) => [s.field, value])));
      fc.assert(
        fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
          const typed = rows as unknown as FactRows[typeof table][];
          const cols = readColumns(table, typed);
          expect(cols).toHaveLength(TABLES[table].length);
          expect(cols).toEqual(readColumnsGeneric(table, typed));
        }),
        { numRuns: 50 },
      );
    }
  });
});
