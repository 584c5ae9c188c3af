/**
 * Finds columns by name the way exports spell them: case, surrounding spaces, underscores for spaces
 * (SportsbookScout's parser writes `External_Bet_ID`) and repeated spaces do not matter. Importers look
 * columns up by name, never by position, because real exports add, drop and reorder columns.
 */

/** "  External_Bet  ID " → "external bet id". */
export function normaliseHeaderName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/_/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Index of the first header cell matching any of `names` (compared normalised), or -1. */
export function findColumn(header: readonly string[], ...names: string[]): number {
  const wanted = names.map(normaliseHeaderName);
  for (const w of wanted) {
    const i = header.findIndex((h) => normaliseHeaderName(h) === w);
    if (i >= 0) return i;
  }
  return -1;
}

/** The cell at `index`, or '' when the column is absent (-1) or the row is short. */
export function cellAt(row: readonly string[], index: number): string {
  return index >= 0 ? (row[index] ?? '') : '';
}

/** Share (0..1) of `names` present in the header: the basis of every importer's `detect`. */
export function shareOfColumns(header: readonly string[], names: readonly string[]): number {
  if (names.length === 0) return 0;
  const present = new Set(header.map(normaliseHeaderName));
  let found = 0;
  for (const n of names) if (present.has(normaliseHeaderName(n))) found++;
  return found / names.length;
}
