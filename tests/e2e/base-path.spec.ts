import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startServer } from '../../scripts/serve.js';

test.describe.configure({ mode: 'serial' });

test('builds and runs under a base path on a static host', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = 'build-base-path-test';
  rmSync(dir, { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    env: { ...process.env, BASE_PATH: '/bankroll-guardian', BUILD_DIR: dir },
    stdio: 'ignore',
  });
  const server = await startServer({ root: dir, port: 0, base: '/bankroll-guardian' });
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(r.url());
  });
  try {
    await page.goto(`${server.url}/learn`);
    await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/bankroll-guardian\/settings$/);
    await page.getByRole('button', { name: 'Run a test query' }).click();
    await expect(page.getByTestId('engine-query-result')).toContainText('6 × 7 = 42', { timeout: 60_000 });
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifest).toBe('/bankroll-guardian/manifest.webmanifest');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toMatch(/\/bankroll-guardian\/$/);
    expect(failed).toEqual([]);
  } finally {
    await context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
