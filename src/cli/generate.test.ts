import { describe, it, expect } from 'vitest';
import { runGenerate, type GenerateManifest } from './generate';
import { generateWorld } from '../lib/engine/generate/index';

/** An in-memory file system for the writeFile callback. */
function memoryFs(): { files: Map<string, string>; write: (path: string, text: string) => Promise<void> } {
  const files = new Map<string, string>();
  return {
    files,
    write: (path, text) => {
      files.set(path, text);
      return Promise.resolve();
    },
  };
}

describe('runGenerate', () => {
  it('writes every file and a manifest of names and totals, and returns the manifest', async () => {
    const fs = memoryFs();
    const out = await runGenerate(
      ['--seed', '9', '--out', 'out/dir/', '--persona', 'grinder', '--months', '2'],
      fs.write,
    );
    expect('error' in out).toBe(false);
    const manifest = out as GenerateManifest;
    expect(manifest.files).toEqual(['left-pocket-sessions.csv']);
    expect([...fs.files.keys()]).toEqual(['out/dir/left-pocket-sessions.csv', 'out/dir/manifest.json']);
    expect(JSON.parse(fs.files.get('out/dir/manifest.json') ?? '')).toEqual(manifest);
    const world = generateWorld({ seed: 9, persona: 'grinder', months: 2, scale: 1 });
    expect(fs.files.get('out/dir/left-pocket-sessions.csv')).toBe(world.files[0]?.text);
    expect(manifest.totals).toEqual(world.totals);
    expect(Object.keys(manifest.totals)).toEqual([
      'netCents',
      'stakedCents',
      'returnedCents',
      'bets',
      'depositsCents',
      'withdrawalsCents',
      'sessions',
      'hours',
      'pokerNetCents',
      'trades',
      'incomeCents',
      'spendingCents',
      'riskSpendCents',
    ]);
  });

  it("defaults to the 'all' persona over six months at scale 1", async () => {
    const fs = memoryFs();
    const out = (await runGenerate(['--seed=42', '--out=w'], fs.write)) as GenerateManifest;
    expect(out.files).toEqual([
      'sportsbet-transactions.csv',
      'left-pocket-sessions.csv',
      expect.stringMatching(/^tradovate-performance-APEX\d{13}\.csv$/),
      expect.stringMatching(/^tradovate-performance-PAAPEX\d{13}\.csv$/),
      'commbank-statement.csv',
    ]);
    expect(out.totals).toEqual(generateWorld({ seed: 42, persona: 'all', months: 6, scale: 1 }).totals);
  });

  it('honours --eol crlf, --bank nab and --start', async () => {
    const fs = memoryFs();
    const out = (await runGenerate(
      [
        '--seed',
        '3',
        '--out',
        'x',
        '--months',
        '1',
        '--start',
        '2026-01-01',
        '--eol',
        'crlf',
        '--bank',
        'nab',
      ],
      fs.write,
    )) as GenerateManifest;
    expect(out.files).toContain('nab-statement.csv');
    const sb = fs.files.get('x/sportsbet-transactions.csv') ?? '';
    expect(sb).toMatch(/^"Time \(AEST\)".*\r\n"\d{2}\/01\/2026 /);
    expect(sb).not.toMatch(/\/02\/2026 /);
  });

  it('reports bad arguments as an invalid-argument error and writes nothing', async () => {
    const cases: string[][] = [
      ['--out', 'x'],
      ['--seed', '1'],
      ['--seed', 'abc', '--out', 'x'],
      ['--seed', '1', '--out', 'x', '--persona', 'whale'],
      ['--seed', '1', '--out', 'x', '--months', '0'],
      ['--seed', '1', '--out', 'x', '--scale', '-2'],
      ['--seed', '1', '--out', 'x', '--start', '2026-02-30'],
      ['--seed', '1', '--out', 'x', '--bogus'],
      ['--seed', '1', '--out'],
    ];
    for (const args of cases) {
      const fs = memoryFs();
      const out = await runGenerate(args, fs.write);
      expect(out).toMatchObject({ error: { code: 'invalid-argument' } });
      expect(fs.files.size).toBe(0);
    }
  });
});
