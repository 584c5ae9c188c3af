import { describe, expect, it } from 'vitest';
import { normalCdf } from './closed-form';
import type { ModelSpec } from './distributions';
import { compileModel, fillSteps, normal, studentT } from './distributions';
import { createPathRng } from './rng';

function compiled(spec: ModelSpec, stake = 1) {
  const r = compileModel(spec, stake);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function moments(xs: Float64Array): { mean: number; sd: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (xs.length - 1)) };
}

describe('normal (Ziggurat)', () => {
  const n = 100_000;
  const rng = createPathRng(11, 0);
  const xs = Float64Array.from({ length: n }, () => normal(rng));

  it('passes a Kolmogorov-Smirnov test against Phi', () => {
    const sorted = xs.slice().sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    // Critical value at the 0.1% level: 1.95 / sqrt(n).
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('has mean 0, SD 1 and reaches the tail beyond R = 3.6542 as often as Phi says', () => {
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m.sd - 1)).toBeLessThan(4 * Math.sqrt(0.5 / n));
    const tail = xs.filter((x) => Math.abs(x) > 3.6541528853610088).length;
    const expected = 2 * normalCdf(-3.6541528853610088) * n; // 25.8
    expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('the block loop (slow path deferred to the end of each block) gives whole cents from N(mean, sd)', () => {
    const model = compiled({ kind: 'normal', meanCents: 150, sdCents: 1_000_000 });
    const rng = createPathRng(5, 9);
    const buf = new Float64Array(256);
    const zs: number[] = [];
    for (let block = 0; block < 400; block++) {
      fillSteps(rng, model, buf, 256);
      for (const x of buf) {
        expect(Number.isInteger(x)).toBe(true);
        zs.push((x - 150) / 1_000_000);
      }
    }
    const sorted = Float64Array.from(zs).sort();
    const m = sorted.length;
    let d = 0;
    for (let i = 0; i < m; i++) {
      const f = normalCdf(sorted[i]!);
      d = Math.max(d, Math.abs(f - i / m), Math.abs(f - (i + 1) / m));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(m));
    // The same path and block sizes give the same numbers.
    const again = createPathRng(5, 9);
    fillSteps(again, model, buf, 256);
    expect((buf[0]! - 150) / 1_000_000).toBe(zs[0]);
  });
});

describe('Student-t', () => {
  it('rejects df <= 2 with an invalid-argument error value', () => {
    for (const df of [2, 1.5, 0, -3, Number.NaN]) {
      const r = compileModel({ kind: 'student-t', meanCents: 0, sdCents: 100, df });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-argument');
        expect(r.error.message).toMatch(/degrees of freedom must be greater than 2/);
      }
    }
    expect(() => studentT(createPathRng(1, 0), 2)).toThrow(RangeError);
    expect(compileModel({ kind: 'student-t', meanCents: 0, sdCents: 100, df: 2.1 }).ok).toBe(true);
  });

  it('standard t has the right 95th / 97.5th percentiles (df 5: 2.015048, df 3: 3.182446)', () => {
    const n = 100_000;
    for (const [df, q, p] of [
      [5, 2.015048, 0.05],
      [3, 3.182446, 0.025],
    ] as const) {
      const rng = createPathRng(21, df);
      let above = 0;
      for (let i = 0; i < n; i++) if (studentT(rng, df) > q) above++;
      expect(Math.abs(above / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('is rescaled to the requested mean and SD', () => {
    const model = compiled({ kind: 'student-t', meanCents: 200, sdCents: 5000, df: 6 });
    expect(model.meanCents).toBe(200);
    expect(model.sdCents).toBe(5000);
    const n = 200_000;
    const buf = new Float64Array(n);
    fillSteps(createPathRng(4, 0), model, buf, n);
    const m = moments(buf);
    expect(Math.abs(m.mean - 200)).toBeLessThan((4 * 5000) / Math.sqrt(n));
    // Excess kurtosis of t(6) is 3, so Var(s^2) ~ sigma^4 (2 + 3) / n: SE of s/sigma ~ sqrt(5/n)/2.
    expect(Math.abs(m.sd / 5000 - 1)).toBeLessThan(4 * (Math.sqrt(5 / n) / 2));
  });
});

describe('bootstrap', () => {
  it('draws only history values, each about equally often, times the stake', () => {
    const history = new Int32Array([-500, 0, 1250, 1250, 9999]);
    const model = compiled({ kind: 'bootstrap', historyCents: history }, 2);
    const n = 50_000;
    const buf = new Float64Array(n);
    fillSteps(createPathRng(3, 0), model, buf, n);
    const counts = new Map<number, number>();
    for (const x of buf) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-1000, 0, 2500, 19998]);
    const p = [0.2, 0.2, 0.4, 0.2];
    [-1000, 0, 2500, 19998].forEach((v, i) => {
      const share = (counts.get(v) ?? 0) / n;
      expect(Math.abs(share - p[i]!)).toBeLessThan(4 * Math.sqrt((p[i]! * (1 - p[i]!)) / n));
    });
  });

  it('the block loop draws the same indices as Xoshiro128.nextIndex', () => {
    const history = [1, 2, 3, 5, 8, 13, 21];
    const model = compiled({ kind: 'bootstrap', historyCents: history });
    const a = createPathRng(9, 1);
    const b = createPathRng(9, 1);
    const buf = new Float64Array(500);
    fillSteps(a, model, buf, 500);
    for (let i = 0; i < 500; i++) expect(buf[i]).toBe(history[b.nextIndex(history.length)]);
  });

  it('has the empirical moments and rejects an empty history', () => {
    const model = compiled({ kind: 'bootstrap', historyCents: [100, 300] });
    expect(model.meanCents).toBe(200);
    expect(model.sdCents).toBe(100);
    const r = compileModel({ kind: 'bootstrap', historyCents: [] });
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
  });
});

describe('mixture', () => {
  const spec: ModelSpec = {
    kind: 'mixture',
    components: [
      { weight: 3, model: { kind: 'normal', meanCents: 100, sdCents: 0 } },
      { weight: 0, model: { kind: 'normal', meanCents: 7, sdCents: 0 } },
      { weight: 7, stakeMultiplier: 2, model: { kind: 'bootstrap', historyCents: [-200] } },
    ],
  };

  it('picks components in proportion to their weights and applies each stake', () => {
    const model = compiled(spec);
    const n = 50_000;
    const buf = new Float64Array(n);
    fillSteps(createPathRng(6, 0), model, buf, n);
    let a = 0;
    let b = 0;
    for (const x of buf) {
      if (x === 100) a++;
      else if (x === -400) b++;
    }
    expect(a + b).toBe(n);
    expect(Math.abs(a / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
  });

  it('has the mixture moments (mean 0.3*100 + 0.7*(-400) = -250)', () => {
    const model = compiled(spec);
    expect(model.meanCents).toBeCloseTo(-250, 9);
    // E[x^2] = 0.3 * 10^4 + 0.7 * 1.6 * 10^5 = 115000; variance = 115000 - 62500 = 52500.
    expect(model.sdCents).toBeCloseTo(Math.sqrt(52500), 9);
  });

  it('mixes Student-t and normal components with the mixture mean and SD', () => {
    const model = compiled({
      kind: 'mixture',
      components: [
        { weight: 1, model: { kind: 'student-t', meanCents: 300, sdCents: 2000, df: 8 } },
        { weight: 1, stakeMultiplier: 3, model: { kind: 'normal', meanCents: -100, sdCents: 500 } },
      ],
    });
    // Mean 0.5 * 300 + 0.5 * (-300) = 0; E[x^2] = 0.5 (2000^2 + 300^2) + 0.5 (1500^2 + 300^2) = 3215000.
    expect(model.meanCents).toBeCloseTo(0, 9);
    expect(model.sdCents).toBeCloseTo(Math.sqrt(3_215_000), 6);
    const n = 100_000;
    const buf = new Float64Array(n);
    fillSteps(createPathRng(8, 0), model, buf, n);
    const m = moments(buf);
    expect(Math.abs(m.mean)).toBeLessThan((4 * model.sdCents) / Math.sqrt(n));
    expect(Math.abs(m.sd / model.sdCents - 1)).toBeLessThan(0.02);
  });

  it('is rescaled by the run stake multiplier on top of component stakes', () => {
    const model = compiled(spec, 0.5);
    expect(model.meanCents).toBeCloseTo(-125, 9);
  });

  it('rejects bad weights and bad components', () => {
    const bad: ModelSpec[] = [
      { kind: 'mixture', components: [] },
      { kind: 'mixture', components: [{ weight: 0, model: { kind: 'normal', meanCents: 0, sdCents: 1 } }] },
      { kind: 'mixture', components: [{ weight: -1, model: { kind: 'normal', meanCents: 0, sdCents: 1 } }] },
      {
        kind: 'mixture',
        components: [{ weight: 1, model: { kind: 'student-t', meanCents: 0, sdCents: 1, df: 2 } }],
      },
      { kind: 'normal', meanCents: 0, sdCents: -1 },
      { kind: 'normal', meanCents: 0, sdCents: 2 ** 50 },
    ];
    for (const s of bad) {
      const r = compileModel(s);
      expect(r.ok ? 'ok' : r.error.code).toBe('invalid-argument');
    }
    expect(compileModel({ kind: 'normal', meanCents: 0, sdCents: 1 }, 0).ok).toBe(false);
  });
});
