/**
 * The cross-capability totals the CLI prints for `import --json` and the generator's manifest promises
 * (TESTING.md): bets from bet_facts, poker sessions, trades, and bank money flows. One SQL query over the
 * ledger, so the app's figures and the CLI's agree by construction.
 */
import type { WorldTotals } from '../engine/generate/types';
import { ok, type Result } from '../engine/result';
import type { Sql } from './duckdb/port';
import { headline } from './ledger';

/** The same shape the generator's manifest promises for the files it writes. */
export type Totals = WorldTotals;

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function totals(sql: Sql): Promise<Result<Totals>> {
  const h = await headline(sql);
  if (!h.ok) return h;
  const r = await sql.query(`
    SELECT
      (SELECT count(*) FROM poker_sessions) AS sessions,
      CAST(coalesce((SELECT sum(minutes) FROM poker_sessions), 0) AS BIGINT) AS minutes,
      CAST(coalesce((SELECT sum(net_cents) FROM poker_sessions), 0) AS BIGINT) AS poker_net,
      (SELECT count(*) FROM trades) AS trades,
      CAST(coalesce((SELECT sum(amount_cents) FROM bank_txns WHERE amount_cents > 0 AND counterparty IS NULL), 0) AS BIGINT) AS income,
      CAST(coalesce((SELECT -sum(amount_cents) FROM bank_txns WHERE amount_cents < 0 AND counterparty IS NULL), 0) AS BIGINT) AS spending,
      CAST(coalesce((SELECT -sum(amount_cents) FROM bank_txns WHERE counterparty IS NOT NULL AND counterparty <> 'broker'), 0) AS BIGINT) AS risk_spend`);
  if (!r.ok) return r;
  const x = r.value[0] ?? {};
  return ok({
    netCents: h.value.netCents,
    stakedCents: h.value.stakedCents,
    returnedCents: h.value.returnedCents,
    bets: h.value.bets,
    depositsCents: h.value.depositsCents,
    withdrawalsCents: h.value.withdrawalsCents,
    sessions: n(x.sessions),
    hours: Math.round((n(x.minutes) / 60) * 100) / 100,
    pokerNetCents: n(x.poker_net),
    trades: n(x.trades),
    incomeCents: n(x.income),
    spendingCents: n(x.spending),
    riskSpendCents: n(x.risk_spend),
  });
}
