/**
 * Import figures (issue: importing exports): a generated Sportsbet export of ~100k and ~700k rows dropped on
 * /import in headless Chromium, timed from the drop to the summary (committed in IndexedDB and queryable in
 * DuckDB); the page reload until the overview's figures show (figures-shown: possibly those saved for the same
 * imports at the previous visit) and until DuckDB has answered them (queryable); the longest main-thread task during the import;
 * the peak resident memory of Chromium's processes; and DuckDB's native CSV reader (Node package) on the same
 * file as the reference.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateWorld } from '../src/lib/engine/generate/index';
import { withApp, type BenchContext } from './lib';

const DIR = 'bench/.tmp';

async function sportsbetFile(scale: number): Promise<{ path: string; rows: number }> {
  const path = `${DIR}/sportsbet-scale-${scale}.csv`;
  if (!existsSync(path)) {
    const world = generateWorld({ seed: 7, persona: 'punter', months: 6, scale });
    const f = world.files.find((x) => x.name.startsWith('sportsbet'));
    if (!f) throw new Error('generator wrote no Sportsbet file');
    await writeFile(path, f.text);
  }
  const text = execSync(`wc -l < ${path}`).toString();
  return { path, rows: Number(text.trim()) };
}

async function nativeSeconds(path: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await conn.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('${path}', header = true)`);
    times.push((performance.now() - t0) / 1000);
  }
  conn.closeSync();
  db.closeSync();
  return times.sort((a, b) => a - b)[1]!;
}

function chromiumRssBytes(): number {
  try {
    const out = execSync(
      "ps -C chromium -o rss= 2>/dev/null || ps -eo rss=,comm= | grep -i chrom | awk '{print $1}'",
    ).toString();
    return (
      out
        .split('\n')
        .map((l) => Number(l.trim().split(/\s+/)[0]))
        .filter((n) => Number.isFinite(n))
        .reduce((a, b) => a + b, 0) * 1024
    );
  } catch {
    return 0;
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  await mkdir(DIR, { recursive: true });
  const small = await sportsbetFile(50);
  const large = await sportsbetFile(350);
  process.stderr.write(
    `  files: ${small.rows} and ${large.rows} lines (${(await stat(large.path)).size} bytes)\n`,
  );
  const native = await nativeSeconds(large.path);
  ctx.add('import.duckdb-native.700k.s', native, 's');

  await withApp(async (url, browser) => {
    for (const [label, file] of [
      ['100k', small],
      ...(process.env.BENCH_SMALL ? [] : ([['700k', large]] as const)),
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${url}/import`);
      await page.waitForSelector('html[data-ready="1"]');
      // Start DuckDB first: the target is measured "once DuckDB has started".
      await page.goto(`${url}/settings`);
      await page.getByRole('button', { name: 'Run a test query' }).click();
      await page.getByTestId('engine-query-result').waitFor({ timeout: 60_000 });
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
      let peak = chromiumRssBytes();
      const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssBytes())), 250);
      // Checked every animation frame: Playwright's waits back off to polling every 500 ms, which added up
      // to half a second to each figure.
      const shown = (selector: string) =>
        page.waitForFunction((s) => document.querySelector(s) !== null, selector, {
          polling: 'raf',
          timeout: 300_000,
        });
      const t0 = Date.now();
      await page.getByLabel('Import files').setInputFiles(file.path);
      // The preview is ready when its Import button is enabled.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('button')].some(
            (b) => b.textContent?.trim() === 'Import' && !b.disabled,
          ),
        null,
        { polling: 'raf', timeout: 300_000 },
      );
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await shown('[data-testid="import-summary"]');
      const committed = (Date.now() - t0) / 1000;
      clearInterval(sampler);
      const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      ctx.add(`import.sportsbet.${label}.committed.s`, committed, 's');
      if (label === '700k') {
        ctx.add('import.700k.peak-heap.bytes', peak, 'bytes');
        ctx.add('import.longest-main-thread-task.ms', longest, 'ms');
        ctx.add('import.vs-duckdb-native.x', native / committed, 'x');
        // Open the overview once so DuckDB's figures are saved for the reload (as any visit would).
        await page.goto(`${url}/`);
        await page.locator('[data-testid="headline"][data-live="1"]').waitFor({ timeout: 120_000 });
        const t1 = Date.now();
        await page.goto(`${url}/`);
        // Figures on screen (possibly the saved ones), then the same figures answered by DuckDB.
        await shown('[data-testid="kpi-net-result"]');
        ctx.add('import.reload.700k.figures-shown.s', (Date.now() - t1) / 1000, 's');
        await shown('[data-testid="headline"][data-live="1"]');
        ctx.add('import.reload.700k.queryable.s', (Date.now() - t1) / 1000, 's');
      }
      await context.close();
    }
  });
}
