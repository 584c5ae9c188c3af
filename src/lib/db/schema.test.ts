import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V2 } from './schema';

describe('Dexie schema', () => {
  it('opens in fake-indexeddb with every table and index', async () => {
    const db = openDb('schema-test');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    const names = db.tables.map((t) => t.name);
    for (const t of [...Object.keys(SCHEMA_V1), ...Object.keys(SCHEMA_V2)]) expect(names).toContain(t);
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

  it('v1 → v2: a database written at version 1 keeps its data and gains typed closing odds', async () => {
    const name = 'schema-migrate-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('settings').put({ key: 'profile.tz', value: 'Australia/Perth' });
    await v1
      .table('segments')
      .add({ importId: 'i1', seq: 1, table: 'bets', rowCount: 2, ipc: new Uint8Array([7]) });
    v1.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.settings.get('profile.tz')).toEqual({ key: 'profile.tz', value: 'Australia/Perth' });
    expect((await db.segments.where('importId').equals('i1').first())?.rowCount).toBe(2);
    expect(await db.closingOdds.count()).toBe(0);
    await db.closingOdds.put({
      betKey: 'sb:5001',
      oddsDecimal: 1.95,
      text: '1.95',
      enteredAt: '2026-03-01T00:00:00Z',
    });
    // One record per bet key: a second put replaces the first.
    await db.closingOdds.put({
      betKey: 'sb:5001',
      oddsDecimal: 2.05,
      text: '2.05',
      enteredAt: '2026-03-02T00:00:00Z',
    });
    expect(await db.closingOdds.toArray()).toEqual([
      { betKey: 'sb:5001', oddsDecimal: 2.05, text: '2.05', enteredAt: '2026-03-02T00:00:00Z' },
    ]);
    db.close();
    await db.delete();
  });
});
