// @vitest-environment jsdom
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '$lib/engine/sim/monte-carlo';
import type { SimParams } from '$lib/engine/sim/types';
import { fanData, fanPlotOptions, scenarioPlotOptions } from './charts';

const base: SimParams = {
  model: { kind: 'normal', meanCents: 500, sdCents: 10_000 },
  startCents: 200_000,
  horizonSteps: 100,
  paths: 400,
  seed: 1,
  fanCheckpoints: 10,
};
const run = (p: SimParams) => {
  const r = runSimulation(p);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('risk charts', () => {
  it('fan data are dollars at each checkpoint', () => {
    const s = run(base);
    const d = fanData(s);
    expect(d).toHaveLength(11);
    expect(d[0]).toEqual({ step: 0, p5: 2000, p25: 2000, p50: 2000, p75: 2000, p95: 2000 });
  });

  it('draws the fan with two bands, sample paths, the median and the ruin floor', () => {
    const svg = Plot.plot(fanPlotOptions(run(base), { width: 600, floorCents: 0, unit: 'sessions' }));
    expect(svg.querySelectorAll('g[aria-label="area"] path')).toHaveLength(2);
    // Five sample paths and the median.
    expect(svg.querySelectorAll('g[aria-label="line"] path')).toHaveLength(6);
    expect(svg.querySelectorAll('g[aria-label="rule"] line')).toHaveLength(1);
    expect(svg.textContent).toContain('sessions →');
  });

  it('puts base and scenario on one axis of weeks, with a legend', () => {
    const a = run(base);
    const b = run({ ...base, horizonSteps: 150 });
    const opts = scenarioPlotOptions(a, b, {
      width: 600,
      baseStepsPerWeek: 5,
      scenarioStepsPerWeek: 7.5,
      floorCents: 0,
    });
    const figure = Plot.plot(opts);
    // With a legend Plot returns a figure: swatches (small svgs) and the chart's svg.
    const svg = [...figure.querySelectorAll('svg')].find((x) => x.querySelector('g'))!;
    expect(svg.querySelectorAll('g[aria-label="area"] path')).toHaveLength(2);
    expect(svg.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    expect(figure.textContent).toContain('Scenario');
    expect(svg.textContent).toContain('weeks →');
    // Both runs end at week 20: 100 steps at 5 a week, 150 at 7.5.
    const xDomain = (opts.marks![2] as unknown as { data: { week: number }[] }).data.map((d) => d.week);
    expect(Math.max(...xDomain)).toBe(20);
  });
});
