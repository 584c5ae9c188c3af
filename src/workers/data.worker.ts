/**
 * The data worker: owns DuckDB-WASM (started lazily, once), Dexie writes for imports, and the import
 * pipeline. Comlink wiring only; the logic lives in src/lib/db.
 */
import * as Comlink from 'comlink';
import { openBrowserEngine, takeFileLock, type BrowserEngine } from '../lib/db/duckdb/browser';
import { execAll, type Sql } from '../lib/db/duckdb/port';
import { clearLedger, headline, type Headline } from '../lib/db/ledger';
import {
  analyticsStamp,
  clearStamps,
  ledgerStamp,
  readStamp,
  readStamped,
  restoreLedger,
  rowCount,
  writeStamp,
} from '../lib/db/ledger-cache';
import { ledgerTag, saveHeadline } from '../lib/db/headline-cache';
import {
  abandonStaged,
  commitImport,
  prepareImport,
  preparedValues,
  type ImportProgress,
  type Prepared,
} from '../lib/db/import-service';
import { deleteImport, dexieStore, segmentsInOrder } from '../lib/db/dexie-store';
import { openDb, type BankrollDb } from '../lib/db/schema';
import { ALL_IMPORTERS } from '../lib/engine/importers/index';
import { guessMapping } from '../lib/engine/importers/mapped';
import { headerKey } from '../lib/engine/importers/csv';
import { rejectsToCsv } from '../lib/engine/importers/rejects-csv';
import { demoWorldFiles } from '../lib/engine/generate/index';
import { err, ok, type Result } from '../lib/engine/result';
import { copyGroupReports, evaluatePropAccounts, type CopyGroupInput } from '../lib/db/prop';
import { analyticsPlan, betLegs, betsCsv, comparison, dashboard } from '../lib/db/bets-panels';
import { closingOddsPlan, setClosingOdds } from '../lib/db/closing-odds';
import { contractRoot, contractSpec, roundTripGrossCents } from '../lib/engine/rules/contracts';
import { parseAmount } from '../lib/engine/money';
import type { Trade } from '../lib/engine/model';
import type { CopyGroupReport } from '../lib/engine/rules/copy';
import type { CustomRuleSetBody } from '../lib/engine/rules/custom';
import { validateRuleSet } from '../lib/engine/rules/validate';
import { PASTE_IMPORTERS, readPaste } from '../lib/engine/importers/trading/paste';
import { localDateKey } from '../lib/engine/time';
import type {
  CommitView,
  DataApi,
  EngineStatus,
  FileInput,
  LoadProgress,
  CopyGroupOptions,
  ManualTrade,
  PasteInput,
  PastePreview,
  PrepareView,
  QueryRow,
} from './data.api';

let db: BankrollDb | null = null;
const getDb = (): BankrollDb => (db ??= openDb());

let status: EngineStatus = { state: 'idle', version: null, loadMs: null, rows: 0 };
let started: Promise<Result<Sql>> | null = null;
let duck: BrowserEngine | null = null;
/**
 * The ids of the imports DuckDB's tables hold, in import order, or null when unknown (a ledger change that
 * failed part-way). Its stamp (`ledger-cache.ts`) is what a persisted database is checked against on load.
 */
let held: string[] | null = null;
const jobs = new Map<string, Prepared>();
/**
 * Ledger changes in progress, and a count bumped at each one's start and end: figures computed while the
 * count moved may mix two ledgers and are not saved for the next page load.
 */
let ledgerWrites = 0;
let ledgerEpoch = 0;
/**
 * Runs a change of DuckDB's ledger. The stamps are deleted first, so a change cut short is never mistaken
 * for a complete one on the next load; when it succeeds, `heldAfter` names the imports the tables hold now
 * and the ledger stamp is written again.
 */
async function changingLedger<T>(
  sql: Sql,
  fn: () => Promise<Result<T>>,
  heldAfter: (value: T) => string[] | null,
): Promise<Result<T>> {
  ledgerWrites++;
  ledgerEpoch++;
  try {
    analyticsFresh = false;
    const c = await clearStamps(sql);
    if (!c.ok) return c;
    held = null;
    const r = await fn();
    if (r.ok) {
      held = heldAfter(r.value);
      const rows = await rowCount(sql);
      if (rows.ok) status = { ...status, rows: rows.value };
      if (held && rows.ok) {
        const w = await writeStamp(sql, 'ledger', await ledgerStamp(held), String(rows.value));
        if (w.ok) await settle();
      }
    }
    return r;
  } finally {
    ledgerWrites--;
    ledgerEpoch++;
  }
}
/**
 * Makes the tables' state durable once a change and its stamp are written: a flush now, and a checkpoint
 * queued behind it (not awaited), which folds the log into the file so the next load need not replay it.
 */
async function settle(): Promise<void> {
  if (!duck?.persistent) return;
  await duck.flush();
  void duck.checkpoint();
}
/** The Bets tables are rebuilt lazily: on the first panel request after a ledger change. */
let analyticsFresh = false;

/**
 * The statements that would build the Bets tables now, and the stamp they give; the tables DuckDB holds
 * are current when its stored stamp is that one (a persisted database after a reload, say).
 */
async function analyticsWanted(sql: Sql): Promise<Result<{ statements: string[]; stamp: string | null }>> {
  const plan = await analyticsPlan(sql, await profileZone());
  if (!plan.ok) return plan;
  const statements = [...(await closingOddsPlan(getDb())).statements, ...plan.value];
  const stamp = held ? await analyticsStamp(await ledgerStamp(held), statements) : null;
  return ok({ statements, stamp });
}

async function analyticsSql(): Promise<Result<Sql>> {
  const started = await startEngine();
  if (!started.ok) return started;
  const sql = started.value;
  if (!analyticsFresh) {
    // Tables built while a ledger change runs may be of the ledger before it: they are not marked fresh.
    const epoch = ledgerEpoch;
    const want = await analyticsWanted(sql);
    if (!want.ok) return want;
    const have = await readStamp(sql, 'analytics');
    if (!have.ok) return have;
    if (want.value.stamp === null || have.value !== want.value.stamp) {
      const c = await clearStamps(sql, ['analytics']);
      if (!c.ok) return c;
      const r = await execAll(sql, want.value.statements);
      if (!r.ok) return r;
      if (want.value.stamp) {
        const w = await writeStamp(sql, 'analytics', want.value.stamp);
        if (w.ok) await settle();
      }
    }
    analyticsFresh = ledgerWrites === 0 && ledgerEpoch === epoch;
  }
  return started;
}
const cancelled = new Set<string>();

function defaultZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

async function profileZone(): Promise<string> {
  const s = await getDb().settings.get('profile.tz');
  return typeof s?.value === 'string' ? s.value : defaultZone();
}

/** The ids of the stored imports in import order. */
async function storedImportIds(): Promise<string[]> {
  return (await getDb().imports.orderBy('seq').primaryKeys()) as string[];
}

function startEngine(onProgress?: (p: LoadProgress) => void): Promise<Result<Sql>> {
  started ??= (async (): Promise<Result<Sql>> => {
    const t0 = performance.now();
    status = { ...status, state: 'loading' };
    let opening: Promise<BrowserEngine> | null = null;
    let e: BrowserEngine | null = null;
    try {
      // DuckDB-WASM boots while the imports are read and the file's lock is taken. The imports are read
      // before the segments, so a stamp never names an import the replay missed.
      const idsRead = storedImportIds();
      const persist = takeFileLock();
      const progress = (p: { loadedBytes: number; totalBytes: number }) =>
        onProgress?.({ phase: 'download', loaded: p.loadedBytes, total: p.totalBytes });
      opening = openBrowserEngine(progress, { persist });
      opening.catch(() => undefined);
      const ids = await idsRead;
      // In memory, the stored segments are read from IndexedDB while DuckDB-WASM boots; with a persisted
      // database they are read only if its stamp does not match.
      const segments = (await persist) ? null : segmentsInOrder(getDb());
      e = await opening;
      onProgress?.({ phase: 'start', loaded: 1, total: 1 });
      let restored = await restoreLedger(e, ids, () => segments ?? segmentsInOrder(getDb()), onProgress);
      if (!restored.ok && e.persistent) {
        // The file could not take the ledger (storage full, say): it is only a cache, so run in memory.
        await e.destroy();
        e = await openBrowserEngine(undefined, { persist: false });
        restored = await restoreLedger(e, ids, () => segmentsInOrder(getDb()), onProgress);
      }
      if (!restored.ok) throw new Error(restored.error.message);
      held = ids;
      duck = e;
      status = {
        state: 'ready',
        version: await e.sql.version(),
        loadMs: Math.round(performance.now() - t0),
        rows: restored.value.rows,
        storage: e.persistent ? 'file' : 'memory',
        reused: restored.value.reused,
      };
      return ok(e.sql);
    } catch (x) {
      // A start that failed part-way stops the DuckDB it began, so a retry does not find the file held.
      if (e) await e.close();
      else
        void opening?.then(
          (o) => o.close(),
          () => undefined,
        );
      status = { ...status, state: 'error', message: x instanceof Error ? x.message : String(x) };
      started = null;
      importConn = null;
      return err('db-error', status.message);
    }
  })();
  return started;
}

/**
 * The connection the import pipeline works in. A prepare applies a file's rows inside a transaction that
 * stays open until Import (import-service.ts); on a connection of its own, the page's queries never see
 * them before they are committed.
 */
let importConn: Promise<Result<Sql>> | null = null;
function importSql(): Promise<Result<Sql>> {
  importConn ??= (async (): Promise<Result<Sql>> => {
    const engine = await startEngine();
    if (!engine.ok) return engine;
    try {
      return ok(await engine.value.connect());
    } catch (x) {
      return err('db-error', x instanceof Error ? x.message : String(x));
    }
  })();
  const conn = importConn;
  void conn.then((r) => {
    if (!r.ok && importConn === conn) importConn = null;
  });
  return conn;
}

/** Rolls back a prepared file's open transaction before another change of the ledger. */
async function releaseImport(): Promise<void> {
  const conn = importConn ? await importConn : null;
  if (conn?.ok) await abandonStaged(conn.value);
}

/** A headline kept as JSON, or null when it is not one (written by an older version, say). */
function parseHeadline(json: string): Headline | null {
  try {
    const h = JSON.parse(json) as Partial<Headline>;
    return typeof h.netCents === 'number' && typeof h.bets === 'number' ? (h as Headline) : null;
  } catch {
    return null;
  }
}

/** BIGINT → number when exact, else string; everything else as is (plain data only crosses). */
function plainRow(r: Record<string, unknown>): QueryRow {
  const out: QueryRow = {};
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'bigint')
      out[k] =
        v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(v)
          : v.toString();
    else if (v instanceof Date) out[k] = v.toISOString();
    else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[k] = v;
    else if (v === undefined) out[k] = null;
    else out[k] = String(v);
  }
  return out;
}

function toPreview(jobId: string, p: Prepared): PrepareView {
  return {
    kind: 'ready',
    preview: {
      jobId,
      fileName: p.fileName,
      fileSize: p.fileSize,
      encoding: p.encoding,
      delimiter: p.delimiter,
      format: p.format,
      formatLabel: p.formatLabel,
      detections: p.detections,
      rowCount: p.rowCount,
      diff: p.diff,
      perTable: p.perTable,
      rejects: p.rejects.slice(0, 10_000),
      rejectCount: p.rejects.length,
      notes: p.notes,
      dateOrder: p.dateOrder,
      sample: p.sample,
      previousImport: p.previousImport,
    },
  };
}

async function prepare(
  jobId: string,
  file: FileInput,
  onProgress?: (p: ImportProgress) => void,
): Promise<Result<PrepareView>> {
  const conn = await importSql();
  if (!conn.ok) return conn;
  cancelled.delete(jobId);
  let mapping = file.mapping;
  const zone = file.zone ?? (await profileZone());
  const hooks = { onProgress, isCancelled: () => cancelled.has(jobId) };
  let r = await prepareImport(
    conn.value,
    dexieStore(getDb()),
    { ...file, zone, ...(mapping ? { mapping } : {}) },
    ALL_IMPORTERS,
    hooks,
  );
  if (r.ok && r.value.kind === 'needs-mapping' && !mapping) {
    // A saved template for this exact header is used automatically.
    const tpl = await getDb().mappingTemplates.where('headerKey').equals(headerKey(r.value.header)).first();
    if (tpl) {
      mapping = tpl.mapping;
      r = await prepareImport(
        conn.value,
        dexieStore(getDb()),
        { ...file, zone, mapping },
        ALL_IMPORTERS,
        hooks,
      );
    }
  }
  if (!r.ok) return r;
  const v = r.value;
  if (v.kind === 'ready') {
    jobs.set(jobId, v.prepared);
    return ok(toPreview(jobId, v.prepared));
  }
  if (v.kind === 'needs-mapping') return ok({ ...v, guess: guessMapping(v.header, v.sampleRows) });
  return ok(v);
}

async function commit(jobId: string, onProgress?: (p: ImportProgress) => void): Promise<Result<CommitView>> {
  const engine = await startEngine();
  if (!engine.ok) return engine;
  const conn = await importSql();
  if (!conn.ok) return conn;
  const p = jobs.get(jobId);
  if (!p) return err('not-found', 'That preview has expired; drop the file again.');
  const before = held;
  const r = await changingLedger(
    engine.value,
    () =>
      commitImport(conn.value, dexieStore(getDb()), p, 'default', {
        onProgress,
        isCancelled: () => cancelled.has(jobId),
      }),
    (c) => (before ? [...before, c.record.id] : null),
  );
  jobs.delete(jobId);
  if (!r.ok) return r;
  const rec = r.value.record;
  return ok({
    importId: rec.id,
    fileName: rec.fileName,
    inserted: rec.inserted,
    updated: rec.updated,
    unchanged: rec.unchanged,
    rejected: rec.rejected,
  });
}

/** Replays the stored segments from nothing (after an undo); returns the ids of the imports replayed. */
async function rebuild(): Promise<Result<string[]>> {
  if (!duck) return err('db-error', 'DuckDB has not started');
  // The imports are read before the segments, so the stamp never names an import the replay missed.
  const ids = await storedImportIds();
  const r = await restoreLedger(duck, ids, () => segmentsInOrder(getDb()));
  if (!r.ok) return r;
  status = { ...status, rows: r.value.rows };
  return ok(ids);
}

const STATUS_BANDS_KEY = 'prop.bands';

async function propAccounts() {
  const engine = await startEngine();
  if (!engine.ok) return engine;
  const assignments = (await getDb().tradingAccounts.toArray())
    .filter((a) => a.ruleSetId !== '')
    .map((a) => ({
      account: a.id,
      ruleSetId: a.ruleSetId,
      ...(a.sizeCents ? { startBalanceCents: a.sizeCents } : {}),
    }));
  const bands = (await getDb().settings.get(STATUS_BANDS_KEY))?.value as
    { caution: number; critical: number } | undefined;
  const custom = (await getDb().ruleSets.toArray())
    .filter((r) => r.custom)
    .map((r) => r.body as CustomRuleSetBody)
    .filter((b) => validateRuleSet(b.ruleSet).ok);
  return evaluatePropAccounts(engine.value, assignments, { ...(bands ? { bands } : {}), custom });
}

/** Adds one closed trade typed by the user, through the same pipeline as a file (so it can be undone). */
async function addTrade(input: ManualTrade): Promise<Result<CommitView>> {
  const engine = await startEngine();
  if (!engine.ok) return engine;
  const spec = contractSpec(input.symbol);
  if (!spec)
    return err('invalid-argument', `Unknown contract “${input.symbol}”. Use a symbol such as MNQZ6 or ES.`);
  const entry = parseAmount(input.entryPrice);
  const exit = parseAmount(input.exitPrice);
  if (!entry.ok || !exit.ok) return err('bad-number', 'Entry and exit prices must be numbers.');
  const fees = parseAmount(input.fees || '0');
  if (!fees.ok) return err('bad-amount', 'Fees must be an amount.');
  if (!(Number.isInteger(input.qty) && input.qty > 0))
    return err('invalid-argument', 'Quantity must be a whole number of contracts.');
  const at = Date.parse(input.exitAt);
  if (Number.isNaN(at)) return err('bad-date', 'The exit time could not be read.');
  const entryPrice = entry.value / 100;
  const exitPrice = exit.value / 100;
  const gross = roundTripGrossCents(spec, input.direction, input.qty, entryPrice, exitPrice);
  const trade: Trade = {
    key: `manual:trade:${crypto.randomUUID()}`,
    venue: 'manual',
    account: input.account,
    symbol: input.symbol.toUpperCase(),
    root: contractRoot(input.symbol),
    direction: input.direction,
    qty: input.qty,
    entryAt: new Date(at - 60_000).toISOString(),
    exitAt: new Date(at).toISOString(),
    tz: 'UTC',
    entryPrice,
    exitPrice,
    grossCents: gross,
    feesCents: -Math.abs(fees.value),
    netCents: gross - Math.abs(fees.value),
    line: 1,
  };
  const prepared: Prepared = {
    fileName: `Trade typed in (${input.account})`,
    fileSize: 0,
    fileHash: trade.key,
    encoding: 'utf-8',
    delimiter: ',',
    header: [],
    detections: [],
    format: 'mapped',
    formatLabel: 'Typed in',
    rowCount: 1,
    rejects: [],
    notes: [],
    dateOrder: null,
    diff: { total: 1, inserted: 1, updated: 0, unchanged: 0 },
    perTable: {},
    sample: null,
    previousImport: null,
    batch: { trades: [trade] },
    counts: { trades: 1 },
    zone: 'UTC',
  };
  const before = held;
  const conn = await importSql();
  if (!conn.ok) return conn;
  const r = await changingLedger(
    engine.value,
    () => commitImport(conn.value, dexieStore(getDb()), prepared, 'default'),
    (c) => (before ? [...before, c.record.id] : null),
  );
  if (!r.ok) return r;
  const rec = r.value.record;
  return ok({
    importId: rec.id,
    fileName: rec.fileName,
    inserted: rec.inserted,
    updated: 0,
    unchanged: 0,
    rejected: 0,
  });
}

/** Typed closing odds: stored in Dexie, applied to the analytics tables in place (CLV changes at once). */
async function setTypedClosingOdds(betKey: string, text: string | null) {
  const a = await analyticsSql();
  if (!a.ok) return a;
  // The Bets tables change in place: their stamp is written again for the new prices once they have.
  const c = await clearStamps(a.value, ['analytics']);
  if (!c.ok) return c;
  const r = await setClosingOdds(a.value, getDb(), betKey, text);
  if (r.ok) {
    const want = await analyticsWanted(a.value);
    if (want.ok && want.value.stamp) {
      const w = await writeStamp(a.value, 'analytics', want.value.stamp);
      if (w.ok) await settle();
    }
  } else if (r.error.code === 'db-error') {
    // A DuckDB failure after the Dexie write: rebuild from Dexie on the next request.
    analyticsFresh = false;
  }
  return r;
}

// ---- Prop accounts: copy groups (members in tradingAccounts.copyGroup, options in settings) ----

const copyOptionsKey = (name: string): string => `prop.copy.${name}`;

async function copyGroups(): Promise<Result<CopyGroupReport[]>> {
  const engine = await startEngine();
  if (!engine.ok) return engine;
  const d = getDb();
  const members = new Map<string, string[]>();
  for (const a of await d.tradingAccounts.toArray()) {
    if (!a.copyGroup) continue;
    const g = members.get(a.copyGroup);
    if (g) g.push(a.id);
    else members.set(a.copyGroup, [a.id]);
  }
  const groups: CopyGroupInput[] = [];
  for (const [name, accounts] of members) {
    const o = (await d.settings.get(copyOptionsKey(name)))?.value as Partial<CopyGroupOptions> | undefined;
    groups.push({
      name,
      accounts,
      reference: o?.reference ?? null,
      ...(typeof o?.windowMs === 'number' ? { windowMs: o.windowMs } : {}),
    });
  }
  return copyGroupReports(engine.value, groups);
}

async function saveCopyGroup(
  name: string,
  accounts: string[],
  opts: CopyGroupOptions,
): Promise<Result<null>> {
  const group = name.trim();
  if (group === '') return err('invalid-argument', 'Give the copy group a name.');
  if (new Set(accounts).size < 2) return err('invalid-argument', 'A copy group needs at least two accounts.');
  if (!(Number.isInteger(opts.windowMs) && opts.windowMs >= 0 && opts.windowMs <= 3_600_000))
    return err('invalid-argument', 'The matching window must be between 0 seconds and an hour.');
  const d = getDb();
  await d.transaction('rw', d.tradingAccounts, d.settings, async () => {
    for (const a of await d.tradingAccounts.where('copyGroup').equals(group).toArray())
      if (!accounts.includes(a.id)) await d.tradingAccounts.update(a.id, { copyGroup: null });
    for (const id of accounts) {
      const existing = await d.tradingAccounts.get(id);
      if (existing) await d.tradingAccounts.update(id, { copyGroup: group });
      else
        // No rule set chosen yet: ruleSetId '' keeps the guess from the account name.
        await d.tradingAccounts.put({
          id,
          profileId: 'default',
          firm: '',
          plan: '',
          phase: 'evaluation',
          sizeCents: 0,
          startDate: new Date().toISOString().slice(0, 10),
          ruleSetId: '',
          copyGroup: group,
        });
    }
    await d.settings.put({
      key: copyOptionsKey(group),
      value: {
        reference: opts.reference && accounts.includes(opts.reference) ? opts.reference : null,
        windowMs: opts.windowMs,
      },
    });
  });
  return ok(null);
}

async function deleteCopyGroup(name: string): Promise<Result<null>> {
  const d = getDb();
  await d.transaction('rw', d.tradingAccounts, d.settings, async () => {
    await d.tradingAccounts.where('copyGroup').equals(name).modify({ copyGroup: null });
    await d.settings.delete(copyOptionsKey(name));
  });
  return ok(null);
}

// ---- Prop accounts: live entry by pasting rows (same prepare → commit pipeline as a file) ----

async function preparePaste(jobId: string, input: PasteInput): Promise<Result<PastePreview>> {
  const conn = await importSql();
  if (!conn.ok) return conn;
  const account = input.account.trim();
  if (account === '') return err('invalid-argument', 'Choose the account the rows belong to.');
  const zone = await profileZone();
  const text = readPaste(input.text, { today: localDateKey(Date.now(), zone), zone });
  if (!text.ok) return text;
  const r = await prepareImport(
    conn.value,
    dexieStore(getDb()),
    {
      fileName: `Pasted rows (${account})`,
      bytes: new TextEncoder().encode(text.value.csv),
      zone,
      account,
      ...(input.dateOrder ? { dateOrder: input.dateOrder } : {}),
    },
    PASTE_IMPORTERS,
  );
  if (!r.ok) return r;
  const v = r.value;
  if (v.kind === 'needs-date-order') return ok({ kind: 'needs-date-order', samples: v.samples });
  if (v.kind !== 'ready') return err('unknown-format');
  jobs.set(jobId, v.prepared);
  const accounts = new Set<string>();
  for (const t of ['trades', 'trade_fills', 'account_cash'] as const) {
    if (!v.prepared.counts[t]) continue;
    const names = await preparedValues(conn.value, t, 'account');
    if (!names.ok) return names;
    for (const n of names.value) accounts.add(n);
  }
  const view = toPreview(jobId, v.prepared);
  if (view.kind !== 'ready') return err('unknown-format');
  return ok({
    kind: 'ready',
    preview: view.preview,
    shape: text.value.shape,
    accounts: [...accounts].sort(),
  });
}

const propApi = { copyGroups, saveCopyGroup, deleteCopyGroup, preparePaste } satisfies Partial<DataApi>;

const api: DataApi = {
  ...propApi,
  async betsDashboard(filter, opts) {
    const a = await analyticsSql();
    if (!a.ok) return a;
    return dashboard(a.value, filter, { ...opts, asOf: new Date().toISOString().slice(0, 10) });
  },
  async betsComparison(filter, a, b) {
    const s = await analyticsSql();
    return s.ok ? comparison(s.value, filter, a, b) : s;
  },
  async betLegs(key) {
    const a = await analyticsSql();
    return a.ok ? betLegs(a.value, key) : a;
  },
  async betsCsv(filter, sort) {
    const a = await analyticsSql();
    return a.ok ? betsCsv(a.value, filter, sort) : a;
  },
  async setZone(zone) {
    await getDb().settings.put({ key: 'profile.tz', value: zone });
    analyticsFresh = false;
    return ok(null);
  },
  propAccounts,
  addTrade,
  async assignRuleSet(account, ruleSetId, startBalanceCents) {
    const existing = await getDb().tradingAccounts.get(account);
    await getDb().tradingAccounts.put({
      id: account,
      profileId: 'default',
      firm: ruleSetId.split('-')[0] ?? '',
      plan: ruleSetId,
      phase: ruleSetId.includes('eval') || ruleSetId.includes('combine') ? 'evaluation' : 'funded',
      sizeCents: startBalanceCents ?? 0,
      startDate: existing?.startDate ?? new Date().toISOString().slice(0, 10),
      ruleSetId,
      copyGroup: existing?.copyGroup ?? null,
    });
    return ok(null);
  },
  async start(onProgress) {
    const r = await startEngine(onProgress);
    return r.ok ? ok(status) : r;
  },
  status: () => Promise.resolve(status),
  async query(sql) {
    const engine = await startEngine();
    if (!engine.ok) return engine;
    const r = await engine.value.query(sql);
    return r.ok ? ok(r.value.map(plainRow)) : r;
  },
  prepare,
  commit,
  discard(jobId) {
    jobs.delete(jobId);
    return Promise.resolve();
  },
  cancel(jobId) {
    cancelled.add(jobId);
    return Promise.resolve();
  },
  async undoImport(importId) {
    const engine = await startEngine();
    if (!engine.ok) return engine;
    await releaseImport();
    return changingLedger(
      engine.value,
      async () => {
        await deleteImport(getDb(), importId);
        return rebuild();
      },
      (ids) => ids,
    ).then((r) => (r.ok ? ok(null) : r));
  },
  imports: () => getDb().imports.orderBy('seq').reverse().toArray(),
  async rejectsCsv(importId) {
    const set = await getDb().rejects.get(importId);
    if (!set) return err('not-found');
    return ok({ fileName: set.fileName, csv: rejectsToCsv(set.fileName, set.rejects) });
  },
  async headline() {
    const engine = await startEngine();
    if (!engine.ok) return engine;
    const sql = engine.value;
    const epoch = ledgerEpoch;
    const tag = await ledgerTag(getDb());
    // The figures DuckDB computed on exactly this ledger are kept with its stamp (the file outlives a reload).
    const stamp = held && ledgerWrites === 0 ? await ledgerStamp(held) : null;
    if (stamp) {
      const kept = await readStamped(sql, 'headline');
      if (kept.ok && kept.value?.stamp === stamp && kept.value.value) {
        const h = parseHeadline(kept.value.value);
        if (h) return ok(h);
      }
    }
    const hr = await headline(sql);
    // Saved only when no ledger change ran meanwhile (Dexie and DuckDB agree).
    if (hr.ok && epoch === ledgerEpoch && ledgerWrites === 0 && tag === (await ledgerTag(getDb()))) {
      await saveHeadline(getDb(), tag, hr.value).catch(() => undefined);
      if (stamp) {
        const w = await writeStamp(sql, 'headline', stamp, JSON.stringify(hr.value));
        if (w.ok) await duck?.flush();
      }
    }
    return hr;
  },
  async loadDemo(onProgress) {
    const out: CommitView[] = [];
    for (const f of demoWorldFiles()) {
      const jobId = crypto.randomUUID();
      let p = await prepare(
        jobId,
        { fileName: f.name, bytes: f.bytes.slice(), zone: 'Australia/Sydney' },
        onProgress,
      );
      if (!p.ok) return p;
      // The demo bank statement has no header: read it with the guessed mapping, as a user would accept it.
      if (p.value.kind === 'needs-mapping' && Object.values(p.value.guess.roles).includes('amount')) {
        const mapping = { ...p.value.guess, source: 'Everyday account' };
        p = await prepare(
          jobId,
          { fileName: f.name, bytes: f.bytes.slice(), zone: 'Australia/Sydney', mapping },
          onProgress,
        );
        if (!p.ok) return p;
      }
      // A demo file in a format this version cannot read yet (the poker sessions) is left out, not guessed.
      if (p.value.kind !== 'ready') continue;
      const c = await commit(jobId, onProgress);
      if (!c.ok) return c;
      out.push(c.value);
    }
    return ok(out);
  },
  async deleteAll() {
    const engine = await startEngine();
    const d = getDb();
    const clearDexie = async () => {
      await d.transaction('rw', d.tables, async () => {
        for (const t of d.tables) await t.clear();
      });
      jobs.clear();
      analyticsFresh = false;
      status = { ...status, rows: 0 };
    };
    if (!engine.ok) {
      await clearDexie();
      return ok(null);
    }
    await releaseImport();
    const r = await changingLedger(
      engine.value,
      async (): Promise<Result<string[]>> => {
        await clearDexie();
        if (duck?.persistent) {
          // The database file is deleted, not emptied: its freed pages could still hold the old rows.
          await duck.destroy();
          duck = null;
          started = null;
          importConn = null;
          held = null;
          return ok([]);
        }
        const c = await clearLedger(engine.value);
        return c.ok ? ok([]) : c;
      },
      () => (duck ? [] : null),
    );
    return r.ok ? ok(null) : r;
  },
  setClosingOdds: setTypedClosingOdds,
};

Comlink.expose(api);
