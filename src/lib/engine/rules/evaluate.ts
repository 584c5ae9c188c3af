/**
 * The prop-firm rules engine: reads one account's time-ordered events (closed trades, fills, fees, cash
 * movements, equity marks) and reports how far the account is from breaking each rule of a rule set.
 *
 * It is incremental: `createEvaluator(ruleSet).push(event)` updates a handful of numbers per rule, and the
 * zone arithmetic of trading days runs only when an event crosses a day boundary, so an event costs O(1)
 * amortised and `status()` costs O(rules) (plus the timeline points it copies). `evaluate()` is push-all
 * then status.
 *
 * Definitions the engine applies to every rule (the firms' texts and PROP-RULES.md back them):
 * - Crossing means strictly beyond: a value exactly on a threshold or limit has distance 0 and is not a
 *   violation; one cent beyond is.
 * - Trading P&L (trade net and fees) drives high-water marks; cash movements (payouts, withdrawals,
 *   adjustments) move the balance but never the high-water mark, so a payout brings the balance closer
 *   to a threshold that does not move (Apex PA).
 * - Intraday rules read equity marks when the input has them and the closed balance otherwise; the status
 *   then says so in `limitations`.
 */
import { formatCents } from '../money';
import { CONTRACT_SPECS } from './contracts';
import { nextRollAfter, SessionClock } from './session-clock';
import type {
  AccountEvent,
  AccountStatus,
  CashEvent,
  ConsistencyRule,
  DailyLossRule,
  DayRoll,
  EvaluateOptions,
  FlatByRule,
  MaxLossRule,
  MaxPositionRule,
  MinTradingDaysRule,
  ObjectiveReport,
  ProfitTargetRule,
  Rule,
  RuleReport,
  RuleSet,
  RuleStatus,
  ScalingRule,
  StaticDrawdownRule,
  StatusBands,
  TimelinePoint,
  TradeEvent,
  TrailingDrawdownRule,
  Violation,
} from './types';
import { validateRuleSet } from './validate';

export class EventOrderError extends Error {
  override name = 'EventOrderError';
}

export class RuleSetError extends Error {
  override name = 'RuleSetError';
}

export const DEFAULT_BANDS: StatusBands = { caution: 0.5, critical: 0.2 };

type SpecLookup = NonNullable<EvaluateOptions['specs']>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Money in violation texts: futures prop accounts are US dollars ("$60,663.50"); machine values stay in cents. */
export const usd = (c: number): string => formatCents(c, { locale: 'en-US', currency: 'USD' });

/** A wall-clock time in a zone for texts: "16:59 America/New_York". */
const clock = (r: DayRoll): string =>
  `${String(r.hour).padStart(2, '0')}:${String(r.minute).padStart(2, '0')} ${r.zone}`;

/** Mutable account state shared by the rule trackers. All money in cents. */
class AccountState {
  /** Trading P&L since the start (trade net + fees). */
  pnl = 0;
  /** Cash movements since the start (payouts, withdrawals, deposits, adjustments). */
  cash = 0;
  balance: number;
  /** Latest account value: the mark when the last event was a mark, else the balance. */
  equity: number;
  /** Highest trading-basis value seen (closed balances and marks net of cash). */
  hwm: number;
  lastAt = Number.NEGATIVE_INFINITY;
  marks = 0;
  fills = 0;
  tradesWithSize = 0;
  tradesWithOpenTime = 0;
  /** Net position per product root. */
  readonly positions = new Map<string, number>();
  /** Σ|position| over all products, known or not (for flat-by). */
  openContracts = 0;
  /** Σ|position| × size in tenths of a mini over known products. */
  exposureTenths = 0;
  /** Σ|position| × tick value over known products: money per tick of adverse move. */
  tickExposureCents = 0;
  maxExposureTenths = 0;
  maxTickExposureCents = 0;
  readonly unknownRoots = new Set<string>();
  /** The rule set's trading day: P&L at its start, whether it saw a trade, and days traded before it. */
  dayStartPnl = 0;
  dayTraded = false;
  tradingDaysClosed = 0;
  readonly violations: Violation[] = [];

  constructor(
    readonly start: number,
    readonly specs: SpecLookup,
  ) {
    this.balance = start;
    this.equity = start;
    this.hwm = start;
  }

  /** The current value on the trading basis (cash movements taken out). */
  get tradingEquity(): number {
    return this.equity - this.cash;
  }

  violate(rule: string, at: number, detail: string): void {
    this.violations.push({ rule, at: iso(at), detail });
  }

  /** Tenths of a mini and tick value of `qty` contracts of a root, or null when the product is unknown. */
  size(root: string, qty: number): { tenths: number; tickCents: number } | null {
    const s = this.specs[root];
    if (!s) {
      this.unknownRoots.add(root);
      return null;
    }
    return { tenths: Math.abs(qty) * s.sizeTenths, tickCents: Math.abs(qty) * s.tickValueCents };
  }
}

/** What every tracker can do; each hook is optional and the evaluator only calls trackers that have it. */
interface Tracker {
  readonly rule: Rule;
  /** Own timer (a reset or deadline); `onTimer` runs before the first event at or after it. */
  nextTimerMs?(): number;
  onTimer?(s: AccountState, at: number): void;
  onDayClose?(s: AccountState, closeMs: number): void;
  /** After a trade, fee or cash event changed the balance. */
  onBalance?(s: AccountState, at: number): void;
  onMark?(s: AccountState, at: number): void;
  onFill?(s: AccountState, at: number): void;
  onTrade?(s: AccountState, e: TradeEvent): void;
  onCash?(s: AccountState, e: CashEvent): void;
  /** Drawdown rules: the liquidation threshold now. */
  threshold?(): number;
  /** Trailing rules: the value the threshold trails. */
  highWaterMark?(): number;
  report?(s: AccountState): RuleReport;
  objective?(s: AccountState): ObjectiveReport;
  /** True while the rule is breached (for ever after a 'fail' breach, until reset for 'lock-day'). */
  isViolatedNow(): boolean;
  /** True once a breach has ended the account. */
  hasFailed(): boolean;
  /** Objectives that decide whether an evaluation passes (not payout conditions). */
  readonly decidesPass?: boolean;
  limitations(s: AccountState): string[];
}

function ticks(s: AccountState, distance: number): number | undefined {
  return s.maxTickExposureCents > 0 ? Math.floor(distance / s.maxTickExposureCents) : undefined;
}

/** Limitation text for a rule the firm measures on live equity when the input has no equity marks. */
function noMarksNote(id: string, trails: boolean): string {
  return trails
    ? `${id}: trails the closed balance because the input has no unrealised equity; the firm trails live equity, so the real threshold may be higher and intraday dips are not seen.`
    : `${id}: checked on closed balances because the input has no unrealised equity; a breach by open P&L during a trade is not seen.`;
}

/** Shared by the three threshold rules: a threshold, a check, and a first-violation record. */
abstract class ThresholdTracker implements Tracker {
  abstract readonly rule: TrailingDrawdownRule | StaticDrawdownRule | MaxLossRule;
  protected thresholdCents: number;
  protected violatedAt: number | null = null;

  constructor(
    initial: number,
    protected readonly allowance: number,
  ) {
    this.thresholdCents = initial;
  }

  threshold(): number {
    return this.thresholdCents;
  }

  protected check(s: AccountState, value: number, at: number, what: string): void {
    if (value < this.thresholdCents && this.violatedAt === null) {
      this.violatedAt = at;
      s.violate(
        this.rule.id,
        at,
        `${what} ${usd(value)} fell below the threshold ${usd(this.thresholdCents)}`,
      );
    }
  }

  /** The value this rule compares with its threshold now. */
  protected current(s: AccountState): number {
    return s.equity;
  }

  isViolatedNow(): boolean {
    return this.violatedAt !== null;
  }

  hasFailed(): boolean {
    return this.violatedAt !== null;
  }

  report(s: AccountState): RuleReport {
    const distance = this.current(s) - this.thresholdCents;
    const r: RuleReport = {
      rule: this.rule.id,
      kind: this.rule.kind,
      distanceCents: distance,
      shareOfAllowance: distance / this.allowance,
      thresholdCents: this.thresholdCents,
      violated: this.violatedAt !== null,
    };
    const t = ticks(s, distance);
    if (t !== undefined) r.distanceTicks = t;
    if (this.violatedAt !== null) r.at = iso(this.violatedAt);
    return r;
  }

  abstract limitations(s: AccountState): string[];
}

/**
 * Trailing drawdown: threshold = min(cap, high-water mark − drawdown), only ever raised. 'intraday' raises it
 * on every closed balance and equity mark (Apex: "the highest live value during trades"); 'end-of-day'
 * raises it at each trading-day close from the closed balance and keeps it fixed while trading (Topstep:
 * "will not be adjusted while you are trading"). Either way a value below it at any event is a breach.
 */
class TrailingTracker extends ThresholdTracker {
  /** Trading-basis high-water mark (cash movements excluded). */
  private hwm: number;
  /** The threshold at which trailing stops: start + stopAboveStartCents, or +∞. */
  private readonly cap: number;

  constructor(
    readonly rule: TrailingDrawdownRule,
    start: number,
  ) {
    const cap =
      rule.stopAboveStartCents === null ? Number.POSITIVE_INFINITY : start + rule.stopAboveStartCents;
    super(Math.min(cap, start - rule.drawdownCents), rule.drawdownCents);
    this.cap = cap;
    this.hwm = start;
  }

  highWaterMark(): number {
    return this.hwm;
  }

  private raise(value: number): void {
    if (value <= this.hwm) return;
    this.hwm = value;
    const t = Math.min(this.cap, value - this.rule.drawdownCents);
    if (t > this.thresholdCents) this.thresholdCents = t;
  }

  onBalance(s: AccountState, at: number): void {
    if (this.rule.mode === 'intraday') this.raise(s.start + s.pnl);
    this.check(s, s.balance, at, 'balance');
  }

  onMark(s: AccountState, at: number): void {
    if (this.rule.mode === 'intraday') this.raise(s.tradingEquity);
    this.check(s, s.equity, at, 'equity');
  }

  onDayClose(s: AccountState): void {
    if (this.rule.mode === 'end-of-day') this.raise(s.start + s.pnl);
  }

  limitations(s: AccountState): string[] {
    return s.marks === 0 ? [noMarksNote(this.rule.id, this.rule.mode === 'intraday')] : [];
  }
}

/** A fixed threshold at start − drawdown (Apex Static), checked on balances and on marks. */
class StaticTracker extends ThresholdTracker {
  constructor(
    readonly rule: StaticDrawdownRule,
    start: number,
  ) {
    super(start - rule.drawdownCents, rule.drawdownCents);
  }

  onBalance(s: AccountState, at: number): void {
    this.check(s, s.balance, at, 'balance');
  }

  onMark(s: AccountState, at: number): void {
    this.check(s, s.equity, at, 'equity');
  }

  limitations(s: AccountState): string[] {
    return s.marks === 0 ? [noMarksNote(this.rule.id, false)] : [];
  }
}

/** A fixed floor at start − max loss on the closed balance only: marks are ignored by definition. */
class MaxLossTracker extends ThresholdTracker {
  constructor(
    readonly rule: MaxLossRule,
    start: number,
  ) {
    super(start - rule.maxLossCents, rule.maxLossCents);
  }

  protected override current(s: AccountState): number {
    return s.balance;
  }

  onBalance(s: AccountState, at: number): void {
    this.check(s, s.balance, at, 'balance');
  }

  limitations(): string[] {
    return [];
  }
}

/** Daily loss from the balance at the last reset; the reset is its own clock (the firm's zone and time). */
class DailyLossTracker implements Tracker {
  private readonly clock: SessionClock;
  /** Trading-basis balance at the last reset: the day's P&L is measured from it. */
  private dayStart: number;
  /** First breach of a 'fail' rule: the account is over. */
  private failedAt: number | null = null;
  /** Breach of a 'lock-day' rule in the current day; cleared at the reset. */
  private lockedAt: number | null = null;
  /** First breach of either kind, for the report. */
  private firstAt: number | null = null;

  constructor(
    readonly rule: DailyLossRule,
    start: number,
    tradingDay: DayRoll,
  ) {
    this.clock = new SessionClock(rule.reset ?? tradingDay);
    this.dayStart = start;
  }

  nextTimerMs(): number {
    return this.clock.endMs;
  }

  /** The reset passed: the new day starts from the balance before the event that crossed it. */
  onTimer(s: AccountState, at: number): void {
    if (this.clock.isStarted) {
      this.dayStart = s.start + s.pnl;
      this.lockedAt = null;
    }
    this.clock.advance(at);
  }

  private check(s: AccountState, dayPnl: number, at: number): void {
    if (dayPnl >= -this.rule.limitCents) return;
    const detail = `loss today ${usd(-dayPnl)} exceeded the daily limit ${usd(this.rule.limitCents)}`;
    this.firstAt ??= at;
    if (this.rule.onBreach === 'fail') {
      if (this.failedAt === null) {
        this.failedAt = at;
        s.violate(this.rule.id, at, detail);
      }
    } else if (this.lockedAt === null) {
      this.lockedAt = at;
      s.violate(this.rule.id, at, `${detail}; trading locked until the daily reset`);
    }
  }

  onBalance(s: AccountState, at: number): void {
    this.check(s, s.start + s.pnl - this.dayStart, at);
  }

  onMark(s: AccountState, at: number): void {
    if (this.rule.basis === 'equity') this.check(s, s.tradingEquity - this.dayStart, at);
  }

  isViolatedNow(): boolean {
    return this.failedAt !== null || this.lockedAt !== null;
  }

  hasFailed(): boolean {
    return this.failedAt !== null;
  }

  report(s: AccountState): RuleReport {
    const value = this.rule.basis === 'equity' ? s.tradingEquity : s.start + s.pnl;
    const distance = this.rule.limitCents + (value - this.dayStart);
    const r: RuleReport = {
      rule: this.rule.id,
      kind: 'daily-loss',
      distanceCents: distance,
      shareOfAllowance: distance / this.rule.limitCents,
      violated: this.isViolatedNow(),
    };
    const t = ticks(s, distance);
    if (t !== undefined) r.distanceTicks = t;
    if (this.firstAt !== null) r.at = iso(this.firstAt);
    return r;
  }

  limitations(s: AccountState): string[] {
    return this.rule.basis === 'equity' && s.marks === 0 ? [noMarksNote(this.rule.id, false)] : [];
  }
}

/** Position limits: a fixed maximum, or one decided by profit tier at the last trading-day close. */
class PositionTracker implements Tracker {
  /** The limit now, in tenths of a mini; for scaling, the tier of the last day's closing profit. */
  private allowedTenths: number;
  /** The largest position seen, for `distanceContracts`. */
  private largestTenths = 0;
  private violatedAt: number | null = null;

  constructor(readonly rule: MaxPositionRule | ScalingRule) {
    this.allowedTenths = rule.kind === 'max-position' ? rule.maxTenths : this.tierFor(0);
  }

  private tierFor(profit: number): number {
    if (this.rule.kind !== 'scaling') return this.allowedTenths;
    let allowed = this.rule.tiers[0]?.maxTenths ?? 0;
    for (const t of this.rule.tiers) if (profit >= t.minProfitCents) allowed = t.maxTenths;
    return allowed;
  }

  onDayClose(s: AccountState): void {
    if (this.rule.kind === 'scaling') this.allowedTenths = this.tierFor(s.balance - s.start);
  }

  private check(s: AccountState, tenths: number, at: number): void {
    if (tenths > this.largestTenths) this.largestTenths = tenths;
    if (tenths > this.allowedTenths && this.violatedAt === null) {
      this.violatedAt = at;
      s.violate(
        this.rule.id,
        at,
        `position ${tenths / 10} minis exceeded the allowed ${this.allowedTenths / 10} (micros count as 0.1)`,
      );
    }
  }

  onFill(s: AccountState, at: number): void {
    this.check(s, s.exposureTenths, at);
  }

  /** Without fills a closed trade's own size is the best evidence of the position it came from. */
  onTrade(s: AccountState, e: TradeEvent): void {
    if (e.root === undefined || e.qty === undefined) return;
    const size = s.size(e.root, e.qty);
    if (size) this.check(s, size.tenths, e.at);
  }

  isViolatedNow(): boolean {
    return this.violatedAt !== null;
  }

  hasFailed(): boolean {
    return this.violatedAt !== null;
  }

  report(): RuleReport {
    const r: RuleReport = {
      rule: this.rule.id,
      kind: this.rule.kind,
      distanceContracts: (this.allowedTenths - this.largestTenths) / 10,
      violated: this.violatedAt !== null,
    };
    if (this.violatedAt !== null) r.at = iso(this.violatedAt);
    return r;
  }

  limitations(s: AccountState): string[] {
    const out: string[] = [];
    if (s.fills === 0 && s.tradesWithSize === 0)
      out.push(`${this.rule.id}: not checked, the input has no fills or trade sizes.`);
    else if (s.fills === 0)
      out.push(
        `${this.rule.id}: checked per closed trade; without fills, overlapping trades are not added up.`,
      );
    if (s.unknownRoots.size > 0)
      out.push(
        `${this.rule.id}: products without a contract spec are not counted (${[...s.unknownRoots].sort().join(', ')}).`,
      );
    return out;
  }
}

/**
 * Flat by a daily deadline. With fills: a position open just before a deadline and still open after it is
 * a breach (closing exactly at the deadline is in time). Without fills: a trade opened before a deadline and
 * closed after it.
 */
class FlatByTracker implements Tracker {
  private readonly clock: SessionClock;
  /** A deadline an event landed on exactly; decided by the first event after it. */
  private pending: number | null = null;
  private violatedAt: number | null = null;
  private lastDeadline = Number.NEGATIVE_INFINITY;
  private lockedUntil = Number.NEGATIVE_INFINITY;

  constructor(readonly rule: FlatByRule) {
    this.clock = new SessionClock(rule.at);
  }

  nextTimerMs(): number {
    return this.pending === null ? this.clock.endMs : this.pending + 1;
  }

  private breach(s: AccountState, deadline: number): void {
    if (deadline === this.lastDeadline) return;
    this.lastDeadline = deadline;
    if (this.rule.onBreach === 'fail' && this.violatedAt !== null) return;
    if (this.violatedAt === null) this.violatedAt = deadline;
    this.lockedUntil = nextRollAfter(deadline, this.rule.at);
    s.violate(
      this.rule.id,
      deadline,
      `a position was still open at the flat-by time (${clock(this.rule.at)})`,
    );
  }

  /**
   * Runs before the first event at or after the next deadline (or just after a pending one). The position
   * the evaluator holds is still the one from before that event, i.e. the position at the deadline.
   */
  onTimer(s: AccountState, at: number): void {
    if (this.pending !== null) {
      if (s.openContracts > 0) this.breach(s, this.pending);
      this.pending = null;
    }
    if (at < this.clock.endMs) return;
    const crossed = this.clock.endMs;
    const wasStarted = this.clock.isStarted;
    this.clock.advance(at);
    if (!wasStarted || s.openContracts === 0) return;
    if (at > crossed) this.breach(s, crossed);
    else this.pending = crossed;
  }

  /** A trade opened before the current window's deadline may have been held across one (rare: Intl only then). */
  onTrade(s: AccountState, e: TradeEvent): void {
    if (e.openedAt === undefined || e.openedAt >= this.clock.startMs) return;
    const deadline = nextRollAfter(e.openedAt, this.rule.at);
    if (e.at > deadline) this.breach(s, deadline);
  }

  isViolatedNow(): boolean {
    if (this.rule.onBreach === 'fail') return this.violatedAt !== null;
    return this.clock.isStarted && this.clock.startMs < this.lockedUntil;
  }

  hasFailed(): boolean {
    return this.rule.onBreach === 'fail' && this.violatedAt !== null;
  }

  report(): RuleReport {
    const r: RuleReport = { rule: this.rule.id, kind: 'flat-by', violated: this.isViolatedNow() };
    if (this.violatedAt !== null) r.at = iso(this.violatedAt);
    return r;
  }

  limitations(s: AccountState): string[] {
    return s.fills === 0 && s.tradesWithOpenTime === 0
      ? [`${this.rule.id}: not checked, the input has neither fills nor entry times.`]
      : [];
  }
}

/** Objectives (target, days, consistency) never breach and need nothing special from the input. */
abstract class ObjectiveTracker implements Tracker {
  abstract readonly rule: ProfitTargetRule | MinTradingDaysRule | ConsistencyRule;
  readonly decidesPass: boolean = true;
  abstract objective(s: AccountState): ObjectiveReport;
  isViolatedNow(): boolean {
    return false;
  }
  hasFailed(): boolean {
    return false;
  }
  limitations(): string[] {
    return [];
  }
}

/** Profit target on trading P&L (net of commissions and fees; payouts and deposits do not count). */
class ProfitTargetTracker extends ObjectiveTracker {
  constructor(readonly rule: ProfitTargetRule) {
    super();
  }

  objective(s: AccountState): ObjectiveReport {
    return {
      rule: this.rule.id,
      kind: 'profit-target',
      met: s.pnl >= this.rule.targetCents,
      remainingCents: Math.max(0, this.rule.targetCents - s.pnl),
    };
  }
}

/** Trading days with activity (and the minimum profit when set), in the rule set's day definition. */
class MinDaysTracker extends ObjectiveTracker {
  /** Closed days that qualified; the open day is added at report time. */
  private counted = 0;

  constructor(readonly rule: MinTradingDaysRule) {
    super();
  }

  private qualifies(s: AccountState): boolean {
    const min = this.rule.minDayProfitCents;
    return s.dayTraded && (min === undefined || s.pnl - s.dayStartPnl >= min);
  }

  onDayClose(s: AccountState): void {
    if (this.qualifies(s)) this.counted++;
  }

  objective(s: AccountState): ObjectiveReport {
    const days = this.counted + (this.qualifies(s) ? 1 : 0);
    return {
      rule: this.rule.id,
      kind: 'min-trading-days',
      met: days >= this.rule.days,
      remainingDays: Math.max(0, this.rule.days - days),
    };
  }
}

/**
 * Best day against total profit. The smallest total that satisfies a best day B at share x is B ÷ x
 * (rounded up to the cent), or one cent more when the share must be strictly below x.
 */
class ConsistencyTracker extends ObjectiveTracker {
  /** Best closed day's P&L since the baseline. */
  private bestDay = 0;
  /** P&L at the last payout (windfall) or 0: total profit is measured from it. */
  private baseline = 0;
  /** P&L at the start of the current trading day (or at the last payout within it). */
  private dayStart = 0;

  override readonly decidesPass: boolean;

  constructor(readonly rule: ConsistencyRule) {
    super();
    this.decidesPass = rule.variant === 'target';
  }

  onDayClose(s: AccountState): void {
    this.bestDay = Math.max(this.bestDay, s.pnl - this.dayStart);
    this.dayStart = s.pnl;
  }

  onCash(s: AccountState, e: CashEvent): void {
    if (this.rule.variant !== 'windfall' || e.kind !== 'payout') return;
    this.baseline = s.pnl;
    this.bestDay = 0;
    this.dayStart = s.pnl;
  }

  objective(s: AccountState): ObjectiveReport {
    const best = Math.max(this.bestDay, s.pnl - this.dayStart);
    const total = s.pnl - this.baseline;
    const bps = this.rule.maxBestDayShareBps;
    // Integer arithmetic: best × 10000 / bps, exact up to 2^53 / 10^4 cents (~$9 billion).
    const exactMin = Math.ceil((best * 10000) / bps);
    const strictBoundary = (best * 10000) % bps === 0;
    const needed = Math.max(1, this.rule.strict && strictBoundary ? exactMin + 1 : exactMin);
    return {
      rule: this.rule.id,
      kind: 'consistency',
      met: total >= needed,
      remainingCents: Math.max(0, needed - total),
    };
  }
}

function createTracker(rule: Rule, start: number, tradingDay: DayRoll): Tracker {
  switch (rule.kind) {
    case 'trailing-drawdown':
      return new TrailingTracker(rule, start);
    case 'static-drawdown':
      return new StaticTracker(rule, start);
    case 'max-loss':
      return new MaxLossTracker(rule, start);
    case 'daily-loss':
      return new DailyLossTracker(rule, start, tradingDay);
    case 'max-position':
    case 'scaling':
      return new PositionTracker(rule);
    case 'flat-by':
      return new FlatByTracker(rule);
    case 'profit-target':
      return new ProfitTargetTracker(rule);
    case 'min-trading-days':
      return new MinDaysTracker(rule);
    case 'consistency':
      return new ConsistencyTracker(rule);
  }
}

export interface Evaluator {
  /** Applies one event; events must come in time order (equal times keep their push order). */
  push(event: AccountEvent): void;
  /** Moves time forward without an event (closes trading days, resets daily limits, passes deadlines). */
  advanceTo(at: number): void;
  /** The status after the events so far. Does not change the evaluator. */
  status(): AccountStatus;
}

const has =
  <K extends keyof Tracker>(key: K) =>
  (t: Tracker): boolean =>
    t[key] !== undefined;

/**
 * The evaluator proper. Trackers are grouped by the hooks they implement when it is built, so an event
 * calls only the trackers that care about it; day and timer boundaries are folded into one number,
 * `nextBoundary`, so the common event pays one comparison for them.
 */
class RuleEvaluator implements Evaluator {
  private readonly s: AccountState;
  private readonly trackers: Tracker[];
  private readonly onBalance: Tracker[];
  private readonly onMark: Tracker[];
  private readonly onFill: Tracker[];
  private readonly onTrade: Tracker[];
  private readonly onCash: Tracker[];
  private readonly onDayClose: Tracker[];
  private readonly timed: Tracker[];
  private readonly thresholds: Tracker[];
  private readonly day: SessionClock;
  private nextBoundary = Number.NEGATIVE_INFINITY;
  private readonly bands: StatusBands;
  private readonly timelineMode: 'daily' | 'events' | 'none';
  /** Timeline points as parallel number arrays (NaN = no threshold); objects are made only in status(). */
  private readonly tl: { at: number[]; bal: number[]; hwm: number[]; thr: number[] } = {
    at: [],
    bal: [],
    hwm: [],
    thr: [],
  };

  constructor(
    private readonly ruleSet: RuleSet,
    opts: EvaluateOptions,
  ) {
    const valid = validateRuleSet(ruleSet);
    if (!valid.ok) throw new RuleSetError(valid.error.message ?? 'invalid rule set');
    const start = opts.startBalanceCents ?? ruleSet.startBalanceCents;
    if (!Number.isSafeInteger(start)) throw new RuleSetError(`start balance ${start} is not integer cents`);
    this.s = new AccountState(start, opts.specs ?? CONTRACT_SPECS);
    this.bands = opts.bands ?? DEFAULT_BANDS;
    this.timelineMode = opts.timeline ?? 'daily';
    this.trackers = ruleSet.rules.map((r) => createTracker(r, start, ruleSet.tradingDay));
    this.onBalance = this.trackers.filter(has('onBalance'));
    this.onMark = this.trackers.filter(has('onMark'));
    this.onFill = this.trackers.filter(has('onFill'));
    this.onTrade = this.trackers.filter(has('onTrade'));
    this.onCash = this.trackers.filter(has('onCash'));
    this.onDayClose = this.trackers.filter(has('onDayClose'));
    this.timed = this.trackers.filter(has('nextTimerMs'));
    this.thresholds = this.trackers.filter(has('threshold'));
    this.day = new SessionClock(ruleSet.tradingDay);
  }

  push(e: AccountEvent): void {
    const s = this.s;
    const at = e.at;
    if (!(at >= s.lastAt)) throw new EventOrderError(`event at ${at} comes before ${s.lastAt}`);
    if (at >= this.nextBoundary) this.roll(at);
    s.lastAt = at;
    switch (e.type) {
      case 'trade':
        s.pnl += e.netCents;
        s.dayTraded = true;
        if (e.qty !== undefined && e.root !== undefined) {
          s.tradesWithSize++;
          const size = s.size(e.root, e.qty);
          if (size && size.tickCents > s.maxTickExposureCents) s.maxTickExposureCents = size.tickCents;
        }
        if (e.openedAt !== undefined) s.tradesWithOpenTime++;
        for (const t of this.onTrade) t.onTrade?.(s, e);
        this.balanceChanged(at);
        return;
      case 'fee':
        s.pnl += e.amountCents;
        this.balanceChanged(at);
        return;
      case 'cash':
        s.cash += e.amountCents;
        for (const t of this.onCash) t.onCash?.(s, e);
        this.balanceChanged(at);
        return;
      case 'mark':
        s.marks++;
        s.equity = e.equityCents;
        if (s.tradingEquity > s.hwm) s.hwm = s.tradingEquity;
        for (const t of this.onMark) t.onMark?.(s, at);
        if (this.timelineMode === 'events') this.point(at);
        return;
      case 'fill':
        this.applyFill(e.root, e.qtyChange);
        s.dayTraded = true;
        for (const t of this.onFill) t.onFill?.(s, at);
        return;
    }
  }

  advanceTo(at: number): void {
    const s = this.s;
    if (!(at >= s.lastAt)) throw new EventOrderError(`time ${at} comes before ${s.lastAt}`);
    if (at >= this.nextBoundary) this.roll(at);
    s.lastAt = at;
  }

  private balanceChanged(at: number): void {
    const s = this.s;
    s.balance = s.start + s.pnl + s.cash;
    s.equity = s.balance;
    if (s.start + s.pnl > s.hwm) s.hwm = s.start + s.pnl;
    for (const t of this.onBalance) t.onBalance?.(s, at);
    if (this.timelineMode === 'events') this.point(at);
  }

  /** Updates the position of one product and the totals derived from it, by the change in |position|. */
  private applyFill(root: string, qtyChange: number): void {
    const s = this.s;
    s.fills++;
    const before = s.positions.get(root) ?? 0;
    const after = before + qtyChange;
    s.positions.set(root, after);
    const delta = Math.abs(after) - Math.abs(before);
    s.openContracts += delta;
    const spec = s.specs[root];
    if (!spec) {
      s.unknownRoots.add(root);
      return;
    }
    s.exposureTenths += delta * spec.sizeTenths;
    s.tickExposureCents += delta * spec.tickValueCents;
    if (s.exposureTenths > s.maxExposureTenths) s.maxExposureTenths = s.exposureTenths;
    if (s.tickExposureCents > s.maxTickExposureCents) s.maxTickExposureCents = s.tickExposureCents;
  }

  /** Crosses day and timer boundaries up to `at`; runs only when `at` reaches the nearest one. */
  private roll(at: number): void {
    const s = this.s;
    if (at >= this.day.endMs) {
      if (this.day.isStarted) {
        const closeMs = this.day.endMs;
        for (const t of this.onDayClose) t.onDayClose?.(s, closeMs);
        if (s.dayTraded) s.tradingDaysClosed++;
        if (this.timelineMode === 'daily') this.point(closeMs);
        s.dayStartPnl = s.pnl;
        s.dayTraded = false;
      }
      this.day.advance(at);
    }
    let next = this.day.endMs;
    for (const t of this.timed) {
      if (at >= (t.nextTimerMs?.() ?? Number.POSITIVE_INFINITY)) t.onTimer?.(s, at);
      next = Math.min(next, t.nextTimerMs?.() ?? Number.POSITIVE_INFINITY);
    }
    this.nextBoundary = next;
  }

  /** The highest threshold over the drawdown rules: the one the account hits first. */
  private bindingThreshold(): number | null {
    let best: number | null = null;
    for (const t of this.thresholds) {
      const v = t.threshold?.() ?? null;
      if (v !== null && (best === null || v > best)) best = v;
    }
    return best;
  }

  /** The first trailing rule's high-water mark, else the intraday trading-basis high. */
  private highWaterMark(): number {
    for (const t of this.thresholds) {
      const h = t.highWaterMark?.();
      if (h !== undefined) return h;
    }
    return this.s.hwm;
  }

  private point(at: number): void {
    this.tl.at.push(at);
    this.tl.bal.push(this.s.balance);
    this.tl.hwm.push(this.highWaterMark());
    this.tl.thr.push(this.bindingThreshold() ?? Number.NaN);
  }

  status(): AccountStatus {
    const s = this.s;
    const perRule: RuleReport[] = [];
    const objectives: ObjectiveReport[] = [];
    let status: RuleStatus = 'safe';
    let distance: number | null = null;
    const rank: Record<RuleStatus, number> = { safe: 0, caution: 1, critical: 2, violated: 3 };
    const worsen = (to: RuleStatus): void => {
      if (rank[to] > rank[status]) status = to;
    };
    for (const t of this.trackers) {
      const r = t.report?.(s);
      if (r) {
        perRule.push(r);
        if (t.isViolatedNow()) worsen('violated');
        if (r.distanceCents !== undefined) {
          distance = distance === null ? r.distanceCents : Math.min(distance, r.distanceCents);
          const share = r.shareOfAllowance ?? 1;
          if (share < this.bands.critical) worsen('critical');
          else if (share < this.bands.caution) worsen('caution');
        }
      }
      const o = t.objective?.(s);
      if (o) objectives.push(o);
    }
    const limitations = [...this.trackers.flatMap((t) => t.limitations(s)), ...this.ruleSet.notEvaluated];
    const violations = [...s.violations].sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0,
    );
    const out: AccountStatus = {
      ruleSetId: this.ruleSet.id,
      balanceCents: s.balance,
      highWaterMarkCents: this.highWaterMark(),
      thresholdCents: this.bindingThreshold(),
      status,
      distanceToViolationCents: distance,
      perRule,
      objectives,
      violations,
      timeline: this.timeline(),
      tradingDays: s.tradingDaysClosed + (s.dayTraded ? 1 : 0),
      limitations,
    };
    if (this.ruleSet.phase === 'evaluation' && this.ruleSet.rules.some((r) => r.kind === 'profit-target')) {
      out.passed =
        this.trackers.every((t) => !t.hasFailed()) &&
        this.trackers.every((t) => !t.decidesPass || t.objective?.(s).met === true);
    }
    return out;
  }

  private timeline(): TimelinePoint[] {
    const { at, bal, hwm, thr } = this.tl;
    const out: TimelinePoint[] = [];
    for (let i = 0; i < at.length; i++) {
      const t = thr[i] ?? Number.NaN;
      out.push({
        at: iso(at[i] ?? 0),
        balanceCents: bal[i] ?? 0,
        hwmCents: hwm[i] ?? 0,
        thresholdCents: Number.isNaN(t) ? null : t,
      });
    }
    const last = at[at.length - 1];
    if (this.timelineMode === 'daily' && Number.isFinite(this.s.lastAt) && last !== this.s.lastAt) {
      out.push({
        at: iso(this.s.lastAt),
        balanceCents: this.s.balance,
        hwmCents: this.highWaterMark(),
        thresholdCents: this.bindingThreshold(),
      });
    }
    return out;
  }
}

/** An incremental evaluator for one account. Throws RuleSetError when the rule set is not valid. */
export function createEvaluator(ruleSet: RuleSet, opts: EvaluateOptions = {}): Evaluator {
  return new RuleEvaluator(ruleSet, opts);
}

/** Evaluates a whole time-ordered stream at once: the same result as pushing each event then `status()`. */
export function evaluate(
  ruleSet: RuleSet,
  events: Iterable<AccountEvent>,
  opts: EvaluateOptions & { asOf?: number } = {},
): AccountStatus {
  const ev = createEvaluator(ruleSet, opts);
  for (const e of events) ev.push(e);
  if (opts.asOf !== undefined) ev.advanceTo(opts.asOf);
  return ev.status();
}
