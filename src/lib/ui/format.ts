/** Display helpers for the UI (formatting only; machine values stay in data-value attributes). */
import { formatCents } from '../engine/money';

export const money = (c: number, opts: { sign?: boolean } = {}): string =>
  formatCents(c, { locale: 'en-AU', currency: 'AUD', signDisplay: opts.sign ? 'exceptZero' : 'auto' });

export const pct = (x: number, digits = 1): string =>
  Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '–';

export const count = (n: number): string => new Intl.NumberFormat('en-AU').format(n);

export const bytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
};

export const dateTime = (iso: string | null): string =>
  iso
    ? new Date(iso.includes('T') || iso.endsWith('Z') ? iso : `${iso.replace(' ', 'T')}Z`).toLocaleString(
        'en-AU',
      )
    : '–';
