/**
 * Takes screenshots of every route at desktop and phone sizes from the built app (optionally after loading
 * the demo data), for looking at what people see: `node --import tsx scripts/screenshots.ts [--demo] [OUT_DIR]`.
 */
import { mkdir } from 'node:fs/promises';
import { launch } from '../bench/lib';
import { startServer } from './serve.js';

const ROUTES = [
  '/',
  '/import',
  '/bets',
  '/poker',
  '/prop',
  '/money',
  '/risk',
  '/learn',
  '/report',
  '/settings',
];
const demo = process.argv.includes('--demo');
/** What shows once a route's figures are in, with demo data. */
const READY: Record<string, string> = {
  '/': '[data-testid="kpi-net-result"]',
  '/bets': '[data-testid="bets-table"]',
  '/prop': '[data-testid="prop-account"]',
  '/report': '[data-testid="kpi-net-result"]',
};
const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/tmp/shots';

const server = await startServer({ port: 0 });
const browser = await launch();
await mkdir(out, { recursive: true });
try {
  for (const [label, viewport] of [
    ['desktop', { width: 1280, height: 860 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(`[${label}] console: ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${label}] pageerror: ${e.message}`));
    if (demo) {
      await page.goto(`${server.url}/settings`);
      await page.getByRole('button', { name: 'Load demo data' }).click();
      await page
        .getByText(/Demo data loaded|failed|error/i)
        .first()
        .waitFor({ timeout: 120_000 });
    }
    for (const r of ROUTES) {
      await page.goto(`${server.url}${r}`);
      await page.waitForSelector('html[data-ready="1"]');
      if (demo && ['/', '/bets', '/prop', '/report'].includes(r)) {
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="engine-status"]')?.getAttribute('data-value') === 'ready',
          null,
          { timeout: 60_000 },
        );
        // The figures arrive after the analytics tables are built (seconds on a busy machine).
        const ready = READY[r];
        if (ready)
          await page
            .locator(ready)
            .first()
            .waitFor({ timeout: 90_000 })
            .catch(() => undefined);
        await page.waitForTimeout(800);
      } else await page.waitForTimeout(400);
      const name = r === '/' ? 'overview' : r.slice(1);
      await page.screenshot({ path: `${out}/${label}-${name}.png`, fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
