import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import execCsv from './__fixtures__/ninjatrader_executions.csv?raw';
import perfCsv from './__fixtures__/tradovate_performance.csv?raw';
import topstepCsv from './__fixtures__/topstepx_trades.csv?raw';
import { PASTE_IMPORTERS, readPaste } from './paste';
import { importText } from './test-helpers';

const opts = { today: '2026-06-15', zone: 'America/New_York' };
const withoutHeader = (csv: string): string => csv.trim().split('\n').slice(1).join('\n');

function read(text: string) {
  const r = readPaste(text, opts);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message ?? ''}`);
  return r.value;
}

const imported = (csv: string, account = 'A1') =>
  importText(csv, 'Pasted rows', { account }, PASTE_IMPORTERS);

describe('readPaste', () => {
  it('reads rows with their header as the export they come from', () => {
    const p = read(perfCsv);
    expect(p).toMatchObject({ shape: 'with-header', format: 'tradovate-performance', rows: 2 });
    expect(imported(p.csv).batch.trades).toHaveLength(2);
  });

  it.each([
    ['Tradovate Performance', perfCsv, 'tradovate-performance', 'trades'],
    ['TopstepX trades', topstepCsv, 'topstepx-trades', 'trades'],
    ['NinjaTrader executions', execCsv, 'ninjatrader-executions', 'trade_fills'],
  ] as const)('reads %s rows pasted without their header', (_, csv, format, table) => {
    const p = read(withoutHeader(csv));
    expect(p.shape).toBe('without-header');
    expect(p.format).toBe(format);
    const withHeader = imported(csv).batch[table] ?? [];
    const without = imported(p.csv).batch[table] ?? [];
    expect(without.length).toBeGreaterThan(0);
    // The same rows and the same keys as the file: pasting what was imported changes nothing.
    expect(without.map((r) => r.key)).toEqual(withHeader.map((r) => r.key));
  });

  it('reads tab-separated rows copied from a spreadsheet or a platform grid', () => {
    const tsv = perfCsv
      .trim()
      .split('\n')
      .map((l) => l.replace(/"\$1,200\.00"/, '$1200.00').replace(/,/g, '\t'))
      .join('\n');
    const p = read(tsv);
    expect(p.format).toBe('tradovate-performance');
    expect(imported(p.csv).batch.trades?.map((t) => t.netCents)).toEqual([-40_000, 120_000]);
  });

  it('reads the simple shape with or without a header; a time alone is today', () => {
    const rows = '10:31:05, MNQM6, Buy, 2, 29000.25\n10:35:00, MNQM6, Sell, 2, 28990';
    const p = read(rows);
    expect(p).toMatchObject({ shape: 'without-header', format: 'pasted-fills', rows: 2 });
    const fills = imported(p.csv).batch.trade_fills ?? [];
    expect(fills.map((f) => [f.at, f.side, f.qty, f.price, f.venue, f.account])).toEqual([
      ['2026-06-15T14:31:05.000Z', 'buy', 2, 29000.25, 'paste', 'A1'],
      ['2026-06-15T14:35:00.000Z', 'sell', 2, 28990, 'paste', 'A1'],
    ]);
    const h = read(`Time\tSymbol\tSide\tQty\tPrice\n${rows.replace(/, /g, '\t')}`);
    expect(h).toMatchObject({ shape: 'with-header', format: 'pasted-fills' });
    expect((imported(h.csv).batch.trade_fills ?? []).map((f) => f.key)).toEqual(fills.map((f) => f.key));
  });

  it('a signed quantity stands in for an empty side; BOT/SLD are understood', () => {
    const p = read(
      'time,symbol,side,qty,price\n2026-06-15 10:00,ES,,-1,6000\n2026-06-15 10:01,ES,BOT,1,5999',
    );
    expect((imported(p.csv).batch.trade_fills ?? []).map((f) => [f.side, f.qty])).toEqual([
      ['sell', 1],
      ['buy', 1],
    ]);
  });

  it('two identical pasted fills stay two rows; pasting them again gives the same keys', () => {
    const text = '10:00:00,MNQM6,buy,1,29000\n10:00:00,MNQM6,buy,1,29000';
    const a = imported(read(text).csv).batch.trade_fills ?? [];
    const b = imported(read(text).csv).batch.trade_fills ?? [];
    expect(new Set(a.map((f) => f.key)).size).toBe(2);
    expect(b.map((f) => f.key)).toEqual(a.map((f) => f.key));
  });

  it('rejects a bad row with its reason instead of guessing', () => {
    const p = read('time,symbol,side,qty,price\n10:00,MNQM6,maybe,1,29000\n10:01,MNQM6,buy,1,29001');
    const r = imported(p.csv);
    expect(r.batch.trade_fills).toHaveLength(1);
    expect(r.rejects.map((x) => x.reason)).toEqual(['side: “maybe” is neither buy nor sell']);
  });

  it('says what is wrong with blank text and rows that fit nothing', () => {
    expect(readPaste('  \n\n', opts)).toMatchObject({ ok: false, error: { code: 'empty-file' } });
    expect(readPaste('hello,world,foo\n1,2,3', opts)).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
    expect(readPaste('a,b,c\nd,e,f', opts)).toMatchObject({ ok: false, error: { code: 'unknown-format' } });
  });
});

describe('readPaste properties', () => {
  const fillArb = fc.record({
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    root: fc.constantFrom('MNQ', 'ES', 'MES', 'CL'),
    side: fc.constantFrom('buy', 'sell'),
    qty: fc.integer({ min: 1, max: 20 }),
    ticks: fc.integer({ min: 0, max: 100_000 }),
  });

  it('simple rows come back as the same fills, with or without a header, comma or tab separated', () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        fc.constantFrom(',', '\t'),
        (fills, header, sep) => {
          const lines = fills.map((f) =>
            [
              `10:${String(f.minute).padStart(2, '0')}:${String(f.second).padStart(2, '0')}`,
              `${f.root}M6`,
              f.side,
              String(f.qty),
              String(f.ticks * 0.25),
            ].join(sep),
          );
          const text = [
            ...(header ? [['time', 'symbol', 'side', 'qty', 'price'].join(sep)] : []),
            ...lines,
          ].join('\n');
          const p = read(text);
          expect(p.format).toBe('pasted-fills');
          const out = imported(p.csv).batch.trade_fills ?? [];
          expect(out.map((f) => [f.root, f.side, f.qty, f.price])).toEqual(
            fills.map((f) => [f.root, f.side, f.qty, f.ticks * 0.25]),
          );
          expect(new Set(out.map((f) => f.key)).size).toBe(out.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
