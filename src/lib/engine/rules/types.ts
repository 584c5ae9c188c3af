/**
 * Types of the prop-firm rules engine: rule sets as versioned data, the account events the engine reads,
 * and the status it reports. Rule sets are plain JSON-safe objects (no functions, no classes), so the app
 * can store, diff and sync them, and a firm's rule change is a new rule set version, never a code change.
 *
 * Money is integer cents everywhere. Amounts inside rules are relative to the start balance where the
 * firm states them that way (a $2,500 drawdown is `drawdownCents: 250000`), so one rule set works when the
 * user overrides the start balance.
 */

export type Phase = 'evaluation' | 'funded' | 'live';

/** When a firm's trading day ends and the next begins, as a wall-clock time in the firm's zone. */
export interface DayRoll {
  /** IANA zone, e.g. 'America/Chicago'. */
  zone: string;
  hour: number;
  minute: number;
}

/** What a breach does: 'fail' ends the account; 'lock-day' only stops trading until the next reset. */
export type OnBreach = 'fail' | 'lock-day';

/**
 * The liquidation threshold trails the high-water mark by `drawdownCents`, never moving down.
 * 'intraday' trails the highest live value (unrealised equity when the input has marks, else closed balance);
 * 'end-of-day' trails the balance at each trading-day close and is fixed while trading (Topstep MLL).
 * Trailing stops once the threshold reaches start + `stopAboveStartCents` (the "balance at which it stops
 * trailing" is that plus the drawdown); null trails for ever.
 */
export interface TrailingDrawdownRule {
  kind: 'trailing-drawdown';
  id: string;
  mode: 'intraday' | 'end-of-day';
  drawdownCents: number;
  stopAboveStartCents: number | null;
}

/** A fixed liquidation threshold at start − `drawdownCents`, checked on equity when marks exist. */
export interface StaticDrawdownRule {
  kind: 'static-drawdown';
  id: string;
  drawdownCents: number;
}

/** Total realised loss from the start balance (fees included) may not exceed `maxLossCents`; closed balance only. */
export interface MaxLossRule {
  kind: 'max-loss';
  id: string;
  maxLossCents: number;
}

/**
 * The loss within one trading day (from the balance at the last reset) may not exceed `limitCents`.
 * `reset` defaults to the rule set's trading day; 'equity' basis uses marks when present.
 */
export interface DailyLossRule {
  kind: 'daily-loss';
  id: string;
  limitCents: number;
  reset?: DayRoll;
  basis: 'equity' | 'closed';
  onBreach: OnBreach;
}

/** Open position, summed over products in tenths of a mini (a micro is 1, a mini 10), may not exceed the max. */
export interface MaxPositionRule {
  kind: 'max-position';
  id: string;
  maxTenths: number;
}

/** Balance must reach start + `targetCents` (net of commissions and fees). An objective, not a limit. */
export interface ProfitTargetRule {
  kind: 'profit-target';
  id: string;
  targetCents: number;
}

/**
 * At least `days` trading days (the rule set's day definition) with a closed trade, each netting at least
 * `minDayProfitCents` when set. An objective.
 */
export interface MinTradingDaysRule {
  kind: 'min-trading-days';
  id: string;
  days: number;
  minDayProfitCents?: number;
}

/**
 * Best day's profit as a share of total profit, in basis points (5000 = 50%). `strict`: the share must be
 * below the limit (Topstep, Take Profit Trader); otherwise at or below (Apex "÷ 0.3" formula).
 * 'windfall' measures from the last payout (Apex PA) and is a payout condition; 'target' is a passing
 * condition of an evaluation. An objective, not a limit.
 */
export interface ConsistencyRule {
  kind: 'consistency';
  id: string;
  variant: 'target' | 'windfall';
  maxBestDayShareBps: number;
  strict: boolean;
}

/** Positions must be flat by a wall-clock time each trading day (Apex 16:59 ET, Topstep 15:10 CT). */
export interface FlatByRule {
  kind: 'flat-by';
  id: string;
  at: DayRoll;
  onBreach: OnBreach;
}

/**
 * Maximum position by profit tier, decided by the balance at the last trading-day close (profit = balance −
 * start). Tiers sorted by `minProfitCents` ascending; the first tier's minimum should be at or below zero.
 */
export interface ScalingRule {
  kind: 'scaling';
  id: string;
  tiers: { minProfitCents: number; maxTenths: number }[];
}

export type Rule =
  | TrailingDrawdownRule
  | StaticDrawdownRule
  | MaxLossRule
  | DailyLossRule
  | MaxPositionRule
  | ProfitTargetRule
  | MinTradingDaysRule
  | ConsistencyRule
  | FlatByRule
  | ScalingRule;

export type RuleKind = Rule['kind'];

export interface RuleSet {
  /** `<firm>-<plan>-<phase>@<version>`, e.g. 'apex-50k-eval@2025-08'. */
  id: string;
  firm: string;
  plan: string;
  phase: Phase;
  version: string;
  /** When the rules took effect or were last confirmed: 'YYYY-MM-DD', or 'YYYY-MM' when the source gives no day. */
  effectiveDate: string;
  sourceUrl: string;
  startBalanceCents: number;
  /** The firm's trading day (e.g. 17:00 America/Chicago); used for end-of-day, daily counts and scaling. */
  tradingDay: DayRoll;
  rules: Rule[];
  /** Choices made where sources disagree, and the other readings. */
  notes: string[];
  /** Firm rules this rule set does not evaluate, in plain words; copied into every status's limitations. */
  notEvaluated: string[];
}

/** Epoch milliseconds (UTC). Events carry numbers so the hot path never parses dates. */
export type EpochMs = number;

/** A round trip closed: its net P&L (after commissions) moves the balance. */
export interface TradeEvent {
  type: 'trade';
  at: EpochMs;
  netCents: number;
  /** When the position was opened, for the flat-by rule when no fills are given. */
  openedAt?: EpochMs;
  /** Product root and contracts, for position limits and tick distances when no fills are given. */
  root?: string;
  qty?: number;
}

/** An execution changed the open position of a product by `qtyChange` (signed: buys positive). No money. */
export interface FillEvent {
  type: 'fill';
  at: EpochMs;
  root: string;
  qtyChange: number;
}

/** A fee or commission charged separately from trades; `amountCents` is the signed balance change (negative). */
export interface FeeEvent {
  type: 'fee';
  at: EpochMs;
  amountCents: number;
}

/** Money into or out of the account that is not trading P&L; it moves the balance but never the high-water mark. */
export interface CashEvent {
  type: 'cash';
  at: EpochMs;
  amountCents: number;
  kind: 'deposit' | 'withdrawal' | 'payout' | 'adjustment';
}

/** Live account value (balance + unrealised P&L) observed at an instant. */
export interface MarkEvent {
  type: 'mark';
  at: EpochMs;
  equityCents: number;
}

export type AccountEvent = TradeEvent | FillEvent | FeeEvent | CashEvent | MarkEvent;

export type RuleStatus = 'safe' | 'caution' | 'critical' | 'violated';

/** Distance to violation of one limit rule at the latest event. */
export interface RuleReport {
  rule: string;
  kind: RuleKind;
  /** Money left before the rule is crossed (money rules only); 0 means exactly on the boundary. */
  distanceCents?: number;
  /** distanceCents ÷ the rule's allowance (drawdown, daily limit); 1 = untouched. */
  shareOfAllowance?: number;
  /** For position rules: minis left below the limit at the largest position seen (a micro is 0.1). */
  distanceContracts?: number;
  /** For money rules: ticks of adverse move left at the largest position seen (floor). */
  distanceTicks?: number;
  /** The threshold or floor this rule enforces now, for drawdown rules. */
  thresholdCents?: number;
  violated: boolean;
  /** ISO instant of the first violation. */
  at?: string;
}

export interface Violation {
  rule: string;
  /** ISO UTC instant. */
  at: string;
  detail: string;
}

/** Progress on one objective (profit target, minimum days, consistency). */
export interface ObjectiveReport {
  rule: string;
  kind: 'profit-target' | 'min-trading-days' | 'consistency';
  met: boolean;
  /** Profit still needed (target, consistency), in cents. */
  remainingCents?: number;
  /** Trading days still needed. */
  remainingDays?: number;
}

export interface TimelinePoint {
  at: string;
  balanceCents: number;
  hwmCents: number;
  /** The binding threshold then; null when the rule set has no drawdown rule. */
  thresholdCents: number | null;
}

export interface AccountStatus {
  ruleSetId: string;
  balanceCents: number;
  /** Highest value the drawdown trails from (trading P&L basis, cash movements excluded). */
  highWaterMarkCents: number;
  /** The binding liquidation threshold (highest over drawdown rules); null when the rule set has none. */
  thresholdCents: number | null;
  status: RuleStatus;
  /** Minimum over money rules; null when the rule set has none. */
  distanceToViolationCents: number | null;
  perRule: RuleReport[];
  objectives: ObjectiveReport[];
  violations: Violation[];
  timeline: TimelinePoint[];
  /** Evaluations only: target reached with minimum days and consistency met, and nothing failed. */
  passed?: boolean;
  tradingDays: number;
  limitations: string[];
}

/** Status bands as shares of a rule's allowance: caution below `caution`, critical below `critical`. */
export interface StatusBands {
  caution: number;
  critical: number;
}

export interface EvaluateOptions {
  /** Overrides the rule set's start balance. */
  startBalanceCents?: number;
  bands?: StatusBands;
  /** 'daily' (default): one point per trading day; 'events': one per balance change; 'none'. */
  timeline?: 'daily' | 'events' | 'none';
  /** Contract specs for fills and trades by root; defaults to CONTRACT_SPECS. */
  specs?: Readonly<Record<string, { tickValueCents: number; sizeTenths: number } | undefined>>;
}
