/**
 * `generate --seed N --out DIR [--persona NAME] [--months N] [--scale N]` (shared/TESTING.md): writes a
 * seeded synthetic world as real-format export files into DIR, plus DIR/manifest.json holding
 * `{ "files": [...names], "totals": {...} }`, the totals in the shape `import --json` prints for those files
 * together. Returns that manifest (main.ts prints it).
 *
 * Extra options: `--start YYYY-MM-DD` (default: the period ends 2026-10-31), `--eol lf|crlf` (or `--crlf`),
 * `--bank commbank|nab` (the 'all' persona's bank export). Options may also be written `--name=value`.
 *
 * File I/O is the caller's: `writeFile(path, text)` gets POSIX paths `${dir}/${name}` (no node:path here, so
 * the same code can run where there is no file system).
 */
import { BANK_FORMATS, PERSONAS, generateWorld, isPersona } from '../lib/engine/generate/index';
import type { BankFormat, Eol, GeneratedWorld, WorldTotals } from '../lib/engine/generate/index';

export interface GenerateManifest {
  files: string[];
  totals: WorldTotals;
}

export type GenerateError = { error: { code: 'invalid-argument'; message: string } };

const VALUE_FLAGS = [
  '--seed',
  '--out',
  '--persona',
  '--months',
  '--scale',
  '--start',
  '--eol',
  '--bank',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

const USAGE =
  'generate --seed N --out DIR [--persona punter|grinder|prop-trader|all] [--months N] [--scale N] ' +
  '[--start YYYY-MM-DD] [--eol lf|crlf] [--bank commbank|nab]';

function fail(message: string): GenerateError {
  return { error: { code: 'invalid-argument', message: `${message}. Usage: ${USAGE}` } };
}

function isValueFlag(s: string): s is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(s);
}

/** Parses the arguments into flag → value; a string is an error message. */
function parseArgs(args: readonly string[]): Map<ValueFlag | '--crlf', string> | string {
  const out = new Map<ValueFlag | '--crlf', string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--crlf') {
      out.set('--crlf', 'true');
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!isValueFlag(name)) return `unknown argument “${arg}”`;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined || value === '') return `${name} needs a value`;
    out.set(name, value);
  }
  return out;
}

/** A whole number from text ("42", "-7"), or null. */
function parseInteger(text: string): number | null {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : null;
}

export async function runGenerate(
  args: string[],
  writeFile: (path: string, text: string) => Promise<void>,
): Promise<GenerateManifest | GenerateError> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return fail(parsed);

  const seedText = parsed.get('--seed');
  if (seedText === undefined) return fail('--seed is required');
  const seed = parseInteger(seedText);
  if (seed === null) return fail(`--seed must be a whole number, got “${seedText}”`);

  const outText = parsed.get('--out');
  if (outText === undefined) return fail('--out is required');
  const dir = outText.length > 1 ? outText.replace(/\/+$/, '') : outText;

  const persona = parsed.get('--persona') ?? 'all';
  if (!isPersona(persona)) return fail(`--persona must be one of ${PERSONAS.join(', ')}, got “${persona}”`);

  const monthsText = parsed.get('--months') ?? '6';
  const months = parseInteger(monthsText);
  if (months === null || months < 1 || months > 120)
    return fail(`--months must be 1-120, got “${monthsText}”`);

  const scaleText = parsed.get('--scale') ?? '1';
  const scale = /^\d+(\.\d+)?$/.test(scaleText) ? Number(scaleText) : NaN;
  if (!(scale > 0 && scale <= 1000))
    return fail(`--scale must be a number > 0 and at most 1000, got “${scaleText}”`);

  const startDate = parsed.get('--start');
  if (startDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) {
    return fail(`--start must be YYYY-MM-DD, got “${startDate}”`);
  }

  const eolText = parsed.get('--eol') ?? (parsed.has('--crlf') ? 'crlf' : 'lf');
  if (eolText !== 'lf' && eolText !== 'crlf') return fail(`--eol must be lf or crlf, got “${eolText}”`);
  const eol: Eol = eolText;

  const bankText = parsed.get('--bank') ?? 'commbank';
  if (!(BANK_FORMATS as readonly string[]).includes(bankText)) {
    return fail(`--bank must be one of ${BANK_FORMATS.join(', ')}, got “${bankText}”`);
  }
  const bank = bankText as BankFormat;

  let world: GeneratedWorld;
  try {
    world = generateWorld({ seed, persona, months, scale, eol, bank, ...(startDate ? { startDate } : {}) });
  } catch (e) {
    // Only a bad start date (not a real calendar day) gets here; the rest was checked above.
    return fail(e instanceof Error ? e.message : String(e));
  }

  for (const f of world.files) await writeFile(`${dir}/${f.name}`, f.text);
  const manifest: GenerateManifest = { files: world.files.map((f) => f.name), totals: world.totals };
  await writeFile(`${dir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
