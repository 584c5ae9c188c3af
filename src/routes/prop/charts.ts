/** Pure chart spec for a prop account's timeline: balance, high-water mark and threshold, violations marked. */
import * as Plot from '@observablehq/plot';
import type { AccountStatus } from '$lib/engine/rules/types';
import type { CopyGroupReport } from '$lib/engine/rules/copy';

export function timelinePlotOptions(
  s: Pick<AccountStatus, 'timeline' | 'violations'>,
  width: number,
): Plot.PlotOptions {
  const rows = s.timeline.flatMap((p) => {
    const t = new Date(p.at);
    const out = [
      { t, series: 'Balance', value: p.balanceCents / 100 },
      { t, series: 'High-water mark', value: p.hwmCents / 100 },
    ];
    if (p.thresholdCents !== null) out.push({ t, series: 'Threshold', value: p.thresholdCents / 100 });
    return out;
  });
  const violations = s.violations.map((v) => {
    const t = new Date(v.at);
    const near = s.timeline.reduce<(typeof s.timeline)[number] | undefined>(
      (best, p) => (Date.parse(p.at) <= t.getTime() ? p : best),
      s.timeline[0],
    );
    return { t, value: (near?.balanceCents ?? 0) / 100, rule: v.rule };
  });
  return {
    width,
    height: 200,
    marginLeft: 60,
    x: { type: 'utc', label: null },
    y: { label: '$', grid: true, tickFormat: '~s' },
    color: {
      domain: ['Balance', 'High-water mark', 'Threshold'],
      range: ['#0f766e', '#94a3b8', '#b91c1c'],
      legend: true,
    },
    marks: [
      Plot.line(rows, { x: 't', y: 'value', stroke: 'series', curve: 'step-after', strokeWidth: 1.8 }),
      Plot.dot(violations, { x: 't', y: 'value', r: 5, fill: '#b91c1c', title: 'rule' }),
    ],
  };
}

/** Pure chart spec for a copy group: each account's cumulative net P&L minus the reference's, over time. */
export function driftPlotOptions(
  g: Pick<CopyGroupReport, 'reference' | 'followers'>,
  width: number,
): Plot.PlotOptions {
  const rows = g.followers.flatMap((f) =>
    f.drift.map((p) => ({ t: new Date(p.at), account: f.follower, value: p.driftCents / 100 })),
  );
  return {
    width,
    height: 180,
    marginLeft: 60,
    x: { type: 'utc', label: null },
    y: { label: `$ vs ${g.reference}`, grid: true, tickFormat: '~s' },
    color: { legend: true },
    marks: [
      Plot.ruleY([0], { stroke: '#94a3b8' }),
      Plot.line(rows, { x: 't', y: 'value', stroke: 'account', curve: 'step-after', strokeWidth: 1.8 }),
    ],
  };
}
