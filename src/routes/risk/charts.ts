/**
 * Pure chart specs for the Risk lab (Observable Plot options from plain data), rendered by the page and
 * snapshot-tested in jsdom.
 */
import * as Plot from '@observablehq/plot';
import type { SimSummary } from '$lib/engine/sim/types';

export interface FanDatum {
  step: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export function fanData(s: Pick<SimSummary, 'fan'>): FanDatum[] {
  const out: FanDatum[] = [];
  for (let i = 0; i < s.fan.steps.length; i++) {
    out.push({
      step: s.fan.steps[i]!,
      p5: s.fan.p5[i]! / 100,
      p25: s.fan.p25[i]! / 100,
      p50: s.fan.p50[i]! / 100,
      p75: s.fan.p75[i]! / 100,
      p95: s.fan.p95[i]! / 100,
    });
  }
  return out;
}

/** Fan chart: 5–95% and 25–75% bands, the median, a few sample paths, and the ruin floor. */
export function fanPlotOptions(
  s: Pick<SimSummary, 'fan' | 'samplePaths'>,
  opts: { width: number; floorCents: number; targetCents?: number; unit: string },
): Plot.PlotOptions {
  const data = fanData(s);
  const samples = s.samplePaths.flatMap((path, k) =>
    Array.from(path, (v, i) => ({ path: k, step: s.fan.steps[i] ?? 0, value: v / 100 })),
  );
  const marks: Plot.Markish[] = [
    Plot.areaY(data, { x: 'step', y1: 'p5', y2: 'p95', fill: '#14b8a6', fillOpacity: 0.18 }),
    Plot.areaY(data, { x: 'step', y1: 'p25', y2: 'p75', fill: '#14b8a6', fillOpacity: 0.35 }),
    Plot.line(samples, {
      x: 'step',
      y: 'value',
      z: 'path',
      stroke: '#64748b',
      strokeOpacity: 0.5,
      strokeWidth: 1,
    }),
    Plot.line(data, { x: 'step', y: 'p50', stroke: '#0f766e', strokeWidth: 2.5 }),
    Plot.ruleY([opts.floorCents / 100], { stroke: '#b91c1c', strokeDasharray: '4,3' }),
  ];
  if (opts.targetCents !== undefined)
    marks.push(Plot.ruleY([opts.targetCents / 100], { stroke: '#15803d', strokeDasharray: '4,3' }));
  return {
    width: opts.width,
    height: Math.round(Math.min(360, Math.max(220, opts.width * 0.5))),
    marginLeft: 64,
    x: { label: `${opts.unit} →`, grid: true },
    y: { label: '↑ Bankroll ($)', grid: true, tickFormat: '~s' },
    marks,
  };
}

/**
 * Scenario chart: the median and 5–95% band of the bankroll for the base and the scenario, on a common
 * axis of weeks (the two runs may have different steps a week).
 */
export function scenarioPlotOptions(
  base: Pick<SimSummary, 'fan'>,
  scenario: Pick<SimSummary, 'fan'>,
  opts: { width: number; baseStepsPerWeek: number; scenarioStepsPerWeek: number; floorCents: number },
): Plot.PlotOptions {
  const rows = (s: Pick<SimSummary, 'fan'>, perWeek: number, run: string) =>
    fanData(s).map((d) => ({ ...d, week: d.step / perWeek, run }));
  const a = rows(base, opts.baseStepsPerWeek, 'Base');
  const b = rows(scenario, opts.scenarioStepsPerWeek, 'Scenario');
  const colour = { Base: '#14b8a6', Scenario: '#ea580c' };
  return {
    width: opts.width,
    height: Math.round(Math.min(320, Math.max(200, opts.width * 0.45))),
    marginLeft: 64,
    x: { label: 'weeks →', grid: true },
    y: { label: '↑ Bankroll ($)', grid: true, tickFormat: '~s' },
    color: { domain: ['Base', 'Scenario'], range: [colour.Base, colour.Scenario], legend: true },
    marks: [
      Plot.areaY(a, { x: 'week', y1: 'p5', y2: 'p95', fill: colour.Base, fillOpacity: 0.16 }),
      Plot.areaY(b, { x: 'week', y1: 'p5', y2: 'p95', fill: colour.Scenario, fillOpacity: 0.16 }),
      Plot.line([...a, ...b], { x: 'week', y: 'p50', z: 'run', stroke: 'run', strokeWidth: 2.5 }),
      Plot.ruleY([opts.floorCents / 100], { stroke: '#b91c1c', strokeDasharray: '4,3' }),
    ],
  };
}
