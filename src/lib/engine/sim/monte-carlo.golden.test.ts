import { describe, expect, it } from 'vitest';
import { simulate } from './monte-carlo';
import type { SimParams } from './types';

/**
 * Fingerprints of chunk results (two FNV-1a hashes over the bytes of every per-path array and both counts)
 * computed with the engine before its speed-up (issue #6). Saved runs are re-run and must reproduce their
 * figures exactly, so an optimisation may change how fast the numbers come, never which numbers: any
 * change to these fingerprints changes every user's saved runs.
 */
const FINGERPRINTS: Record<string, string> = {
  'normal.plain': '4cda9de6472efaa2',
  'normal.target': '3b9566783050fb68',
  'normal.clamp': '44c02105f40e0c99',
  'normal.withdraw': '69853e4f3cd36c43',
  'normal.start-at-target': '8a5c121c2d0e7e5b',
  'normal.short': '13be2f379c0f6367',
  't.plain': '8d30f728b505cd40',
  't.target': '17f760b51e0a2f63',
  't.clamp': 'e0394fc0bec302f2',
  't.withdraw': '36c82248bb927c58',
  't.start-at-target': '18a25a59040a5ede',
  't.short': '81938cf408ac78c1',
  't7.plain': '2ff4b9b3b49ef53c',
  't7.target': 'ef52f6ce398b0952',
  't7.clamp': '24d1eb2850ea8be5',
  't7.withdraw': '6e10f6ba0c373cca',
  't7.start-at-target': '922122d4bd43600a',
  't7.short': 'c99c4e2e240dc8b2',
  'boot.plain': 'e5019db608121f7b',
  'boot.target': '2e31413f43aed5d1',
  'boot.clamp': '1b90d8b62d8a15b3',
  'boot.withdraw': '0895cd3d4b736921',
  'boot.start-at-target': 'dffced4ddf44504f',
  'boot.short': 'a8c261ba865a1e0a',
  'mix.plain': '4067aff7ef81ca3a',
  'mix.target': '537842b5a2a395c4',
  'mix.clamp': '723a5b3690f3d019',
  'mix.withdraw': '8dee8fe90b6477d9',
  'mix.start-at-target': '8fc5c27ee16c4b37',
  'mix.short': '0eefecf41af984fb',
  'mix2.plain': 'b0b023ead48fe9d7',
  'mix2.target': '245914a606bf6e07',
  'mix2.clamp': '2d39105a4e7ee2bc',
  'mix2.withdraw': '840aa38c6a73b9a1',
  'mix2.start-at-target': '7d2aa8071711e66d',
  'mix2.short': '408686514f8c11a6',
};

const hist = Float64Array.from({ length: 37 }, (_, i) => Math.round(300 + 9000 * Math.sin(i * 12.9898)));
const normal = { kind: 'normal' as const, meanCents: 500, sdCents: 10000 };
const t = { kind: 'student-t' as const, meanCents: 500, sdCents: 10000, df: 4 };
const boot = { kind: 'bootstrap' as const, historyCents: hist };
const MODELS: [string, SimParams['model']][] = [
  ['normal', normal],
  ['t', t],
  ['t7', { kind: 'student-t', meanCents: -50, sdCents: 3333.3, df: 7.5 }],
  ['boot', boot],
  [
    'mix',
    {
      kind: 'mixture',
      components: [
        { weight: 0.7, model: boot },
        { weight: 0.3, stakeMultiplier: 2, model: boot },
      ],
    },
  ],
  [
    'mix2',
    {
      kind: 'mixture',
      components: [
        { weight: 1, model: normal },
        { weight: 2, stakeMultiplier: 1.5, model: t },
      ],
    },
  ],
];
const VARIANTS: [string, Partial<SimParams>][] = [
  ['plain', {}],
  ['target', { targetCents: 260000, fanCheckpoints: 13 }],
  ['clamp', { stopLossCents: 8000, stopWinCents: 12000, stakeMultiplier: 1.3 }],
  [
    'withdraw',
    { withdrawal: { amountCents: 5000, everySteps: 7 }, drainCentsPerStep: 123.45, ruinFloorCents: 50000 },
  ],
  ['start-at-target', { targetCents: 150000, fanCheckpoints: 0 }],
  ['short', { horizonSteps: 7, fanCheckpoints: 50 }],
];

/** Two 32-bit FNV-1a hashes (different offsets) over the bytes of the chunk, as 16 hex digits. */
export function fingerprint(r: ReturnType<typeof simulate>): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i]!, 0x01000193);
      b = Math.imul(b ^ bytes[i]!, 0x01000193) ^ (a >>> 13);
    }
  };
  for (const x of [
    r.finalCents,
    r.maxDrawdownCents,
    r.ruinStep,
    r.targetStep,
    r.checkpointCents,
    r.checkpointSteps,
  ])
    feed(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  feed(new TextEncoder().encode(`${r.ruinedCount},${r.targetHitCount}`));
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

describe('the same seed gives the same numbers as before the speed-up', () => {
  for (const [modelName, model] of MODELS)
    it(`${modelName}: every walk variant`, () => {
      for (const [variant, extra] of VARIANTS) {
        const params: SimParams = {
          model,
          startCents: 200000,
          horizonSteps: 777,
          paths: 600,
          seed: 12345,
          fanCheckpoints: 31,
          ...extra,
        };
        const r = simulate(params, { fromPath: 100, toPath: 600 });
        expect(`${modelName}.${variant}: ${fingerprint(r)}`).toBe(
          `${modelName}.${variant}: ${FINGERPRINTS[`${modelName}.${variant}`]}`,
        );
      }
    });
});
