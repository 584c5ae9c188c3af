import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookTxnKind } from '../model';
import { centsToDecimalString } from '../money';
import { formatCsvRecord } from './csv';
import { isNeedsDecision, importBytes } from './run';
import { SPORTSBET_HEADER, sportsbetImporter } from './sportsbet';

/** Types the generator writes, with the kind each must read back as for a given signed amount. */
const TYPES: readonly [string, (amount: number) => BookTxnKind, 'bet' | 'cash' | 'adjustment' | 'bonus'][] = [
  ['Bet Stake', (a) => (a > 0 ? 'payout' : 'stake'), 'bet'],
  ['Win', () => 'payout', 'bet'],
  ['Lose', () => 'lose', 'bet'],
  ['Void', () => 'void', 'bet'],
  ['Cashed Out', () => 'cashout', 'bet'],
  ['Manual Adjustment', () => 'adjustment', 'adjustment'],
  ['Deposit', () => 'deposit', 'cash'],
  ['Withdrawal', () => 'withdrawal', 'cash'],
  ['Returned Withdrawal', () => 'returned-withdrawal', 'cash'],
  ['Bonus Bet Credit', () => 'bonus', 'bonus'],
];

/** Summary text with the characters that break naive CSV readers: quotes, commas, CR/LF, "@", parentheses. */
const summaryText = fc
  .array(fc.constantFrom('a', 'Z', ' ', '"', ',', '\n', '\r\n', '@', '(', ')', '1', '.', 'é', 'R7', ' v '), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

/** Amounts the way the export writes them: toFixed(2), or a bare integer when whole (as in the sample). */
const amountText = (c: number, bare: boolean): string =>
  bare && c % 100 === 0 ? String(c / 100) : centsToDecimalString(c);

const rowArb = fc.record({
  typeIndex: fc.integer({ min: 0, max: TYPES.length - 1 }),
  amountCents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
  balanceCents: fc.integer({ min: -10_000_000, max: 100_000_000 }),
  bare: fc.boolean(),
  hasBetId: fc.boolean(),
  summary: summaryText,
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2015, max: 2030 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
});

describe('Sportsbet export round trip (property)', () => {
  it('parses a generated export back to exactly the same keys, amounts and kinds', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        fc.boolean(),
        (rows, crlf, bom) => {
          const eol = crlf ? '\r\n' : '\n';
          const lines = [SPORTSBET_HEADER.map((h) => `"${h}"`).join(',')];
          const expected: { key: string; kind: BookTxnKind; amountCents: number; betKey: string | null }[] =
            [];
          rows.forEach((r, i) => {
            const entry = TYPES[r.typeIndex];
            if (!entry) throw new Error('type index out of range');
            const [type, kindOf, group] = entry;
            const txnId = String(100000 + i);
            const betId = group === 'bet' || (r.hasBetId && group !== 'cash') ? String(500 + (i % 7)) : '';
            const p2 = (n: number) => String(n).padStart(2, '0');
            const time = `${p2(r.day)}/${p2(r.month)}/${r.year} ${p2(r.hour)}:${p2(r.minute)}`;
            lines.push(
              formatCsvRecord([
                time,
                type,
                r.summary,
                txnId,
                betId,
                amountText(r.amountCents, r.bare),
                amountText(r.balanceCents, r.bare),
                ...r.flags.map(String),
              ]),
            );
            let betKey: string | null = null;
            if (group === 'bet' || (group === 'bonus' && betId !== '')) betKey = `sportsbet:bet:${betId}`;
            if (group === 'adjustment')
              betKey = betId !== '' ? `sportsbet:bet:${betId}` : `sportsbet:bet:adj-${txnId}`;
            expected.push({
              key: `sportsbet:txn:${txnId}`,
              kind: kindOf(r.amountCents),
              amountCents: r.amountCents,
              betKey,
            });
          });
          const text = lines.join(eol) + eol;
          const body = new TextEncoder().encode(text);
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const res = importBytes(bytes, 'gen.csv', { zone: 'Australia/Sydney' }, [sportsbetImporter]);
          expect(res.ok).toBe(true);
          if (!res.ok || isNeedsDecision(res.value)) return;
          expect(res.value.rejects).toEqual([]);
          expect(res.value.rowCount).toBe(rows.length);
          const got = (res.value.batch.book_txns ?? []).map((t) => ({
            key: t.key,
            kind: t.kind,
            amountCents: t.amountCents,
            betKey: t.betKey,
          }));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
