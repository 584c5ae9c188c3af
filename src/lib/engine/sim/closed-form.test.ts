import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bankrollForRisk,
  erfc,
  finiteHorizonRuin,
  handsForWinrateMargin,
  kellyFraction,
  kellyGrowth,
  kellyMultipleForRor,
  normalCdf,
  normalQuantile,
  normalVarEs,
  riskOfRuin,
  rorForKellyMultiple,
  twoBarrierPass,
  varianceFigures,
  zTwoSided,
} from './closed-form';

/** |a - b| <= tol * |b| (relative), for values that span many orders of magnitude. */
const expectRel = (a: number, b: number, tol: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));

describe('erfc and the normal CDF', () => {
  // Reference values: CPython math.erfc (C library, correctly rounded to ~1 ulp).
  it.each([
    [-3, 1.9999779095030015],
    [-1.5, 1.9661051464753108],
    [-0.3, 1.3286267594591274],
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.7, 0.016209541409225436],
    [2, 0.004677734981047265],
    [2.4, 0.0006885138966450789],
    [2.5, 0.0004069520174449589],
    [2.6, 0.00023603441652934908],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280351e-12],
    [7, 4.183825607779414e-23],
    [10, 2.088487583762545e-45],
    [15, 7.212994172451206e-100],
    [26, 5.663192408856143e-296],
  ])('erfc(%d)', (x, expected) => {
    expectRel(erfc(x), expected, 1e-13);
  });

  it('Phi is accurate to 1e-12 absolute and symmetric', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-1.6448536269514729) - 0.05)).toBeLessThan(1e-15);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(1e-15);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalQuantile', () => {
  // Reference values: SciPy 1.17 norm.ppf.
  it.each([
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404056],
    [1e-5, -4.264890793922825],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400545],
    [0.05, -1.6448536269514729],
    [0.3, -0.5244005127080409],
    [0.7, 0.5244005127080407],
    [0.85, 1.0364333894937898],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.9999999, 5.199337582290661],
  ])('Phi^-1(%d)', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(
      1e-13 * Math.max(1, Math.abs(expected)),
    );
  });

  it('handles the ends and invalid input', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
  });

  it('inverts Phi', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14 + 1e-12 * p);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the PrimeDope z values', () => {
    expect(zTwoSided(0.95)).toBeCloseTo(1.959964, 6);
    expect(zTwoSided(0.7)).toBeCloseTo(1.036433, 6);
  });
});

describe('risk of ruin, infinite horizon (RISK-MATH §1)', () => {
  it('gamblingcalc: 5 bb/100, 100 bb/100, 2,000 bb -> e^-2 = 13.53%; 1% needs 4,605.17 bb', () => {
    expect(riskOfRuin(5, 100, 2000)).toBeCloseTo(Math.exp(-2), 15);
    expect(riskOfRuin(5, 100, 2000)).toBeCloseTo(0.1353, 4);
    expect(bankrollForRisk(5, 100, 0.01)).toBeCloseTo(4605.17, 2);
  });

  it('costcalculator: 5,000 bb -> e^-5 = 0.67%', () => {
    expect(riskOfRuin(5, 100, 5000)).toBeCloseTo(0.0067, 4);
    expect(riskOfRuin(5, 100, 5000)).toBeCloseTo(0.006737946999085467, 15);
  });

  it('topcasinogames: $30/h, SD $600, $15,000 -> 8.2085%; $20/h SD $200 -> $2,996 / $4,605 / $6,908', () => {
    expect(riskOfRuin(30, 600, 15000)).toBeCloseTo(0.082085, 6);
    expect(bankrollForRisk(20, 200, 0.05)).toBeCloseTo(2995.73, 2);
    expect(bankrollForRisk(20, 200, 0.01)).toBeCloseTo(4605.17, 2);
    expect(bankrollForRisk(20, 200, 0.001)).toBeCloseTo(6907.76, 2);
  });

  it('PrimeDope vector: 5% risk at 2.5 / 100 bb/100 needs 5,991.46 bb', () => {
    expect(bankrollForRisk(2.5, 100, 0.05)).toBeCloseTo(5991.46, 2);
  });

  it('is certain ruin without an edge, none without variance, and inverts', () => {
    expect(riskOfRuin(0, 100, 2000)).toBe(1);
    expect(riskOfRuin(-1, 100, 2000)).toBe(1);
    expect(riskOfRuin(5, 0, 2000)).toBe(0);
    expect(bankrollForRisk(-1, 100, 0.05)).toBe(Number.POSITIVE_INFINITY);
    expect(riskOfRuin(5, 100, bankrollForRisk(5, 100, 0.037))).toBeCloseTo(0.037, 14);
  });
});

describe('finite horizon and two barriers (RISK-MATH §2-3)', () => {
  it('B 2000, mu 5, sigma 100, T 1000 -> 0.12557', () => {
    expect(finiteHorizonRuin(5, 100, 2000, 1000)).toBeCloseTo(0.12557, 5);
    expect(finiteHorizonRuin(5, 100, 2000, 1000)).toBeCloseTo(0.12556840100710825, 13);
  });

  it('tends to the infinite-horizon risk and is 2 Phi(-B / sigma sqrt T) without drift', () => {
    expect(finiteHorizonRuin(5, 100, 2000, 1e9)).toBeCloseTo(Math.exp(-2), 10);
    expect(finiteHorizonRuin(0, 100, 2000, 400)).toBeCloseTo(2 * normalCdf(-1), 14);
  });

  it('does not overflow for a strongly negative drift', () => {
    const p = finiteHorizonRuin(-50, 100, 200000, 1000);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(finiteHorizonRuin(-50, 100, 2000, 1000)).toBeCloseTo(1, 10);
  });

  it('D 2000, G 3000: 0.40 without drift, 0.6369 at mu 50, sigma 500', () => {
    expect(twoBarrierPass(0, 500, 2000, 3000)).toBeCloseTo(0.4, 15);
    expect(twoBarrierPass(50, 500, 2000, 3000)).toBeCloseTo(0.6369, 4);
    expect(twoBarrierPass(50, 500, 2000, 3000)).toBeCloseTo(0.6368607683496674, 13);
  });

  it('is continuous at zero drift and stays finite for large negative drift', () => {
    expect(twoBarrierPass(1e-9, 500, 2000, 3000)).toBeCloseTo(0.4, 8);
    const p = twoBarrierPass(-1000, 100, 20000, 30000);
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-300);
  });
});

describe('PrimeDope variance figures (RISK-MATH §4)', () => {
  it('wr 2.5, sd 100, 100,000 hands', () => {
    const v = varianceFigures(2.5, 100, 100_000);
    expect(v.evBb).toBe(2500);
    expect(v.sdBb).toBeCloseTo(3162.28, 2);
    expect(v.ci95.low).toBeCloseTo(-3697.95, 2);
    expect(v.ci95.high).toBeCloseTo(8697.95, 2);
    expect(v.ci70.low).toBeCloseTo(-777.49, 2);
    expect(v.ci70.high).toBeCloseTo(5777.49, 2);
    expect(v.pLoss).toBeCloseTo(0.2146, 4);
    expect(v.winrateCi95Bb100).toBeCloseTo(6.198, 3);
  });

  it('hands for +-1 bb/100 at 95% is about 3.84M', () => {
    const n = handsForWinrateMargin(100, 1, 0.95);
    expect(n).toBeGreaterThan(3.84e6);
    expect(n).toBeLessThan(3.85e6);
    expect(n).toBeCloseTo(3841458.8, 0);
  });
});

describe('Kelly (RISK-MATH §5)', () => {
  it('p 0.6 at even money: f* 0.20, g 0.020136', () => {
    expect(kellyFraction(0.6, 2)).toBeCloseTo(0.2, 15);
    expect(kellyGrowth(0.2, 0.6, 2)).toBeCloseTo(0.020136, 6);
  });

  it('p 0.35 at 4.0: f* 0.1333 (not mrgreen.com’s 0.4)', () => {
    expect(kellyFraction(0.35, 4)).toBeCloseTo(0.1333, 4);
    expect(kellyFraction(0.35, 4)).not.toBeCloseTo(0.4, 2);
  });

  it('Kelly multiple and risk of ruin', () => {
    expect(rorForKellyMultiple(1)).toBeCloseTo(Math.exp(-2), 15);
    expect(rorForKellyMultiple(0.5)).toBeCloseTo(Math.exp(-4), 15);
    expect(kellyMultipleForRor(0.01)).toBeCloseTo(0.4343, 4);
    expect(rorForKellyMultiple(kellyMultipleForRor(0.2))).toBeCloseTo(0.2, 14);
  });
});

describe('parametric normal VaR / ES (RISK-MATH §6)', () => {
  it('mean 0.0103, sd 0.027889: VaR95 0.03557 and ES95 0.04723 as losses', () => {
    const r = normalVarEs(0.0103, 0.027889, 0.95);
    expect(r.var).toBeCloseTo(0.03557, 5);
    expect(r.es).toBeCloseTo(0.04723, 5);
  });
});
