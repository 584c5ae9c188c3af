import { expect, test } from '@playwright/test';
import { ImportPage, kpi } from './pages/import-page';

test('risk lab simulates a bankroll in workers and agrees with the closed form @phone', async ({ page }) => {
  await page.goto('/risk');
  const form = page.getByRole('form', { name: 'Simulation settings' });
  await form.getByLabel('Mean per step ($)').fill('5');
  await form.getByLabel('SD per step ($)').fill('100');
  await form.getByLabel('Start ($)').fill('2000');
  await form.getByLabel('Target ($)').fill('');
  await form.getByLabel('Horizon (steps)').fill('1000');
  await form.getByLabel('Paths').fill('20000');
  await form.getByLabel('Seed').fill('7');
  await form.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByTestId('fan-chart').locator('svg')).toBeVisible({ timeout: 60_000 });
  const ror = await kpi(page, 'risk-of-ruin');
  // RISK-MATH.md: B=2000, mu=5, sigma=100 per step, T=1000 → 0.12557 (continuous); discrete steps ruin a bit less.
  expect(ror).toBeGreaterThan(0.09);
  expect(ror).toBeLessThan(0.14);
  expect(await kpi(page, 'var')).toBeGreaterThan(0);
  expect(await kpi(page, 'cvar')).toBeGreaterThanOrEqual(await kpi(page, 'var'));
  await expect(page.getByTestId('closed-ror-infinite')).toHaveText('13.53%');

  // Same seed, same answer.
  await form.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByText('Saved runs')).toBeVisible();
  await expect.poll(() => page.locator('table').last().locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
  expect(await kpi(page, 'risk-of-ruin')).toBe(ror);
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
