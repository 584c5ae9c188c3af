import { describe, expect, it } from 'vitest';
import { runSimulate } from './simulate';

const files: Record<string, string> = {
  'h.csv': '\uFEFFdate,resultCents\n2026-01-01,100\n2026-01-02,-250\n2026-01-03,400\n',
  'stakes.csv': 'resultCents,stake\n100,NL10\n-100,NL10\n5000,NL50\n',
  'bad.csv': 'resultCents\n12.5\n',
  'other.csv': 'Date,Amount\n2026-01-01,1.00\n',
  'empty.csv': 'resultCents\n',
};
const read = (path: string): Promise<Uint8Array> => {
  const text = files[path];
  return text === undefined
    ? Promise.reject(new Error('ENOENT'))
    : Promise.resolve(new TextEncoder().encode(text));
};
const base = ['--bankroll-cents', '200000', '--horizon', '200', '--paths', '2000', '--seed', '7'];

describe('runSimulate', () => {
  it('prints the TESTING.md shape for a normal model', async () => {
    const out = await runSimulate(
      [
        '--model',
        'normal',
        '--mean-cents',
        '500',
        '--sd-cents',
        '10000',
        ...base,
        '--target-cents',
        '300000',
      ],
      read,
    );
    expect(Object.keys(out).sort()).toEqual(
      [
        'cvar95Cents',
        'elapsedMs',
        'finalCents',
        'horizon',
        'pTarget',
        'paths',
        'riskOfRuin',
        'var95Cents',
      ].sort(),
    );
    if ('error' in out) throw new Error(out.error.message);
    expect(out.paths).toBe(2000);
    expect(out.horizon).toBe(200);
    expect(out.riskOfRuin).toBeGreaterThan(0);
    expect(out.pTarget).toBeGreaterThan(0);
    expect(out.finalCents.p5).toBeLessThan(out.finalCents.p50);
    expect(out.finalCents.p50).toBeLessThan(out.finalCents.p95);
    expect(out.var95Cents).toBe(200000 - out.finalCents.p5);
    expect(out.cvar95Cents).toBeGreaterThanOrEqual(out.var95Cents);
    expect(Number.isInteger(out.elapsedMs)).toBe(true);
  });

  it('is reproducible for a seed and accepts --flag=value', async () => {
    const a = await runSimulate(
      ['--model', 'student-t', '--mean-cents', '0', '--sd-cents', '3000', '--df', '4', ...base],
      read,
    );
    const b = await runSimulate(
      ['--model=student-t', '--mean-cents=0', '--sd-cents=3000', '--df=4', ...base],
      read,
    );
    expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });
  });

  it('bootstraps a resultCents CSV: every step is one of its values', async () => {
    // Two steps from {100, -250, 400} starting at 1000: the final bankroll is 1000 + two of them.
    const out = await runSimulate(
      [
        '--model',
        'bootstrap',
        '--history',
        'h.csv',
        '--bankroll-cents',
        '1000',
        '--horizon',
        '2',
        '--paths',
        '500',
      ],
      read,
    );
    if ('error' in out) throw new Error(out.error.message);
    const sums = new Set([200, -150, 500, -500, 150, 800].map((s) => 1000 + s));
    expect(sums.has(out.finalCents.p5)).toBe(true);
    expect(sums.has(out.finalCents.p95)).toBe(true);
    expect(out.riskOfRuin).toBe(0);
  });

  it('fits normal and Student-t parameters from the history when flags are missing, and mixes by stake', async () => {
    for (const model of ['normal', 'student-t', 'mixture']) {
      const out = await runSimulate(['--model', model, '--history', 'stakes.csv', ...base], read);
      expect('error' in out).toBe(false);
    }
  });

  it.each([
    [['--model', 'normal', ...base], 'invalid-argument'],
    [['--model', 'gaussian', '--mean-cents', '1', '--sd-cents', '1', ...base], 'invalid-argument'],
    [['--model', 'normal', '--mean-cents', '1.5', '--sd-cents', '1', ...base], 'invalid-argument'],
    [['--model', 'normal', '--mean-cents', '1', '--sd-cents', '-1', ...base], 'invalid-argument'],
    [
      [
        '--model',
        'normal',
        '--mean-cents',
        '1',
        '--sd-cents',
        '1',
        '--paths',
        '0',
        '--horizon',
        '5',
        '--bankroll-cents',
        '5',
      ],
      'invalid-argument',
    ],
    [
      ['--model', 'normal', '--mean-cents', '1', '--sd-cents', '1', '--horizon', '5', '--paths', '5'],
      'invalid-argument',
    ],
    [
      ['--model', 'normal', '--mean-cents', '1', '--sd-cents', '1', '--colour', 'red', ...base],
      'invalid-argument',
    ],
    [
      ['--model', 'normal', '--mean-cents', '1', '--mean-cents', '2', '--sd-cents', '1', ...base],
      'invalid-argument',
    ],
    [['--model', 'normal', 'extra', ...base], 'invalid-argument'],
    [['--model', 'normal', '--mean-cents'], 'invalid-argument'],
    [
      ['--model', 'student-t', '--mean-cents', '1', '--sd-cents', '1', '--df', '2', ...base],
      'invalid-argument',
    ],
    [['--model', 'student-t', '--mean-cents', '1', '--sd-cents', '1', ...base], 'invalid-argument'],
    [
      ['--model', 'normal', '--mean-cents', '1', '--sd-cents', '1', '--stop-loss-cents', '0', ...base],
      'invalid-argument',
    ],
    [['--model', 'bootstrap', ...base], 'invalid-argument'],
    [['--model', 'bootstrap', '--history', 'missing.csv', ...base], 'not-found'],
    [['--model', 'bootstrap', '--history', 'other.csv', ...base], 'missing-column'],
    [['--model', 'bootstrap', '--history', 'bad.csv', ...base], 'bad-number'],
    [['--model', 'bootstrap', '--history', 'empty.csv', ...base], 'empty-file'],
  ])('%j -> %s', async (args, code) => {
    const out = await runSimulate(args, read);
    expect('error' in out ? out.error.code : 'ok').toBe(code);
    if ('error' in out) expect(out.error.message).toBeTruthy();
  });
});
