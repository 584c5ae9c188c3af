import { describe, expect, it } from 'vitest';
import { ODDS_BANDS } from './bet-analytics';
import { betsCsvTable, parseBetRow } from './bets-table';
import { parseBreakdown, roiInterval } from './breakdown';
import { filterFromParams, filterToParams, filterWhere, isDateOnly } from './filter';
import { parseSeries } from './series';
import { addDays, isDayKey } from './sql-text';
import { offsetChanges, tzOffsetsSql } from './tz-offsets';
import { toIntList, toList } from './values';

describe('tz offsets without ICU', () => {
  it('lists Sydney’s daylight-saving changes to the minute', () => {
    expect(
      offsetChanges('Australia/Sydney', 2024, 2024).map((c) => [
        new Date(c.fromMs).toISOString(),
        c.offsetMin,
      ]),
    ).toEqual([
      ['2024-01-01T00:00:00.000Z', 660],
      ['2024-04-06T16:00:00.000Z', 600],
      ['2024-10-05T16:00:00.000Z', 660],
    ]);
    // Lord Howe moves by half an hour; Kolkata and UTC never move.
    expect(offsetChanges('Australia/Lord_Howe', 2024, 2024).map((c) => c.offsetMin)).toEqual([660, 630, 660]);
    expect(offsetChanges('Asia/Kolkata', 2000, 2030)).toEqual([
      { fromMs: Date.UTC(2000, 0, 1), offsetMin: 330 },
    ]);
    expect(offsetChanges('UTC', 2020, 2021)).toHaveLength(1);
  });

  it('writes the table statements, the first row open to the past', () => {
    expect(tzOffsetsSql('Australia/Sydney', 2024, 2024)).toEqual([
      'CREATE OR REPLACE TABLE tz_offsets (from_ts TIMESTAMP NOT NULL, offset_min INTEGER NOT NULL)',
      "INSERT INTO tz_offsets VALUES (TIMESTAMP '-infinity', 660), (TIMESTAMP '2024-04-06 16:00:00', 600), (TIMESTAMP '2024-10-05 16:00:00', 660)",
    ]);
    expect(() => tzOffsetsSql('Mars/Olympus', 2024, 2024)).toThrow(RangeError);
    expect(() => tzOffsetsSql('UTC', 2025, 2024)).toThrow(RangeError);
  });
});

describe('filter', () => {
  it('builds the WHERE clause from the filter', () => {
    expect(filterWhere({})).toBe('is_settled');
    expect(filterWhere({ status: 'all' })).toBe('TRUE');
    expect(
      filterWhere({
        from: '2024-01-01',
        to: '2024-01-31',
        sports: ['AFL', ''],
        oddsBands: ['10+', '<1.5'],
        dow: [5, 6],
        search: ' Swans ',
        status: 'pending',
      }),
    ).toBe(
      "local_day >= DATE '2024-01-01' AND local_day <= DATE '2024-01-31' AND sport_h IN (hash(coalesce('AFL', '')), hash(coalesce('', ''))) AND odds_band_id IN (5, 0) AND dow IN (5, 6) AND contains(search_text, lower('Swans')) AND NOT is_settled",
    );
    expect(() => filterWhere({ to: '2024-02-30' })).toThrow(RangeError);
    expect(() => filterWhere({ hours: [24] })).toThrow(RangeError);
    expect(isDateOnly({ from: '2024-01-01', status: 'all', sports: [], search: '  ' })).toBe(true);
    expect(isDateOnly({ participants: ['Swans'] })).toBe(false);
  });

  it('reads the URL leniently: invalid values are dropped, unknown parameters ignored', () => {
    const p = new URLSearchParams(
      'from=2024-13-01&to=2024-02-29&sport=AFL&sport=&type=multi&type=teaser&odds=10%2B&odds=9&dow=7&dow=0&hour=23&hour=05&status=maybe&tab=series&q=',
    );
    expect(filterFromParams(p)).toEqual({
      to: '2024-02-29',
      sports: ['AFL', ''],
      betTypes: ['multi'],
      oddsBands: ['10+'],
      dow: [0],
      hours: [23, 5],
    });
    expect(filterToParams({ sports: ['A&B', 'C=D'], hours: [], status: 'all' }).toString()).toBe(
      'sport=A%26B&sport=C%3DD&status=all',
    );
  });
});

describe('shaping rows', () => {
  it('ROI interval by hand: nets 1500, -2000; stakes 1000, 2000', () => {
    // R = -500/3000; residuals +-1666.67; se = sqrt(2*1666.67^2/2)/1500 = 1.1111.
    const ci = roiInterval(
      2,
      -500,
      3000,
      1500 ** 2 + 2000 ** 2,
      1500 * 1000 - 2000 * 2000,
      1000 ** 2 + 2000 ** 2,
    );
    expect(ci?.[0]).toBeCloseTo(-1 / 6 - 1.959963984540054 * (10 / 9), 9);
    expect(ci?.[1]).toBeCloseTo(-1 / 6 + 1.959963984540054 * (10 / 9), 9);
    expect(roiInterval(1, 5, 10, 25, 50, 100)).toBeNull();
    expect(roiInterval(3, 0, 0, 0, 0, 0)).toBeNull();
  });

  it('pools groups past the top N into Other and keeps ordered dimensions in order', () => {
    const row = {
      ordered: false,
      top_n: 1,
      label: ['B', 'A', 'C'],
      k: [1, 2, 3],
      bets: [1n, 2n, 3n],
      won: [0n, 1n, 1n],
      staked: [100n, 300n, 200n],
      net: [-100n, 50n, 20n],
      nn: [1e4, 2e4, 3e4],
      ns: [1, 2, 3],
      ss: [1, 2, 3],
    };
    expect(
      parseBreakdown([row]).map((r) => [
        r.key,
        r.isOther,
        r.bets,
        r.stakedCents,
        r.returnedCents,
        r.netCents,
      ]),
    ).toEqual([
      ['A', false, 2, 300, 350, 50],
      ['Other', true, 4, 300, 220, -80],
    ]);
    expect(parseBreakdown([{ ...row, ordered: true }]).map((r) => r.key)).toEqual(['B', 'A', 'C']);
    expect(parseBreakdown([{}])).toEqual([]);
  });

  it('downsamples a series by merging neighbouring periods', () => {
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const row = {
      grain: 'month',
      max_points: 2,
      p: [day('2024-03-01'), day('2024-01-01'), day('2024-02-01')],
      net: [3, 1, 2],
      staked: [30, 10, 20],
      bets: [3, 1, 2],
    };
    expect(parseSeries([row])).toEqual([
      { start: '2024-01-01', end: '2024-02-29', netCents: 3, stakedCents: 30, bets: 3, cumulativeCents: 3 },
      { start: '2024-03-01', end: '2024-03-31', netCents: 3, stakedCents: 30, bets: 3, cumulativeCents: 6 },
    ]);
    expect(parseSeries([{ grain: 'day', max_points: 5 }])).toEqual([]);
  });

  it('reads list cells from arrays, typed arrays and Arrow-like vectors', () => {
    expect(toIntList(new BigInt64Array([1n, -2n]))).toEqual([1, -2]);
    expect(toList({ toArray: () => new Int32Array([4, 5]) })).toEqual([4, 5]);
    expect(toIntList([null, 3])).toEqual([0, 3]);
    expect(() => toIntList([1.5])).toThrow(TypeError);
  });

  it('turns a bet row into ISO times and CSV cells', () => {
    const bet = parseBetRow({
      key: 'k',
      venue: 'TAB',
      placed_at: '2024-04-06 15:10:00.25',
      settled_at: null,
      local_placed: '2024-04-07 02:10:00.25',
      local_settled: null,
      local_day: '2024-04-07',
      status: 'pending',
      bet_type: 'single',
      stake_cents: 1234n,
      return_cents: 0n,
      net_cents: 0n,
      odds_decimal: 1.91,
      // A typed close of 1.95 in use over the imported 2.00.
      closing_odds_decimal: 1.95,
      closing_odds_imported: 2,
      closing_odds_typed: 1.95,
      clv: 1.91 / 1.95 - 1,
      sport: null,
      competition: null,
      event: 'A v B',
      market: 'Line',
      selection: 'A -1.5',
      participant: 'A',
      odds_band: ODDS_BANDS[1],
      stake_band: '$10-25',
      is_bonus: true,
      leg_count: 1,
    });
    expect(bet).toMatchObject({
      placedAt: '2024-04-06T15:10:00.250Z',
      settledAt: null,
      localPlaced: '2024-04-07T02:10:00',
      stakeCents: 1234,
      closingOddsDecimal: 1.95,
      closingOddsImported: 2,
      closingOddsTyped: 1.95,
      closingSource: 'typed',
    });
    expect(parseBetRow({ closing_odds_imported: 2.1, closing_odds_typed: null })).toMatchObject({
      closingSource: 'imported',
      clv: null,
    });
    expect(betsCsvTable([bet]).rows[0]).toEqual([
      '2024-04-07 02:10:00',
      '',
      '2024-04-07',
      'TAB',
      'pending',
      'single',
      '',
      '',
      'A v B',
      'Line',
      'A -1.5',
      'A',
      '1.91',
      '1.95',
      'typed',
      '-0.0205',
      '12.34',
      '0.00',
      '0.00',
      '1',
      'yes',
      '2024-04-06T15:10:00.250Z',
      '',
      'k',
    ]);
  });

  it('validates and shifts days', () => {
    expect(isDayKey('2024-02-29')).toBe(true);
    expect(isDayKey('2023-02-29')).toBe(false);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
