/** Helpers shared by the db tests. */
import { ok } from '../engine/result';
import type { FactBatch, FactTable } from '../engine/model';
import type { LedgerStore, Prepared } from './import-service';
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

/** A prepared import of `batch` as the pipeline would hand it to `commitImport` (file `file-<n>.csv`). */
export function prepared(batch: FactBatch, n: number): Prepared {
  const counts: Partial<Record<FactTable, number>> = {};
  for (const t of Object.keys(batch) as FactTable[]) {
    const len = batch[t]?.length ?? 0;
    if (len > 0) counts[t] = len;
  }
  return {
    fileName: `file-${n}.csv`,
    fileSize: 0,
    fileHash: `hash-${n}`,
    encoding: 'utf-8',
    delimiter: ',',
    header: [],
    detections: [],
    format: 'mapped',
    formatLabel: 'test',
    rowCount: batch.book_txns?.length ?? 0,
    rejects: [],
    notes: [],
    dateOrder: null,
    diff: { total: 0, inserted: 0, updated: 0, unchanged: 0 },
    perTable: {},
    sample: null,
    previousImport: null,
    batch,
    counts,
    zone: 'UTC',
  };
}
