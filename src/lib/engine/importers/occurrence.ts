/**
 * Occurrence slots: how a row-local importer asks for "the n-th row with this key in the file".
 *
 * Importers parse slices of a file independently, so none can count identical rows across the whole
 * file. An importer that keys rows by content (mapped bank lines without an id) or numbers rows within a
 * group spread over several CSV rows (DraftKings and FanDuel legs) ends the key with `:{n}`;
 * `mergeChunks` (run.ts) then replaces the slot by 1, 2, 3... in file order for each distinct prefix.
 * Re-importing the same file therefore yields the same keys, while two identical lines stay two rows.
 */

/** The literal that ends a key awaiting its occurrence number: `bank:NAB:2024-01-02:-500:coffee:{n}`. */
export const OCCURRENCE_SLOT = '{n}';

const SUFFIX = `:${OCCURRENCE_SLOT}`;

/**
 * Numbers the slots in `rows` in place, in order: the first `<prefix>:{n}` becomes `<prefix>:1`, the
 * next with the same prefix `<prefix>:2`. Returns, per row index, the number given (0 for rows without a
 * slot), so callers can copy it into a field such as BetLeg.legIndex.
 */
export function numberOccurrences(rows: { key: string }[], counts = new Map<string, number>()): number[] {
  const given: number[] = new Array<number>(rows.length).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row || !row.key.endsWith(SUFFIX)) continue;
    const prefix = row.key.slice(0, -SUFFIX.length);
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    row.key = `${prefix}:${n}`;
    given[i] = n;
  }
  return given;
}
