// @vitest-environment jsdom
/**
 * The Bets chart specs rendered by Observable Plot in jsdom and compared with committed SVG snapshots
 * (`__snapshots__/*.svg`, viewable in any browser). A changed mark, scale, colour or data mapping changes
 * the SVG and fails the test; after an intended change, review the new SVG and run
 * `npx vitest run src/routes/bets/charts.test.ts -u`. The data mappings are also checked directly.
 */
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import type { BreakdownRow, SeriesPoint } from '$lib/engine/analytics/index';
import {
  breakdownChartData,
  breakdownPlotOptions,
  GAIN_COLOR,
  LOSS_COLOR,
  pnlChartData,
  pnlPlotOptions,
  signFill,
} from './charts';

/** Four months: +$120.50, −$80, $0, −$310.25 (running +120.50, +40.50, +40.50, −269.75). */
const SERIES: SeriesPoint[] = [
  {
    start: '2024-01-01',
    end: '2024-01-31',
    netCents: 12050,
    stakedCents: 50000,
    bets: 20,
    cumulativeCents: 12050,
  },
  {
    start: '2024-02-01',
    end: '2024-02-29',
    netCents: -8000,
    stakedCents: 40000,
    bets: 16,
    cumulativeCents: 4050,
  },
  { start: '2024-03-01', end: '2024-03-31', netCents: 0, stakedCents: 1000, bets: 1, cumulativeCents: 4050 },
  {
    start: '2024-04-01',
    end: '2024-04-30',
    netCents: -31025,
    stakedCents: 90000,
    bets: 30,
    cumulativeCents: -26975,
  },
];

const group = (key: string, netCents: number, isOther = false): BreakdownRow => ({
  key,
  isOther,
  bets: 10,
  won: 4,
  stakedCents: 10000,
  returnedCents: 10000 + netCents,
  netCents,
  roi: netCents / 10000,
  roiLow: null,
  roiHigh: null,
});

const BREAKDOWN: BreakdownRow[] = [
  group('AFL', 45000),
  group('Soccer', -12000),
  group('', -500),
  group('Other', -30000, true),
];
const label = (k: string) => (k === '' ? 'Not recorded' : k);

function svg(opts: Plot.PlotOptions): string {
  const el = Plot.plot({ ...opts, document });
  return `${el.outerHTML}\n`;
}

describe('P&L chart', () => {
  it('maps periods to bars spanning their days and the running total, in dollars', () => {
    const d = pnlChartData(SERIES);
    expect(
      d.map((x) => [x.t.toISOString().slice(0, 10), x.t2.toISOString().slice(0, 10), x.net, x.cum]),
    ).toEqual([
      ['2024-01-01', '2024-02-01', 120.5, 120.5],
      ['2024-02-01', '2024-03-01', -80, 40.5],
      ['2024-03-01', '2024-04-01', 0, 40.5],
      ['2024-04-01', '2024-05-01', -310.25, -269.75],
    ]);
    expect(d.map(signFill)).toEqual([GAIN_COLOR, LOSS_COLOR, GAIN_COLOR, LOSS_COLOR]);
  });

  it('renders the same SVG as the snapshot', async () => {
    const out = svg(pnlPlotOptions(SERIES, 640));
    // One bar per period, coloured by sign, under one cumulative line.
    const doc = new DOMParser().parseFromString(out, 'image/svg+xml');
    expect(doc.querySelectorAll('rect')).toHaveLength(SERIES.length);
    expect(doc.querySelectorAll('[stroke="#0f766e"] path')).toHaveLength(1);
    await expect(out).toMatchFileSnapshot('__snapshots__/pnl-month.svg');
  });

  it('renders an empty series without failing', async () => {
    await expect(svg(pnlPlotOptions([], 390))).toMatchFileSnapshot('__snapshots__/pnl-empty.svg');
  });
});

describe('breakdown chart', () => {
  it('maps groups to labelled bars in table order, in dollars', () => {
    expect(breakdownChartData(BREAKDOWN, label)).toEqual([
      { key: 'AFL', net: 450 },
      { key: 'Soccer', net: -120 },
      { key: 'Not recorded', net: -5 },
      { key: 'Other', net: -300 },
    ]);
  });

  it('sizes to the number of groups and the width', () => {
    const o = breakdownPlotOptions(BREAKDOWN, label, 390);
    expect(o.height).toBe(28 * 4 + 40);
    expect(o.marginLeft).toBe(117);
    expect(breakdownPlotOptions(BREAKDOWN.slice(0, 1), label, 1200)).toMatchObject({
      height: 120,
      marginLeft: 180,
    });
  });

  it('renders the same SVG as the snapshot, at desktop and phone widths', async () => {
    for (const width of [900, 358]) {
      const out = svg(breakdownPlotOptions(BREAKDOWN, label, width));
      const doc = new DOMParser().parseFromString(out, 'image/svg+xml');
      const fills = [...doc.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
      expect(fills).toEqual([GAIN_COLOR, LOSS_COLOR, LOSS_COLOR, LOSS_COLOR]);
      await expect(out).toMatchFileSnapshot(`__snapshots__/breakdown-${width}.svg`);
    }
  });
});
