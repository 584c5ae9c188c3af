/**
 * The Risk-lab simulation engine: seeded Monte Carlo bankroll walks (split across workers and merged
 * bit-identically), the closed-form risk formulas they are checked against, and history fitting.
 * Workers typically call `checkSimParams` once, `simulateChecked` per path range, then the page calls
 * `mergeChunks` and `summarize`.
 */
export type {
  BootstrapSpec,
  ComponentSpec,
  MixtureComponent,
  MixtureSpec,
  ModelSpec,
  NormalSpec,
  StudentTSpec,
} from './distributions';
export { compileModel } from './distributions';
export type { PathRange, Percentiles, SimChunkResult, SimParams, SimSummary } from './types';
export type { CheckedSim } from './monte-carlo';
export {
  MAX_CHECKPOINT_VALUES,
  MAX_HORIZON_STEPS,
  MAX_PATHS,
  SimParamsError,
  checkSimParams,
  checkpointStepsFor,
  mergeChunks,
  runSimulation,
  simulate,
  simulateChecked,
  summarize,
} from './monte-carlo';
export * from './closed-form';
export type { HistoryFit, StakeCandidate, StakeSearchResult } from './fit';
export { DF_MAX, DF_MIN, fitHistory, stakeSearch } from './fit';
export { quantiles, columnQuantiles, varCvar } from './stats';
export { createPathRng } from './rng';
