// Adds lockfile entries for platform-specific optional packages (other OSes and CPUs) that npm leaves out
// when the registry it resolves against lacks them, so `npm ci` accepts the lock. Each entry carries its
// os/cpu/libc, so npm skips it on every other platform without fetching anything.
// Usage: node scripts/lock-platform-entries.js NAME… (the names `npm ci` reports as "Missing … from lock file").
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openbsd', 'openharmony'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];
for (const name of process.argv.slice(2)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const parent = Object.values(lock.packages).find((p) => p.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package lists ${name} as optional`);
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined);
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
  const entry = {
    version: parent.optionalDependencies[name],
    ...(parent.dev ? { dev: true } : {}),
    optional: true,
    os: [os],
    cpu: [cpu],
  };
  if (name.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && !name.includes('musl')) entry.libc = ['glibc'];
  lock.packages[key] = entry;
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
