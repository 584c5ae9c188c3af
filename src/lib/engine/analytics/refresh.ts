/**
 * The statements the lead runs after each ledger change (after `refreshDerived` rebuilt `bet_facts`):
 * they rebuild every table the Bets panels read.
 */
import {
  betAnalyticsSql,
  betDayTopSql,
  betDimsSql,
  betSortHeadSql,
  cashAnalyticsSql,
  type YearRange,
} from './bet-analytics';
import { betDimTotalsSql } from './breakdown';
import { closingManualTableSql } from './closing-odds';
import { betDaysSql, betSportDaysSql } from './days';
import { tzDaysSql, tzOffsetsSql } from './tz-offsets';

/**
 * Everything to run after a ledger change (after `refreshDerived` rebuilt `bet_facts`), in order:
 * `tz_offsets` and `tz_days` for the display zone over the ledger's years (one year of margin each side,
 * so a bet late on 31 December UTC still finds its local offset), `closing_manual` if missing (typed
 * closing prices; fill it first with `closingManualReplaceSql`), then `bet_analytics`, `bet_sort_head`,
 * `bet_day_top`, `bet_days`, `bet_sport_days`, `bet_dims`, `bet_dim_totals` and `cash_analytics`.
 * With an empty ledger pass the current year.
 */
export function analyticsRefreshSql(zone: string, years: YearRange): string[] {
  return [
    ...tzOffsetsSql(zone, years.fromYear - 1, years.toYear + 1),
    tzDaysSql(years.fromYear - 1, years.toYear + 1),
    closingManualTableSql(),
    betAnalyticsSql(),
    betSortHeadSql(),
    betDayTopSql(),
    betDaysSql(),
    betSportDaysSql(),
    betDimsSql(),
    betDimTotalsSql(),
    cashAnalyticsSql(),
  ];
}
