import { describe, expect, it } from 'vitest';
import cashCsv from '../lib/engine/importers/trading/__fixtures__/tradovate_cash_history.csv?raw';
import ordersCsv from '../lib/engine/importers/trading/__fixtures__/tradovate_orders.csv?raw';
import perfCsv from '../lib/engine/importers/trading/__fixtures__/tradovate_performance.csv?raw';
import { runRules } from './rules';

const FILES: Record<string, string> = {
  'perf.csv': perfCsv,
  'orders.csv': ordersCsv,
  'cash.csv': cashCsv,
  'blown.csv': [
    perfCsv.split('\n')[0] ?? '',
    'MNQM6,-2,0,0.25,10,11,10,20000.00,19869.75,"$(2,605.00)",06/10/2026 10:00:00,06/10/2026 10:03:00,3min',
  ].join('\n'),
  'notes.txt': 'hello,world\n1,2\n',
};

const readFile = (path: string): Promise<Uint8Array> => {
  const text = FILES[path];
  return text === undefined
    ? Promise.reject(new Error(`no ${path}`))
    : Promise.resolve(new TextEncoder().encode(text));
};

const run = (...args: string[]) => runRules(['--profile-tz', 'America/New_York', ...args], readFile);

describe('rules CLI', () => {
  it('lists the shipped rule sets with versions and sources', async () => {
    const r = await runRules(['--list', '--json'], readFile);
    expect(r.ok).toBe(true);
    if (!r.ok || !('rulesets' in r.value)) return;
    expect(r.value.rulesets).toHaveLength(37);
    expect(r.value.rulesets.find((x) => x.id === 'apex-50k-eval@2025-08')).toEqual({
      id: 'apex-50k-eval@2025-08',
      firm: 'Apex Trader Funding',
      plan: '50K Full',
      phase: 'evaluation',
      version: '2025-08',
      effectiveDate: '2025-08-12',
      sourceUrl: 'https://support.apextraderfunding.com/hc/en-us/articles/31519769997083-Evaluation-Rules',
    });
  });

  it('evaluates Apex 50K over the Performance sample: 50,000 − 400 + 1,200', async () => {
    const r = await run(
      '--ruleset',
      'apex-50k-eval@2025-08',
      '--account',
      'APEX1',
      '--as-of',
      '2026-06-13T00:00:00Z',
      'perf.csv',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        accounts: [
          {
            account: 'APEX1',
            ruleset: 'apex-50k-eval@2025-08',
            status: 'safe',
            balanceCents: 5_080_000,
            thresholdCents: 4_830_000,
            distanceToViolationCents: 250_000,
            violations: [],
          },
        ],
      },
    });
  });

  it('merges files by row key and splits accounts; Topstep trails end-of-day balances', async () => {
    const r = await run(
      '--ruleset=topstep-50k-combine@2024-08',
      '--as-of=2026-06-13T00:00:00Z',
      'orders.csv',
      'perf.csv',
      'perf.csv',
    );
    expect(r.ok).toBe(true);
    if (!r.ok || !('accounts' in r.value)) return;
    // day 1 closes at 49,600 (MLL stays 48,000); day 2 at 50,800 → MLL 48,800
    const expected = {
      ruleset: 'topstep-50k-combine@2024-08',
      status: 'safe',
      balanceCents: 5_080_000,
      thresholdCents: 4_880_000,
      distanceToViolationCents: 200_000,
      violations: [],
    };
    expect(r.value.accounts).toEqual([
      { account: 'ACCT0000000000000', ...expected },
      { account: 'default', ...expected },
    ]);
  });

  it('reports a violation with its rule and time', async () => {
    const r = await run('--ruleset', 'apex-50k-eval@2025-08', '--as-of', '2026-06-11T00:00:00Z', 'blown.csv');
    expect(r.ok && 'accounts' in r.value ? r.value.accounts[0] : null).toEqual({
      account: 'default',
      ruleset: 'apex-50k-eval@2025-08',
      status: 'violated',
      balanceCents: 4_739_500,
      thresholdCents: 4_750_000,
      distanceToViolationCents: -10_500,
      violations: [{ rule: 'trailing-drawdown', at: '2026-06-10T14:03:00.000Z' }],
    });
  });

  it('uses Cash History for money, and --start-balance-cents', async () => {
    const r = await run(
      '--ruleset',
      'tradeify-50k-eval@2025-12',
      '--as-of',
      '2026-09-17T00:00:00Z',
      'cash.csv',
    );
    // 50,000 − 2.76 − 2.58 + 5,400 + 145; EOD threshold 55,539.66 − 2,000; the daily limit ($1,250) is nearer
    expect(r.ok && 'accounts' in r.value ? r.value.accounts[0] : null).toMatchObject({
      account: 'FTDFYSLX50969754357',
      balanceCents: 5_553_966,
      thresholdCents: 5_353_966,
      distanceToViolationCents: 125_000,
      status: 'safe',
    });
    const lower = await run(
      '--ruleset',
      'tradeify-50k-eval@2025-12',
      '--start-balance-cents',
      '4000000',
      '--as-of',
      '2026-09-17T00:00:00Z',
      'cash.csv',
    );
    expect(lower.ok && 'accounts' in lower.value ? lower.value.accounts[0]?.balanceCents : null).toBe(
      4_553_966,
    );
  });

  it('returns errors as values', async () => {
    expect(await run('--ruleset', 'nope@1', 'perf.csv')).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await run('--ruleset', 'apex-50k-eval@2025-08')).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await run('perf.csv')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await run('--ruleset', 'apex-50k-eval@2025-08', '--bogus', 'perf.csv')).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: 'unknown option --bogus' },
    });
    expect(
      await run('--ruleset', 'apex-50k-eval@2025-08', '--start-balance-cents', '12.5', 'perf.csv'),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await run('--ruleset', 'apex-50k-eval@2025-08', 'missing.csv')).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'missing.csv: no missing.csv' },
    });
    expect(await run('--ruleset', 'apex-50k-eval@2025-08', 'notes.txt')).toMatchObject({
      ok: false,
      error: { code: 'unknown-format' },
    });
  });

  it('accepts a parser from the caller', async () => {
    const r = await runRules(
      ['--ruleset', 'apex-50k-eval@2025-08', '--as-of', '2026-06-11T00:00:00Z', 'perf.csv'],
      readFile,
      () =>
        Promise.resolve({
          batch: {
            trades: [
              {
                key: 'k',
                venue: 'v',
                account: 'Z',
                symbol: 'ESM6',
                root: 'ES',
                direction: 'long',
                qty: 1,
                entryAt: '2026-06-10T14:00:00.000Z',
                exitAt: '2026-06-10T14:05:00.000Z',
                tz: 'UTC',
                entryPrice: 1,
                exitPrice: 2,
                grossCents: 5_000,
                feesCents: 0,
                netCents: 5_000,
                line: 2,
              },
            ],
          },
        }),
    );
    expect(r.ok && 'accounts' in r.value ? r.value.accounts[0]?.balanceCents : null).toBe(5_005_000);
  });
});
