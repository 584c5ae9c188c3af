import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1 } from './schema';

describe('Dexie schema v1', () => {
  it('opens in fake-indexeddb with every table and index', async () => {
    const db = openDb('schema-test');
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V1).sort());
    expect(
      db
        .table('imports')
        .schema.indexes.map((i) => i.name)
        .sort(),
    ).toEqual(['fileHash', 'importedAt', 'profileId', 'seq'].sort());
    await db.segments.add({
      importId: 'a',
      seq: 1,
      table: 'book_txns',
      rowCount: 1,
      ipc: new Uint8Array([1, 2]),
    });
    const seg = await db.segments.where('importId').equals('a').first();
    expect(seg?.ipc).toEqual(new Uint8Array([1, 2]));
    db.close();
    await db.delete();
  });
});
