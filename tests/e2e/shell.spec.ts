import { expect, test } from '@playwright/test';

const ROUTES = [
  ['/', 'Overview'],
  ['/import', 'Import'],
  ['/bets', 'Bets'],
  ['/poker', 'Poker'],
  ['/prop', 'Prop accounts'],
  ['/money', 'Money'],
  ['/risk', 'Risk lab'],
  ['/learn', 'Learn'],
  ['/report', 'Report'],
  ['/settings', 'Settings'],
] as const;

test('every route loads from the navigation and says what it holds @phone', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(u.hostname) &&
      !u.protocol.startsWith('blob') &&
      !u.protocol.startsWith('data')
    )
      foreign.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByTestId('empty-overview')).toContainText('nothing leaves your device');
  await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [path, name] of ROUTES) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/$' : path}$`));
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} overflows horizontally`).toBeLessThanOrEqual(1);
  }
  // Deep links load directly too.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(foreign).toEqual([]);
});

test('the app is installable: manifest with icons, theme colour and standalone display', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href!)).json()) as {
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toBe('#0f766e');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});

test('settings shows whether storage is persistent and how much is used', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('storage-persisted')).not.toHaveAttribute('data-value', 'unknown');
  await expect(page.getByTestId('storage-usage')).toHaveAttribute('data-value', /^\d+$/);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-value', 'off');
});
