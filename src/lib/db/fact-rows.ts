/**
 * Reads fact rows back out of DuckDB as the engine's camelCase row objects (timestamps as ISO strings,
 * BIGINT cents as numbers), so engine code such as the rules engine can run over the current ledger.
 */
import type { FactRows, FactTable } from '../engine/model';
import { TABLES } from '../engine/model';
import { centsFromBigInt } from '../engine/money';
import { ok, type Result } from '../engine/result';
import { ident, type Sql } from './duckdb/port';

export async function readFactRows<T extends FactTable>(
  sql: Sql,
  table: T,
  where = '',
): Promise<Result<FactRows[T][]>> {
  const specs = TABLES[table];
  const cols = specs
    .map((c) => (c.type === 'timestamp' ? `epoch_ms(${ident(c.name)}) AS ${ident(c.name)}` : ident(c.name)))
    .join(', ');
  const r = await sql.query(
    `SELECT ${cols} FROM ${ident(table)} ${where ? `WHERE ${where}` : ''} ORDER BY line`,
  );
  if (!r.ok) return r;
  const rows = r.value.map((raw) => {
    const o: Record<string, unknown> = {};
    for (const c of specs) {
      const v = raw[c.name];
      if (v === null || v === undefined) o[c.field] = null;
      else if (c.type === 'timestamp') o[c.field] = new Date(Number(v)).toISOString();
      else if (c.type === 'bigint') o[c.field] = centsFromBigInt(v as bigint | number);
      else if (c.type === 'int' || c.type === 'double') o[c.field] = Number(v);
      else o[c.field] = v;
    }
    return o as unknown as FactRows[T];
  });
  return ok(rows);
}
