/**
 * `import FILE… [--format NAME] [--profile-tz ZONE] [--json]`: reads exports exactly as the app does (same
 * parsers, same staged diff and upsert in DuckDB, through the Node adapter) and prints per-file counts and
 * the merged totals.
 */
import { openNodeSql } from '../lib/db/duckdb/node';
import { commitImport, prepareImport } from '../lib/db/import-service';
import { ensureSchema } from '../lib/db/ledger';
import { totals, type Totals } from '../lib/db/totals';
import { ALL_IMPORTERS } from '../lib/engine/importers/index';
import type { FormatId } from '../lib/engine/importers/types';
import { describeError } from '../lib/engine/result';
import type { DateOrder } from '../lib/engine/time';

export interface ImportOutput {
  files: {
    file: string;
    format: FormatId | null;
    rows: number;
    rejected: number;
    inserted?: number;
    error?: string;
  }[];
  totals: Totals;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runImport(
  args: string[],
  readFile: (path: string) => Promise<Uint8Array>,
): Promise<ImportOutput | { error: { code: string; message: string } }> {
  const valued = new Set(['--format', '--profile-tz', '--date-order']);
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (valued.has(a)) i++;
    else if (!a.startsWith('--')) files.push(a);
  }
  if (files.length === 0)
    return { error: { code: 'invalid-argument', message: 'import needs at least one FILE' } };
  const format = flag(args, '--format') as FormatId | undefined;
  const zone = flag(args, '--profile-tz') ?? 'Australia/Sydney';
  const dateOrder = flag(args, '--date-order') as DateOrder | undefined;
  const sql = await openNodeSql();
  const schema = await ensureSchema(sql);
  if (!schema.ok) return { error: { code: schema.error.code, message: describeError(schema.error) } };
  const out: ImportOutput['files'] = [];
  for (const file of files) {
    const name = file.split('/').pop() ?? file;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      out.push({
        file: name,
        format: null,
        rows: 0,
        rejected: 0,
        error: e instanceof Error ? e.message : String(e),
      });
      continue;
    }
    const p = await prepareImport(
      sql,
      null,
      { fileName: name, bytes, zone, ...(format ? { format } : {}), ...(dateOrder ? { dateOrder } : {}) },
      ALL_IMPORTERS,
    );
    if (!p.ok) {
      out.push({ file: name, format: null, rows: 0, rejected: 0, error: describeError(p.error) });
      continue;
    }
    if (p.value.kind !== 'ready') {
      const why =
        p.value.kind === 'needs-date-order'
          ? `dates are ambiguous (${p.value.samples.join(', ')}); pass --date-order dmy|mdy`
          : 'format not recognised; pass --format NAME';
      out.push({ file: name, format: null, rows: 0, rejected: 0, error: why });
      continue;
    }
    const prepared = p.value.prepared;
    const c = await commitImport(sql, null, prepared, 'cli');
    if (!c.ok) {
      out.push({
        file: name,
        format: prepared.format,
        rows: prepared.rowCount,
        rejected: prepared.rejects.length,
        error: describeError(c.error),
      });
      continue;
    }
    out.push({
      file: name,
      format: prepared.format,
      rows: prepared.rowCount,
      rejected: prepared.rejects.length,
      inserted: c.value.record.inserted,
    });
  }
  const t = await totals(sql);
  if (!t.ok) return { error: { code: t.error.code, message: describeError(t.error) } };
  return { files: out, totals: t.value };
}
