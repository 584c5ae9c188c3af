/** Helpers shared by the db tests. */
import { ok } from '../engine/result';
import type { LedgerStore } from './import-service';
import type { ImportRecord, Segment } from './schema';

/** An in-memory LedgerStore keeping what a Dexie store would write, for tests of the pipeline. */
export function memoryStore() {
  const records: ImportRecord[] = [];
  const segments: Segment[] = [];
  const store: LedgerStore = {
    nextSeq: () => Promise.resolve(records.length + 1),
    commit(record, segs) {
      records.push(record);
      segments.push(...segs);
      return Promise.resolve(ok(null));
    },
    findByHash: (hash) => Promise.resolve(records.find((r) => r.fileHash === hash)),
  };
  return { store, records, segments };
}
