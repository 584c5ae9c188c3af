import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ImportPage, kpi } from './pages/import-page';

test('bets page: headline, breakdown click-through kept in the URL, and CSV export @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv', 'sportsbet-march-2.csv');

  await page.goto('/bets');
  expect(await kpi(page, 'net-result')).toBe(1300);
  expect(await kpi(page, 'staked')).toBe(5000);
  expect(await kpi(page, 'bets')).toBe(4);
  await expect(page.getByTestId('pnl-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('bets-table').locator('tbody tr')).toHaveCount(4);

  // Break down by bet type and click through to the same-game multi.
  await page.getByLabel('Break down by').selectOption('bet_type');
  await expect(page).toHaveURL(/dim=bet_type/);
  await page.getByTestId('breakdown').getByRole('button', { name: 'sgm' }).click();
  await expect(page).toHaveURL(/sgm/);
  await expect.poll(() => kpi(page, 'bets')).toBe(1);
  expect(await kpi(page, 'net-result')).toBe(-500);

  // The filtered view survives a reload (it lives in the URL).
  await page.reload();
  await expect.poll(() => kpi(page, 'bets')).toBe(1);

  // This month (March 2026, the last day with bets) against last month, for the same filter.
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByTestId('comparison')).toContainText('2026-03-01 – 2026-03-31');
  await expect(page.getByTestId('comparison').locator('tbody tr').first()).toContainText('-$5.00');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/-5\.00/);
});
