import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnQuantiles, quantile, quantiles, varCvar } from './stats';

/** Type-7 quantile from a full sort, the definition the fast path must match exactly. */
function sortedQuantile(values: Float64Array, p: number): number {
  const s = values.slice().sort();
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  return h > k ? s[k]! + (h - k) * (s[k + 1]! - s[k]!) : s[k]!;
}

describe('quantiles (type 7)', () => {
  it('interpolates between order statistics like NumPy', () => {
    const x = new Float64Array([10, 40, 20, 30]);
    // h = 3p: p 0.5 -> between 20 and 30; p 0.1 -> 10 + 0.3 * 10.
    expect(quantiles(x, [0, 0.1, 0.5, 1])).toEqual([10, 13, 25, 40]);
    expect(x).toEqual(new Float64Array([10, 40, 20, 30]));
    expect(quantile(new Float64Array([5]), 0.95)).toBe(5);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('RISK-MATH §6 qapi data: 5% quantile -0.0195 (linear interpolation)', () => {
    const xx = new Float64Array([0.003, 0.026, 0.015, -0.009, -0.014, -0.024, 0.015, 0.066, -0.014, 0.039]);
    expect(quantile(xx, 0.05)).toBeCloseTo(-0.0195, 12);
  });

  it('matches a full sort on large inputs with ties, outliers and equal values', () => {
    const probs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
    const big = fc
      .array(
        fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e12, max: 1e12, noNaN: true })),
        {
          minLength: 4096,
          maxLength: 6000,
        },
      )
      .map((a) => Float64Array.from(a));
    fc.assert(
      fc.property(big, (values) => {
        const got = quantiles(values, probs);
        probs.forEach((p, i) => expect(got[i]).toBe(sortedQuantile(values, p)));
      }),
      { numRuns: 25 },
    );
    const constant = new Float64Array(5000).fill(-7);
    expect(quantiles(constant, [0.05, 0.95])).toEqual([-7, -7]);
    const skewed = new Float64Array(5000).fill(1);
    skewed[17] = 1e15;
    skewed[18] = -3;
    expect(quantiles(skewed, [0, 0.5, 1])).toEqual([-3, 1, 1e15]);
  });
  it("gives the same columns when told each column's min and max", () => {
    const rows = 5000;
    const cols = 4;
    const table = new Float64Array(rows * cols);
    for (let k = 0; k < table.length; k++) table[k] = Math.round(Math.sin(k * 7.31) * 1e6) * ((k % cols) + 1);
    const min = new Float64Array(cols).fill(Infinity);
    const max = new Float64Array(cols).fill(-Infinity);
    for (let k = 0; k < table.length; k++) {
      min[k % cols] = Math.min(min[k % cols]!, table[k]!);
      max[k % cols] = Math.max(max[k % cols]!, table[k]!);
    }
    const probs = [0, 0.05, 0.5, 0.95, 1];
    const plain = columnQuantiles(table, rows, cols, probs);
    expect(columnQuantiles(table, rows, cols, probs, { min, max })).toEqual(plain);
    for (let c = 0; c < cols; c++) {
      const column = Float64Array.from({ length: rows }, (_, r) => table[r * cols + c]!);
      probs.forEach((p, i) => expect(plain[i]![c]).toBe(sortedQuantile(column, p)));
    }
  });
});

describe('varCvar', () => {
  it('RISK-MATH §6: losses = negated returns give VaR95 0.0195 and CVaR95 0.024', () => {
    const losses = new Float64Array(
      [0.003, 0.026, 0.015, -0.009, -0.014, -0.024, 0.015, 0.066, -0.014, 0.039].map((r) => -r),
    );
    const r = varCvar(losses, 0.95);
    expect(r.var).toBeCloseTo(0.0195, 12);
    expect(r.cvar).toBeCloseTo(0.024, 12);
  });

  it('averages every loss at or beyond VaR (ties included)', () => {
    const losses = new Float64Array([1, 2, 3, 4, 10, 10, 10]);
    // h = 6 * 0.5 = 3 -> VaR 4; losses >= 4 are 4, 10, 10, 10.
    expect(varCvar(losses, 0.5)).toEqual({ var: 4, cvar: 8.5 });
  });
});
