/** Pure chart specs for the Bets page (Observable Plot options from plain data). */
import * as Plot from '@observablehq/plot';
import type { BreakdownRow, SeriesPoint } from '$lib/engine/analytics/index';

/** P&L per period as bars (green up, red down) with the cumulative line over them. */
export function pnlPlotOptions(series: readonly SeriesPoint[], width: number): Plot.PlotOptions {
  const data = series.map((p) => ({
    t: new Date(`${p.start}T00:00:00Z`),
    t2: new Date(Date.parse(`${p.end}T00:00:00Z`) + 86_400_000),
    net: p.netCents / 100,
    cum: p.cumulativeCents / 100,
  }));
  return {
    width,
    height: 240,
    marginLeft: 56,
    x: { type: 'utc', label: null },
    y: { label: '$', grid: true, tickFormat: '~s' },
    marks: [
      Plot.ruleY([0], { stroke: '#94a3b8' }),
      Plot.rectY(data, {
        x1: 't',
        x2: 't2',
        y: 'net',
        inset: 0.5,
        fill: (d: { net: number }) => (d.net >= 0 ? '#15803d' : '#b91c1c'),
        fillOpacity: 0.55,
      }),
      Plot.line(data, { x: 't', y: 'cum', stroke: '#0f766e', strokeWidth: 2 }),
    ],
  };
}

/** Net by group as horizontal bars, worst at the bottom. */
export function breakdownPlotOptions(
  rows: readonly BreakdownRow[],
  label: (k: string) => string,
  width: number,
): Plot.PlotOptions {
  const data = rows.map((r) => ({ key: label(r.key), net: r.netCents / 100 }));
  return {
    width,
    height: Math.max(120, 28 * data.length + 40),
    marginLeft: Math.min(180, Math.max(80, Math.round(width * 0.3))),
    x: { label: 'Net ($)', grid: true, tickFormat: '~s' },
    y: { label: null, domain: data.map((d) => d.key) },
    marks: [
      Plot.barX(data, {
        x: 'net',
        y: 'key',
        fill: (d: { net: number }) => (d.net >= 0 ? '#15803d' : '#b91c1c'),
      }),
      Plot.ruleX([0], { stroke: '#475569' }),
    ],
  };
}
