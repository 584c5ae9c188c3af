/**
 * The rule sets the app ships, as data. Every number, date and source URL comes from
 * shared/reference/PROP-RULES.md (which quotes the firms' help centres and public configs); where the sources
 * disagree, one reading is chosen and the other is written in `notes`. A firm's change is a new version
 * (a new id), never an edit of an old one, so past evaluations stay reproducible.
 *
 * The tables below are expanded into RuleSet objects once at module load; the result is plain frozen data.
 */
import type { DayRoll, Rule, RuleSet } from './types';

const $ = (dollars: number): number => Math.round(dollars * 100);

const ET_1800: DayRoll = { zone: 'America/New_York', hour: 18, minute: 0 };
const CT_1700: DayRoll = { zone: 'America/Chicago', hour: 17, minute: 0 };

// ---------------------------------------------------------------------------------------------------------
// Apex Trader Funding (PROP-RULES.md §3.1). Help Center "Evaluation Rules", copy first committed 2025-08-12.

const APEX_EVAL_URL =
  'https://support.apextraderfunding.com/hc/en-us/articles/31519769997083-Evaluation-Rules';
const APEX_VERSION = '2025-08';
const APEX_DATE = '2025-08-12';

/** Apex Full plans: start, max contracts (minis), trailing threshold, profit goal. */
const APEX_FULL: { k: number; minis: number; drawdown: number; goal: number }[] = [
  { k: 25, minis: 4, drawdown: 1500, goal: 1500 },
  { k: 50, minis: 10, drawdown: 2500, goal: 3000 },
  { k: 75, minis: 12, drawdown: 2750, goal: 4500 },
  { k: 100, minis: 14, drawdown: 3000, goal: 6000 },
  { k: 150, minis: 17, drawdown: 5000, goal: 9000 },
  { k: 250, minis: 27, drawdown: 6500, goal: 15000 },
  { k: 300, minis: 35, drawdown: 7500, goal: 20000 },
];

const APEX_FLAT: Rule = {
  kind: 'flat-by',
  id: 'flat-by',
  at: { zone: 'America/New_York', hour: 16, minute: 59 },
  onBreach: 'fail',
};

const APEX_COMMON_NOTES = [
  'Trading day: 6:00 PM ET to 4:59 PM ET the next day; Sunday evening counts as Monday. Half-day holidays, which do not count as a day, are not modelled.',
  'Trailing follows the highest live (unrealised) value during trades, as the Help Center states.',
];

function apexEval(p: (typeof APEX_FULL)[number]): RuleSet {
  const notes = [
    ...APEX_COMMON_NOTES,
    'Where trailing stops: the Help Center says Tradovate evaluations trail without stopping, while Rithmic evaluations stop when the threshold reaches the profit target (e.g. $53,000 on 50K). This rule set follows Tradovate (never stops).',
    'Minimum days: 7 per the Help Center ("a minimum of seven trading days"); an ApexStrategy config and an RL-Trainer doc (2025-11-30) say 1. This rule set uses 7.',
    'Profit goals are not in the copied Help Center text; they come from a public ApexStrategy config and the deltalytix config, and the Help Center example ($53,000 on 50K) implies $3,000 for 50K.',
  ];
  if (p.k === 75) notes.push('The 75K profit goal ($4,500) has a single source.');
  return {
    id: `apex-${p.k}k-eval@${APEX_VERSION}`,
    firm: 'Apex Trader Funding',
    plan: `${p.k}K Full`,
    phase: 'evaluation',
    version: APEX_VERSION,
    effectiveDate: APEX_DATE,
    sourceUrl: APEX_EVAL_URL,
    startBalanceCents: $(p.k * 1000),
    tradingDay: ET_1800,
    rules: [
      {
        kind: 'trailing-drawdown',
        id: 'trailing-drawdown',
        mode: 'intraday',
        drawdownCents: $(p.drawdown),
        stopAboveStartCents: null,
      },
      { kind: 'max-position', id: 'max-position', maxTenths: p.minis * 10 },
      { kind: 'profit-target', id: 'profit-target', targetCents: $(p.goal) },
      { kind: 'min-trading-days', id: 'min-trading-days', days: 7 },
      APEX_FLAT,
    ],
    notes,
    notEvaluated: [],
  };
}

function apexPa(p: (typeof APEX_FULL)[number]): RuleSet {
  const safetyNet = p.drawdown + 100;
  return {
    id: `apex-${p.k}k-pa@${APEX_VERSION}`,
    firm: 'Apex Trader Funding',
    plan: `${p.k}K Full`,
    phase: 'funded',
    version: APEX_VERSION,
    effectiveDate: APEX_DATE,
    sourceUrl: APEX_EVAL_URL,
    startBalanceCents: $(p.k * 1000),
    tradingDay: ET_1800,
    rules: [
      {
        kind: 'trailing-drawdown',
        id: 'trailing-drawdown',
        mode: 'intraday',
        drawdownCents: $(p.drawdown),
        stopAboveStartCents: $(100),
      },
      {
        kind: 'scaling',
        id: 'scaling',
        // Half of max contracts until the end-of-day balance exceeds start + drawdown + $100, full from the next session.
        tiers: [
          { minProfitCents: -$(p.drawdown), maxTenths: Math.floor((p.minis * 10) / 2) },
          { minProfitCents: $(safetyNet) + 1, maxTenths: p.minis * 10 },
        ],
      },
      { kind: 'consistency', id: 'windfall', variant: 'windfall', maxBestDayShareBps: 3000, strict: false },
      APEX_FLAT,
    ],
    notes: [
      ...APEX_COMMON_NOTES,
      `Trailing stops once the threshold reaches the start balance + $100 (peak balance start + $${safetyNet}, the "safety net").`,
      'Scaling: half the maximum contracts in tenths of a mini (an odd maximum leaves a half mini, i.e. 5 micros) until the end-of-day balance exceeds the safety net.',
      'Windfall (30% consistency) is a payout condition from the last approved payout ("Highest Profit Day ÷ 0.3"), applying until the 6th payout; it is reported as an objective, not a violation.',
    ],
    notEvaluated: [
      '30% negative P&L (MAE) rule: open loss on a trade must stay within 30% of the start-of-day profit balance; needs intratrade equity per trade.',
      '5:1 maximum risk/reward ratio.',
      'Payout eligibility: 8 trading days with at least $50 profit on 5 of them, $500 minimum payout.',
    ],
  };
}

const APEX_STATIC_EVAL: RuleSet = {
  id: `apex-100k-static-eval@${APEX_VERSION}`,
  firm: 'Apex Trader Funding',
  plan: '100K Static',
  phase: 'evaluation',
  version: APEX_VERSION,
  effectiveDate: APEX_DATE,
  sourceUrl: APEX_EVAL_URL,
  startBalanceCents: $(100000),
  tradingDay: ET_1800,
  rules: [
    { kind: 'static-drawdown', id: 'static-drawdown', drawdownCents: $(625) },
    { kind: 'max-position', id: 'max-position', maxTenths: 20 },
    { kind: 'profit-target', id: 'profit-target', targetCents: $(2000) },
    { kind: 'min-trading-days', id: 'min-trading-days', days: 7 },
    APEX_FLAT,
  ],
  notes: [
    ...APEX_COMMON_NOTES,
    'Static threshold $99,375 (Help Center table). The $2,000 profit goal has a single source (a 2026-02-23 note).',
    'Minimum days: 7 per the Help Center; other sources say 1.',
  ],
  notEvaluated: [],
};

// ---------------------------------------------------------------------------------------------------------
// Topstep (PROP-RULES.md §3.2).

const TOPSTEP_MLL_URL = 'https://help.topstep.com/en/articles/8284204-what-is-the-maximum-loss-limit';
const TOPSTEP_DLL_URL =
  'https://help.topstep.com/en/articles/9772296-topstepx-fixed-personal-daily-loss-limit';
const TOPSTEP_VERSION = '2024-08';
const TOPSTEP_DATE = '2024-08-25';

const TOPSTEP_COMBINE: { k: number; target: number; mll: number; dll: number; minis: number }[] = [
  { k: 50, target: 3000, mll: 2000, dll: 1000, minis: 5 },
  { k: 100, target: 6000, mll: 3000, dll: 2000, minis: 10 },
  { k: 150, target: 9000, mll: 4500, dll: 3000, minis: 15 },
];

const TOPSTEP_FLAT: Rule = {
  kind: 'flat-by',
  id: 'flat-by',
  at: { zone: 'America/Chicago', hour: 15, minute: 10 },
  onBreach: 'fail',
};

function topstepCombine(p: (typeof TOPSTEP_COMBINE)[number], withDll: boolean): RuleSet {
  const rules: Rule[] = [
    {
      kind: 'trailing-drawdown',
      id: 'max-loss-limit',
      mode: 'end-of-day',
      drawdownCents: $(p.mll),
      stopAboveStartCents: 0,
    },
  ];
  if (withDll) {
    rules.push({
      kind: 'daily-loss',
      id: 'daily-loss-limit',
      limitCents: $(p.dll),
      basis: 'equity',
      onBreach: 'lock-day',
    });
  }
  rules.push(
    { kind: 'max-position', id: 'max-position', maxTenths: p.minis * 10 },
    { kind: 'profit-target', id: 'profit-target', targetCents: $(p.target) },
    { kind: 'min-trading-days', id: 'min-trading-days', days: 2 },
    { kind: 'consistency', id: 'consistency', variant: 'target', maxBestDayShareBps: 5000, strict: true },
    TOPSTEP_FLAT,
  );
  const notes = [
    'Maximum Loss Limit = min(start, max(start − max loss, highest end-of-day balance − max loss)): it trails end-of-day balances, is not adjusted while trading, and stops at the starting balance.',
    'Trading day starts 5:00 PM CT the evening before; positions flat by 3:10 PM CT (secondary sources: h2tfunding.com, visualfoodie.com).',
    'Minimum days: 2 (deltalytix, a 2024 TopstepX rules module); an older tradingfunder.com page says 5. This rule set uses 2.',
    'Consistency: best day below 50% of total profit (current Combine); historically 40% for Step 2.',
  ];
  notes.push(
    withDll
      ? 'Daily Loss Limit: kept on NinjaTrader, Quantower, Tradovate and TradingView; a breach locks trading until the next session (deltalytix "Lock").'
      : 'No Daily Loss Limit: TopstepX accounts created or reset from Sunday 2024-08-25 5 PM CT have none. Use the -dll rule set for accounts on other platforms.',
  );
  return {
    id: `topstep-${p.k}k-combine${withDll ? '-dll' : ''}@${TOPSTEP_VERSION}`,
    firm: 'Topstep',
    plan: `${p.k}K Trading Combine${withDll ? ' (NinjaTrader, Tradovate, Quantower, TradingView)' : ' (TopstepX)'}`,
    phase: 'evaluation',
    version: TOPSTEP_VERSION,
    effectiveDate: TOPSTEP_DATE,
    sourceUrl: withDll ? TOPSTEP_DLL_URL : TOPSTEP_MLL_URL,
    startBalanceCents: $(p.k * 1000),
    tradingDay: CT_1700,
    rules,
    notes,
    notEvaluated: [],
  };
}

const TOPSTEP_XFA_50K: RuleSet = {
  id: `topstep-50k-xfa@${TOPSTEP_VERSION}`,
  firm: 'Topstep',
  plan: '50K Express Funded Account (TopstepX)',
  phase: 'funded',
  version: TOPSTEP_VERSION,
  effectiveDate: TOPSTEP_DATE,
  sourceUrl: TOPSTEP_MLL_URL,
  startBalanceCents: 0,
  tradingDay: CT_1700,
  rules: [
    {
      kind: 'trailing-drawdown',
      id: 'max-loss-limit',
      mode: 'end-of-day',
      drawdownCents: $(2000),
      stopAboveStartCents: 0,
    },
    {
      kind: 'scaling',
      id: 'scaling',
      tiers: [
        { minProfitCents: -$(2000), maxTenths: 20 },
        { minProfitCents: $(1500), maxTenths: 30 },
        { minProfitCents: $(2000), maxTenths: 50 },
      ],
    },
    TOPSTEP_FLAT,
  ],
  notes: [
    'Balance starts at $0; the Maximum Loss Limit starts at −$2,000, trails end-of-day balances and stops at $0 (a public TopstepX rules module).',
    'Scaling plan by end-of-day balance: 2 minis below $1,500, 3 from $1,500, 5 from $2,000.',
    'deltalytix lists funded 50K/100K/150K with daily loss 1000/2000/3000 and drawdown 2000/3000/4500 from another era or platform; not shipped.',
  ],
  notEvaluated: [
    'Payouts: after 5 winning days of at least $150, at most min($5,000, 50% of the balance), 90% split.',
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Others from the deltalytix config (PROP-RULES.md §3.3, HEAD 7783a06, history 2025-06 → 2025-12).

const DELTALYTIX_URL =
  'https://github.com/hugodemenez/deltalytix/blob/7783a06/app/%5Blocale%5D/dashboard/components/accounts/config.ts';
const TPT_URL = 'https://takeprofittrader.crunch.help/en/test-rules/rule-6-be-consistent';
const DELTALYTIX_VERSION = '2025-12';

const ASSUMED_DAY_NOTE =
  'The source gives no trading-day roll; the CME Globex day (5:00 PM CT) is assumed for end-of-day and daily counts.';
const NO_STOP_NOTE =
  'The source gives no level at which the end-of-day drawdown stops trailing; here it trails without a cap.';

interface SimplePlan {
  firm: string;
  slug: string;
  plan: string;
  k: number;
  target: number;
  drawdown: number;
  dailyLoss: number | null;
  consistencyPct: number | null;
  strict: boolean;
  minDays: number;
  minis: number | null;
  sourceUrl: string;
  extraNotes: string[];
}

function simpleEval(p: SimplePlan): RuleSet {
  const rules: Rule[] = [
    {
      kind: 'trailing-drawdown',
      id: 'trailing-drawdown',
      mode: 'end-of-day',
      drawdownCents: $(p.drawdown),
      stopAboveStartCents: null,
    },
  ];
  if (p.dailyLoss !== null) {
    rules.push({
      kind: 'daily-loss',
      id: 'daily-loss',
      limitCents: $(p.dailyLoss),
      basis: 'equity',
      onBreach: 'lock-day',
    });
  }
  if (p.minis !== null) rules.push({ kind: 'max-position', id: 'max-position', maxTenths: p.minis * 10 });
  rules.push({ kind: 'profit-target', id: 'profit-target', targetCents: $(p.target) });
  if (p.minDays > 0) rules.push({ kind: 'min-trading-days', id: 'min-trading-days', days: p.minDays });
  if (p.consistencyPct !== null) {
    rules.push({
      kind: 'consistency',
      id: 'consistency',
      variant: 'target',
      maxBestDayShareBps: p.consistencyPct * 100,
      strict: p.strict,
    });
  }
  return {
    id: `${p.slug}-eval@${DELTALYTIX_VERSION}`,
    firm: p.firm,
    plan: p.plan,
    phase: 'evaluation',
    version: DELTALYTIX_VERSION,
    effectiveDate: DELTALYTIX_VERSION,
    sourceUrl: p.sourceUrl,
    startBalanceCents: $(p.k * 1000),
    tradingDay: CT_1700,
    rules,
    notes: [
      'Figures from the deltalytix prop-firm config (HEAD 7783a06; the file changed between 2025-06 and 2025-12, so the effective date is the month of that snapshot).',
      ASSUMED_DAY_NOTE,
      NO_STOP_NOTE,
      ...p.extraNotes,
    ],
    notEvaluated: [],
  };
}

const TPT: [number, number, number][] = [
  [25, 1500, 1500],
  [50, 3000, 2000],
  [75, 4500, 2500],
  [100, 6000, 3000],
  [150, 9000, 4500],
];

const TRADEIFY: [number, number, number, number | null, number][] = [
  [25, 1500, 1000, null, 1],
  [50, 3000, 2000, 1250, 4],
  [100, 6000, 4000, 2500, 8],
  [150, 9000, 6000, 3750, 12],
];

const MFF: [string, number, number, number, number | null][] = [
  ['S50K', 50, 3000, 2500, 1200],
  ['S100K', 100, 6000, 3500, 2400],
  ['S150K', 150, 9000, 5000, 3600],
  ['E50K', 50, 4000, 2000, null],
  ['E100K', 100, 8000, 3000, null],
  ['E150K', 150, 12000, 4500, null],
];

const OTHERS: RuleSet[] = [
  ...TPT.map(([k, target, drawdown]) =>
    simpleEval({
      firm: 'Take Profit Trader',
      slug: `tpt-${k}k`,
      plan: `${k}K Test`,
      k,
      target,
      drawdown,
      dailyLoss: null,
      consistencyPct: 50,
      strict: true,
      minDays: 5,
      minis: null,
      sourceUrl: TPT_URL,
      extraNotes: [
        'Consistency (Take Profit Trader help page, rule 6): best day at most 50% of total profit; its example ($2,000 best day, $3,100 total, "make another $901" to pass $4,000) treats the boundary as excluded, so the share must be below 50%.',
        'Minimum 5 trading days (help page and deltalytix agree).',
      ],
    }),
  ),
  ...TRADEIFY.map(([k, target, drawdown, dailyLoss, minis]) =>
    simpleEval({
      firm: 'Tradeify',
      slug: `tradeify-${k}k`,
      plan: `$${k}K account`,
      k,
      target,
      drawdown,
      dailyLoss,
      consistencyPct: 20,
      strict: false,
      minDays: 0,
      minis,
      sourceUrl: DELTALYTIX_URL,
      extraNotes: [
        'Consistency 20%: the source does not say whether the boundary is included; at or below 20% passes here.',
        'Daily loss breach: the source does not say whether it fails or locks the day; treated as a lock until the next session.',
        'The date these figures took effect was not checked (PROP-RULES.md).',
      ],
    }),
  ),
  ...MFF.map(([plan, k, target, drawdown, dailyLoss]) =>
    simpleEval({
      firm: 'MyFundedFutures',
      slug: `mff-${plan.toLowerCase()}`,
      plan,
      k,
      target,
      drawdown,
      dailyLoss,
      consistencyPct: null,
      strict: false,
      minDays: 1,
      minis: null,
      sourceUrl: DELTALYTIX_URL,
      extraNotes:
        dailyLoss === null
          ? ['No daily loss limit on this plan.']
          : ['Daily loss limit breach locks trading for the day (deltalytix "Lock").'],
    }),
  ),
];

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Every rule set the app ships, in a stable order (firm, then plan). */
export const RULE_SETS: readonly RuleSet[] = deepFreeze([
  ...APEX_FULL.map(apexEval),
  APEX_STATIC_EVAL,
  ...APEX_FULL.map(apexPa),
  ...TOPSTEP_COMBINE.map((p) => topstepCombine(p, false)),
  ...TOPSTEP_COMBINE.map((p) => topstepCombine(p, true)),
  TOPSTEP_XFA_50K,
  ...OTHERS,
]);

const BY_ID = new Map(RULE_SETS.map((r) => [r.id, r]));

/** A shipped rule set by id ('apex-50k-eval@2025-08'); an id without '@version' finds the newest version. */
export function findRuleSet(id: string): RuleSet | undefined {
  const exact = BY_ID.get(id);
  if (exact || id.includes('@')) return exact;
  let best: RuleSet | undefined;
  for (const r of RULE_SETS) {
    if (r.id.slice(0, r.id.indexOf('@')) === id && (!best || r.version > best.version)) best = r;
  }
  return best;
}
