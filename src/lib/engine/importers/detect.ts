/**
 * Format detection: asks every importer how sure it is that a header is its format and ranks the
 * answers. The import flow takes the best one above 0.5, and otherwise offers the column-mapping screen.
 */
import type { Detection, Importer } from './types';

/**
 * Each importer's confidence (clamped to 0..1) for `header`, best first; importers answering 0 are left
 * out. Ties keep the order of `importers`.
 */
export function detectFormat(header: readonly string[], importers: readonly Importer[]): Detection[] {
  const out: Detection[] = [];
  for (const importer of importers) {
    const raw = importer.detect(header);
    const confidence = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : 0;
    if (confidence > 0) out.push({ format: importer.format, confidence });
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}
