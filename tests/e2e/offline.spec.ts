import { expect, test } from '@playwright/test';
import { startServer } from '../../scripts/serve.js';

test.describe.configure({ mode: 'serial' });

test('a query runs through the worker, and again offline after the server is gone', async ({ browser }) => {
  const server = await startServer({ port: 0 });
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      foreign.push(r.url());
  });
  try {
    await page.goto(`${server.url}/settings`);
    // Wait until the service worker controls the page and has precached everything, DuckDB included.
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) => {
          navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
          reg.active?.postMessage({ type: 'SKIP_WAITING' });
          setTimeout(resolve, 3000);
        });
      }
    });
    await page.getByRole('button', { name: 'Run a test query' }).click();
    await expect(page.getByTestId('engine-query-result')).toContainText('6 × 7 = 42', { timeout: 30_000 });

    await server.close();
    await context.setOffline(true);
    for (const path of ['/settings', '/import', '/bets', '/learn']) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Run a test query' }).click();
    await expect(page.getByTestId('engine-query-result')).toContainText('6 × 7 = 42', { timeout: 30_000 });
    expect(foreign).toEqual([]);
  } finally {
    await context.close();
    await server.close().catch(() => {});
  }
});
