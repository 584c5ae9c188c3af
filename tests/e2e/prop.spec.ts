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

test('group two copied accounts: missed and extra trades, slippage, drift and the weakest account @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles(
    'tradovate-performance-APEX1000000001.csv',
    'tradovate-performance-APEX1000000002.csv',
  );

  await page.goto('/prop');
  await expect(page.getByTestId('prop-account')).toHaveCount(2);
  const form = page.getByRole('form', { name: 'Copy group' });
  await form.getByLabel('Group name').fill('NQ copier');
  await form.getByLabel('APEX1000000001').check();
  await form.getByLabel('APEX1000000002').check();
  await form.getByLabel('Reference').selectOption('APEX1000000001');
  await form.getByRole('button', { name: 'Save group' }).click();

  const group = page.locator('[data-testid="copy-group"][data-group="NQ copier"]');
  await expect(group).toBeVisible();
  const row = group.locator('[data-testid="copy-divergence"][data-account="APEX1000000002"]');
  // The 16:00 trade was not copied; the 17:00 one was taken only by the follower.
  await expect(row.getByTestId('copy-matched')).toHaveAttribute('data-value', '2');
  await expect(row.getByTestId('copy-missed')).toHaveAttribute('data-value', '1');
  await expect(row.getByTestId('copy-extra')).toHaveAttribute('data-value', '1');
  // Entry 2 ticks worse on 2 MNQ: $2.00 of slippage.
  await expect(row.getByTestId('copy-slippage')).toHaveAttribute('data-value', '200');
  // Follower net 78 + 200 − 20 = 258 against the reference's 80 − 40 + 200 = 240.
  await expect(row.getByTestId('copy-drift')).toHaveAttribute('data-value', '1800');
  // Both on Apex 50K (guessed): the follower's high-water mark is higher and its balance lower.
  await expect(group.getByTestId('copy-weakest')).toHaveAttribute('data-account', 'APEX1000000002');
  await expect(group.getByTestId('copy-weakest')).toHaveAttribute('data-value', '248000');
  await group.getByText('APEX1000000002: 1 missed, 1 extra').click();
  await expect(group.getByText('missed', { exact: true })).toBeVisible();

  // The group is kept across reloads, and the rule-set guesses are untouched.
  await page.reload();
  await expect(group.getByTestId('copy-divergence')).toHaveCount(1);
  await expect(page.getByText('Guessed from the account name').first()).toBeVisible();

  await group.getByRole('button', { name: 'Remove group' }).click();
  await expect(group).toHaveCount(0);
});

test('paste a losing trade as fills: preview, append, status changes at once; a re-paste adds nothing @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('tradovate_performance.csv');
  await page.goto('/prop');
  const account = page.locator('[data-testid="prop-account"][data-account="default"]');
  await account.getByLabel('Rule set').selectOption('apex-50k-eval@2025-08');
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '250000');

  // 5 MNQ bought at 29,000 and sold at 28,790: −210 points × $2 × 5 = −$2,100.
  const rows =
    'time\tsymbol\tside\tqty\tprice\n2026-06-12 10:00:00\tMNQM6\tBuy\t5\t29000\n2026-06-12 10:05:00\tMNQM6\tSell\t5\t28790';
  const form = page.getByRole('form', { name: 'Paste rows' });
  await form.getByLabel('Account').fill('default');
  await form.getByLabel('Rows').fill(rows);
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('paste-preview');
  await expect(preview.getByTestId('paste-inserted')).toHaveAttribute('data-value', '2');
  await expect(preview.getByTestId('paste-rejected')).toHaveAttribute('data-value', '0');
  await expect(preview).toContainText('Pasted fills');
  await preview.getByRole('button', { name: 'Append 2 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Appended 2 rows to default' })).toBeVisible();
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '40000');
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'critical');

  // The same rows again: nothing new, nothing to append.
  await form.getByLabel('Rows').fill(rows);
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByTestId('paste-unchanged')).toHaveAttribute('data-value', '2');
  await expect(preview.getByRole('button', { name: /Append/ })).toBeDisabled();
  await preview.getByRole('button', { name: 'Cancel' }).click();

  // A bad row blocks the whole paste.
  await form
    .getByLabel('Rows')
    .fill('2026-06-12 11:00:00, MNQM6, maybe, 1, 29000\n2026-06-12 11:01:00, MNQM6, sell, 1, 28000');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByTestId('paste-rejected')).toHaveAttribute('data-value', '1');
  await expect(preview).toContainText('neither buy nor sell');
  await expect(preview.getByRole('button', { name: /Append/ })).toBeDisabled();
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'critical');
});

test('edit a firm rule set, save it as my own version, assign it; invalid values are refused @phone', async ({
  page,
}) => {
  const imp = new ImportPage(page);
  await imp.goto();
  await imp.importFiles('tradovate_performance.csv');
  await page.goto('/prop');
  const account = page.locator('[data-testid="prop-account"][data-account="default"]');
  await expect(account).toBeVisible();

  await page.getByText('Rule-set editor').click();
  const form = page.getByRole('form', { name: 'Rule-set editor' });
  await form.getByLabel('Start from').selectOption('apex-50k-eval@2025-08');
  await form.getByLabel('Name').fill('Tight 50K');
  await form.getByLabel('Drawdown type').selectOption('static');
  await form.getByLabel('Drawdown amount ($)').fill('1,000');

  // A zone that does not exist is refused with the validator's reason.
  await form.getByLabel('Reset time zone').fill('Mars/Olympus');
  await form.getByRole('button', { name: 'Save as my rule set' }).click();
  await expect(form.getByRole('alert')).toContainText('unknown time zone “Mars/Olympus”');

  await form.getByLabel('Reset time zone').fill('America/New_York');
  await form.getByLabel('Assign to').selectOption('default');
  await form.getByRole('button', { name: 'Save as my rule set' }).click();
  await expect(form.getByRole('status')).toContainText(
    'Saved “Tight 50K” version 1 and assigned it to default',
  );
  // Start 50,000, static threshold 49,000; the trades close at 50,800.
  await expect(account.getByLabel('Rule set')).toHaveValue('custom-tight-50k@1');
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '180000');

  // Saving again under the same name is version 2; the account keeps version 1 until assigned.
  await form.getByLabel('Drawdown amount ($)').fill('2000');
  await form.getByLabel('Assign to').selectOption('');
  await form.getByRole('button', { name: 'Save as my rule set' }).click();
  await expect(form.getByRole('status')).toContainText('version 2');
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '180000');
  await account.getByLabel('Rule set').selectOption('custom-tight-50k@2');
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '280000');

  // Kept across reloads.
  await page.reload();
  await expect(account.getByLabel('Rule set')).toHaveValue('custom-tight-50k@2');
  await expect(account.getByTestId('rule-set-update')).toHaveCount(0);
});

test('with nothing imported, pasting rows starts an account @phone', async ({ page }) => {
  await page.goto('/prop');
  await expect(page.getByRole('heading', { name: 'No trading accounts yet' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Paste rows' });
  await form.getByLabel('Account').fill('LIVE1');
  // Without a header, in the simple shape: a $20 loss on one MNQ.
  await form
    .getByLabel('Rows')
    .fill('2026-06-12 10:00:00, MNQM6, buy, 1, 29000\n2026-06-12 10:05:00, MNQM6, sell, 1, 28990');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('paste-preview')).toContainText('rows without header');
  await page.getByRole('button', { name: 'Append 2 rows' }).click();
  const account = page.locator('[data-testid="prop-account"][data-account="LIVE1"]');
  await expect(account).toBeVisible();
  // Guessed Apex 50K eval: 49,980 against a 47,500 threshold.
  await expect(account.getByTestId('distance-to-violation')).toHaveAttribute('data-value', '248000');
  await expect(account.getByTestId('rule-status')).toHaveAttribute('data-value', 'safe');
});
