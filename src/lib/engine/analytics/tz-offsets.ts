/**
 * Local time without DuckDB's ICU extension. duckdb-wasm here ships without ICU, so SQL cannot convert a
 * UTC TIMESTAMP to a zone's wall clock. Instead the engine lists a zone's UTC offsets (from the runtime's
 * Intl data, through `zoneOffsetMinutes`) as a small table, and `bet_analytics` adds the offset in force
 * at each instant with an ASOF JOIN, once per ledger change, never per dashboard query.
 */
import { isValidZone, zoneOffsetMinutes } from '../time';
import { lit } from './sql-text';

export interface OffsetChange {
  /** UTC epoch milliseconds from which `offsetMin` applies; the first entry applies from the dawn of time. */
  fromMs: number;
  /** Minutes to add to UTC to get the wall clock (+600 for AEST, +660 for AEDT). */
  offsetMin: number;
}

const MINUTE = 60_000;
const DAY_MIN = 1440;

/**
 * Every UTC offset of `zone` from 1 January `fromYear` to 1 January `toYear + 1` (UTC): the offset at the
 * start, then one entry per change. Changes are found by sampling once a day and bisecting to the minute
 * (offset changes happen on whole minutes in the modern tz database). Two changes within one day that
 * return to the same offset would be missed; no zone has had one since 1970.
 */
export function offsetChanges(zone: string, fromYear: number, toYear: number): OffsetChange[] {
  if (!isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear) {
    throw new RangeError(`bad year range: ${fromYear}..${toYear}`);
  }
  const startMin = Date.UTC(fromYear, 0, 1) / MINUTE;
  const endMin = Date.UTC(toYear + 1, 0, 1) / MINUTE;
  const at = (minute: number): number => zoneOffsetMinutes(minute * MINUTE, zone);
  let current = at(startMin);
  const out: OffsetChange[] = [{ fromMs: startMin * MINUTE, offsetMin: current }];
  // Invariant: the offset at `cursor` is `current`.
  let cursor = startMin;
  while (cursor < endMin) {
    const next = Math.min(cursor + DAY_MIN, endMin);
    if (at(next) === current) {
      cursor = next;
      continue;
    }
    // Bisect: `lo` has the current offset, `hi` does not; shrink to adjacent minutes.
    let lo = cursor;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid) === current) lo = mid;
      else hi = mid;
    }
    current = at(hi);
    out.push({ fromMs: hi * MINUTE, offsetMin: current });
    cursor = hi;
  }
  return out;
}

/** "YYYY-MM-DD HH:MM:SS" (UTC) for a TIMESTAMP literal. */
function timestampText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Statements that (re)create `tz_offsets(from_ts TIMESTAMP, offset_min INTEGER)` for `zone` over the
 * years given. The first row's `from_ts` is -infinity, so instants before `fromYear` take the offset of
 * its start; instants after `toYear` keep the last offset. Run them before `betAnalyticsSql()`.
 */
export function tzOffsetsSql(zone: string, fromYear: number, toYear: number): string[] {
  const changes = offsetChanges(zone, fromYear, toYear);
  const values = changes.map(
    (c, i) =>
      `(${i === 0 ? "TIMESTAMP '-infinity'" : `TIMESTAMP ${lit(timestampText(c.fromMs))}`}, ${lit(c.offsetMin)})`,
  );
  return [
    'CREATE OR REPLACE TABLE tz_offsets (from_ts TIMESTAMP NOT NULL, offset_min INTEGER NOT NULL)',
    `INSERT INTO tz_offsets VALUES ${values.join(', ')}`,
  ];
}

/**
 * Statements that (re)create `tz_days(day DATE, offset_start INTEGER, change_at TIMESTAMP, offset_after
 * INTEGER)` from `tz_offsets` (run after `tzOffsetsSql` with the same years): one row per UTC day from
 * 1 January `fromYear` to 31 December `toYear`, with the offset in force at the day's start and the
 * day's change, if any (`change_at` NULL when none). An instant's offset is then an equality join on its
 * UTC day (`tzDayOffsetSql`) instead of an ASOF JOIN, which sorts all bets (with every column) once per
 * time column: about a second per 100k bets in wasm. Assumes at most one change per UTC day, as
 * `offsetChanges` does; instants outside the years find no row (callers cover the ledger's years).
 */
export function tzDaysSql(fromYear: number, toYear: number): string {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear) {
    throw new RangeError(`bad year range: ${fromYear}..${toYear}`);
  }
  return `CREATE OR REPLACE TABLE tz_days AS
WITH days AS (
  SELECT CAST(d AS DATE) AS day FROM range(TIMESTAMP '${fromYear}-01-01', TIMESTAMP '${toYear + 1}-01-01', INTERVAL 1 DAY) t(d)
), starts AS (
  SELECT d.day, o.offset_min AS offset_start FROM days d ASOF LEFT JOIN tz_offsets o ON CAST(d.day AS TIMESTAMP) >= o.from_ts
), changes AS (
  SELECT CAST(from_ts AS DATE) AS day, max(from_ts) AS change_at, arg_max(offset_min, from_ts) AS offset_after
  FROM tz_offsets WHERE from_ts > TIMESTAMP '-infinity' GROUP BY 1
)
SELECT s.day, s.offset_start, c.change_at, c.offset_after FROM starts s LEFT JOIN changes c ON c.day = s.day
ORDER BY s.day`;
}

/** The offset (minutes) in force at instant `ts`, given the `tz_days` row `d` joined on its UTC day. */
export function tzDayOffsetSql(ts: string, d: string): string {
  return `(CASE WHEN ${ts} >= ${d}.change_at THEN ${d}.offset_after ELSE ${d}.offset_start END)`;
}
