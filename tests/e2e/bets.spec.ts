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

test('closing odds typed on a bet: validated, CLV at once, kept through reload and re-import @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv', 'sportsbet-march-2.csv');

  await page.goto('/bets');
  const clv = page.getByTestId('clv-summary');
  await expect(clv).toContainText('add the price');
  const chelsea = page.getByTestId('bets-table').getByRole('row').filter({ hasText: 'Arsenal v Chelsea' });

  // Chelsea was taken at 2.50.
  await chelsea.getByRole('button', { name: /Add closing odds/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Closing odds' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByLabel('The price this selection closed at');
  await input.fill('1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('above 1.00');
  await expect(dialog).toBeVisible();

  // 2.25: CLV = 2.50 / 2.25 − 1 = +11.1%, shown before saving.
  await input.fill('2.25');
  await expect(dialog).toContainText('CLV +11.1%');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(chelsea.getByTestId('closing-cell')).toContainText('2.25');
  await expect(chelsea.getByTestId('row-clv')).toHaveText('+11.1%');
  await expect(clv).toContainText('+11.1% over 1 bet with closing odds');

  // Kept through a reload.
  await page.reload();
  await expect(clv).toContainText('+11.1% over 1 bet');
  await expect(chelsea.getByTestId('closing-cell')).toContainText('2.25');

  // Kept through a re-import of the file holding the bet.
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv');
  await page.goto('/bets');
  await expect(clv).toContainText('+11.1% over 1 bet');

  // Fractional odds are read too (6/4 = 2.50, the price taken: CLV 0), then the typed price is cleared.
  await chelsea.getByRole('button', { name: /Closing odds 2\.25/ }).click();
  await expect(input).toHaveValue('2.25');
  await input.fill('6/4');
  await expect(dialog).toContainText('CLV 0.0%');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(chelsea.getByTestId('row-clv')).toHaveText('0.0%');
  await chelsea.getByRole('button', { name: /Closing odds 2\.50/ }).click();
  await dialog.getByRole('button', { name: 'Clear typed price' }).click();
  await expect(dialog).toBeHidden();
  await expect(clv).toContainText('add the price');
  await expect(chelsea.getByRole('button', { name: /Add closing odds/ })).toBeVisible();
});
