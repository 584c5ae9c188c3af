/**
 * Closing odds typed by hand: stored in Dexie (`closingOdds`, the source of truth, apart from the imported
 * segments so a re-import never touches them) and mirrored into DuckDB's `closing_manual`, which
 * `bet_analytics` reads. The typed price wins over an imported one (engine/analytics/closing-odds.ts).
 */
import {
  betExistsSql,
  betRowSql,
  closingManualReplaceSql,
  dayClvRefreshSql,
  sportDayClvRefreshSql,
  isClosingOdds,
  parseBetRow,
  parseClosingOdds,
  setClosingSql,
  toCount,
  type BetRow,
} from '../engine/analytics/index';
import { err, ok, type Result } from '../engine/result';
import { isQuota } from './dexie-store';
import { execAll, type Sql } from './duckdb/port';
import type { BankrollDb } from './schema';

/**
 * Makes DuckDB's `closing_manual` hold exactly the typed prices in Dexie. Run before rebuilding
 * `bet_analytics` (after start, an import, an undo or a zone change). A record that is not a valid price
 * (written by hand into IndexedDB, say) is skipped rather than failing the whole page.
 */
export async function syncClosingOdds(sql: Sql, db: BankrollDb): Promise<Result<number>> {
  const plan = await closingOddsPlan(db);
  const r = await execAll(sql, plan.statements);
  return r.ok ? ok(plan.count) : r;
}

/** The statements that make `closing_manual` hold the typed prices stored now (see `syncClosingOdds`). */
export async function closingOddsPlan(db: BankrollDb): Promise<{ statements: string[]; count: number }> {
  const entries = (await db.closingOdds.toArray()).filter((e) => isClosingOdds(e.oddsDecimal));
  return { statements: closingManualReplaceSql(entries), count: entries.length };
}

/**
 * Sets the typed closing price of one bet from what the user typed (null or blank clears it), stores it
 * durably, and updates its `bet_analytics` row and its day's `bet_days` (and `bet_sport_days`) CLV totals in place so CLV figures change at once. Needs the
 * analytics tables built. Returns the bet as the table shows it: `invalid-argument` for text that is not
 * a closing price, `not-found` for an unknown bet; nothing is stored in either case.
 */
export async function setClosingOdds(
  sql: Sql,
  db: BankrollDb,
  betKey: string,
  text: string | null,
): Promise<Result<BetRow>> {
  const clearing = text === null || text.trim() === '';
  let odds: number | null = null;
  if (!clearing) {
    const p = parseClosingOdds(text);
    if (!p.ok) return p;
    odds = p.value;
  }
  const exists = await sql.query(betExistsSql(betKey));
  if (!exists.ok) return exists;
  if (toCount(exists.value[0]?.count) === 0) return err('not-found', 'No bet with that id is in the ledger.');
  try {
    if (odds === null) await db.closingOdds.delete(betKey);
    else
      await db.closingOdds.put({
        betKey,
        oddsDecimal: odds,
        text: (text ?? '').trim(),
        enteredAt: new Date().toISOString(),
      });
  } catch (e) {
    if (isQuota(e)) return err('quota-exceeded');
    return err('db-error', e instanceof Error ? e.message : String(e));
  }
  const u = await execAll(sql, [
    ...setClosingSql(betKey, odds),
    dayClvRefreshSql(betKey),
    sportDayClvRefreshSql(betKey),
  ]);
  if (!u.ok) return u;
  const row = await sql.query(betRowSql(betKey));
  if (!row.ok) return row;
  const first = row.value[0];
  return first ? ok(parseBetRow(first)) : err('not-found');
}
