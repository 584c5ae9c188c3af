/**
 * Pure chart specs for the Bets page: plain data in, Observable Plot options out (no DOM, no state), so
 * each spec is rendered to SVG in jsdom and snapshot-tested (charts.test.ts). The data mappings are their
 * own functions so a test can check the numbers a chart draws without reading SVG.
 */
import * as Plot from '@observablehq/plot';
import type { BreakdownRow, SeriesPoint } from '$lib/engine/analytics/index';

export const GAIN_COLOR = '#15803d';
export const LOSS_COLOR = '#b91c1c';
const LINE_COLOR = '#0f766e';

/** Green for a gain or break-even, red for a loss. */
export const signFill = (d: { net: number }): string => (d.net >= 0 ? GAIN_COLOR : LOSS_COLOR);

export interface PnlDatum {
  /** Start of the period (UTC midnight of its first local day) and the start of the next one. */
  t: Date;
  t2: Date;
  /** Net of the period and the running total after it, in dollars. */
  net: number;
  cum: number;
}

/** One bar per period, spanning its days (the last day included), money in dollars. */
export function pnlChartData(series: readonly SeriesPoint[]): PnlDatum[] {
  return series.map((p) => ({
    t: new Date(`${p.start}T00:00:00Z`),
    t2: new Date(Date.parse(`${p.end}T00:00:00Z`) + 86_400_000),
    net: p.netCents / 100,
    cum: p.cumulativeCents / 100,
  }));
}

/** P&L per period as bars (green up, red down) with the cumulative line over them. */
export function pnlPlotOptions(series: readonly SeriesPoint[], width: number): Plot.PlotOptions {
  const data = pnlChartData(series);
  return {
    width,
    height: 240,
    marginLeft: 56,
    x: { type: 'utc', label: null },
    y: { label: '$', grid: true, tickFormat: '~s' },
    marks: [
      Plot.ruleY([0], { stroke: '#94a3b8' }),
      Plot.rectY(data, { x1: 't', x2: 't2', y: 'net', inset: 0.5, fill: signFill, fillOpacity: 0.55 }),
      Plot.line(data, { x: 't', y: 'cum', stroke: LINE_COLOR, strokeWidth: 2 }),
    ],
  };
}

export interface BreakdownDatum {
  /** The group's label as shown (the key through `label`). */
  key: string;
  /** Net in dollars. */
  net: number;
}

/** One bar per group, in the rows' order, labelled for display, money in dollars. */
export function breakdownChartData(
  rows: readonly BreakdownRow[],
  label: (k: string) => string,
): BreakdownDatum[] {
  return rows.map((r) => ({ key: r.isOther ? 'Other' : label(r.key), net: r.netCents / 100 }));
}

/** Net by group as horizontal bars, in the table's order. */
export function breakdownPlotOptions(
  rows: readonly BreakdownRow[],
  label: (k: string) => string,
  width: number,
): Plot.PlotOptions {
  const data = breakdownChartData(rows, label);
  return {
    width,
    height: Math.max(120, 28 * data.length + 40),
    marginLeft: Math.min(180, Math.max(80, Math.round(width * 0.3))),
    x: { label: 'Net ($)', grid: true, tickFormat: '~s' },
    y: { label: null, domain: data.map((d) => d.key) },
    marks: [Plot.barX(data, { x: 'net', y: 'key', fill: signFill }), Plot.ruleX([0], { stroke: '#475569' })],
  };
}
