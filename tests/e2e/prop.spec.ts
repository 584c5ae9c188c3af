import { expect, test } from '@playwright/test';
import { ImportPage } from './pages/import-page';

test('import a Tradovate export, assign a rule set, see status and distance, add a losing trade @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('tradovate_performance.csv');
  expect((await imp.counts()).inserted).toBe(2);

  await page.goto('/prop');
  const account = page.locator('[data-testid="prop-account"][data-account="default"]');
  await expect(account).toBeVisible();
  await account.getByLabel('Rule set').selectOption('apex-50k-eval@2025-08');
  // Start 50,000: −400 then +1,200 closes at 50,800; the trailing threshold follows to 48,300.
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'safe');
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '250000');

  // A losing trade typed in: 5 MNQ long from 29,000 to 28,790 loses 210 points × $2 × 5 = $2,100.
  const form = page.getByRole('form', { name: 'Add a trade' });
  await form.getByLabel('Contract', { exact: true }).fill('MNQZ6');
  await form.getByLabel('Contracts', { exact: true }).fill('5');
  await form.getByLabel('Entry price').fill('29000');
  await form.getByLabel('Exit price').fill('28790');
  await form.getByRole('button', { name: 'Add trade' }).click();
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '40000');
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'critical');

  // One more loss crosses the threshold.
  await form.getByLabel('Exit price').fill('28900');
  await form.getByRole('button', { name: 'Add trade' }).click();
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'violated');
});
