/**
 * The `simulate` command (shared/TESTING.md, "CLI"): parses the flags, runs the Monte Carlo engine in
 * one thread and returns the JSON object the contract fixes. No file system here: main.ts passes
 * `readFile`, so the same logic runs in tests.
 *
 *   simulate --model normal|student-t|bootstrap|mixture [--mean-cents N --sd-cents N] [--df N]
 *            [--history FILE] --bankroll-cents N --horizon N --paths N --seed N
 *            [--stop-loss-cents N] [--target-cents N]
 *
 * Models: normal needs --mean-cents and --sd-cents; student-t also --df (> 2). Either may take the
 * missing ones from --history instead (mean, SD and a method-of-moments df). bootstrap resamples the
 * history. mixture resamples the history by stake: with a `stake` column each distinct stake is a component
 * weighted by its share of rows; without one it is the plain bootstrap. --history is a CSV with a
 * `resultCents` column (one integer result per session, bet or day). --seed defaults to 0.
 */
import Papa from 'papaparse';
import type { AppError, ErrorCode } from '../lib/engine/result';
import type { MixtureComponent, ModelSpec } from '../lib/engine/sim/distributions';
import { fitHistory } from '../lib/engine/sim/fit';
import { checkSimParams, simulateChecked, summarize } from '../lib/engine/sim/monte-carlo';
import type { SimParams } from '../lib/engine/sim/types';

/** The JSON printed on success; money in integer cents, probabilities as decimals. */
export interface SimulateJson {
  paths: number;
  horizon: number;
  riskOfRuin: number;
  pTarget: number;
  finalCents: { p5: number; p50: number; p95: number };
  var95Cents: number;
  cvar95Cents: number;
  elapsedMs: number;
}

export type SimulateOutput = SimulateJson | { error: AppError };

const MODELS = ['normal', 'student-t', 'bootstrap', 'mixture'] as const;
type ModelName = (typeof MODELS)[number];

const FLAGS = [
  'model',
  'mean-cents',
  'sd-cents',
  'df',
  'history',
  'bankroll-cents',
  'horizon',
  'paths',
  'seed',
  'stop-loss-cents',
  'target-cents',
] as const;
type Flag = (typeof FLAGS)[number];

const fail = (code: ErrorCode, message: string): { error: AppError } => ({ error: { code, message } });

class ArgError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Reads `--flag value` and `--flag=value` pairs; every flag must be known and given at most once. */
function parseFlags(args: readonly string[]): Map<Flag, string> {
  const out = new Map<Flag, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new ArgError('invalid-argument', `unexpected argument “${a}”`);
    const eq = a.indexOf('=');
    const name = (eq < 0 ? a.slice(2) : a.slice(2, eq)) as Flag;
    if (!FLAGS.includes(name)) throw new ArgError('invalid-argument', `unknown flag --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined || value === '')
      throw new ArgError('invalid-argument', `--${name} needs a value`);
    if (out.has(name)) throw new ArgError('invalid-argument', `--${name} is given twice`);
    out.set(name, value);
  }
  return out;
}

/** An integer flag (a safe integer, optionally signed) within [min, max]; undefined if absent. */
function intFlag(
  flags: Map<Flag, string>,
  name: Flag,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n))
    throw new ArgError('invalid-argument', `--${name} must be a whole number, got “${raw}”`);
  if (n < min || n > max)
    throw new ArgError('invalid-argument', `--${name} must be between ${min} and ${max}`);
  return n;
}

function requiredInt(flags: Map<Flag, string>, name: Flag, min: number, max?: number): number {
  const n = intFlag(flags, name, min, max);
  if (n === undefined) throw new ArgError('invalid-argument', `--${name} is required`);
  return n;
}

/** A decimal flag (e.g. --df 4.5); undefined if absent. */
function numberFlag(flags: Map<Flag, string>, name: Flag): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const n = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) || !Number.isFinite(n))
    throw new ArgError('invalid-argument', `--${name} must be a number, got “${raw}”`);
  return n;
}

/** Rows of a history CSV: each row's result in cents and its stake label ('' when there is no stake column). */
interface History {
  results: Float64Array;
  stakes: string[] | null;
}

/**
 * Parses a history CSV (UTF-8, BOM allowed) with a `resultCents` column (any case; `result_cents` too)
 * and an optional `stake` column. Other exports are not read here yet: they get 'missing-column'.
 */
function parseHistory(bytes: Uint8Array, file: string): History {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const fields = parsed.meta.fields ?? [];
  const norm = (f: string) => f.trim().toLowerCase().replace(/_/g, '');
  const resultField = fields.find((f) => norm(f) === 'resultcents');
  if (resultField === undefined)
    throw new ArgError(
      'missing-column',
      `${file}: no resultCents column (the simulator reads a CSV of results in cents; other exports are not supported here yet)`,
    );
  const stakeField = fields.find((f) => norm(f) === 'stake');
  const rows = parsed.data;
  if (rows.length === 0) throw new ArgError('empty-file', `${file}: no results`);
  const results = new Float64Array(rows.length);
  const stakes: string[] | null = stakeField === undefined ? null : [];
  rows.forEach((row, i) => {
    const cell = (row[resultField] ?? '').trim();
    const n = Number(cell);
    if (!/^[+-]?\d+$/.test(cell) || !Number.isSafeInteger(n))
      throw new ArgError('bad-number', `${file} line ${i + 2}: resultCents “${cell}” is not whole cents`);
    results[i] = n;
    if (stakes !== null && stakeField !== undefined) stakes.push((row[stakeField] ?? '').trim());
  });
  return { results, stakes };
}

/** One bootstrap component per distinct stake label, weighted by its number of rows (first-seen order). */
function stakeMixture(history: History): ModelSpec {
  if (history.stakes === null) return { kind: 'bootstrap', historyCents: history.results };
  const groups = new Map<string, number[]>();
  history.stakes.forEach((s, i) => {
    const g = groups.get(s) ?? [];
    g.push(history.results[i]!);
    groups.set(s, g);
  });
  const components: MixtureComponent[] = [...groups.values()].map((g) => ({
    weight: g.length,
    model: { kind: 'bootstrap', historyCents: Float64Array.from(g) },
  }));
  return { kind: 'mixture', components };
}

function buildModel(flags: Map<Flag, string>, model: ModelName, history: History | null): ModelSpec {
  const meanFlag = intFlag(flags, 'mean-cents', -Number.MAX_SAFE_INTEGER);
  const sdFlag = intFlag(flags, 'sd-cents', 0);
  const dfFlag = numberFlag(flags, 'df');
  if (model === 'bootstrap' || model === 'mixture') {
    if (history === null) throw new ArgError('invalid-argument', `--model ${model} needs --history FILE`);
    return model === 'bootstrap'
      ? { kind: 'bootstrap', historyCents: history.results }
      : stakeMixture(history);
  }
  let meanCents = meanFlag;
  let sdCents = sdFlag;
  let df = dfFlag;
  if (history !== null && (meanCents === undefined || sdCents === undefined || df === undefined)) {
    const fit = fitHistory(history.results);
    if (!fit.ok) throw new ArgError(fit.error.code, fit.error.message ?? 'the history could not be fitted');
    meanCents ??= fit.value.meanCents;
    sdCents ??= fit.value.sdCents;
    df ??= fit.value.df;
  }
  if (meanCents === undefined || sdCents === undefined)
    throw new ArgError(
      'invalid-argument',
      `--model ${model} needs --mean-cents and --sd-cents (or --history FILE)`,
    );
  if (model === 'normal') return { kind: 'normal', meanCents, sdCents };
  if (df === undefined)
    throw new ArgError('invalid-argument', '--model student-t needs --df (or --history FILE)');
  return { kind: 'student-t', meanCents, sdCents, df };
}

/**
 * Runs `simulate` with the command-line arguments after the command name (without --json) and returns
 * the output object: the TESTING.md JSON, or `{ error: { code, message } }` for bad flags ('invalid-argument'),
 * an unreadable history file ('not-found') or a history without a resultCents column ('missing-column').
 * `elapsedMs` is the simulation and summary time, rounded to whole milliseconds.
 */
export async function runSimulate(
  args: string[],
  readFile: (path: string) => Promise<Uint8Array>,
): Promise<SimulateOutput> {
  try {
    const flags = parseFlags(args);
    const modelName = flags.get('model');
    if (modelName === undefined) throw new ArgError('invalid-argument', '--model is required');
    if (!(MODELS as readonly string[]).includes(modelName))
      throw new ArgError('invalid-argument', `--model must be one of ${MODELS.join(', ')}`);
    const file = flags.get('history');
    let history: History | null = null;
    if (file !== undefined) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        throw new ArgError('not-found', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      history = parseHistory(bytes, file);
    }
    const params: SimParams = {
      model: buildModel(flags, modelName as ModelName, history),
      startCents: requiredInt(flags, 'bankroll-cents', 1),
      horizonSteps: requiredInt(flags, 'horizon', 1),
      paths: requiredInt(flags, 'paths', 1),
      seed: intFlag(flags, 'seed', 0) ?? 0,
      fanCheckpoints: 0,
    };
    const stopLoss = intFlag(flags, 'stop-loss-cents', 1);
    if (stopLoss !== undefined) params.stopLossCents = stopLoss;
    const target = intFlag(flags, 'target-cents', -Number.MAX_SAFE_INTEGER);
    if (target !== undefined) params.targetCents = target;
    const checked = checkSimParams(params);
    if (!checked.ok)
      return fail(checked.error.code, checked.error.message ?? 'invalid simulation parameters');
    const t0 = performance.now();
    const s = summarize(simulateChecked(checked.value), params);
    const elapsedMs = Math.round(performance.now() - t0);
    return {
      paths: s.paths,
      horizon: s.horizonSteps,
      riskOfRuin: s.riskOfRuin,
      pTarget: s.pTarget,
      finalCents: { p5: s.finalCents.p5, p50: s.finalCents.p50, p95: s.finalCents.p95 },
      var95Cents: s.var95Cents,
      cvar95Cents: s.cvar95Cents,
      elapsedMs,
    };
  } catch (e) {
    if (e instanceof ArgError) return fail(e.code, e.message);
    throw e;
  }
}
