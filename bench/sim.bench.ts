/**
 * Risk-lab figures: 100,000 paths × 1,000 steps with ruin tracking, normal, bootstrap and Student-t, on the
 * app's worker pool in headless Chromium (all cores), and the same runs in NumPy (Debian's python3-numpy) as
 * the reference: `sim.vs-numpy.<model>.x` = NumPy time / ours. `sim.prop-pass.apex-50k.1e4.s`: 10,000 Apex
 * 50K evaluations of up to 60 trading days through the rules engine, in Node on one thread.
 *
 * Both sides run the same model with the same numbers: normal and Student-t (df 4) with mean $5 and SD $100
 * a step from a $2,000 bankroll; bootstrap resamples the demo data's daily bet results (read back from the
 * saved run, so NumPy gets the very same history) from a $20,000 bankroll, since that history loses
 * $10 a day and $2,000 would ruin 99% of paths within a few hundred steps. Ruin is at <= 0 and a ruined path
 * keeps its bankroll on both sides, and step results are rounded half to even to cents on both sides. Our
 * engine stops walking a ruined path, NumPy computes every step of every path; at about 12% (normal, t) and
 * about 1% (bootstrap) ruined, that saves ours only a few % of the steps. Ours also tracks the drawdown and a
 * 60-interval fan chart and summarises (percentiles, VaR) inside the timed run; NumPy does not. The target is
 * cleared so neither side tracks one. Each side prints its risk of ruin to stderr as a check that they ran the
 * same walk.
 */
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { findRuleSet } from '../src/lib/engine/rules/rule-sets';
import { runPropSimulation } from '../src/lib/engine/sim/prop-pass';
import { median, withApp, type BenchContext } from './lib';

const PATHS = 100_000;
const STEPS = 1_000;

type Model = 'normal' | 'bootstrap' | 'student-t';
/** One benchmark run, as both sides see it (money in cents). */
interface Run {
  model: Model;
  meanCents: number;
  sdCents: number;
  df: number;
  startCents: number;
  history: number[];
}
const MEAN_CENTS = 500;
const SD_CENTS = 10_000;
const DF = 4;
const START_CENTS: Record<Model, number> = { normal: 200_000, 'student-t': 200_000, bootstrap: 2_000_000 };

const NUMPY = `
import numpy as np, time, sys, json
cfg = json.load(sys.stdin)
model = cfg['model']; paths = ${PATHS}; steps = ${STEPS}
mean = cfg['meanCents']; sd = cfg['sdCents']; df = cfg['df']; start = cfg['startCents']
hist = np.array(cfg['history'], dtype=float)
rng = np.random.default_rng(1)
t_scale = sd * np.sqrt((df - 2) / df)
def run():
    bank = np.full(paths, float(start)); ruined = np.zeros(paths, bool)
    for s in range(steps):
        if model == 'normal': x = rng.normal(mean, sd, paths)
        elif model == 'student-t': x = mean + t_scale * rng.standard_t(df, paths)
        else: x = hist[rng.integers(0, len(hist), paths)]
        bank = np.where(ruined, bank, bank + np.round(x))
        ruined |= bank <= 0
    return ruined.mean()
ts = []
for _ in range(3):
    t = time.perf_counter(); ror = run(); ts.append(time.perf_counter() - t)
print(sorted(ts)[1], ror)
`;

function numpySeconds(run: Run): number | null {
  try {
    const out = execFileSync('python3', ['-c', NUMPY], { encoding: 'utf8', input: JSON.stringify(run) });
    const [secs, ror] = out.trim().split(/\s+/).map(Number);
    process.stderr.write(`  (numpy ${run.model}: risk of ruin ${ror})\n`);
    return secs ?? null;
  } catch {
    return null;
  }
}

/** Runs one simulation through the Risk lab page and returns the elapsed time the page reports (ms). */
async function runInPage(page: import('@playwright/test').Page, run: Run, seed: number): Promise<number> {
  const form = page.getByRole('form', { name: 'Simulation settings' });
  await form.getByLabel('Model').selectOption(run.model);
  if (run.model !== 'bootstrap') {
    await form.getByLabel('Mean per step ($)').fill(String(run.meanCents / 100));
    await form.getByLabel('SD per step ($)').fill(String(run.sdCents / 100));
  }
  if (run.model === 'student-t') await form.getByLabel('Degrees of freedom (> 2)').fill(String(run.df));
  await form.getByLabel('Start ($)').fill(String(run.startCents / 100));
  await form.getByLabel('Ruin at or below ($)').fill('0');
  await form.getByLabel('Target ($)').fill('');
  await form.getByLabel('Paths').fill(String(PATHS));
  await form.getByLabel('Horizon (steps)').fill(String(STEPS));
  await form.getByLabel('Seed').fill(String(seed));
  const button = form.getByRole('button', { name: 'Simulate' });
  await button.click();
  // The button is disabled while the run is under way.
  await expect(button).toBeEnabled({ timeout: 300_000 });
  const text = (await page.getByText(/paths on \d+ workers in/).textContent()) ?? '';
  return Number(/in ([\d,]+) ms/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** The bootstrap history of the latest saved run (the page saves every run in IndexedDB). */
async function lastRunHistory(page: import('@playwright/test').Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('bankroll-guardian');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const get = open.result.transaction('simulationRuns').objectStore('simulationRuns').getAll();
          get.onsuccess = () => {
            const runs = get.result as {
              createdAt: string;
              params: { model: { historyCents?: ArrayLike<number> } };
            }[];
            runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
            resolve(Array.from(runs.at(-1)?.params.model.historyCents ?? []));
          };
        };
      }),
  );
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
  const ours: Partial<Record<Model, { secs: number; run: Run }>> = {};
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
      const run: Run = {
        model,
        meanCents: MEAN_CENTS,
        sdCents: SD_CENTS,
        df: DF,
        startCents: START_CENTS[model],
        history: [],
      };
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push(await runInPage(page, run, i + 1));
      if (model === 'bootstrap') run.history = await lastRunHistory(page);
      const ror = await page.getByTestId('closed-ror-finite').locator('..').textContent();
      process.stderr.write(`  (ours ${model}: ${/simulated [\d.]+%/.exec(ror ?? '')?.[0] ?? '?'} ruined)\n`);
      ours[model] = { secs: median(times) / 1000, run };
    }
  });
  for (const [model, o] of Object.entries(ours)) {
    if (!Number.isFinite(o.secs)) continue;
    ctx.add(`sim.${model}.1e8.s`, o.secs, 's');
    const np = numpySeconds(o.run);
    if (np !== null) ctx.add(`sim.vs-numpy.${model}.x`, np / o.secs, 'x');
  }
}
