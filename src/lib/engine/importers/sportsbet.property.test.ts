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

describe('Sportsbet rows parsed together (property)', () => {
  const summaries = [
    'GWS GIANTS v Carlton\n Head to Head\nCarlton @ 1.60 (Win)',
    'Warragul - R6\n Win or Place\n5. Swift Legend @ 3.55 (Win)',
    '2 Leg Multi\n Multi\nA v B\n Head to Head\nA @ 1.90 (Win)\nGreyhounds R2\n Win\n4. Dog @ 2.10 (Lose)',
    'Same Game Multi\n SGM\nX v Y\n Line\nX +4.5 @ 1.80',
    'Trifecta\n Boxed\n1, 2, 3 @ 12.00 (Pending)',
    'Deposit via Visa Debit card ending 1531',
    'Bonus Bet Credit\nextra line',
    '',
  ];
  const row = fc.record({
    type: fc.constantFrom('Bet Stake', 'Win', 'Lose', 'Void', 'Deposit', 'Manual Adjustment', 'Bonus Bet'),
    summary: fc.constantFrom(...summaries),
    betId: fc.constantFrom('', '77576828', '77576840'),
    amount: fc.constantFrom('-5.00', '32.00', '0.00', '12', 'x'),
    flags: fc.array(fc.constantFrom('true', 'false', 'TRUE', 'yes', '1', 'no', ''), {
      minLength: 4,
      maxLength: 4,
    }),
  });
  it('gives each row the same fields as parsing that row alone (the Summary memo changes nothing)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (specs) => {
        const header = [...SPORTSBET_HEADER];
        const rows = specs.map((r, i) => [
          '01/05/2026 00:08',
          r.type,
          r.summary,
          String(373102337 + i),
          r.betId,
          r.amount,
          '50.00',
          ...r.flags,
        ]);
        const lines = rows.map((_, i) => i + 2);
        const opts = { zone: 'Australia/Sydney', dateOrder: 'dmy' as const };
        const together = sportsbetImporter.parse(header, rows, lines, opts);
        const alone = rows.map((r, i) => sportsbetImporter.parse(header, [r], [lines[i]!], opts));
        expect(together.batch.book_txns ?? []).toEqual(alone.flatMap((a) => a.batch.book_txns ?? []));
        expect(together.batch.bet_legs ?? []).toEqual(alone.flatMap((a) => a.batch.bet_legs ?? []));
        expect(together.rejects).toEqual(alone.flatMap((a) => a.rejects));
      }),
      { numRuns: 300 },
    );
  });
});
