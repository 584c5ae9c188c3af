/**
 * Expected failures cross module and worker boundaries as values, never as thrown class instances
 * (structured clone drops their prototype). Broken invariants still throw.
 */
export type ErrorCode =
  | 'bad-amount'
  | 'bad-date'
  | 'bad-number'
  | 'ambiguous-date-order'
  | 'unknown-format'
  | 'unknown-column'
  | 'missing-column'
  | 'empty-file'
  | 'bad-encoding'
  | 'bad-row'
  | 'duplicate-key'
  | 'quota-exceeded'
  | 'cancelled'
  | 'not-found'
  | 'invalid-argument'
  | 'invalid-rule'
  | 'db-error'
  | 'worker-error'
  | 'sync-error'
  | 'unauthorized';

export type AppError = { code: ErrorCode; message?: string; detail?: Record<string, string | number> };
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, message?: string, detail?: AppError['detail']): Result<never> => ({
  ok: false,
  error: { code, ...(message === undefined ? {} : { message }), ...(detail === undefined ? {} : { detail }) },
});

const SENTENCES: Record<ErrorCode, string> = {
  'bad-amount': 'An amount could not be read as money.',
  'bad-date': 'A date could not be read.',
  'bad-number': 'A number could not be read.',
  'ambiguous-date-order': 'The dates in this file could be day-first or month-first.',
  'unknown-format': 'This file was not recognised. Map its columns to import it.',
  'unknown-column': 'A column named in the mapping is not in the file.',
  'missing-column': 'A column the format needs is missing.',
  'empty-file': 'The file holds no rows.',
  'bad-encoding': 'The file’s text encoding could not be read.',
  'bad-row': 'A row could not be read.',
  'duplicate-key': 'Two rows share the same id.',
  'quota-exceeded': 'The browser ran out of storage; nothing was changed. Free some space and try again.',
  cancelled: 'Cancelled; nothing was changed.',
  'not-found': 'Not found.',
  'invalid-argument': 'A value given is not valid.',
  'invalid-rule': 'A rule in this rule set is not valid.',
  'db-error': 'The local database reported an error.',
  'worker-error': 'A background task failed.',
  'sync-error': 'Sync failed.',
  unauthorized: 'The server refused the credentials.',
};

/** One place that maps error codes to sentences for people; falls back to "(ref: code)". */
export function describeError(e: AppError): string {
  const base = SENTENCES[e.code] ?? `Something went wrong (ref: ${e.code}).`;
  return e.message ? `${base} ${e.message}` : base;
}
