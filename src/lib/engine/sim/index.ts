/**
 * The Risk-lab simulation engine: seeded Monte Carlo bankroll walks (split across workers and merged
 * bit-identically), the closed-form risk formulas they are checked against, and history fitting.
 * A single thread calls `simulate` (or `simulateChecked` per path range) then `mergeChunks` and
 * `summarize`; the worker pool keeps the checkpoint tables in the workers, computes the fan chart across
 * them (fan-parts.ts) and summarises with `summarizeOutcomes`. Around that: the stake search (stake.ts), the scenario lab's "what if"
 * transformation (scenario.ts), saved-run figures and comparisons (run-record.ts), and prop evaluation
 * pass probability through the rules engine (prop-pass.ts).
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
export type { SimulatedStake } from './stake';
export {
  MAX_STAKE_CANDIDATES,
  closedFormMaxStake,
  parseStakeList,
  recommendStake,
  stakeRange,
  stakeRiskClosedForm,
} from './stake';
export type { PlayRate, Scenario, ScenarioAdjustments, WinRateUnit } from './scenario';
export { WEEKS_PER_MONTH, applyScenario, shiftScaleModel, winRateDeltaCentsPerStep } from './scenario';
export type { CompareRow, RowUnit, RunFigures } from './run-record';
export { compareRuns, describeParams, figureDifferences, readFigures, runFigures } from './run-record';
export type { CheckedProp, PropChunkResult, PropSimParams, PropSummary } from './prop-pass';
export {
  MAX_PROP_DAYS,
  PROP_FAILED,
  PROP_OPEN,
  PROP_PASSED,
  checkPropParams,
  dailyResults,
  isAccountEnding,
  mergePropChunks,
  runPropSimulation,
  simulateProp,
  simulatePropChecked,
  summarizeProp,
} from './prop-pass';
export { quantiles, columnQuantiles, varCvar } from './stats';
export { createPathRng } from './rng';
