import { describe, expect, it } from 'vitest';
import { createInstantReader, localDateText, rewriteMonthName } from './instant';

describe('createInstantReader', () => {
  it.each([
    ['dmy', 'Australia/Sydney', '01/03/2024 09:00', '2024-02-29T22:00:00.000Z'],
    ['dmy', 'Australia/Sydney', '01/07/2024 09:00', '2024-06-30T23:00:00.000Z'],
    // 07/04/2024 02:30 happens twice in Sydney; the earlier (AEDT) instant is taken.
    ['dmy', 'Australia/Sydney', '07/04/2024 02:30', '2024-04-06T15:30:00.000Z'],
    // 06/10/2024 02:30 does not exist in Sydney; it moves forward by the hour skipped.
    ['dmy', 'Australia/Sydney', '06/10/2024 02:30', '2024-10-05T16:30:00.000Z'],
    ['mdy', 'America/New_York', '03/10/2024 02:30:00', '2024-03-10T07:30:00.000Z'],
    ['mdy', 'UTC', '03/11/2025 15:52:19 GMT', '2025-03-11T15:52:19.000Z'],
    ['ymd', 'Australia/Sydney', '2026-01-15 09:30:00 +11:00', '2026-01-14T22:30:00.000Z'],
    ['ymd', 'Europe/London', '2024-02-11T23:30:00Z', '2024-02-11T23:30:00.000Z'],
    ['dmy', 'Australia/Sydney', '02 Feb 22', '2022-02-01T13:00:00.000Z'],
    ['dmy', 'Australia/Sydney', '30-Nov-17', '2017-11-29T13:00:00.000Z'],
    ['mdy', 'UTC', 'Feb 2, 2024 3:15 PM', '2024-02-02T15:15:00.000Z'],
  ] as const)('%s %s %j → %s', (order, zone, text, iso) => {
    expect(createInstantReader(order, zone)(text)?.iso).toBe(iso);
  });

  it.each(['31/02/2024', '2024 March 1', '', '13/13/2024', '01/02/2024 25:00'])(
    'returns null for %j',
    (text) => {
      expect(createInstantReader('dmy', 'UTC')(text)).toBeNull();
    },
  );

  it('keeps the wall-clock date as written for keys', () => {
    const r = createInstantReader('dmy', 'Australia/Sydney')('01/03/2024 09:00');
    expect(r && localDateText(r.local)).toBe('2024-03-01');
  });
});

describe('rewriteMonthName', () => {
  it.each([
    ['02 Feb 22', '02/2/22'],
    ['28 Dec 2017', '28/12/2017'],
    ['30-Nov-17', '30/11/17'],
    ['Mon, 02 Sept 2024 10:00', '02/9/2024 10:00'],
    ['February 2, 2024', '2/2/2024'],
    ['Oct 1st 2023, 5:03 PM', '1/10/2023, 5:03 PM'],
    ['01/02/2024', null],
    ['02 Foo 22', null],
  ])('%j → %j', (text, out) => {
    expect(rewriteMonthName(text)).toBe(out);
  });
});
