/**
 * Closed-form bankroll-risk formulas (RISK-MATH.md §1-§6): risk of ruin for Brownian motion with drift
 * (infinite and finite horizon), the two-barrier pass probability, the PrimeDope variance figures, Kelly
 * sizing, parametric normal VaR/ES, and the normal CDF and quantile they rest on.
 *
 * They give instant answers in calculators and bracket the Monte Carlo search; the simulation tests check
 * the engine against them. Units are whatever the caller uses consistently: mu and sigma per the same unit
 * of play (hand, 100 hands, day), bankroll and barriers in the same money unit as mu.
 */

const SQRT2 = Math.SQRT2;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * erfc(x) = 1 - erf(x) with about 1e-15 relative accuracy over the whole line. For |x| < 2.5 it uses the
 * everywhere-positive series erf(x) = 2x/sqrt(pi) e^(-x^2) sum_n (2x^2)^n / (1*3*...*(2n+1)) (no
 * cancellation); beyond, the Laplace continued fraction erfc(x) = e^(-x^2)/sqrt(pi) / (x + 1/2 / (x + 1 /
 * (x + 3/2 / (x + ...)))) evaluated by the modified Lentz method, which keeps relative accuracy deep into
 * the tail (erfc(26) ~ 5.7e-296). Checked against CPython's math.erfc in closed-form.test.ts.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // below the smallest subnormal
  return Math.exp(-x * x) * INV_SQRT_PI * erfcContinuedFraction(x);
}

/** erf(x) for 0 <= x < 2.5 by the positive-term series (terms shrink below 1e-17 of the sum). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return 2 * INV_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))): the continued fraction K(a_k / x) with a_k = k/2,
 * evaluated by the modified Lentz algorithm until a factor is within 1e-16 of 1.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** Standard normal density phi(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate to ~1e-15 relative (so also in the tails). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9), followed by one
// Halley step on the accurate CDF above, which brings it to full double precision.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * The standard normal quantile Phi^-1(p) for p in (0, 1); -Infinity at 0, +Infinity at 1, NaN outside.
 * Acklam's algorithm refined by one Halley step: |Phi(Phi^-1(p)) - p| is at rounding level.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  // Halley refinement; in the upper tail work with the complement to keep relative accuracy.
  const e = p > 0.5 ? -(0.5 * erfc(x / SQRT2) - (1 - p)) : 0.5 * erfc(-x / SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/**
 * Risk of ruin of a Brownian motion with drift over an infinite horizon: exp(-2 mu B / sigma^2)
 * (RISK-MATH §1). 1 when mu <= 0; 0 when sigma is 0 and mu > 0. Example: mu 5 bb/100, sigma 100 bb/100,
 * B 2,000 bb gives e^-2 = 0.1353.
 */
export function riskOfRuin(mu: number, sigma: number, bankroll: number): number {
  if (bankroll <= 0) return 1;
  if (mu <= 0) return 1;
  if (sigma === 0) return 0;
  return Math.exp((-2 * mu * bankroll) / (sigma * sigma));
}

/**
 * Bankroll for a given infinite-horizon risk of ruin: B = -sigma^2 ln(risk) / (2 mu) (RISK-MATH §1).
 * Infinity when mu <= 0 (no bankroll is enough) and 0 when risk >= 1. Example: 1% at 5 / 100 bb/100 gives
 * 4,605.17 bb.
 */
export function bankrollForRisk(mu: number, sigma: number, risk: number): number {
  if (!(risk > 0)) return Number.POSITIVE_INFINITY;
  if (risk >= 1) return 0;
  if (mu <= 0) return Number.POSITIVE_INFINITY;
  return (-sigma * sigma * Math.log(risk)) / (2 * mu);
}

/**
 * Probability that a Brownian motion with drift mu and volatility sigma per unit, starting B above the
 * barrier, touches it within `units` units (first-passage result, RISK-MATH §2):
 * Phi((-B - mu T)/(sigma sqrt T)) + exp(-2 mu B / sigma^2) Phi((-B + mu T)/(sigma sqrt T)).
 * The second term is evaluated as exp(a + ln Phi(b)) so a large negative drift cannot overflow.
 * This is continuous monitoring; a walk checked once per step is ruined a little less often (see
 * `discreteBarrierShift`).
 */
export function finiteHorizonRuin(mu: number, sigma: number, bankroll: number, units: number): number {
  if (bankroll <= 0) return 1;
  if (units <= 0) return 0;
  if (sigma === 0) return mu * units <= -bankroll ? 1 : 0;
  const s = sigma * Math.sqrt(units);
  const first = normalCdf((-bankroll - mu * units) / s);
  const phi = normalCdf((-bankroll + mu * units) / s);
  const second = phi === 0 ? 0 : Math.exp((-2 * mu * bankroll) / (sigma * sigma) + Math.log(phi));
  return Math.min(1, Math.max(0, first + second));
}

/**
 * Broadie-Glasserman-Kou continuity correction: a barrier checked only at discrete steps of SD sigma
 * behaves like a continuous barrier moved beta * sigma further away, beta = -zeta(1/2)/sqrt(2 pi) =
 * 0.5826. Returns that shift in the caller's money unit.
 */
export function discreteBarrierShift(sigmaPerStep: number): number {
  return 0.5825971579390106 * sigmaPerStep;
}

/**
 * Probability of gaining `up` before losing `down` for a Brownian motion with drift mu, volatility sigma
 * (RISK-MATH §3): (1 - e^(-2 mu D / s^2)) / (1 - e^(-2 mu (D + G) / s^2)); D/(D+G) when mu = 0. Uses
 * expm1 so small drifts keep full precision, and rescales for large negative drifts to avoid overflow.
 * Example: D 2000, G 3000, mu 50, sigma 500 gives 0.6369.
 */
export function twoBarrierPass(mu: number, sigma: number, down: number, up: number): number {
  if (down <= 0) return 0;
  if (up <= 0) return 1;
  if (sigma === 0) return mu > 0 ? 1 : mu < 0 ? 0 : Number.NaN;
  const k = (-2 * mu) / (sigma * sigma);
  const a = k * down;
  const b = k * (down + up);
  if (Math.abs(b) < 1e-12) return down / (down + up);
  if (b > 700) return Math.exp(a - b) * (Math.expm1(-a) / Math.expm1(-b));
  return Math.expm1(a) / Math.expm1(b);
}

/** z for a two-sided confidence level: z(0.95) = 1.959964, z(0.70) = 1.036433. */
export function zTwoSided(confidence: number): number {
  return normalQuantile(0.5 + confidence / 2);
}

/** PrimeDope-style variance figures for a poker sample (RISK-MATH §4); amounts in bb. */
export interface VarianceFigures {
  /** Expected win over the sample: wr * N / 100. */
  evBb: number;
  /** SD of the result over the sample: sd * sqrt(N / 100). */
  sdBb: number;
  ci70: { low: number; high: number };
  ci95: { low: number; high: number };
  /** Probability of being behind after N hands: Phi(-EV / SD_N). */
  pLoss: number;
  /** Half-width of the 95% / 70% interval of the observed win rate, in bb/100: z * sd / sqrt(N / 100). */
  winrateCi95Bb100: number;
  winrateCi70Bb100: number;
}

/**
 * The PrimeDope variance calculator's core figures for win rate `wrBb100` and SD `sdBb100` (both
 * bb/100) over `hands` hands. Example: 2.5, 100, 100,000 gives EV 2,500, SD 3,162.28, 95% CI
 * [-3,697.95, 8,697.95], P(loss) 0.2146, win-rate 95% CI +-6.198.
 */
export function varianceFigures(wrBb100: number, sdBb100: number, hands: number): VarianceFigures {
  const blocks = hands / 100;
  const ev = wrBb100 * blocks;
  const sd = sdBb100 * Math.sqrt(blocks);
  const z95 = zTwoSided(0.95);
  const z70 = zTwoSided(0.7);
  return {
    evBb: ev,
    sdBb: sd,
    ci70: { low: ev - z70 * sd, high: ev + z70 * sd },
    ci95: { low: ev - z95 * sd, high: ev + z95 * sd },
    pLoss: sd === 0 ? (ev < 0 ? 1 : 0) : normalCdf(-ev / sd),
    winrateCi95Bb100: (z95 * sdBb100) / Math.sqrt(blocks),
    winrateCi70Bb100: (z70 * sdBb100) / Math.sqrt(blocks),
  };
}

/** Hands needed to know the win rate within +-`marginBb100` at `confidence`: (z sd / margin)^2 * 100. */
export function handsForWinrateMargin(sdBb100: number, marginBb100: number, confidence = 0.95): number {
  const z = zTwoSided(confidence);
  return ((z * sdBb100) / marginBb100) ** 2 * 100;
}

/**
 * Kelly fraction f* = (b p - q) / b for win probability p at decimal odds (b = odds - 1, q = 1 - p),
 * RISK-MATH §5. Negative means the bet has no edge. Example: p 0.35 at 4.0 gives 0.1333.
 */
export function kellyFraction(p: number, decimalOdds: number): number {
  const b = decimalOdds - 1;
  return (b * p - (1 - p)) / b;
}

/** Expected log growth per bet g(f) = p ln(1 + f b) + q ln(1 - f) when staking fraction f. */
export function kellyGrowth(f: number, p: number, decimalOdds: number): number {
  const b = decimalOdds - 1;
  return p * Math.log1p(f * b) + (1 - p) * Math.log1p(-f);
}

/** Risk of ruin when always betting the multiple f of the Kelly fraction (f = 0.5 is half Kelly): exp(-2 / f). */
export function rorForKellyMultiple(f: number): number {
  return f <= 0 ? 0 : Math.exp(-2 / f);
}

/** The Kelly multiple with a given risk of ruin: -2 / ln(risk). */
export function kellyMultipleForRor(risk: number): number {
  return -2 / Math.log(risk);
}

/**
 * Parametric normal VaR and expected shortfall of a result with mean `mean` and SD `sd`, in the loss
 * convention (positive = loss) at confidence `level` (e.g. 0.95): VaR = -mean + z_level sd,
 * ES = -mean + sd phi(z_level) / (1 - level). RISK-MATH §6 in its return convention: mean 0.0103, sd
 * 0.027889 gives VaR95 -0.03557 and ES95 -0.04723 as returns, i.e. losses 0.03557 and 0.04723.
 */
export function normalVarEs(mean: number, sd: number, level: number): { var: number; es: number } {
  const z = normalQuantile(level);
  return { var: -mean + z * sd, es: -mean + (sd * normalPdf(z)) / (1 - level) };
}
