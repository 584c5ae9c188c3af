/**
 * `bet_analytics`: the table every Bets panel reads. It is `bet_facts` plus everything a panel would
 * otherwise compute per query, materialised once per ledger change (see `analyticsRefreshSql`): local
 * wall-clock times (ASOF JOIN on `tz_offsets`, since duckdb-wasm has no ICU), the local day, net, bands,
 * the participant, integer keys for every text dimension (comparing and grouping integers is several
 * times faster than strings in single-threaded wasm), the settlement order, per-day ranks by net, the
 * inputs of the ROI interval and CLV, and the "placed soon after a loss" flag for the chasing signal.
 * Also `bet_dims` (labels of the integer keys) and `cash_analytics` (deposits and withdrawals by local
 * day). `bet_days` (per-day curve rows) lives in `days.ts`.
 *
 * All local times are in the one display zone `tz_offsets` was built for (the punter's own clock), not
 * the per-row `tz` the source wrote its times in.
 */
import { lit } from './sql-text';
import { tzDayOffsetSql } from './tz-offsets';
import type { Row } from './values';

/** Odds bands in display order; a bet's band is the first whose upper bound exceeds its decimal odds. */
export const ODDS_BANDS = ['<1.5', '1.5-2', '2-3', '3-5', '5-10', '10+', 'unknown'] as const;
export type OddsBand = (typeof ODDS_BANDS)[number];
const ODDS_UPPER = [1.5, 2, 3, 5, 10];

/** Stake bands in display order (Australian dollars, as Sportsbet stakes are). Upper bounds exclusive. */
export const STAKE_BANDS = ['<$10', '$10-25', '$25-50', '$50-100', '$100-250', '$250+'] as const;
export type StakeBand = (typeof STAKE_BANDS)[number];
const STAKE_UPPER_CENTS = [1000, 2500, 5000, 10000, 25000];

export const BET_TYPES = ['single', 'multi', 'sgm', 'exotic', 'pool', 'other'] as const;

/** Minutes after a losing settlement within which a new bet counts as "chasing". */
export const CHASE_WINDOW_MIN = 60;

/** A CASE expression giving the 0-based band index of `expr` for ascending exclusive upper bounds. */
function bandIndexSql(expr: string, uppers: readonly number[], nullIndex: number | null): string {
  const whens = uppers.map((u, i) => `WHEN ${expr} < ${lit(u)} THEN ${i}`);
  const nullCase = nullIndex === null ? '' : `WHEN ${expr} IS NULL OR ${expr} <= 0 THEN ${nullIndex} `;
  return `CAST(CASE ${nullCase}${whens.join(' ')} ELSE ${uppers.length} END AS TINYINT)`;
}

/** SQL list literal of labels, indexed 1-based by DuckDB: `labels[id + 1]`. */
export function labelListSql(labels: readonly string[]): string {
  return `[${labels.map((l) => lit(l)).join(', ')}]`;
}

/** Selections that name no participant (totals, yes/no props, the draw). */
const GENERIC_SELECTIONS = [
  'over',
  'under',
  'yes',
  'no',
  'draw',
  'tie',
  'x',
  'odd',
  'even',
  'field',
  'the field',
  'any other',
  'other',
  'none',
];

/**
 * A selection cleaned of everything but a name, as SQL over column `col`. Removed, in order: a price
 * (" @ 2.10" and anything after), a trailing parenthesis ("(Win)", "(+3.5)"), a runner number ("2. "),
 * and a handicap or line ("-12.5", "+7", " 45.5"; a bare integer such as "Schalke 04" stays).
 */
export function cleanSelectionSql(col: string): string {
  return (
    `trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(trim(coalesce(${col}, '')),` +
    ` '\\s+@\\s+.*$', ''), '\\s*\\([^()]*\\)\\s*$', ''), '^\\d+\\.\\s+', ''), '\\s*[+-]\\d+(\\.\\d+)?$', ''),` +
    ` '\\s+\\d+\\.\\d+$', ''))`
  );
}

const AT_EVENT = `'^(.+?)\\s+@\\s+(.+)$'`;
const V_EVENT = `'(?i)^(.+?)\\s+(?:v|vs)\\.?\\s+(.+)$'`;

/** Home and away team expressions from an event column, '' when the event names no pairing. */
export function eventTeamsSql(col: string): { home: string; away: string } {
  const e = `coalesce(${col}, '')`;
  const pick = (atGroup: number, vGroup: number) =>
    `trim(CASE WHEN regexp_matches(${e}, ${AT_EVENT}) THEN regexp_extract(${e}, ${AT_EVENT}, ${atGroup})` +
    ` ELSE regexp_extract(${e}, ${V_EVENT}, ${vGroup}) END)`;
  return { home: pick(2, 1), away: pick(1, 2) };
}

/**
 * What a cleaned selection names, as SQL: 0 a participant (the selection itself), 1 the home team and 2
 * the away team ("Home"/"1", "Away"/"2": the teams come from the event), 3 nobody (Over, Yes, Draw...,
 * or nothing at all).
 */
export function selectionKindSql(cleanSel: string): string {
  return `(CASE WHEN ${cleanSel} = '' THEN 3 WHEN lower(${cleanSel}) IN ('home', '1') THEN 1
    WHEN lower(${cleanSel}) IN ('away', '2') THEN 2
    WHEN lower(${cleanSel}) IN (${GENERIC_SELECTIONS.map((g) => lit(g)).join(', ')}) THEN 3 ELSE 0 END)`;
}

/**
 * The participant from a selection kind, the cleaned selection and the event: for "A v B" A is home,
 * for "A @ B" (American style) B is home; '' when the event names no pairing or the kind is 3.
 */
export function participantSql(kind: string, cleanSel: string, eventCol: string): string {
  const { home, away } = eventTeamsSql(eventCol);
  return `(CASE ${kind} WHEN 0 THEN ${cleanSel} WHEN 1 THEN ${home} WHEN 2 THEN ${away} ELSE '' END)`;
}

/** Largest cents magnitude a sort key holds exactly: 2^31 − 1 ($21,474,836.47). */
const SORT_KEY_MAX_CENTS = 2147483647;

/**
 * A single BIGINT that orders rows as (`col`, seq) does: `col` · 2^32 + seq, over a subquery that already
 * has `seq`. A top-N over one key is about twice as fast as over two in
 * single-threaded wasm (the bets table sorted by net at 1M bets). Amounts beyond ±SORT_KEY_MAX_CENTS are
 * clamped, so such bets sort among themselves by settlement order (no bet is that large).
 */
function sortKeySql(col: string): string {
  return `(least(greatest(${col}, -${SORT_KEY_MAX_CENTS}), ${SORT_KEY_MAX_CENTS}) * 4294967296 + seq)`;
}

/** The 64-bit key of a text dimension: hash of the value, '' standing for "not recorded". */
export const dimKeySql = (expr: string): string => `hash(coalesce(${expr}, ''))`;

/** Separator between event, market and selection in `search_text`, so a search cannot span two fields. */
export const SEARCH_SEPARATOR = '\u001f';

/** Text dimensions with a hash key, and the column holding each one's label. */
export const TEXT_DIMENSIONS = {
  sport: "coalesce(sport, '')",
  competition: "coalesce(competition, '')",
  participant: 'participant',
  market: "coalesce(market, '')",
  bet_type: 'bet_type',
  venue: "coalesce(venue, '')",
} as const;

/**
 * Creates `bet_analytics` from `bet_facts` and `tz_offsets`. Columns, beyond all of `bet_facts`:
 * - `local_placed`, `local_settled` TIMESTAMP: wall clock in the display zone (UTC + offset in force);
 * - `local_day` DATE: local day of settlement, else of placement (pending bets);
 * - `net_cents` BIGINT: return − stake, 0 for pending; `is_settled`; `is_loss` (settled, net < 0);
 *   `won_n` (1 for a won bet, else 0, so a SUM counts wins without comparing text);
 * - `dow` (0 = Monday .. 6) and `hour` (0..23) of the local placement time;
 * - `odds_band`/`odds_band_id`, `stake_band`/`stake_band_id` (ids index ODDS_BANDS / STAKE_BANDS);
 * - `participant` (see `cleanSelectionSql`, `selectionKindSql`, `participantSql`); for venue, sport, competition, market, participant and bet_type
 *   a `*_h` UBIGINT hash key (filters compare it with constant-folded `hash('AFL')`) and a dense `*_id`
 *   INTEGER (breakdowns group by it: small dense integers aggregate several times faster in wasm);
 * - `seq`: 1-based order by (local_day, settled-or-placed instant, key), the order of every curve;
 * - `net_key`, `stake_key` BIGINT: (net, seq) and (stake, seq) as one sort key (see `sortKeySql`), which
 *   the bets table sorts by;
 * - `day_best`, `day_worst`: rank of the bet by net (highest, lowest first; ties in `seq` order) among
 *   the bets of its local day and status, so the best N of a date range are among the rows ranked <= N;
 * - `after_loss`: placed within CHASE_WINDOW_MIN minutes after (or at) some bet's losing settlement;
 * - `nn`, `ns`, `ss` DOUBLE: net², net·stake, stake² for the ROI interval (settled bets; 0 when pending);
 * - `closing_odds_decimal` DOUBLE: the closing price in use: the one typed by hand (`closing_odds_typed`,
 *   from `closing_manual`) when there is one, else the imported one (`closing_odds_imported`); see
 *   `closing-odds.ts` for why typed wins;
 * - `clv` DOUBLE: odds / closing odds − 1 when both are known (decimal odds >= 1), else NULL;
 * - `search_text`: lower-case event, market and selection joined by SEARCH_SEPARATOR.
 *
 * Rows are stored pending first, then newest first: the bets table's default order (newest first) then
 * fills its top-N heap from the first rows and rejects the rest cheaply (stored oldest first, that query
 * took ~350 ms at 1M bets instead of ~20), and date ranges skip row groups by zone map. The selection is
 * cleaned and classified once per distinct selection (regular expressions over every row cost seconds at
 * 1M bets); only "Home"/"Away" selections run a regular expression on their row's event.
 */
export function betAnalyticsSql(): string {
  const oddsId = bandIndexSql('odds_decimal', ODDS_UPPER, ODDS_BANDS.length - 1);
  const stakeId = bandIndexSql('stake_cents', STAKE_UPPER_CENTS, null);
  const sep = `chr(${SEARCH_SEPARATOR.charCodeAt(0)})`;
  const dims = Object.keys(TEXT_DIMENSIONS);
  // Dense ids per text dimension (1..n in no particular order), from the distinct hash keys and joined
  // back on them: integer joins, where joining on the label text cost seconds at 1M bets.
  const idCtes = dims
    .map(
      (dim) => `, ids_${dim} AS (SELECT h AS ${dim}_hk, CAST(row_number() OVER () AS INTEGER) AS ${dim}_id
  FROM (SELECT DISTINCT ${dim}_h AS h FROM base))`,
    )
    .join('');
  const idJoins = dims.map((dim) => `JOIN ids_${dim} ON ${dim}_hk = ${dim}_h`).join(' ');
  return `CREATE OR REPLACE TABLE bet_analytics AS
WITH losses AS (
  SELECT settled_at AS loss_at FROM bet_facts
  WHERE status <> 'pending' AND settled_at IS NOT NULL AND return_cents < stake_cents
), selections AS (
  SELECT selection, sel_clean, ${selectionKindSql('sel_clean')} AS sel_kind
  FROM (SELECT selection, ${cleanSelectionSql('selection')} AS sel_clean FROM (SELECT DISTINCT selection FROM bet_facts))
), zoned AS (
  SELECT f.*, m.odds_decimal AS closing_typed,
    f.placed_at + to_minutes(CAST(${tzDayOffsetSql('f.placed_at', 'p')} AS BIGINT)) AS local_placed,
    f.settled_at + to_minutes(CAST(${tzDayOffsetSql('f.settled_at', 's')} AS BIGINT)) AS local_settled
  FROM bet_facts f
  LEFT JOIN closing_manual m ON m.bet_key = f.key
  LEFT JOIN tz_days p ON p.day = CAST(f.placed_at AS DATE)
  LEFT JOIN tz_days s ON s.day = CAST(f.settled_at AS DATE)
), chased AS (
  SELECT z.*, (l.loss_at IS NOT NULL AND z.placed_at - l.loss_at <= to_minutes(${CHASE_WINDOW_MIN})) AS after_loss
  FROM zoned z ASOF LEFT JOIN losses l ON z.placed_at >= l.loss_at
), based AS (
  SELECT c.*,
    CAST(coalesce(c.local_settled, c.local_placed) AS DATE) AS local_day,
    (c.status <> 'pending') AS is_settled,
    CAST(CASE WHEN c.status = 'pending' THEN 0 ELSE c.return_cents - c.stake_cents END AS BIGINT) AS net_cents,
    coalesce(c.closing_typed, c.closing_odds_decimal) AS closing_used,
    ${participantSql('s.sel_kind', 's.sel_clean', 'c.event')} AS participant
  FROM chased c LEFT JOIN selections s ON s.selection IS NOT DISTINCT FROM c.selection
), base AS (
  SELECT *, row_number() OVER () AS rid,
    ${dims.map((dim) => `${dimKeySql(dim)} AS ${dim}_h`).join(', ')}
  FROM based
), ordered AS (
  -- The orders over a narrow projection (sorting every column along cost seconds), joined back on rid.
  SELECT rid AS r_rid, local_day AS r_day, is_settled AS r_settled, net_cents AS r_net,
    row_number() OVER (ORDER BY local_day, coalesce(settled_at, placed_at), key) AS seq
  FROM base
), ranks AS (
  -- A bet's rank within its (day, status) group is its position in one global order by (day, status,
  -- net, seq) less the bets of earlier groups: windows partitioned by day cost a second per 100k bets.
  -- Within a day seq orders as (settled-or-placed instant, key), so it breaks ties as they do.
  SELECT r_rid, r_day, r_settled, seq,
    row_number() OVER (ORDER BY r_day, r_settled, r_net DESC, seq) AS g_best,
    row_number() OVER (ORDER BY r_day, r_settled, r_net, seq) AS g_worst
  FROM ordered
), groups AS (
  SELECT local_day AS g_day, is_settled AS g_settled,
    sum(n) OVER (ORDER BY local_day, is_settled ROWS UNBOUNDED PRECEDING) - n AS g_before
  FROM (SELECT local_day, is_settled, count(*) AS n FROM base GROUP BY local_day, is_settled)
)${idCtes}
SELECT *, ${sortKeySql('net_cents')} AS net_key, ${sortKeySql('stake_cents')} AS stake_key FROM (
SELECT key, venue, placed_at, settled_at, tz, status, bet_type, stake_cents, return_cents, odds_decimal,
  closing_used AS closing_odds_decimal, closing_odds_decimal AS closing_odds_imported,
  closing_typed AS closing_odds_typed, sport, competition, event, market, selection, is_bonus, leg_count,
  local_placed, local_settled, local_day, net_cents, is_settled, (is_settled AND net_cents < 0) AS is_loss,
  CAST(CASE WHEN status = 'won' THEN 1 ELSE 0 END AS TINYINT) AS won_n,
  CAST(isodow(local_placed) - 1 AS TINYINT) AS dow,
  CAST(hour(local_placed) AS TINYINT) AS hour,
  ${oddsId} AS odds_band_id,
  ${labelListSql(ODDS_BANDS)}[${oddsId} + 1] AS odds_band,
  ${stakeId} AS stake_band_id,
  ${labelListSql(STAKE_BANDS)}[${stakeId} + 1] AS stake_band,
  participant,
  ${dims.map((dim) => `${dim}_h`).join(', ')},
  ${dims.map((dim) => `${dim}_id`).join(', ')},
  seq, CAST(g_best - g_before AS INTEGER) AS day_best, CAST(g_worst - g_before AS INTEGER) AS day_worst,
  after_loss,
  CAST(net_cents AS DOUBLE) * net_cents AS nn,
  CASE WHEN is_settled THEN CAST(net_cents AS DOUBLE) * stake_cents ELSE 0 END AS ns,
  CASE WHEN is_settled THEN CAST(stake_cents AS DOUBLE) * stake_cents ELSE 0 END AS ss,
  CASE WHEN odds_decimal >= 1 AND closing_used >= 1 THEN odds_decimal / closing_used - 1 END AS clv,
  lower(concat_ws(${sep}, coalesce(event, ''), coalesce(market, ''), coalesce(selection, ''))) AS search_text
FROM base JOIN ranks ON r_rid = rid JOIN groups ON g_day = r_day AND g_settled = r_settled ${idJoins})
ORDER BY is_settled, seq DESC`;
}

/** Bets per status class, sort and direction kept in `bet_sort_head`: the table's first 20 pages of 50. */
export const SORT_HEAD_ROWS = 1000;

/**
 * Creates `bet_sort_head` from `bet_analytics` (run after it): for net and stake (`sort_col` 'net' or
 * 'stake'), each direction (`sort_dir` 'asc', 'desc') and each status class (`is_settled`), the first
 * SORT_HEAD_ROWS bets in the order of their one-column sort key, with their 1-based position `pos` and
 * every column of `bet_analytics`. The bets table sorted by net or stake with no filter but the status
 * reads its page there: a top-N over every bet took 60-70 ms at 1M bets in wasm, and fetching a few
 * scattered rows of the wide table by key costs about as much (the scan reads every row group they fall
 * in). `setClosingSql` keeps its closing prices in step with `bet_analytics`.
 */
export function betSortHeadSql(): string {
  // One top-N per (sort, direction, status class), each a scan of two narrow columns; a window
  // partitioned by status sorted all bets four times (over 2 s at 1M bets).
  const parts = ['net', 'stake'].flatMap((col) =>
    ['asc', 'desc'].flatMap((dir) =>
      ['', 'NOT '].map(
        (not) => `SELECT h_seq, '${col}' AS sort_col, '${dir}' AS sort_dir,
    CAST(row_number() OVER (ORDER BY h_key ${dir.toUpperCase()}) AS INTEGER) AS pos
  FROM (SELECT seq AS h_seq, ${col}_key AS h_key FROM bet_analytics WHERE ${not}is_settled
    ORDER BY ${col}_key ${dir.toUpperCase()} LIMIT ${SORT_HEAD_ROWS})`,
      ),
    ),
  );
  return `CREATE OR REPLACE TABLE bet_sort_head AS
SELECT h.sort_col, h.sort_dir, h.pos, a.* FROM (
  ${parts.join('\n  UNION ALL\n  ')}
) h JOIN bet_analytics a ON a.seq = h.h_seq
ORDER BY h.sort_col, h.sort_dir, a.is_settled, h.pos`;
}

/** Largest `n` of the best/worst panel that `bet_day_top` answers. */
export const DAY_TOP_N = 10;

/**
 * Creates `bet_day_top` from `bet_analytics` (run after it): every column of the bets ranked within the
 * best or worst DAY_TOP_N of their local day and status (`day_best`, `day_worst`), in the stored order
 * of `bet_analytics` (so by local day, newest first).
 * The best and worst `n` <= DAY_TOP_N bets of any date range are among them, so the best/worst panel
 * of a dates-only filter reads this table (about 20 rows a day) instead of every bet: picking the
 * candidates out of the wide table cost 60-70 ms at 1M bets. `setClosingSql` keeps its closing prices in
 * step with `bet_analytics`.
 */
export function betDayTopSql(): string {
  return `CREATE OR REPLACE TABLE bet_day_top AS
SELECT * FROM bet_analytics WHERE day_best <= ${DAY_TOP_N} OR day_worst <= ${DAY_TOP_N}`;
}

/**
 * Creates `bet_dims(dim, id, label)`: each text dimension's dense ids and labels, so a breakdown groups by
 * the integer id and looks up a few labels instead of carrying text through the scan.
 */
export function betDimsSql(): string {
  const parts = Object.entries(TEXT_DIMENSIONS).map(
    ([dim, label]) =>
      `SELECT DISTINCT ${lit(dim)} AS dim, ${dim}_id AS id, ${label} AS label FROM bet_analytics`,
  );
  return `CREATE OR REPLACE TABLE bet_dims AS ${parts.join('\nUNION ALL ')}`;
}

/**
 * Creates `cash_analytics` (deposits, withdrawals and returned withdrawals from `book_txns`, with the
 * local day) so headline and deposit-frequency figures never scan the whole ledger per query.
 */
export function cashAnalyticsSql(): string {
  return `CREATE OR REPLACE TABLE cash_analytics AS
SELECT t.key, t.venue, ${dimKeySql('t.venue')} AS venue_h, t.kind, t.amount_cents, t.ts,
  CAST(t.ts + to_minutes(CAST(o.offset_min AS BIGINT)) AS DATE) AS local_day
FROM (SELECT * FROM book_txns WHERE kind IN ('deposit', 'withdrawal', 'returned-withdrawal')) t
ASOF LEFT JOIN tz_offsets o ON t.ts >= o.from_ts
ORDER BY t.ts, t.key`;
}

/** The UTC years the ledger's bets and cash movements span (to size `tz_offsets`). */
export function ledgerYearsSql(): string {
  return `SELECT min(y) AS from_year, max(y) AS to_year FROM (
  SELECT year(placed_at) AS y FROM bet_facts UNION ALL SELECT year(settled_at) FROM bet_facts
  UNION ALL SELECT year(ts) FROM book_txns)`;
}

export interface YearRange {
  fromYear: number;
  toYear: number;
}

/** The year range from `ledgerYearsSql`, or null for an empty ledger. */
export function parseLedgerYears(rows: readonly Row[]): YearRange | null {
  const r = rows[0];
  if (!r || r.from_year === null || r.from_year === undefined) return null;
  return { fromYear: Number(r.from_year), toYear: Number(r.to_year) };
}
