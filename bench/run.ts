/**
 * `npm run bench`: runs the benchmarks in Node and in headless Chromium against the built app, and writes
 * bench/results.json ({ machine, at, results: [{ name, value, unit }] }). Needs `npm run build` first (it
 * builds if build/ is missing). Each suite is a module exporting `run(ctx)`; select with BENCH=name,name.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { BenchContext, BenchResult } from './lib';
import { run as runShell } from './shell.bench';
import { run as runImport } from './import.bench';
import { run as runSim } from './sim.bench';
import { run as runBets } from './bets.bench';
import { run as runRules } from './rules.bench';

const SUITES: Record<string, (ctx: BenchContext) => Promise<void>> = {
  shell: runShell,
  import: runImport,
  sim: runSim,
  bets: runBets,
  rules: runRules,
};

async function main() {
  if (!existsSync('build/index.html')) execSync('npm run build', { stdio: 'inherit' });
  const results: BenchResult[] = [];
  const ctx: BenchContext = {
    add(name, value, unit) {
      const v = Number.isFinite(value) ? Math.round(value * 1000) / 1000 : value;
      results.push({ name, value: v, unit });
      process.stderr.write(`  ${name} = ${v} ${unit}\n`);
    },
  };
  const only = process.env.BENCH?.split(',').filter(Boolean);
  for (const [name, suite] of Object.entries(SUITES)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}\n`);
    try {
      await suite(ctx);
    } catch (e) {
      process.stderr.write(
        `bench: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  const out = {
    machine: `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    at: new Date().toISOString(),
    results,
  };
  await mkdir('bench', { recursive: true });
  await writeFile('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(`bench: wrote bench/results.json (${results.length} results)\n`);
}

await main();
// Native handles a suite leaves open (DuckDB's Node instance, a stuck browser) must not keep the bench alive.
process.exit(0);
