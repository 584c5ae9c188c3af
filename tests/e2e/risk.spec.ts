import { expect, test } from '@playwright/test';
import { ImportPage, kpi } from './pages/import-page';
import { RiskPage, num } from './pages/risk-page';

test('risk lab simulates a bankroll in workers and agrees with the closed form @phone', async ({ page }) => {
  const risk = new RiskPage(page);
  await risk.goto();
  await risk.setBase({
    mean: '5',
    sd: '100',
    start: '2000',
    target: '',
    horizon: '1000',
    paths: '20000',
    seed: '7',
  });
  await risk.simulate();
  const ror = await kpi(page, 'risk-of-ruin');
  // RISK-MATH.md: B=2000, mu=5, sigma=100 per step, T=1000 → 0.12557 (continuous); discrete steps ruin a bit less.
  expect(ror).toBeGreaterThan(0.09);
  expect(ror).toBeLessThan(0.14);
  expect(await kpi(page, 'var')).toBeGreaterThan(0);
  expect(await kpi(page, 'cvar')).toBeGreaterThanOrEqual(await kpi(page, 'var'));
  await expect(page.getByTestId('closed-ror-infinite')).toHaveText('13.53%');

  // Same seed, same answer; both runs are saved.
  await risk.simulate();
  await expect(page.getByTestId('saved-run')).toHaveCount(2);
  expect(await kpi(page, 'risk-of-ruin')).toBe(ror);
});

test('stake search simulates each stake in the workers and recommends the highest within the limit @phone', async ({
  page,
}) => {
  const risk = new RiskPage(page);
  await risk.goto();
  await risk.setBase({
    mean: '5',
    sd: '100',
    start: '2000',
    target: '',
    horizon: '1000',
    paths: '4000',
    seed: '3',
  });
  await risk.simulate();
  const baseRor = await kpi(page, 'risk-of-ruin');

  const panel = risk.panel('stake-search');
  const form = panel.getByRole('form', { name: 'Stake search' });
  await form.getByLabel('Risk-of-ruin limit (%)').fill('10');
  await form.getByLabel('Stake of the results above').fill('2');
  await form.getByLabel('Stakes', { exact: true }).fill('4, 1, 2, 3');
  await form.getByRole('button', { name: 'Search stakes' }).click();
  const answer = panel.getByTestId('stake-search-result');
  await expect(answer).toBeVisible({ timeout: 60_000 });

  const rows = panel.getByTestId('stake-row');
  await expect(rows).toHaveCount(4);
  const stakes: number[] = [];
  const risks: number[] = [];
  for (let i = 0; i < 4; i++) {
    stakes.push(await num(rows.nth(i), 'data-stake'));
    risks.push(await num(rows.nth(i), 'data-risk'));
    // Each simulated risk sits near its closed form (continuous-time walk with the discrete correction).
    expect(Math.abs(risks[i]! - (await num(rows.nth(i), 'data-closed-form')))).toBeLessThan(0.03);
  }
  expect(stakes).toEqual([1, 2, 3, 4]);
  for (let i = 1; i < 4; i++) expect(risks[i]!).toBeGreaterThanOrEqual(risks[i - 1]!);
  // Stake 2 is the results as typed (stake of the results = 2): the same run, seed and paths as above.
  expect(risks[1]).toBe(baseRor);
  const safe = stakes.filter((_, i) => risks[i]! <= 0.1);
  const expected = safe.length ? String(Math.max(...safe)) : 'none';
  await expect(answer).toHaveAttribute('data-value', expected);
  // The recommended stake is a real choice here: stake 1 passes (~2% risk) and stake 4 fails (~35%).
  expect(risks[0]).toBeLessThan(0.1);
  expect(risks[3]).toBeGreaterThan(0.1);
  await expect(panel.getByTestId('stake-closed-form-max')).toBeVisible();
});

test('a saved run re-runs to the identical summary, and two runs compare side by side @phone', async ({
  page,
}) => {
  const risk = new RiskPage(page);
  await risk.goto();
  await risk.setBase({
    mean: '5',
    sd: '100',
    start: '2000',
    target: '3000',
    horizon: '800',
    paths: '5000',
    seed: '11',
  });
  await risk.simulate();
  const first = {
    ror: await kpi(page, 'risk-of-ruin'),
    pTarget: await kpi(page, 'p-target'),
    var95: await kpi(page, 'var'),
    cvar95: await kpi(page, 'cvar'),
  };
  await risk.setBase({ seed: '12', start: '1500' });
  await risk.simulate();
  const second = await kpi(page, 'risk-of-ruin');
  expect(second).not.toBe(first.ror);

  // Newest first: the first run is the second in the list.
  const saved = page.getByTestId('saved-run');
  const older = saved.nth(1);
  await older.getByRole('button', { name: /^Re-run/ }).click();
  await expect(older.getByTestId('rerun-check')).toHaveAttribute('data-value', 'identical', {
    timeout: 60_000,
  });
  // The re-run is shown above with exactly the saved figures, and its settings are back in the form.
  expect(await kpi(page, 'risk-of-ruin')).toBe(first.ror);
  expect(await kpi(page, 'p-target')).toBe(first.pTarget);
  expect(await kpi(page, 'var')).toBe(first.var95);
  expect(await kpi(page, 'cvar')).toBe(first.cvar95);
  await expect(risk.form.getByLabel('Seed')).toHaveValue('11');
  await expect(risk.form.getByLabel('Start ($)')).toHaveValue('2000');
  await expect(saved).toHaveCount(2);

  await saved.nth(0).getByRole('checkbox').check();
  await saved.nth(1).getByRole('checkbox').check();
  const compare = page.getByTestId('run-compare');
  await expect(compare).toBeVisible();
  // A = the newer run (ticked first), B = the older one.
  await expect(compare.getByTestId('compare-param-seed')).toContainText('12');
  await expect(compare.getByTestId('compare-param-seed')).toContainText('−1');
  await expect(compare.getByTestId('compare-param-start')).toContainText('+$500.00');
  const ror = compare.getByTestId('compare-figure-riskOfRuin');
  expect(await num(ror, 'data-a')).toBe(second);
  expect(await num(ror, 'data-b')).toBe(first.ror);

  // Deleting a run removes it from the list and the comparison.
  await saved
    .nth(0)
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(saved).toHaveCount(1);
  await expect(compare).toHaveCount(0);
});

test('scenario lab runs base and scenario with the same seed and shows the differences @phone', async ({
  page,
}) => {
  const risk = new RiskPage(page);
  await risk.goto();
  await risk.setBase({
    mean: '5',
    sd: '100',
    start: '2000',
    target: '4000',
    horizon: '1000',
    paths: '4000',
    seed: '5',
  });
  await risk.simulate();
  const baseRor = await kpi(page, 'risk-of-ruin');

  const panel = risk.panel('scenario-lab');
  const form = panel.getByRole('form', { name: 'Scenario' });
  await form.getByLabel('sessions per week').fill('5');
  await form.getByLabel('Hours per step').fill('4');
  await form.getByLabel('Hands per step').fill('150');
  await form.getByLabel('Big blind ($)').fill('2');
  await form.getByLabel('Win rate change').fill('-1');
  await form.getByLabel('Win rate unit').selectOption('bb-per-100');
  await form.getByLabel('Volatility change (%)').fill('20');
  await form.getByLabel('Extra volume a week').fill('10');
  await form.getByLabel('Volume unit').selectOption('hours');
  await form.getByLabel('Withdraw a month ($)').fill('500');
  await form.getByRole('button', { name: 'Run scenario' }).click();
  const result = panel.getByTestId('scenario-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toHaveAttribute('data-weeks', '200');
  // 1,000 sessions at 5 a week; +10 hours at 4 hours a session = 7.5 a week = 1,500 sessions.
  await expect(result).toContainText('scenario 1,500');
  // -1 bb/100 x $2 x 150 hands = -$3 a session: mean $5 → $2; SD $100 → $120.
  await expect(result).toContainText('$5.00 → $2.00');
  await expect(result).toContainText('$100.00 → $120.00');

  const ruin = panel.getByTestId('scenario-risk-of-ruin');
  // The base is the run above (same parameters and seed).
  expect(await num(ruin, 'data-base')).toBe(baseRor);
  // Less edge, more swings and $500 a month out: far more ruin, lower median, less chance of the target.
  expect(await num(ruin, 'data-scenario')).toBeGreaterThan(baseRor + 0.2);
  const median = panel.getByTestId('scenario-median-final');
  expect(await num(median, 'data-scenario')).toBeLessThan(await num(median, 'data-base'));
  const target = panel.getByTestId('scenario-p-target');
  expect(await num(target, 'data-scenario')).toBeLessThan(await num(target, 'data-base'));
  await expect(panel.getByTestId('scenario-var')).toBeVisible();
  await expect(result.locator('svg').first()).toBeVisible();
});

test('prop pass probability runs typed daily results through the rule set for each contract size @phone', async ({
  page,
}) => {
  const risk = new RiskPage(page);
  await risk.goto();
  const panel = risk.panel('prop-pass');
  const form = panel.getByRole('form', { name: 'Prop pass' });
  await expect(form.getByLabel('Daily results from')).toHaveValue('typed');
  await form.getByLabel('Rule set').selectOption('apex-50k-eval@2025-08');
  await form.getByLabel('Mean per day ($)').fill('150');
  await form.getByLabel('SD per day ($)').fill('600');
  await form.getByLabel('Contracts to try').fill('1, 2, 3');
  await form.getByLabel('Breach limit (%)').fill('30');
  await form.getByLabel('Paths').fill('1000');
  await form.getByRole('button', { name: 'Simulate evaluations' }).click();
  const answer = panel.getByTestId('prop-pass-result');
  await expect(answer).toBeVisible({ timeout: 90_000 });
  const rows = panel.getByTestId('prop-pass-row');
  await expect(rows).toHaveCount(3);
  const fail: number[] = [];
  for (let i = 0; i < 3; i++) {
    const pass = await num(rows.nth(i), 'data-p-pass');
    fail.push(await num(rows.nth(i), 'data-p-fail'));
    expect(pass + fail[i]!).toBeLessThanOrEqual(1);
    expect(pass).toBeGreaterThan(0);
  }
  // Bigger size, more breaches ($150 ± $600 a day against a $2,500 trailing drawdown: ~20% at 1 contract).
  expect(fail[1]!).toBeGreaterThan(fail[0]!);
  expect(fail[2]!).toBeGreaterThan(fail[1]!);
  const ok = [1, 2, 3].filter((_, i) => fail[i]! <= 0.3);
  await expect(answer).toHaveAttribute('data-value', ok.length ? String(Math.max(...ok)) : 'none');
  await expect(panel.getByTestId('prop-pass-row').first()).toContainText('trailing drawdown');
});

test('prop pass reads the trading days of my own account', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('tradovate_performance.csv');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk lab' }).click();
  const risk = new RiskPage(page);
  const panel = risk.panel('prop-pass');
  const form = panel.getByRole('form', { name: 'Prop pass' });
  // The account from the file is picked, with its two trading days (−$400 and +$1,200).
  await expect(form.getByLabel('Daily results from')).toHaveValue('default');
  await expect(panel.getByTestId('prop-history')).toContainText('2 trading days');
  await expect(form.getByLabel('Model')).toHaveValue('bootstrap');
  await form.getByLabel('Contracts to try').fill('1, 2');
  await form.getByLabel('Paths').fill('500');
  await form.getByRole('button', { name: 'Simulate evaluations' }).click();
  await expect(panel.getByTestId('prop-pass-result')).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByTestId('prop-pass-row')).toHaveCount(2);
});

test('bootstrap from my own bets runs in the workers and finishes', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv', 'sportsbet-march-2.csv');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Risk lab' }).click();
  const form = page.getByRole('form', { name: 'Simulation settings' });
  await form.getByLabel('From').selectOption('bets-daily');
  await expect(page.getByTestId('history-fit')).toContainText('days');
  await form.getByLabel('Model').selectOption('bootstrap');
  await form.getByLabel('Start ($)').fill('50');
  await form.getByLabel('Paths').fill('5000');
  await form.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByTestId('fan-chart').locator('svg')).toBeVisible({ timeout: 60_000 });
  const ror = await kpi(page, 'risk-of-ruin');
  expect(ror).toBeGreaterThanOrEqual(0);
  expect(ror).toBeLessThanOrEqual(1);
  await expect(form.getByRole('button', { name: 'Simulate' })).toBeEnabled();
});
