/**
 * Rules-engine figures: 1M fills across 20 accounts evaluated incrementally (events per second), and the
 * cost of one more fill on a warm evaluator (`rules.incremental.ms`, median of 1,000 pushes + status()).
 * Runs in a Node worker thread, like the app's evaluation in a web worker.
 */
import { createEvaluator } from '../src/lib/engine/rules/evaluate';
import { findRuleSet } from '../src/lib/engine/rules/rule-sets';
import type { AccountEvent } from '../src/lib/engine/rules/types';
import { median, type BenchContext } from './lib';

function events(n: number, accounts: number): AccountEvent[][] {
  const out: AccountEvent[][] = Array.from({ length: accounts }, () => []);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const t0 = Date.parse('2026-06-01T14:00:00Z');
  for (let i = 0; i < n; i++) {
    const a = i % accounts;
    const at = t0 + Math.floor(i / accounts) * 20_000;
    // Alternate opening and closing fills; every close is a round trip with a small P&L.
    const open = (Math.floor(i / accounts) & 1) === 0;
    out[a]!.push(
      open
        ? { type: 'fill', at, root: 'MNQ', qtyChange: 1 }
        : { type: 'trade', at, netCents: Math.round((rnd() - 0.5) * 4000), root: 'MNQ', qty: 1 },
    );
    if (!open) out[a]!.push({ type: 'fill', at, root: 'MNQ', qtyChange: -1 });
  }
  return out;
}

export function run(ctx: BenchContext): Promise<void> {
  const rs = findRuleSet('apex-50k-eval');
  if (!rs) throw new Error('no rule set');
  const streams = events(1_000_000, 20);
  const total = streams.reduce((a, s) => a + s.length, 0);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (const s of streams) {
      const ev = createEvaluator(rs, { timeline: 'none' });
      for (const e of s) ev.push(e);
      ev.status();
    }
    runs.push(total / ((performance.now() - t) / 1000));
  }
  ctx.add('rules.events-per-s', median(runs), 'events/s');
  const ev = createEvaluator(rs, { timeline: 'none' });
  for (const e of streams[0]!) ev.push(e);
  const last = streams[0]![streams[0]!.length - 1]!.at;
  const inc: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    ev.push({ type: 'trade', at: last + (i + 1) * 1000, netCents: i % 2 ? 500 : -450, root: 'MNQ', qty: 1 });
    ev.status();
    inc.push(performance.now() - t);
  }
  ctx.add('rules.incremental.ms', median(inc), 'ms');
  return Promise.resolve();
}
