import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fixture, ImportPage, kpi } from './pages/import-page';

test('import a Sportsbet export, re-import it, import an overlapping later export, reload', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv');
  expect(await imp.counts()).toEqual({ inserted: 9, updated: 0, unchanged: 0, rejected: 0 });

  await page.goto('/');
  expect(await kpi(page, 'staked')).toBe(3500);
  expect(await kpi(page, 'returned')).toBe(1800);
  expect(await kpi(page, 'net-result')).toBe(-1700);
  expect(await kpi(page, 'bets')).toBe(3);
  expect(await kpi(page, 'deposits')).toBe(10000);
  expect(await kpi(page, 'withdrawals')).toBe(3000);
  expect(await kpi(page, 'max-drawdown')).toBe(2500);

  // The same file again changes nothing.
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv');
  expect(await imp.counts()).toEqual({ inserted: 0, updated: 0, unchanged: 9, rejected: 0 });

  // A later export overlapping the first: nothing doubles, the pending bet is settled.
  await imp.goto();
  await imp.importFiles('sportsbet-march-2.csv');
  expect(await imp.counts()).toEqual({ inserted: 3, updated: 0, unchanged: 2, rejected: 0 });

  await page.goto('/');
  const expectFinal = async () => {
    expect(await kpi(page, 'staked')).toBe(5000);
    expect(await kpi(page, 'returned')).toBe(6300);
    expect(await kpi(page, 'net-result')).toBe(1300);
    expect(await kpi(page, 'bets')).toBe(4);
    expect(await kpi(page, 'deposits')).toBe(15000);
    expect(await kpi(page, 'withdrawals')).toBe(3000);
    expect(await kpi(page, 'roi')).toBeCloseTo(0.26, 6);
  };
  await expectFinal();
  await page.reload();
  await expectFinal();
});

test('a malformed file: good rows import, bad rows are rejected with line and column, and download', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-malformed.csv');
  expect(await imp.counts()).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
  const download = page.waitForEvent('download');
  await page
    .getByRole('button', { name: /Download rejected rows/ })
    .first()
    .click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/file.*line.*column.*reason/i);
  expect(csv).toMatch(/sportsbet-malformed\.csv"?,"?3"?,"?Amount/);
  expect(csv).toMatch(/sportsbet-malformed\.csv"?,"?6"?,"?Time \(AEST\)/);
});

test('the ledger kept in the browser follows undo, a second tab and "Delete all data" through reloads', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('sportsbet-march-1.csv');
  await imp.goto();
  await imp.importFiles('sportsbet-march-2.csv');
  await page.goto('/');
  expect(await kpi(page, 'staked')).toBe(5000);
  await page.reload();
  expect(await kpi(page, 'staked')).toBe(5000);
  const storage = async (p: typeof page) => {
    await p.goto('/settings');
    await p.getByRole('button', { name: 'Run a test query' }).click();
    return p.getByTestId('engine-storage');
  };
  await expect(await storage(page)).toHaveAttribute('data-value', 'file', { timeout: 60_000 });

  // A second tab cannot share the first one's database file: it reads the same ledger from IndexedDB.
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByTestId('headline')).toHaveAttribute('data-live', '1', { timeout: 60_000 });
  expect(await kpi(other, 'staked')).toBe(5000);
  await expect(await storage(other)).toHaveAttribute('data-value', 'memory', { timeout: 60_000 });

  // Undo the later export in the second tab: the first tab's saved database no longer matches, and its
  // next load replays the imports that are left instead of showing the undone rows.
  await other.goto('/import');
  other.once('dialog', (d) => void d.accept());
  const later = other.getByRole('row').filter({ hasText: 'sportsbet-march-2.csv' });
  await later.getByRole('button', { name: 'Undo' }).click();
  await expect(later).toHaveCount(0, { timeout: 60_000 });
  await other.close();
  await page.goto('/');
  await expect(page.getByTestId('headline')).toHaveAttribute('data-live', '1', { timeout: 60_000 });
  expect(await kpi(page, 'staked')).toBe(3500);
  expect(await kpi(page, 'bets')).toBe(3);

  // Undo in this tab, then reload: the database file holds the ledger with no imports.
  await page.goto('/import');
  page.once('dialog', (d) => void d.accept());
  const first = page.getByRole('row').filter({ hasText: 'sportsbet-march-1.csv' });
  await first.getByRole('button', { name: 'Undo' }).click();
  await expect(first).toHaveCount(0, { timeout: 60_000 });
  await imp.importFiles('sportsbet-march-1.csv');
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete all data' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByText('All data on this device was deleted.')).toBeVisible({ timeout: 60_000 });
  await page.goto('/');
  await expect(page.getByTestId('empty-overview')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('empty-overview')).toBeVisible({ timeout: 60_000 });
});

test('files previewed together, and a preview left open across an undo, land once each', async ({ page }) => {
  const imp = new ImportPage(page);
  await imp.goto();
  // Both files are read (and the first's rows applied in its own transaction) before either is imported.
  await imp.importFiles('sportsbet-march-1.csv', 'sportsbet-march-2.csv');
  expect(await imp.counts()).toEqual({ inserted: 12, updated: 0, unchanged: 2, rejected: 0 });
  await page.goto('/');
  expect(await kpi(page, 'staked')).toBe(5000);
  expect(await kpi(page, 'returned')).toBe(6300);
  expect(await kpi(page, 'bets')).toBe(4);
  expect(await kpi(page, 'deposits')).toBe(15000);

  // A preview left open across an undo: with only a trading account's import left, the Sportsbet file's
  // rows go straight into its empty tables in the preview's transaction; the undo rolls that back first,
  // and Import compares the file again.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete all data' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByText('All data on this device was deleted.')).toBeVisible({ timeout: 60_000 });
  await imp.goto();
  await imp.importFiles('tradovate-performance-APEX1000000001.csv');
  await page.getByLabel('Import files').setInputFiles(fixture('sportsbet-march-1.csv'));
  await expect(page.getByTestId('import-preview')).toHaveCount(1, { timeout: 90_000 });
  page.once('dialog', (d) => void d.accept());
  const trading = page.getByRole('row').filter({ hasText: 'tradovate-performance-APEX1000000001.csv' });
  await trading.getByRole('button', { name: 'Undo' }).click();
  await expect(trading).toHaveCount(0, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 90_000 });
  expect(await imp.counts()).toEqual({ inserted: 9, updated: 0, unchanged: 0, rejected: 0 });
  await page.goto('/');
  expect(await kpi(page, 'staked')).toBe(3500);
  expect(await kpi(page, 'net-result')).toBe(-1700);
  await page.reload();
  expect(await kpi(page, 'staked')).toBe(3500);
  expect(await kpi(page, 'bets')).toBe(3);
});
