/** The page's own handle on IndexedDB, for simple reads (import history, settings). Writes of ledger data
 * go through the data worker. */
import { openDb, type BankrollDb } from '../db/schema';

let db: BankrollDb | null = null;
export const appDb = (): BankrollDb => (db ??= openDb());
