/**
 * Risk-lab figures: 100,000 paths × 1,000 steps with ruin tracking, normal and bootstrap, on the app's worker
 * pool in headless Chromium (all cores), and the same sizes in NumPy (Debian's python3-numpy) as the reference:
 * `sim.vs-numpy.<model>.x` = NumPy time / ours (Student-t included). `sim.prop-pass.apex-50k.1e4.s`: 10,000
 * Apex 50K evaluations of up to 60 trading days through the rules engine, in Node on one thread.
 */
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { findRuleSet } from '../src/lib/engine/rules/rule-sets';
import { runPropSimulation } from '../src/lib/engine/sim/prop-pass';
import { median, withApp, type BenchContext } from './lib';

const PATHS = 100_000;
const STEPS = 1_000;

const NUMPY = `
import numpy as np, time, sys
model = sys.argv[1]; paths = ${PATHS}; steps = ${STEPS}
rng = np.random.default_rng(1)
hist = rng.normal(500, 10000, 500).round()
def run():
    bank = np.full(paths, 200000.0); ruined = np.zeros(paths, bool)
    for s in range(steps):
        if model == 'normal': x = rng.normal(500, 10000, paths)
        elif model == 'student-t': x = 500 + 10000 * rng.standard_t(4, paths) / np.sqrt(2)
        else: x = hist[rng.integers(0, 500, paths)]
        bank = np.where(ruined, bank, bank + np.round(x))
        ruined |= bank <= 0
    return ruined.mean()
ts = []
for _ in range(3):
    t = time.perf_counter(); run(); ts.append(time.perf_counter() - t)
print(sorted(ts)[1])
`;

function numpySeconds(model: string): number | null {
  try {
    return Number(execFileSync('python3', ['-c', NUMPY, model], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

/** Runs one simulation through the Risk lab page and returns the elapsed time the page reports (ms). */
async function runInPage(
  page: import('@playwright/test').Page,
  model: string,
  seed: number,
): Promise<number> {
  const form = page.getByRole('form', { name: 'Simulation settings' });
  await form.getByLabel('Model').selectOption(model);
  await form.getByLabel('Paths').fill(String(PATHS));
  await form.getByLabel('Seed').fill(String(seed));
  const button = form.getByRole('button', { name: 'Simulate' });
  await button.click();
  // The button is disabled while the run is under way.
  await expect(button).toBeEnabled({ timeout: 300_000 });
  const text = (await page.getByText(/paths on \d+ workers in/).textContent()) ?? '';
  return Number(/in ([\d,]+) ms/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** Seconds for 10,000 prop evaluations (median of 3), one thread. */
function propPassSeconds(): number {
  const ruleSet = findRuleSet('apex-50k-eval');
  if (!ruleSet) return Number.NaN;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = runPropSimulation({
      ruleSet,
      model: { kind: 'student-t', meanCents: 15_000, sdCents: 60_000, df: 4 },
      maxDays: 60,
      paths: 10_000,
      seed: i + 1,
    });
    if (!r.ok) return Number.NaN;
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

export async function run(ctx: BenchContext): Promise<void> {
  ctx.add('sim.prop-pass.apex-50k.1e4.s', propPassSeconds(), 's');
  const ours: Record<string, number> = {};
  await withApp(async (url, browser) => {
    const page = await browser.newPage();
    await page.goto(`${url}/settings`);
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await page.getByText(/Demo data loaded/).waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Risk lab', exact: true }).click();
    const form = page.getByRole('form', { name: 'Simulation settings' });
    await form.getByLabel('From').selectOption('bets-daily');
    await page.getByTestId('history-fit').waitFor({ timeout: 60_000 });
    for (const model of ['normal', 'bootstrap', 'student-t'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push(await runInPage(page, model, i + 1));
      ours[model] = median(times) / 1000;
    }
  });
  for (const [model, secs] of Object.entries(ours)) {
    if (!Number.isFinite(secs)) continue;
    ctx.add(`sim.${model}.1e8.s`, secs, 's');
    const np = numpySeconds(model);
    if (np !== null) ctx.add(`sim.vs-numpy.${model}.x`, np / secs, 'x');
  }
}
