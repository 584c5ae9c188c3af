/**
 * Saved runs: what a run keeps of its summary (every headline figure, no per-path data), the check that a
 * re-run with the same parameters and seed gave the same figures, and the side-by-side comparison of two
 * runs (their parameters and figures, with differences). Used by the Risk lab's "Saved runs".
 */
import { compileModel } from './distributions';
import type { Percentiles, SimParams, SimSummary } from './types';

/** Every headline figure of a run: the summary without its per-checkpoint arrays (see SimSummary). */
export type RunFigures = Omit<SimSummary, 'fan' | 'samplePaths'>;

/** The figures of a summary, as plain data (no typed arrays) fit for storage. */
export function runFigures(s: SimSummary): RunFigures {
  return {
    paths: s.paths,
    horizonSteps: s.horizonSteps,
    riskOfRuin: s.riskOfRuin,
    riskOfRuinSe: s.riskOfRuinSe,
    pTarget: s.pTarget,
    pTargetSe: s.pTargetSe,
    finalCents: { ...s.finalCents },
    meanFinalCents: s.meanFinalCents,
    var95Cents: s.var95Cents,
    cvar95Cents: s.cvar95Cents,
    var99Cents: s.var99Cents,
    cvar99Cents: s.cvar99Cents,
    maxDrawdownCents: { ...s.maxDrawdownCents },
    medianStepsToTarget: s.medianStepsToTarget,
  };
}

const BANDS = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;

/** Figures flattened to dotted names ("finalCents.p50"), the form that storage checks and compares. */
function flatten(f: Partial<RunFigures>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [k, v] of Object.entries(f)) {
    if (v !== null && typeof v === 'object')
      for (const b of BANDS) out.set(`${k}.${b}`, (v as Percentiles)[b] ?? null);
    else out.set(k, typeof v === 'number' ? v : null);
  }
  return out;
}

/**
 * The names of the figures that differ between a stored record and a re-run (exact comparison: same
 * parameters and seed must give bit-identical figures). Figures missing from `stored` or NaN there (older
 * records kept fewer) are not compared; an empty list means identical.
 */
export function figureDifferences(stored: Partial<RunFigures>, rerun: RunFigures): string[] {
  const a = flatten(stored);
  const b = flatten(rerun);
  const out: string[] = [];
  for (const [k, v] of a) {
    // NaN marks a figure an older record did not keep (see readFigures).
    if (typeof v === 'number' && Number.isNaN(v)) continue;
    if (b.has(k) && !Object.is(b.get(k), v)) out.push(k);
  }
  return out;
}

/**
 * Reads figures stored by any version of the page: current records hold RunFigures; the first version
 * kept { riskOfRuin, pTarget, var95Cents, cvar95Cents, p50 } (its other final-bankroll bands read as NaN).
 * Unknown fields are dropped.
 */
export function readFigures(x: unknown): Partial<RunFigures> {
  if (x === null || typeof x !== 'object') return {};
  const o = x as Record<string, unknown>;
  const out: Partial<RunFigures> = {};
  const num = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
  for (const k of [
    'paths',
    'horizonSteps',
    'riskOfRuin',
    'riskOfRuinSe',
    'pTarget',
    'pTargetSe',
    'meanFinalCents',
    'var95Cents',
    'cvar95Cents',
    'var99Cents',
    'cvar99Cents',
  ] as const)
    if (num(o[k])) out[k] = o[k];
  if (o.medianStepsToTarget === null || num(o.medianStepsToTarget))
    out.medianStepsToTarget = o.medianStepsToTarget;
  const bands = (v: unknown): Percentiles | undefined => {
    if (v === null || typeof v !== 'object') return undefined;
    const p = v as Record<string, unknown>;
    return BANDS.every((b) => num(p[b])) ? (p as unknown as Percentiles) : undefined;
  };
  const fin = bands(o.finalCents);
  if (fin) out.finalCents = fin;
  else if (num(o.p50)) out.finalCents = { p5: NaN, p25: NaN, p50: o.p50, p75: NaN, p95: NaN };
  const dd = bands(o.maxDrawdownCents);
  if (dd) out.maxDrawdownCents = dd;
  return out;
}

/** How a compared value reads: money in cents, a share, a count, steps, or text. */
export type RowUnit = 'cents' | 'ratio' | 'count' | 'number' | 'text';

/** One line of a comparison: values of run A and B and, for numbers, B - A (null when not comparable). */
export interface CompareRow {
  key: string;
  label: string;
  unit: RowUnit;
  a: number | string | null;
  b: number | string | null;
  diff: number | null;
  /** For figures: true when a higher value is better for the player (target reached, median final). */
  higherIsBetter?: boolean;
}

type ParamValue = { label: string; unit: RowUnit; value: number | string | null };

const MODEL_NAMES: Record<SimParams['model']['kind'], string> = {
  normal: 'Normal',
  'student-t': 'Student-t',
  bootstrap: 'Bootstrap',
  mixture: 'Mixture',
};

/** The parameters of a run as labelled values, in a fixed order (absent options are null). */
export function describeParams(p: SimParams): Map<string, ParamValue> {
  const m = compileModel(p.model, 1);
  const out = new Map<string, ParamValue>();
  const put = (key: string, label: string, unit: RowUnit, value: number | string | null | undefined) =>
    out.set(key, { label, unit, value: value ?? null });
  put('model', 'Model', 'text', MODEL_NAMES[p.model.kind] ?? p.model.kind);
  put('mean', 'Mean per step', 'cents', m.ok ? m.value.meanCents : null);
  put('sd', 'SD per step', 'cents', m.ok ? m.value.sdCents : null);
  put('df', 'Degrees of freedom', 'number', p.model.kind === 'student-t' ? p.model.df : null);
  put(
    'history',
    'History results',
    'count',
    p.model.kind === 'bootstrap' ? p.model.historyCents.length : null,
  );
  put('stake', 'Stake multiplier', 'number', p.stakeMultiplier ?? 1);
  put('start', 'Start bankroll', 'cents', p.startCents);
  put('floor', 'Ruin at or below', 'cents', p.ruinFloorCents ?? 0);
  put('target', 'Target', 'cents', p.targetCents);
  put('stopLoss', 'Stop-loss per step', 'cents', p.stopLossCents);
  put('stopWin', 'Stop-win per step', 'cents', p.stopWinCents);
  put('withdrawal', 'Withdrawal', 'cents', p.withdrawal?.amountCents);
  put('withdrawalEvery', 'Withdraw every (steps)', 'count', p.withdrawal?.everySteps);
  put('drain', 'Drain per step', 'cents', p.drainCentsPerStep);
  put('horizon', 'Horizon (steps)', 'count', p.horizonSteps);
  put('paths', 'Paths', 'count', p.paths);
  put('seed', 'Seed', 'count', p.seed);
  return out;
}

const FIGURE_ROWS: [key: string, label: string, unit: RowUnit, higherIsBetter: boolean][] = [
  ['riskOfRuin', 'Risk of ruin', 'ratio', false],
  ['pTarget', 'Reach target first', 'ratio', true],
  ['finalCents.p50', 'Median final bankroll', 'cents', true],
  ['finalCents.p5', 'Final bankroll, 5th percentile', 'cents', true],
  ['meanFinalCents', 'Mean final bankroll', 'cents', true],
  ['var95Cents', 'VaR 95% (loss)', 'cents', false],
  ['cvar95Cents', 'CVaR 95% (loss)', 'cents', false],
  ['var99Cents', 'VaR 99% (loss)', 'cents', false],
  ['maxDrawdownCents.p50', 'Median max drawdown', 'cents', false],
  ['maxDrawdownCents.p95', 'Max drawdown, 95th percentile', 'cents', false],
  ['medianStepsToTarget', 'Median steps to target', 'number', false],
];

const diffOf = (a: unknown, b: unknown): number | null =>
  typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) ? b - a : null;

/**
 * Two runs side by side: the parameters (only those set in either run) and the figures, each with
 * B - A where both are numbers. NaN figures (not kept by an older record) read as null.
 */
export function compareRuns(
  a: { params: SimParams; figures: Partial<RunFigures> },
  b: { params: SimParams; figures: Partial<RunFigures> },
): { params: CompareRow[]; figures: CompareRow[] } {
  const pa = describeParams(a.params);
  const pb = describeParams(b.params);
  const params: CompareRow[] = [];
  for (const [key, va] of pa) {
    const vb = pb.get(key)!;
    if (va.value === null && vb.value === null) continue;
    params.push({
      key,
      label: va.label,
      unit: va.unit,
      a: va.value,
      b: vb.value,
      diff: diffOf(va.value, vb.value),
    });
  }
  const fa = flatten(a.figures);
  const fb = flatten(b.figures);
  const clean = (v: number | null | undefined) =>
    v === undefined || v === null || Number.isNaN(v) ? null : v;
  const figures = FIGURE_ROWS.map(([key, label, unit, higherIsBetter]) => {
    const va = clean(fa.get(key));
    const vb = clean(fb.get(key));
    return { key, label, unit, a: va, b: vb, diff: diffOf(va, vb), higherIsBetter };
  });
  return { params, figures };
}
