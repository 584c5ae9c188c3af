/**
 * The command line over the same engine as the app (TESTING.md): `npm run -s cli -- <command> … [--json]`.
 * With --json only JSON goes to stdout; messages go to stderr.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runImport } from './import';
import { runSimulate } from './simulate';
import { runRules } from './rules';
import { runGenerate } from './generate';

const USAGE = `Bankroll Guardian CLI

  import FILE… [--format NAME] [--profile-tz ZONE] [--date-order dmy|mdy] --json
  simulate --model normal|student-t|bootstrap|mixture [--mean-cents N --sd-cents N] [--df N] [--history FILE]
           --bankroll-cents N --horizon N --paths N --seed N [--stop-loss-cents N] [--target-cents N] --json
  rules --list | --ruleset ID [--start-balance-cents N] FILE… --json
  generate --seed N --out DIR [--persona NAME] [--months N] [--scale N] --json
`;

const read = async (p: string): Promise<Uint8Array> => new Uint8Array(await readFile(p));
const write = async (p: string, text: string): Promise<void> => {
  await mkdir(dirname(p), { recursive: true });
  await writeFile(p, text);
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = rest.filter((a) => a !== '--json');
  let out: unknown;
  switch (command) {
    case 'import':
      out = await runImport(args, read);
      break;
    case 'simulate':
      out = await runSimulate(args, read);
      break;
    case 'rules': {
      const r = await runRules(args, read);
      out = r.ok ? r.value : { error: r.error };
      break;
    }
    case 'generate':
      out = await runGenerate(args, write);
      break;
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  process.stdout.write(`${JSON.stringify(out, null, argv.includes('--json') ? 0 : 2)}\n`);
  return out && typeof out === 'object' && 'error' in out ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
