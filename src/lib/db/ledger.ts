/**
 * The ledger in DuckDB: one table per fact table (current rows, one per natural key), staging and diffing of
 * new batches, and the derived `bet_facts` table every bets panel reads. All SQL that touches the fact
 * tables' layout is generated here from the engine's `TABLES`, so Node (tests, CLI) and the browser run
 * exactly the same statements.
 */
import type { FactTable } from '../engine/model';
import { FACT_TABLES, TABLES } from '../engine/model';
import { err, ok, type Result } from '../engine/result';
import { arrowName, hasIpcLayout, ipcInTableLayout, ipcLayout, ORD, SEGMENT_ROWS } from './arrow';
import { ident, type Sql } from './duckdb/port';

const SQL_TYPE = {
  text: 'VARCHAR',
  bigint: 'BIGINT',
  int: 'INTEGER',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
} as const;

export function createTableSql(table: FactTable): string {
  const cols = TABLES[table].map(
    (c) => `${ident(c.name)} ${SQL_TYPE[c.type]}${c.nullable ? '' : ' NOT NULL'}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${cols.join(', ')})`;
}

/** SELECT list converting a raw Arrow stage (epoch-ms floats) to the table's types. */
function stageSelect(table: FactTable): string {
  return TABLES[table]
    .map((c) =>
      c.type === 'timestamp'
        ? `epoch_ms(CAST(${ident(arrowName(c))} AS BIGINT)) AS ${ident(c.name)}`
        : `CAST(${ident(c.name)} AS ${SQL_TYPE[c.type]}) AS ${ident(c.name)}`,
    )
    .join(', ');
}

/** Columns compared to decide whether a re-imported row changed (everything but the source line). */
function compareCols(table: FactTable): string[] {
  return TABLES[table].filter((c) => c.name !== 'line' && c.name !== 'key').map((c) => c.name);
}

/** Creates the fact tables (empty, if missing) and the derived tables over them. */
export async function ensureSchema(sql: Sql): Promise<Result<null>> {
  const c = await createTables(sql);
  return c.ok ? refreshDerived(sql) : c;
}

/** Creates the fact tables only: for a start-up that replays stored segments, which derives once at the end. */
export async function createTables(sql: Sql): Promise<Result<null>> {
  for (const t of FACT_TABLES) {
    const r = await sql.exec(createTableSql(t));
    if (!r.ok) return r;
  }
  return ok(null);
}

export interface DiffCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const stageName = (t: FactTable) => `stage_${t}`;
const changedName = (t: FactTable) => `changed_${t}`;
const compareName = (t: FactTable) => `compare_${t}`;

/**
 * Loads a batch (Arrow IPC from `rowsToIpc`, keys unique within it, as `mergeChunks` and stored segments
 * guarantee) into a stage table and compares it with the current rows: a row is inserted (new key), updated
 * (same key, different content) or unchanged. Leaves the view `changed_<table>` (over the stage when no key
 * exists yet, else over the comparison table `compare_<table>`) holding the rows `applyChanged` writes.
 *
 * The stage keeps the Arrow columns as they arrived and converts types once, when rows are applied: at 700k
 * rows each full copy of a table costs seconds in DuckDB-WASM, so the common cases copy as little as they
 * can. A first import, or a later export with no overlap, finds no shared key with one hash join and skips
 * the comparison; an overlapping file compares only the rows whose key exists.
 */
export async function stageAndDiff(
  sql: Sql,
  table: FactTable,
  ipc: Uint8Array | readonly Uint8Array[],
): Promise<Result<DiffCounts>> {
  const parts = ipc instanceof Uint8Array ? [ipc] : ipc;
  if (parts.length === 0) return err('invalid-argument', `no ${table} rows to stage`);
  for (let i = 0; i < parts.length; i++) {
    const ins = await stageChunk(sql, table, parts[i]!, i === 0);
    if (!ins.ok) return ins;
  }
  return diffStaged(sql, table);
}

/**
 * Adds one IPC chunk of a batch to the table's stage; `first` starts a new stage (dropping any earlier
 * one). A large file's chunks are staged as they are encoded, so DuckDB's worker ingests one chunk while
 * the data worker parses the next; `diffStaged` then compares the whole batch.
 */
export async function stageChunk(
  sql: Sql,
  table: FactTable,
  ipc: Uint8Array,
  first: boolean,
): Promise<Result<null>> {
  const fits = hasIpcLayout(table, ipc);
  if (first) {
    const d = await discardStaged(sql, table);
    if (!d.ok) return d;
    if (fits) {
      const cols = ipcLayout(table).map((c) => `${ident(c.name)} ${c.sqlType}`);
      const c = await sql.exec(`CREATE TEMP TABLE ${stageName(table)} (${cols.join(', ')})`);
      if (!c.ok) return c;
    }
    let m = stagedAs.get(sql);
    if (!m) stagedAs.set(sql, (m = new Map()));
    m.set(table, fits ? 'temp' : 'main');
  } else if (!fits && stagedAs.get(sql)?.get(table) === 'temp') {
    return err('invalid-argument', `a ${table} chunk does not have the layout of the chunks before it`);
  }
  // Into the temporary table the rows go by position, which `hasIpcLayout` has checked; a stream of
  // another layout (a segment stored by an older version) makes its own table from its schema.
  return sql.insertArrowIpc(stageName(table), ipc, first && !fits);
}

/** Where each table's stage was made by its first chunk: a temporary table, or one made from the stream. */
const stagedAs = new WeakMap<Sql, Map<FactTable, 'temp' | 'main'>>();

/**
 * The distinct values of one column in a table's stage (e.g. the accounts a pasted batch names), or in the
 * table itself with `inTable` (a batch appended there as it was prepared).
 */
export async function stagedValues(
  sql: Sql,
  table: FactTable,
  column: string,
  inTable = false,
): Promise<Result<string[]>> {
  const from = inTable ? ident(table) : stageName(table);
  const r = await sql.query<{ v: string | null }>(
    `SELECT DISTINCT ${ident(column)} AS v FROM ${from} ORDER BY 1`,
  );
  return r.ok ? ok(r.value.flatMap((x) => (x.v === null ? [] : [String(x.v)]))) : r;
}

/** Whether a fact table holds no rows (as the connection asking sees it). */
export async function tableIsEmpty(sql: Sql, table: FactTable): Promise<Result<boolean>> {
  const r = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${ident(table)}`);
  return r.ok ? ok(Number(r.value[0]?.n ?? 0) === 0) : r;
}

/** Compares the staged batch with the table (see `stageAndDiff`). */
export async function diffStaged(sql: Sql, table: FactTable): Promise<Result<DiffCounts>> {
  const stage = stageName(table);
  const changed = changedName(table);
  const counts = await sql.query<{ total: bigint; overlap: bigint }>(
    `SELECT (SELECT count(*) FROM ${stage}) AS total,
            (SELECT count(*) FROM ${stage} s JOIN ${ident(table)} t ON s.key = t.key) AS overlap`,
  );
  if (!counts.ok) return counts;
  const total = Number(counts.value[0]?.total ?? 0);
  const overlap = Number(counts.value[0]?.overlap ?? 0);
  if (overlap === 0) return allNew(sql, table, total);
  const cmp = compareCols(table);
  const changedCond = cmp.map((c) => `s.${ident(c)} IS DISTINCT FROM t.${ident(c)}`).join(' OR ');
  const c = await sql.exec(
    `CREATE TEMP TABLE ${compareName(table)} AS
       SELECT s.*, (t.key IS NULL) AS _is_new
       FROM (SELECT ${stageSelect(table)}, ${ORD} FROM ${stage}) s LEFT JOIN ${ident(table)} t ON s.key = t.key
       WHERE t.key IS NULL OR ${changedCond}`,
  );
  if (!c.ok) return c;
  const v = await sql.exec(`CREATE TEMP VIEW ${changed} AS SELECT * FROM ${compareName(table)}`);
  if (!v.ok) return v;
  const n = await sql.query<{ inserted: bigint; changed: bigint }>(
    `SELECT count(*) FILTER (WHERE _is_new) AS inserted, count(*) AS changed FROM ${changed}`,
  );
  if (!n.ok) return n;
  const inserted = Number(n.value[0]?.inserted ?? 0);
  const nChanged = Number(n.value[0]?.changed ?? 0);
  return ok({ total, inserted, updated: nChanged - inserted, unchanged: total - nChanged });
}

/** The diff of a batch whose rows are all new: `changed_<table>` is the whole stage. */
async function allNew(sql: Sql, table: FactTable, total: number): Promise<Result<DiffCounts>> {
  const v = await sql.exec(
    `CREATE TEMP VIEW ${changedName(table)} AS
       SELECT ${stageSelect(table)}, ${ORD}, true AS _is_new FROM ${stageName(table)}`,
  );
  return v.ok ? ok({ total, inserted: total, updated: 0, unchanged: 0 }) : v;
}

/**
 * The diff of a batch appended to its table as it was staged (the table held no rows before it): every
 * row is new, and `changed_<table>` is the table itself.
 */
export async function diffApplied(sql: Sql, table: FactTable, total: number): Promise<Result<DiffCounts>> {
  const v = await sql.exec(
    `CREATE TEMP VIEW ${changedName(table)} AS
       SELECT *, CAST(NULL AS INTEGER) AS ${ORD}, true AS _is_new FROM ${ident(table)}`,
  );
  return v.ok ? ok({ total, inserted: total, updated: 0, unchanged: 0 }) : v;
}

/** Row positions (the `_ord` of the batch) of the changed rows, ascending. */
export async function changedOrdinals(sql: Sql, table: FactTable): Promise<Result<number[]>> {
  const r = await sql.query<{ o: number }>(`SELECT ${ORD} AS o FROM ${changedName(table)} ORDER BY ${ORD}`);
  return r.ok ? ok(r.value.map((x) => Number(x.o))) : r;
}

/**
 * The staged rows that `changed_<table>` holds, as Arrow IPC in the layout `rowsToIpc` writes (`_ord`
 * renumbered 0..n-1), in chunks of at most `maxRows` rows: the segments stored for an import that changed
 * only part of its file, read back from DuckDB so the parsed row objects need not be kept in memory
 * between preview and commit.
 */
export async function changedSegmentIpcs(
  sql: Sql,
  table: FactTable,
  changedRows: number,
  maxRows = SEGMENT_ROWS,
): Promise<Result<Uint8Array[]>> {
  const out: Uint8Array[] = [];
  for (let from = 0; from < changedRows; from += maxRows) {
    const r = await sql.queryIpc(
      `SELECT * FROM (
         SELECT * REPLACE (CAST(row_number() OVER (ORDER BY ${ORD}) - 1 AS INTEGER) AS ${ORD})
         FROM ${stageName(table)} WHERE ${ORD} IN (SELECT ${ORD} FROM ${changedName(table)})
       ) WHERE ${ORD} >= ${from} AND ${ORD} < ${from + maxRows} ORDER BY ${ORD}`,
    );
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** Applies `changed_<table>` to the table: replaced keys are deleted, then the new versions inserted. */
export async function applyChanged(sql: Sql, table: FactTable): Promise<Result<null>> {
  const cols = TABLES[table].map((c) => ident(c.name)).join(', ');
  const changed = changedName(table);
  const stmts = [
    `DELETE FROM ${ident(table)} WHERE key IN (SELECT key FROM ${changed} WHERE NOT _is_new)`,
    `INSERT INTO ${ident(table)} (${cols}) SELECT ${cols} FROM ${changed}`,
  ];
  for (const s of stmts) {
    const r = await sql.exec(s);
    if (!r.ok) return r;
  }
  return discardStaged(sql, table);
}

/**
 * Replays one import's stored segments for one table (page load, undo). Into an empty table (every table
 * on a reload, the first import that touched it) the rows go straight in: a segment holds only rows its
 * import inserted or changed, keys unique within it, so there is nothing to compare with: each segment is
 * appended to the table in its own layout (`ipcInTableLayout`; a segment stored by an older version is
 * staged and converted by one statement instead). Into a table that already holds rows (a later import
 * replayed), the rows are compared and applied as at commit (`stageAndDiff`, `applyChanged`): a row whose
 * content matches the current one keeps it, so undo and replay give exactly the ledger they always gave.
 */
export async function replayChunks(
  sql: Sql,
  table: FactTable,
  ipc: readonly Uint8Array[],
): Promise<Result<null>> {
  if (ipc.length === 0) return ok(null);
  const empty = await tableIsEmpty(sql, table);
  if (!empty.ok) return empty;
  if (!empty.value) {
    const d = await stageAndDiff(sql, table, ipc);
    return d.ok ? applyChanged(sql, table) : d;
  }
  // Segments in the current layout are appended to the table as they are (see `ipcInTableLayout`).
  if (ipc.every((part) => hasIpcLayout(table, part))) {
    for (const part of ipc) {
      const ins = await sql.insertArrowIpc(table, ipcInTableLayout(table, part), false);
      if (!ins.ok) return ins;
    }
    return ok(null);
  }
  for (let i = 0; i < ipc.length; i++) {
    const ins = await stageChunk(sql, table, ipc[i]!, i === 0);
    if (!ins.ok) return ins;
  }
  const cols = TABLES[table].map((c) => ident(c.name)).join(', ');
  const r = await sql.exec(
    `INSERT INTO ${ident(table)} (${cols}) SELECT ${stageSelect(table)} FROM ${stageName(table)}`,
  );
  if (!r.ok) return r;
  return discardStaged(sql, table);
}

/** Drops one table's stage, comparison and changed view. */
export async function discardStaged(sql: Sql, table: FactTable): Promise<Result<null>> {
  for (const s of [
    `DROP VIEW IF EXISTS ${changedName(table)}`,
    `DROP TABLE IF EXISTS ${compareName(table)}`,
    `DROP TABLE IF EXISTS ${stageName(table)}`,
  ]) {
    const r = await sql.exec(s);
    if (!r.ok) return r;
  }
  return ok(null);
}

/** Drops staging tables after a cancelled or failed import. */
export async function discardStage(sql: Sql): Promise<void> {
  for (const t of FACT_TABLES) await discardStaged(sql, t);
  await sql.exec(`DROP TABLE IF EXISTS ${AFFECTED}`);
}

/** Empties every fact table (before a rebuild from stored segments, or on "Delete all data"). */
export async function clearLedger(sql: Sql): Promise<Result<null>> {
  for (const t of FACT_TABLES) {
    const r = await sql.exec(`DELETE FROM ${ident(t)}`);
    if (!r.ok) return r;
  }
  return refreshDerived(sql);
}

/**
 * `bet_facts`: one row per bet, from bet-level exports and from ledger-style exports (a bet's stake and
 * settlement rows grouped by bet key). Settled bets have a status other than 'pending'. Materialised after
 * each change so dashboard queries scan one narrow table. A bet's legs are counted once per bet key and
 * joined (one pass over bet_legs, not a lookup per bet).
 */
function betFactsSelect(only: string | null): string {
  const bet = (col: string) => (only === null ? '' : `AND ${col} IN (SELECT key FROM ${only})`);
  return `
WITH legs AS (
  SELECT bet_key, count(*) AS n FROM bet_legs WHERE true ${bet('bet_key')} GROUP BY bet_key
), grouped AS (
  SELECT
    bet_key AS key,
    any_value(venue) AS venue,
    coalesce(min(ts) FILTER (WHERE kind = 'stake'), min(ts)) AS placed_at,
    max(ts) FILTER (WHERE kind IN ('payout', 'lose', 'void', 'cashout', 'adjustment')) AS settled_at,
    any_value(tz) AS tz,
    CAST(coalesce(-sum(amount_cents) FILTER (WHERE kind = 'stake' AND amount_cents < 0), 0) AS BIGINT) AS stake_cents,
    CAST(coalesce(sum(amount_cents) FILTER (WHERE kind IN ('payout', 'void', 'cashout', 'adjustment')
      OR (kind = 'stake' AND amount_cents > 0)), 0) AS BIGINT) AS return_cents,
    bool_or(kind = 'void') AS has_void,
    bool_or(kind = 'cashout') AS has_cashout,
    bool_or(kind = 'payout') AS has_payout,
    bool_or(kind = 'lose') AS has_lose,
    bool_or(kind = 'adjustment') AS has_adjustment,
    bool_or(kind = 'stake') AS has_stake,
    arg_min(bet_type, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS bet_type,
    arg_min(odds_decimal, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS odds_decimal,
    arg_min(sport, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS sport,
    arg_min(event, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS event,
    arg_min(market, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS market,
    arg_min(selection, CASE WHEN kind = 'stake' THEN 0 ELSE 1 END) AS selection,
    bool_or(kind = 'bonus') AS is_bonus
  FROM book_txns
  WHERE bet_key IS NOT NULL ${bet('bet_key')}
  GROUP BY bet_key
)
SELECT key, venue, placed_at, settled_at, tz,
  CASE
    WHEN has_void THEN 'void'
    WHEN has_cashout THEN 'cashed-out'
    WHEN has_payout AND return_cents >= stake_cents THEN 'won'
    WHEN has_payout THEN 'won'
    WHEN has_lose THEN 'lost'
    WHEN has_adjustment AND NOT has_stake THEN 'won'
    ELSE 'pending'
  END AS status,
  coalesce(bet_type, 'single') AS bet_type, stake_cents, return_cents, odds_decimal,
  CAST(NULL AS DOUBLE) AS closing_odds_decimal, sport, CAST(NULL AS VARCHAR) AS competition, event, market, selection,
  is_bonus,
  CAST(coalesce(legs.n, 0) AS INTEGER) AS leg_count
FROM grouped LEFT JOIN legs ON legs.bet_key = grouped.key
UNION ALL
SELECT key, venue, placed_at, settled_at, tz, status, bet_type, stake_cents, return_cents, odds_decimal,
  closing_odds_decimal, sport, competition, event, market, selection, is_bonus, leg_count
FROM bets
WHERE true ${bet('key')}`;
}

/** Derives all of `bet_facts` (see `betFactsSelect`). */
export const BET_FACTS_SQL = `CREATE OR REPLACE TABLE bet_facts AS ${betFactsSelect(null)}`;

export async function refreshDerived(sql: Sql): Promise<Result<null>> {
  return sql.exec(BET_FACTS_SQL);
}

/** Bet keys whose `bet_facts` rows a commit may change, gathered from the staged changes before they apply. */
const AFFECTED = 'affected_bets';

/**
 * Starts gathering the bets a commit touches (`noteAffectedBets` per table, then `refreshDerivedFor`).
 * Returns false when `bet_facts` is empty (a first import): every bet is new, and the full derivation is
 * cheaper than gathering them.
 */
export async function startAffectedBets(sql: Sql): Promise<Result<boolean>> {
  const n = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM bet_facts`);
  if (!n.ok) return n;
  if (Number(n.value[0]?.n ?? 0) === 0) return ok(false);
  const c = await sql.exec(`CREATE OR REPLACE TEMP TABLE ${AFFECTED} (key VARCHAR)`);
  return c.ok ? ok(true) : c;
}

/**
 * Notes the bets one table's staged change touches, before `applyChanged`: the bet key of every changed
 * row and, for a replaced row, the bet key its earlier version had (a row may move to another bet).
 */
export async function noteAffectedBets(sql: Sql, table: FactTable): Promise<Result<null>> {
  const changed = changedName(table);
  let q: string;
  if (table === 'bets') q = `SELECT key FROM ${changed}`;
  else if (table === 'book_txns' || table === 'bet_legs')
    q = `SELECT bet_key FROM ${changed} WHERE bet_key IS NOT NULL
         UNION ALL
         SELECT bet_key FROM ${ident(table)}
         WHERE bet_key IS NOT NULL AND key IN (SELECT key FROM ${changed} WHERE NOT _is_new)`;
  else return ok(null);
  return sql.exec(`INSERT INTO ${AFFECTED} ${q}`);
}

/**
 * Brings `bet_facts` up to date after a commit that noted its affected bets: only those bets' rows are
 * deleted and derived again (the same statement as `BET_FACTS_SQL`, restricted to them), so appending a
 * small export to a large ledger does not derive every bet again.
 */
export async function refreshDerivedFor(sql: Sql): Promise<Result<null>> {
  for (const s of [
    `CREATE OR REPLACE TEMP TABLE ${AFFECTED} AS SELECT DISTINCT key FROM ${AFFECTED}`,
    `DELETE FROM bet_facts WHERE key IN (SELECT key FROM ${AFFECTED})`,
    `INSERT INTO bet_facts SELECT * FROM (${betFactsSelect(AFFECTED)})`,
    `DROP TABLE ${AFFECTED}`,
  ]) {
    const r = await sql.exec(s);
    if (!r.ok) return r;
  }
  return ok(null);
}

export interface Headline {
  netCents: number;
  stakedCents: number;
  returnedCents: number;
  bets: number;
  pendingBets: number;
  pendingStakeCents: number;
  wonBets: number;
  depositsCents: number;
  withdrawalsCents: number;
  maxDrawdownCents: number;
  firstAt: string | null;
  lastAt: string | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * The headline figures over settled bets: staked, returned, net, count, strike; deposits and withdrawals
 * (a returned withdrawal counts as money back in); and the largest peak-to-trough fall of cumulative net.
 */
export async function headline(sql: Sql): Promise<Result<Headline>> {
  // One scan of bet_facts for the sums and counts, one of book_txns for the money moved, and the sorted
  // curve for the drawdown.
  const r = await sql.query(`
    WITH curve AS (
      SELECT row_number() OVER w AS rn, sum(return_cents - stake_cents) OVER w AS cum
      FROM bet_facts WHERE status <> 'pending'
      WINDOW w AS (ORDER BY coalesce(settled_at, placed_at), key ROWS UNBOUNDED PRECEDING)
    ), dd AS (
      SELECT max(peak - cum) AS mdd FROM (
        SELECT cum, greatest(0, max(cum) OVER (ORDER BY rn ROWS UNBOUNDED PRECEDING)) AS peak FROM curve)
    ), bets AS (
      SELECT
        CAST(coalesce(sum(stake_cents) FILTER (WHERE status <> 'pending'), 0) AS BIGINT) AS staked,
        CAST(coalesce(sum(return_cents) FILTER (WHERE status <> 'pending'), 0) AS BIGINT) AS returned,
        count(*) FILTER (WHERE status <> 'pending') AS bets,
        count(*) FILTER (WHERE status = 'won') AS won,
        count(*) FILTER (WHERE status = 'pending') AS pending,
        CAST(coalesce(sum(stake_cents) FILTER (WHERE status = 'pending'), 0) AS BIGINT) AS pending_stake,
        CAST(min(placed_at) AS VARCHAR) AS first_at,
        CAST(max(coalesce(settled_at, placed_at)) AS VARCHAR) AS last_at
      FROM bet_facts
    ), moved AS (
      SELECT
        CAST(coalesce(sum(amount_cents) FILTER (WHERE kind IN ('deposit', 'returned-withdrawal')), 0) AS BIGINT) AS deposits,
        CAST(coalesce(-sum(amount_cents) FILTER (WHERE kind = 'withdrawal'), 0) AS BIGINT) AS withdrawals
      FROM book_txns WHERE kind IN ('deposit', 'returned-withdrawal', 'withdrawal')
    )
    SELECT bets.*, moved.*, CAST(coalesce((SELECT mdd FROM dd), 0) AS BIGINT) AS mdd FROM bets, moved`);
  if (!r.ok) return r;
  const x = r.value[0] ?? {};
  const staked = num(x.staked);
  const returned = num(x.returned);
  return ok({
    netCents: returned - staked,
    stakedCents: staked,
    returnedCents: returned,
    bets: num(x.bets),
    wonBets: num(x.won),
    pendingBets: num(x.pending),
    pendingStakeCents: num(x.pending_stake),
    depositsCents: num(x.deposits),
    withdrawalsCents: num(x.withdrawals),
    maxDrawdownCents: num(x.mdd),
    firstAt: (x.first_at as string | null) ?? null,
    lastAt: (x.last_at as string | null) ?? null,
  });
}
