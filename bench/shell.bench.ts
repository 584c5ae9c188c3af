/**
 * Foundation figures: initial JS+CSS (gzip) of the first page without DuckDB, the precache size, the shell's
 * time to interactive with a warm service worker, and DuckDB's time to ready, cold and warm.
 */
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { median, withApp, type BenchContext } from './lib';

async function initialBytes(): Promise<number> {
  const html = await readFile('build/index.html', 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/(?:href|src)="([^"]+\.(?:js|css))"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) refs.add(m[1]!);
  // The entry modules import their static dependencies; follow the static import graph.
  const seen = new Set<string>();
  const queue = [...refs].map((r) => r.replace(/^\.?\//, ''));
  let total = 0;
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const file = join('build', rel);
    const buf = await readFile(file).catch(() => null);
    if (!buf) continue;
    total += gzipSync(buf, { level: 9 }).length;
    if (rel.endsWith('.js')) {
      const text = buf.toString('utf8');
      for (const m of text.matchAll(/(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
        const dep = join(rel, '..', m[1]!).replace(/\\/g, '/');
        if (!dep.includes('duckdb')) queue.push(dep);
      }
    }
  }
  return total;
}

async function precacheBytes(): Promise<number> {
  const sw = await readFile('build/sw.js', 'utf8');
  let total = 0;
  for (const m of sw.matchAll(/url:"([^"]+)"/g)) {
    const s = await stat(join('build', m[1]!)).catch(() => null);
    if (s) total += s.size;
  }
  return total;
}

export async function run(ctx: BenchContext): Promise<void> {
  ctx.add('bundle.initial.gzip.bytes', await initialBytes(), 'bytes');
  ctx.add('precache.bytes', await precacheBytes(), 'bytes');
  await withApp(async (url, browser) => {
    const cold: number[] = [];
    const warm: number[] = [];
    const shell: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}/settings`);
      await page.waitForSelector('html[data-ready="1"]');
      let t0 = Date.now();
      await page.getByRole('button', { name: 'Run a test query' }).click();
      await page.getByTestId('engine-query-result').waitFor({ timeout: 60_000 });
      cold.push(Date.now() - t0);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      // Warm: the service worker serves the shell and DuckDB from its cache.
      await page.waitForTimeout(500);
      t0 = Date.now();
      await page.reload();
      await page.waitForSelector('html[data-ready="1"]');
      shell.push(Date.now() - t0);
      t0 = Date.now();
      await page.getByRole('button', { name: 'Run a test query' }).click();
      await page.getByTestId('engine-query-result').waitFor({ timeout: 60_000 });
      warm.push(Date.now() - t0);
      await context.close();
    }
    ctx.add('shell.interactive.warm.ms', median(shell), 'ms');
    ctx.add('duckdb.ready.cold.ms', median(cold), 'ms');
    ctx.add('duckdb.ready.warm.ms', median(warm), 'ms');
  });
}
