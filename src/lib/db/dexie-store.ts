/**
 * The Dexie-backed LedgerStore: one durable ('strict') transaction per import, so a crash or a full disk
 * mid-way leaves the previous data exactly as it was.
 */
import Dexie from 'dexie';
import { err, ok, type Result } from '../engine/result';
import type { LedgerStore } from './import-service';
import type { BankrollDb, ImportRecord, RejectSet, Segment } from './schema';

export function isQuota(e: unknown): boolean {
  const name = (e as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  return (
    name === 'QuotaExceededError' || inner === 'QuotaExceededError' || name === Dexie.errnames.QuotaExceeded
  );
}

export function dexieStore(db: BankrollDb): LedgerStore {
  return {
    async nextSeq() {
      const last = await db.imports.orderBy('seq').last();
      return (last?.seq ?? 0) + 1;
    },
    async commit(record: ImportRecord, segments: Segment[], rejects: RejectSet): Promise<Result<null>> {
      try {
        await db.transaction('rw', [db.imports, db.segments, db.rejects], async () => {
          await db.imports.add(record);
          if (segments.length) await db.segments.bulkAdd(segments);
          if (rejects.rejects.length) await db.rejects.put(rejects);
        });
        return ok(null);
      } catch (e) {
        if (isQuota(e)) return err('quota-exceeded');
        return err('db-error', e instanceof Error ? e.message : String(e));
      }
    },
    findByHash(hash: string) {
      return db.imports.where('fileHash').equals(hash).first();
    },
  };
}

/**
 * Segments in replay order (import sequence, then the order they were stored). Reading starts at the call,
 * in one bulk read, so a caller can start it before DuckDB has booted and the IndexedDB read overlaps the
 * WebAssembly start-up; iterating waits for it.
 */
export function segmentsInOrder(db: BankrollDb): AsyncIterable<Segment> {
  const all = db.segments.orderBy('seq').toArray();
  // A failed read is reported when iterated, not as an unhandled rejection meanwhile.
  all.catch(() => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      yield* await all;
    },
  };
}

/** Removes one import (record, segments, rejects) atomically. */
export async function deleteImport(db: BankrollDb, importId: string): Promise<void> {
  await db.transaction('rw', [db.imports, db.segments, db.rejects], async () => {
    await db.segments.where('importId').equals(importId).delete();
    await db.rejects.delete(importId);
    await db.imports.delete(importId);
  });
}
