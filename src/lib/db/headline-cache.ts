/**
 * The overview's headline figures as last computed by DuckDB, kept in Dexie (settings) with the ledger
 * they were computed on, so a reload can show them at once while DuckDB boots and replays the segments.
 * The ledger is named by its imports' ids in import order: any import, undo or "delete all" changes it,
 * and a figure saved for another ledger is never shown.
 */
import type { Headline } from './ledger';
import type { BankrollDb } from './schema';

const KEY = 'overview.headline';

interface Saved {
  ledger: string;
  headline: Headline;
}

/** The ids of the stored imports in import order, joined: '' for an empty ledger. */
export async function ledgerTag(db: BankrollDb): Promise<string> {
  const ids = await db.imports.orderBy('seq').primaryKeys();
  return ids.join(',');
}

export async function saveHeadline(db: BankrollDb, ledger: string, headline: Headline): Promise<void> {
  if (ledger === '') return;
  const value: Saved = { ledger, headline };
  await db.settings.put({ key: KEY, value });
}

/** The saved figures when they were computed on the ledger stored now, else null. */
export async function savedHeadline(db: BankrollDb): Promise<Headline | null> {
  const [s, ledger] = await Promise.all([db.settings.get(KEY), ledgerTag(db)]);
  const v = s?.value as Partial<Saved> | undefined;
  return ledger !== '' && v?.ledger === ledger && v.headline ? v.headline : null;
}
