import { describe, expect, it } from 'vitest';
import { runSimulation } from './monte-carlo';
import { compareRuns, describeParams, figureDifferences, readFigures, runFigures } from './run-record';
import type { SimParams } from './types';

const params: SimParams = {
  model: { kind: 'student-t', meanCents: 500, sdCents: 10_000, df: 4 },
  startCents: 200_000,
  horizonSteps: 500,
  paths: 3000,
  seed: 42,
  targetCents: 300_000,
};
const run = (p: SimParams) => {
  const r = runSimulation(p);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('saved-run figures', () => {
  it('survive storage (structured clone) and a re-run with the same parameters and seed is identical', () => {
    const stored = structuredClone({ ...runFigures(run(params)), unit: 'sessions' });
    const read = readFigures(stored);
    expect(figureDifferences(read, runFigures(run(structuredClone(params))))).toEqual([]);
  });

  it('name the figures a different seed changes', () => {
    const d = figureDifferences(runFigures(run(params)), runFigures(run({ ...params, seed: 43 })));
    expect(d).toContain('riskOfRuin');
    expect(d).toContain('finalCents.p50');
    expect(d).not.toContain('paths');
  });

  it('read the first version of records, comparing only what they kept', () => {
    const s = run(params);
    const legacy = {
      riskOfRuin: s.riskOfRuin,
      pTarget: s.pTarget,
      var95Cents: s.var95Cents,
      cvar95Cents: s.cvar95Cents,
      p50: s.finalCents.p50,
    };
    const read = readFigures(legacy);
    expect(read.finalCents?.p50).toBe(s.finalCents.p50);
    expect(read.var99Cents).toBeUndefined();
    expect(figureDifferences(read, runFigures(s))).toEqual([]);
    expect(figureDifferences({ ...read, riskOfRuin: 0.5 }, runFigures(s))).toEqual(['riskOfRuin']);
    expect(readFigures(null)).toEqual({});
    expect(readFigures('x')).toEqual({});
  });
});

describe('compareRuns', () => {
  it('lists the settings either run has and the figures, each with B - A', () => {
    const b = { ...params, seed: 7, stopLossCents: 20_000 };
    const ra = run(params);
    const rb = run(b);
    const c = compareRuns({ params, figures: runFigures(ra) }, { params: b, figures: runFigures(rb) });
    const p = new Map(c.params.map((r) => [r.key, r]));
    expect(p.get('seed')).toMatchObject({ a: 42, b: 7, diff: -35 });
    expect(p.get('stopLoss')).toMatchObject({ a: null, b: 20_000, diff: null });
    expect(p.get('model')).toMatchObject({ a: 'Student-t', b: 'Student-t', diff: null });
    expect(p.get('df')).toMatchObject({ a: 4, b: 4, diff: 0 });
    // Options neither run set are left out.
    expect(p.has('drain')).toBe(false);
    expect(p.has('history')).toBe(false);
    const f = new Map(c.figures.map((r) => [r.key, r]));
    expect(f.get('riskOfRuin')).toMatchObject({
      a: ra.riskOfRuin,
      b: rb.riskOfRuin,
      diff: rb.riskOfRuin - ra.riskOfRuin,
    });
    expect(f.get('finalCents.p50')!.diff).toBe(rb.finalCents.p50 - ra.finalCents.p50);
    expect(f.get('riskOfRuin')!.higherIsBetter).toBe(false);
    expect(f.get('pTarget')!.higherIsBetter).toBe(true);
  });

  it('shows figures an older record did not keep as empty, not as a difference', () => {
    const s = run(params);
    const c = compareRuns(
      { params, figures: readFigures({ riskOfRuin: 0.1, p50: 1000 }) },
      { params, figures: runFigures(s) },
    );
    const f = new Map(c.figures.map((r) => [r.key, r]));
    expect(f.get('finalCents.p5')).toMatchObject({ a: null, diff: null });
    expect(f.get('finalCents.p50')).toMatchObject({ a: 1000, diff: s.finalCents.p50 - 1000 });
  });

  it('describes bootstrap models by their history and exact moments', () => {
    const d = describeParams({
      ...params,
      model: { kind: 'bootstrap', historyCents: new Float64Array([300, -100]) },
    });
    expect(d.get('history')!.value).toBe(2);
    expect(d.get('mean')!.value).toBe(100);
    expect(d.get('sd')!.value).toBe(200);
    expect(d.get('df')!.value).toBeNull();
  });
});
