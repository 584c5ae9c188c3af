/**
 * The byte-level Sportsbet reader (engine/importers/sportsbet-fast.ts) against the reference path: decode,
 * openCsv, sportsbetImporter.parse in slices, the chunk merger and rowsToIpc. For generated exports and for
 * fast-check rows full of oddities, its Arrow IPC chunks must be byte-identical and its rejects, notes,
 * skipped lines, counts and sample rows equal; files it cannot read exactly must make it give up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../engine/importers/csv';
import { decodeBytes } from '../engine/importers/decode';
import { createChunkMerger } from '../engine/importers/run';
import { SPORTSBET_HEADER, sportsbetImporter } from '../engine/importers/sportsbet';
import { openSportsbetFast } from '../engine/importers/sportsbet-fast';
import { generateWorld } from '../engine/generate/index';
import type { FactTable } from '../engine/model';
import { ALL_IMPORTERS } from '../engine/importers/index';
import { columnsToIpc, rowsToIpcChunks } from './arrow';
import { openNodeSql } from './duckdb/node';
import { ensureSchema } from './ledger';
import { prepareImport } from './import-service';

const ZONE = 'Australia/Sydney';

interface Outcome {
  rows: number;
  ipcs: Partial<Record<FactTable, Uint8Array[]>>;
  rejects: unknown[];
  notes: string[];
  skipped: unknown[];
  samples: unknown[];
}

function reference(bytes: Uint8Array, slice: number, segment: number): Outcome | null {
  const decoded = decodeBytes(bytes);
  const csv = openCsv(decoded.text, { encoding: decoded.encoding, readAhead: 3 });
  if (!csv.ok) return null;
  const merger = createChunkMerger();
  const all: Partial<Record<FactTable, unknown[]>> = {};
  let rows = 0;
  for (let s = csv.value.next(slice); s !== null; s = csv.value.next(slice)) {
    const parsed = sportsbetImporter.parse(csv.value.header, s.rows, s.lines, {
      zone: ZONE,
      dateOrder: 'dmy',
    });
    rows += s.rows.length;
    const out = merger.add(parsed);
    for (const t of Object.keys(out) as FactTable[]) for (const r of out[t] ?? []) (all[t] ??= []).push(r);
  }
  const done = merger.finish();
  const ipcs: Outcome['ipcs'] = {};
  for (const t of Object.keys(all) as FactTable[]) ipcs[t] = rowsToIpcChunks(t, all[t] as never[], segment);
  return {
    rows,
    ipcs,
    rejects: done.rejects,
    notes: done.notes,
    skipped: csv.value.skipped,
    samples: (all.book_txns ?? []).slice(0, 8),
  };
}

function fast(bytes: Uint8Array, slice: number, segment: number): Outcome | null | 'bail' {
  const f = openSportsbetFast(bytes, { zone: ZONE, dateOrder: 'dmy', segmentRows: segment });
  if (f === null) return null;
  const ipcs: Outcome['ipcs'] = {};
  const counts: Partial<Record<FactTable, number>> = {};
  const add = (chunk: Parameters<typeof columnsToIpc>[0]): void => {
    const base = counts[chunk.table] ?? 0;
    (ipcs[chunk.table] ??= []).push(columnsToIpc(chunk, base));
    counts[chunk.table] = base + chunk.rows;
  };
  let rows = 0;
  for (;;) {
    const s = f.next(slice);
    if (s === 'bail') return 'bail';
    if (s === null) break;
    rows += s.rows;
    s.chunks.forEach(add);
  }
  const done = f.finish();
  done.chunks.forEach(add);
  expect(done.counts).toEqual(counts);
  return {
    rows,
    ipcs,
    rejects: done.rejects,
    notes: done.notes,
    skipped: done.skipped,
    samples: done.samples,
  };
}

/** Asserts the fast path gives exactly the reference's outcome, or gives up; returns which. */
function check(bytes: Uint8Array, slice = 5, segment = 7): 'same' | 'gave-up' {
  const want = reference(bytes, slice, segment);
  const got = fast(bytes, slice, segment);
  if (got === null || got === 'bail') return 'gave-up';
  expect(want).not.toBeNull();
  const { ipcs: a, ...restGot } = got;
  const { ipcs: b, ...restWant } = want!;
  expect(restGot).toEqual(restWant);
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const t of Object.keys(b) as FactTable[]) {
    const x = a[t] ?? [];
    const y = b[t] ?? [];
    expect(x.length).toBe(y.length);
    x.forEach((chunk, i) => expect(Buffer.from(chunk).equals(Buffer.from(y[i]!))).toBe(true));
  }
  return 'same';
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function generated(seed: number, scale: number, months = 2): string {
  const world = generateWorld({ seed, persona: 'punter', months, scale });
  const f = world.files.find((x) => x.name.startsWith('sportsbet'));
  if (!f) throw new Error('no Sportsbet file');
  return f.text;
}

describe('Sportsbet fast path: generated exports', () => {
  it.each([1, 2, 3, 7, 11])('seed %i: identical to the reference path', (seed) => {
    const text = generated(seed, 0.5 + (seed % 3) * 0.5);
    expect(check(utf8(text))).toBe('same');
    expect(check(utf8(text), 20_000, 100_000)).toBe('same');
  });

  it('with a BOM, CRLF line ends and a totals row', () => {
    const text = generated(5, 0.5);
    const crlf = '\uFEFF' + text.replace(/\r?\n/g, '\r\n') + '"Total","","","","","","","","","",""\r\n';
    expect(check(utf8(crlf))).toBe('same');
  });

  it('with lines repeated (dropped as repeats, with a note)', () => {
    const lines = generated(9, 0.5).split('\n');
    const out: string[] = [];
    // Repeat one-line records (a quoted date first, an even number of quotes).
    lines.forEach((l, i) => {
      out.push(l);
      const whole = /^"\d\d\//.test(l) && (l.match(/"/g) ?? []).length % 2 === 0;
      if (i > 400 && i % 7 === 0 && whole) out.push(l);
    });
    expect(check(utf8(out.join('\n')))).toBe('same');
  });
});

/** Cells the way the export writes them, and odd ones. */
const timeArb = fc.oneof(
  fc
    .record({
      d: fc.integer({ min: 1, max: 31 }),
      m: fc.integer({ min: 1, max: 12 }),
      y: fc.constantFrom(2019, 2024, 2026),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      sec: fc.option(fc.integer({ min: 0, max: 59 })),
    })
    .map(({ d, m, y, h, mi, sec }) => {
      const p = (n: number): string => String(n).padStart(2, '0');
      return `${p(d)}/${p(m)}/${y} ${p(h)}:${p(mi)}${sec === null ? '' : `:${p(sec)}`}`;
    }),
  // Days of DST changes in Sydney, and texts the fast reader leaves to the reference.
  fc.constantFrom(
    '05/04/2026 02:30',
    '04/10/2026 02:30',
    '07/04/2024 02:59',
    '31/02/2026 10:00',
    '2026-01-02 10:00',
    '1/2/2026 10:00',
    ' 01/02/2026 10:00',
    '',
    '01/02/1969 10:00',
  ),
);
const typeArb = fc.constantFrom(
  'Bet Stake',
  'Win',
  'Lose',
  'Void',
  'Cashed Out',
  'Manual Adjustment',
  'Deposit',
  'Withdrawal',
  'Returned Withdrawal',
  'Bonus Bet Credit',
  ' Bet  Stake ',
  'WIN',
  'Mystery',
  '',
);
const amountArb = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }).map((c) => (c / 100).toFixed(2)),
  fc.constantFrom('5', '-0.00', '0.5', '1,234.50', '$5.00', 'abc', ' 5.00', '', '12.345', '(5.00)'),
);
const idArb = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map(String),
  fc.integer({ min: 100_000_000, max: 999_999_999 }).map(String),
  fc.constantFrom('', ' 17 ', '007', 'x-12', '12345678901234567890', 'é1'),
);
const lineArb = fc.oneof(
  fc.constantFrom(
    'Carlton v Essendon',
    ' Head to Head',
    'Carlton @ 1.75 (Win)',
    'Essendon @ 2.10 (Lose)',
    'Warragul - R6',
    ' Win or Place',
    '5. Swift Legend @ 3.55 (Win)',
    '2 Leg Multi',
    ' Multi',
    'Same Game Multi',
    ' Trifecta',
    '1,2,3 @ 12.00',
    'Pending @ 1.50',
    'Düsseldorf v Köln',
    'Odd @ x (Win)',
    'Odd @ 1.5(Win)',
    '  spaced   @   2   ( Void )  ',
    'say "hi" @ 1.10',
    'Deposit via Visa',
    '',
    ' ',
    '\t tab',
  ),
  fc.string({ maxLength: 12 }),
);
const summaryArb = fc
  .tuple(fc.array(lineArb, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));
const flagArb = fc.constantFrom('true', 'false', 'false', 'TRUE', '1', '', ' true');

const recordArb = fc.record({
  time: timeArb,
  type: typeArb,
  summary: summaryArb,
  txn: idArb,
  bet: idArb,
  amount: amountArb,
  balance: fc.oneof(amountArb, fc.constant('')),
  flags: fc.tuple(flagArb, flagArb, flagArb, flagArb),
  quote: fc.boolean(),
  repeat: fc.integer({ min: 0, max: 9 }),
});

function cell(v: string, quote: boolean): string {
  if (quote || /[",\r\n]/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

describe('Sportsbet fast path: rows with oddities (property)', () => {
  it('gives exactly what the reference path gives, or gives up', () => {
    let same = 0;
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (records, eol, trailing, slice, segment) => {
          const lines = [SPORTSBET_HEADER.map((h) => `"${h}"`).join(',')];
          for (const r of records) {
            const cells = [r.time, r.type, r.summary, r.txn, r.bet, r.amount, r.balance, ...r.flags];
            const text = cells.map((c) => cell(c, r.quote)).join(',');
            lines.push(text);
            if (r.repeat === 0) lines.push(text);
          }
          const bytes = utf8(lines.join(eol) + (trailing ? eol : ''));
          if (check(bytes, slice, segment) === 'same') same++;
        },
      ),
      { numRuns: 300 },
    );
    // Most files are read by the fast path, not given up on.
    expect(same).toBeGreaterThan(200);
  });
});

describe('Sportsbet fast path: files it gives up on', () => {
  const base = generated(4, 0.5);
  const gaveUp = (text: string | Uint8Array): void => {
    const bytes = typeof text === 'string' ? utf8(text) : text;
    const r = fast(bytes, 5, 7);
    expect(r === null || r === 'bail').toBe(true);
  };

  it('another delimiter, header, a preamble, no data', () => {
    gaveUp(base.replace(/","/g, '";"'));
    gaveUp(base.replace('"Pool"', '"Pools"'));
    gaveUp(`Account statement\n${base}`);
    gaveUp(base.split('\n')[0]!);
  });

  it('UTF-16, Windows-1252, an unterminated quote, an empty or ragged row early on', () => {
    const le = new Uint8Array(base.length * 2);
    for (let i = 0; i < base.length; i++) le[i * 2] = base.charCodeAt(i) & 0xff;
    gaveUp(le);
    const bytes = utf8(base.replace('Head to Head', 'Head to Hèad'));
    const at = bytes.indexOf(0xc3);
    gaveUp(Uint8Array.from([...bytes.subarray(0, at), 0xe8, ...bytes.subarray(at + 2)]));
    gaveUp(`${base.trimEnd()}\n"01/05/2026 00:08","Deposit","unterminated`);
    const lines = base.split('\n');
    gaveUp([lines[0], ',,,,,,,,,,', ...lines.slice(1)].join('\n'));
    gaveUp([lines[0], '"a","b"', ...lines.slice(1)].join('\n'));
  });
});

type Prepared = Awaited<ReturnType<typeof preparedBothWays>>['a'];

/**
 * A file prepared by `prepareImport` with the fast path and the ordinary way: a copy of the Sportsbet
 * importer is not the one the fast path answers for, so it reads the file the usual way.
 */
async function preparedBothWays(bytes: Uint8Array) {
  const ordinary = ALL_IMPORTERS.map((i) => (i === sportsbetImporter ? { ...i } : i));
  const sql = await openNodeSql();
  await ensureSchema(sql);
  const run = async (importers: typeof ALL_IMPORTERS) => {
    const r = await prepareImport(sql, null, { fileName: 'sb.csv', bytes, zone: ZONE }, importers);
    if (!r.ok || r.value.kind !== 'ready') throw new Error(JSON.stringify(r));
    const { ipcs, detections, ...rest } = r.value.prepared;
    return { ipcs, rest, detections: detections.map((d) => d.format) };
  };
  return { a: await run(ALL_IMPORTERS), b: await run(ordinary) };
}

/** The same Arrow chunks, byte for byte, per table. */
function expectSameChunks(a: Prepared['ipcs'], b: Prepared['ipcs']): void {
  for (const t of Object.keys(b ?? {}) as FactTable[]) {
    const x = a?.[t] ?? [];
    const y = b?.[t] ?? [];
    expect(x.length).toBe(y.length);
    x.forEach((chunk, i) => expect(Buffer.from(chunk).equals(Buffer.from(y[i]!))).toBe(true));
  }
}

describe('prepareImport with the fast path', () => {
  it('prepares the same as the ordinary path', async () => {
    const text = generated(6, 0.5).trimEnd();
    // A reject and a repeated line at the end, so rejects and notes are compared too.
    const last = text.slice(text.lastIndexOf('\n"') + 1);
    const bytes = utf8(
      `${text}\n"01/05/2026 00:08","Mystery","x","1","","1.00","","false","false","false","false"\n${last}\n`,
    );
    // The fast path reads this file through (it does not give up on it).
    const read = fast(bytes, 20_000, 100_000);
    expect(read === null || read === 'bail').toBe(false);
    const { a, b } = await preparedBothWays(bytes);
    expect(a.rest).toEqual(b.rest);
    expect(a.rest.rejects.length).toBe(1);
    expect(a.rest.notes.some((n) => n.includes('repeated an id'))).toBe(true);
    expect(a.detections).toEqual(b.detections);
    expectSameChunks(a.ipcs, b.ipcs);
  });

  it('gives up part-way on a row it does not read, and the file is read the ordinary way', async () => {
    // More than one 20k-record slice, with a row of empty cells after the first slice: the fast path has
    // staged chunks by then, which are discarded before the file is read again.
    const records = generated(5, 15, 6)
      .trimEnd()
      .split(/\n(?="\d\d\/)/);
    expect(records.length).toBeGreaterThan(25_000);
    const bytes = utf8([...records.slice(0, 24_000), ',,,,,,,,,,', ...records.slice(24_000)].join('\n'));
    // The first slice reads, a later one gives up.
    const reader = openSportsbetFast(bytes, { zone: ZONE, dateOrder: 'dmy', segmentRows: 20_000 });
    const first = reader?.next(20_000);
    expect(first !== null && first !== 'bail' && first?.chunks.length).toBeGreaterThan(0);
    let later = reader?.next(20_000);
    while (later !== null && later !== 'bail') later = reader?.next(20_000);
    expect(later).toBe('bail');
    const { a, b } = await preparedBothWays(bytes);
    expect(a.rest).toEqual(b.rest);
    expect(a.rest.rowCount).toBe(records.length - 1);
    expectSameChunks(a.ipcs, b.ipcs);
  });
});
