/**
 * Bets analytics ("where a punter's money went"): pure SQL builders over DuckDB tables and the parsers
 * that shape their rows. Build `tz_offsets`, `bet_analytics` and `cash_analytics` after each ledger change
 * with `analyticsRefreshSql`, then run one query per panel.
 */
export * from './bet-analytics';
export * from './bets-table';
export * from './breakdown';
export * from './closing-odds';
export * from './curve';
export * from './days';
export * from './filter';
export * from './headline';
export * from './refresh';
export * from './series';
export * from './signals';
export * from './sql-text';
export * from './tz-offsets';
export * from './values';
