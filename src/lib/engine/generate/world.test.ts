import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import { demoWorldFiles, generateWorld, type GeneratedWorld } from './world';
import { SPORTSBET_HEADER } from './sportsbet';
import { LEFT_POCKET_HEADER } from './poker';
import { PERFORMANCE_HEADER } from './prop';
import { NAB_HEADER } from './bank';

/** Exact cents from "-12.34" / "+5.00" / "5", by string operations only (independent of the generator). */
function toCents(text: string): number {
  const m = /^([+-]?)(\d+)(?:\.(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const v = Number(m[2]) * 100 + Number(m[3] ?? '0');
  return m[1] === '-' ? -v : v;
}

/** Tradovate accounting money: "$(400.00)" → -40000, "$1,200.00" → 120000. */
function accountingCents(text: string): number {
  const neg = /^\$\(.*\)$/.test(text);
  return (neg ? -1 : 1) * toCents(text.replace(/[$(),]/g, ''));
}

function parse(text: string, header = true): string[][] {
  const res = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  expect(res.errors).toEqual([]);
  return header ? res.data.slice(1) : res.data;
}

function file(world: GeneratedWorld, prefix: string): string {
  const f = world.files.find((x) => x.name.startsWith(prefix));
  if (!f) throw new Error(`no file ${prefix}`);
  return f.text;
}

const world = generateWorld({ seed: 42, persona: 'all', months: 6, scale: 1 });

describe('generateWorld determinism', () => {
  it('gives byte-identical files for the same options and different ones for another seed', () => {
    const again = generateWorld({ seed: 42, persona: 'all', months: 6, scale: 1 });
    expect(again).toEqual(world);
    const other = generateWorld({ seed: 43, persona: 'all', months: 6, scale: 1 });
    expect(file(other, 'sportsbet')).not.toBe(file(world, 'sportsbet'));
    expect(file(other, 'left-pocket')).not.toBe(file(world, 'left-pocket'));
    expect(other.totals).not.toEqual(world.totals);
  });

  it('writes the same Sportsbet file for the punter alone as inside the whole world', () => {
    const punter = generateWorld({ seed: 42, persona: 'punter', months: 6, scale: 1 });
    expect(punter.files.map((f) => f.name)).toEqual(['sportsbet-transactions.csv']);
    expect(file(punter, 'sportsbet')).toBe(file(world, 'sportsbet'));
    expect(punter.totals.sessions).toBe(0);
    expect(punter.totals.trades).toBe(0);
    expect(punter.totals.riskSpendCents).toBe(0);
  });

  it('defaults to the six months ending 2026-10-31, the demo data', () => {
    const rows = parse(file(world, 'sportsbet'));
    expect(rows[0]?.[0]).toMatch(/^\d{2}\/05\/2026 /);
    expect(rows[rows.length - 1]?.[0]).toMatch(/^\d{2}\/10\/2026 /);
    const demo = demoWorldFiles();
    expect(demo.map((d) => d.name)).toEqual(world.files.map((f) => f.name));
    const decoder = new TextDecoder();
    demo.forEach((d, i) => expect(decoder.decode(d.bytes)).toBe(world.files[i]?.text));
  });

  it('rejects options outside their ranges', () => {
    expect(() => generateWorld({ seed: 1, persona: 'whale', months: 6, scale: 1 })).toThrow(RangeError);
    expect(() => generateWorld({ seed: 1, persona: 'all', months: 0, scale: 1 })).toThrow(RangeError);
    expect(() => generateWorld({ seed: 1, persona: 'all', months: 6, scale: 0 })).toThrow(RangeError);
    expect(() => generateWorld({ seed: 1.5, persona: 'all', months: 6, scale: 1 })).toThrow(RangeError);
    expect(() =>
      generateWorld({ seed: 1, persona: 'all', months: 6, scale: 1, startDate: '2026-13-01' }),
    ).toThrow(RangeError);
  });
});

describe('the Sportsbet file', () => {
  const text = file(world, 'sportsbet');
  const rows = parse(text);
  const col = {
    time: 0,
    type: 1,
    summary: 2,
    txn: 3,
    bet: 4,
    amount: 5,
    balance: 6,
  };

  it('has the exact header and every cell double-quoted', () => {
    expect(text.split('\n')[0]).toBe(SPORTSBET_HEADER);
    const all = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(Papa.unparse(all, { quotes: true, newline: '\n' }) + '\n').toBe(text);
    expect(rows.length).toBeGreaterThan(1500);
    for (const r of rows) expect(r).toHaveLength(11);
  });

  it('writes DD/MM/YYYY HH:MM times in order, never in the daylight-saving hour, and lowercase flags', () => {
    let prev = '';
    for (const r of rows) {
      const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(r[col.time] ?? '');
      expect(m).not.toBeNull();
      if (!m) continue;
      expect(m[4]).not.toBe('02');
      const sortable = `${m[3]}${m[2]}${m[1]}${m[4]}${m[5]}`;
      expect(sortable >= prev).toBe(true);
      prev = sortable;
      for (const flag of r.slice(7)) expect(['true', 'false']).toContain(flag);
    }
  });

  it('has unique transaction ids, a stake row for every settled bet and running balances', () => {
    const txIds = new Set(rows.map((r) => r[col.txn]));
    expect(txIds.size).toBe(rows.length);
    const staked = new Set<string>();
    const settled = new Set<string>();
    let balance = 0;
    for (const r of rows) {
      const type = r[col.type] ?? '';
      const bet = r[col.bet] ?? '';
      const amount = toCents(r[col.amount] ?? '');
      balance += amount;
      expect(toCents(r[col.balance] ?? '')).toBe(balance);
      expect(balance).toBeGreaterThanOrEqual(0);
      if (type === 'Bet Stake') {
        expect(amount).toBeLessThan(0);
        expect(staked.has(bet)).toBe(false);
        staked.add(bet);
      } else if (['Win', 'Lose', 'Void', 'Cashed Out'].includes(type)) {
        expect(staked.has(bet)).toBe(true);
        expect(settled.has(bet)).toBe(false);
        settled.add(bet);
        if (type === 'Lose') expect(r[col.amount]).toBe('0.00');
        else expect(amount).toBeGreaterThan(0);
      } else {
        expect(['Deposit', 'Withdrawal', 'Returned Withdrawal']).toContain(type);
        expect(bet).toBe('');
      }
    }
    // Every kind of row the brief asks for appears, and some bets are still pending at the end.
    const types = new Set(rows.map((r) => r[col.type]));
    for (const t of [
      'Deposit',
      'Withdrawal',
      'Returned Withdrawal',
      'Bet Stake',
      'Win',
      'Lose',
      'Void',
      'Cashed Out',
    ]) {
      expect(types.has(t)).toBe(true);
    }
    expect(staked.size - settled.size).toBeGreaterThanOrEqual(2);
  });

  it('writes the Summary as event / market / selection lines and flags multis and exotics', () => {
    const stakes = rows.filter((r) => r[col.type] === 'Bet Stake');
    const single = stakes.find((r) => r[7] === 'true');
    expect(single?.[col.summary]).toMatch(/^[^\n]+\n [^\n]+\n[^\n]+ @ \d+\.\d{2} \((Win|Place)\)$/);
    const sgm = stakes.find((r) => (r[col.summary] ?? '').includes('\n Same Game Multi\n'));
    expect(sgm?.[8]).toBe('true');
    const multi = stakes.find((r) => /^\d Leg Multi\n Multi\n/.test(r[col.summary] ?? ''));
    expect(multi?.[8]).toBe('true');
    const exotic = stakes.find((r) => r[9] === 'true');
    expect(exotic?.[col.summary]).toMatch(/\n Fixed Odds Boxed Trifecta \(\d+(, \d+)+\)$/);
    for (const sport of [' v ', ' At ', ' - R']) {
      expect(stakes.some((r) => (r[col.summary] ?? '').split('\n')[0]?.includes(sport))).toBe(true);
    }
  });

  it('has ground-truth totals equal to a recount of its rows', () => {
    const stakeOf = new Map<string, number>();
    let bets = 0;
    let stakedCents = 0;
    let returnedCents = 0;
    let depositsCents = 0;
    let withdrawalsCents = 0;
    for (const r of rows) {
      const type = r[col.type];
      const amount = toCents(r[col.amount] ?? '');
      const bet = r[col.bet] ?? '';
      if (type === 'Bet Stake') stakeOf.set(bet, -amount);
      else if (type === 'Deposit' || type === 'Returned Withdrawal') depositsCents += amount;
      else if (type === 'Withdrawal') withdrawalsCents -= amount;
      else {
        bets++;
        stakedCents += stakeOf.get(bet) ?? NaN;
        returnedCents += amount;
      }
    }
    const t = world.totals;
    expect({ bets, stakedCents, returnedCents, depositsCents, withdrawalsCents }).toEqual({
      bets: t.bets,
      stakedCents: t.stakedCents,
      returnedCents: t.returnedCents,
      depositsCents: t.depositsCents,
      withdrawalsCents: t.withdrawalsCents,
    });
    expect(t.netCents).toBe(returnedCents - stakedCents);
    expect(t.netCents).toBeLessThan(0);
  });

  it('shows every behaviour for any seed: returned withdrawal, cash-outs, voids, pending bets', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const t = file(generateWorld({ seed, persona: 'punter', months: 6, scale: 1 }), 'sportsbet');
      const count = (type: string): number => t.split(`","${type}","`).length - 1;
      expect(count('Returned Withdrawal')).toBeGreaterThanOrEqual(1);
      expect(count('Cashed Out')).toBeGreaterThanOrEqual(3);
      expect(count('Void')).toBeGreaterThanOrEqual(1);
      const settled = count('Win') + count('Lose') + count('Void') + count('Cashed Out');
      expect(count('Bet Stake') - settled).toBeGreaterThanOrEqual(2);
    }
  });

  it('can be written with CRLF record separators, keeping LF inside the Summary', () => {
    const crlf = generateWorld({ seed: 42, persona: 'punter', months: 6, scale: 1, eol: 'crlf' });
    const t = file(crlf, 'sportsbet');
    expect(t.startsWith(`${SPORTSBET_HEADER}\r\n`)).toBe(true);
    expect(t.replace(/\r\n/g, '\n')).toBe(text);
    expect(parse(t)).toEqual(rows);
  });
});

describe('the Left Pocket poker file', () => {
  const text = file(world, 'left-pocket');
  const rows = parse(text);

  it('has the 23-column header and rows Left Pocket can split on commas', () => {
    expect(text.split('\n')[0]).toBe(LEFT_POCKET_HEADER);
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.split(',')).toHaveLength(23);
    for (const r of rows) {
      expect(r[0]).toBe(r[1]);
      expect(r[0]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
      expect(Number(r[8])).toBe(Number(r[7]) - Number(r[6]));
      expect(r[11]).toBe('false');
    }
  });

  it('has ground-truth sessions, hours and net equal to a recount', () => {
    const minutesOf = (s: string): number => {
      const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(s);
      if (!m) throw new Error(s);
      return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5])) / 60000;
    };
    let minutes = 0;
    let net = 0;
    for (const r of rows) {
      minutes += minutesOf(r[2] ?? '') - minutesOf(r[1] ?? '');
      net += Number(r[8]) * 100;
    }
    expect(world.totals.sessions).toBe(rows.length);
    expect(world.totals.hours).toBe(minutes / 60);
    expect(world.totals.pokerNetCents).toBe(net);
    expect(rows.length).toBeGreaterThan(50);
  });
});

describe('the Tradovate Performance files', () => {
  const perf = world.files.filter((f) => f.name.startsWith('tradovate-performance-'));

  it('are two Apex accounts with the exact header and consistent gross P&L', () => {
    expect(perf.map((f) => /tradovate-performance-(PA)?APEX\d{13}\.csv/.test(f.name))).toEqual([true, true]);
    let trades = 0;
    for (const f of perf) {
      expect(f.text.split('\n')[0]).toBe(PERFORMANCE_HEADER);
      const rows = parse(f.text);
      trades += rows.length;
      for (const r of rows) {
        const [symbol, , , tick, buyId, sellId, qty, buy, sell, pnl, bought, sold, duration] = r;
        expect(tick).toBe('0.25');
        const pointCents = symbol?.startsWith('MNQ') ? 200 : 5000;
        expect(symbol).toMatch(/^(MNQ|ES)[HMUZ]6$/);
        const points = (toCents(sell ?? '') - toCents(buy ?? '')) / 100;
        expect(accountingCents(pnl ?? '')).toBe(Math.round(points * Number(qty) * pointCents));
        if ((pnl ?? '').includes(',')) expect(f.text).toContain(`"${pnl}"`);
        const isShort = (bought ?? '') > (sold ?? '');
        expect(Number(sellId) < Number(buyId)).toBe(isShort);
        expect(duration).toMatch(/^(\d+hr ?)?(\d+min ?)?(\d+sec)?$/);
      }
    }
    expect(trades).toBe(world.totals.trades);
    expect(trades).toBeGreaterThan(500);
  });
});

describe('the bank statement', () => {
  const counterparty = /SPORTSBET|GGPOKER|POKERSTARS|APEX TRADER FUNDING/;

  it('is a headerless CommBank file, newest first, whose balances chain', () => {
    const rows = parse(file(world, 'commbank'), false);
    expect(rows.length).toBeGreaterThan(200);
    let income = 0;
    let spending = 0;
    let risk = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] ?? [];
      expect(r).toHaveLength(4);
      expect(r[0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(r[1]).toMatch(/^[+-]\d+\.\d{2}$/);
      const amount = toCents(r[1] ?? '');
      const older = rows[i + 1];
      if (older) expect(toCents(older[3] ?? '') + amount).toBe(toCents(r[3] ?? ''));
      if (counterparty.test(r[2] ?? '')) risk -= amount;
      else if (amount > 0) income += amount;
      else spending -= amount;
    }
    const t = world.totals;
    expect({ income, spending, risk }).toEqual({
      income: t.incomeCents,
      spending: t.spendingCents,
      risk: t.riskSpendCents,
    });
    const text = file(world, 'commbank');
    expect(text).toMatch(/"SPORTSBET MELBOURNE VI AUS Card xx\d{4} Value Date: \d{2}\/\d{2}\/\d{4}"/);
    expect(text).toMatch(/"Direct Credit \d{6} SPORTSBET PTY LTD SB\d+"/);
    expect(text).toMatch(/"GGPOKER\.COM /);
    expect(text).toMatch(/"APEX TRADER FUNDING AUSTIN TX USA Card/);
    expect(text).toMatch(/"International Transaction Fee Value Date: /);
  });

  it('sends each bookmaker deposit from the bank for the same amount', () => {
    const sb = parse(file(world, 'sportsbet')).filter((r) => r[1] === 'Deposit');
    const bank = parse(file(world, 'commbank'), false).filter((r) => /^SPORTSBET /.test(r[2] ?? ''));
    // Deposits late on the last days may post after the period ends; all others are there, amount for amount.
    expect(bank.length).toBeGreaterThanOrEqual(sb.length - 3);
    const bankAmounts = bank.map((r) => -toCents(r[1] ?? '')).sort((a, b) => a - b);
    const sbAmounts = sb.map((r) => toCents(r[5] ?? ''));
    for (const a of bankAmounts) expect(sbAmounts).toContain(a);
  });

  it('can be written as a NAB export with the same totals', () => {
    const nab = generateWorld({ seed: 42, persona: 'all', months: 6, scale: 1, bank: 'nab' });
    const text = file(nab, 'nab');
    expect(text.split('\n')[0]).toBe(NAB_HEADER);
    let income = 0;
    let spending = 0;
    let risk = 0;
    for (const line of text.trimEnd().split('\n').slice(1)) {
      const cells = line.split(',');
      expect([8, 9]).toContain(cells.length);
      expect(cells[0]).toMatch(/^\d{2} [A-Z][a-z]{2} \d{2}$/);
      const amount = toCents(cells[1] ?? '');
      if (counterparty.test(cells[5] ?? '')) risk -= amount;
      else if (amount > 0) income += amount;
      else spending -= amount;
    }
    expect({ income, spending, risk }).toEqual({
      income: world.totals.incomeCents,
      spending: world.totals.spendingCents,
      risk: world.totals.riskSpendCents,
    });
  });
});

describe('scale', () => {
  it('writes about 700k Sportsbet rows at scale 350, still consistent', () => {
    const big = generateWorld({ seed: 7, persona: 'punter', months: 6, scale: 350 });
    const text = file(big, 'sportsbet');
    let rows = 0;
    let stakes = 0;
    let balance = 0;
    let chained = true;
    // One pass over the raw text: every record starts with a quoted DD/MM/YYYY time at a line start.
    const re =
      /^"\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}","([^"]+)",(?:"[^"]*"),"\d+","\d*","(-?\d+\.\d{2})","(-?\d+\.\d{2})"/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      rows++;
      if (m[1] === 'Bet Stake') stakes++;
      balance += toCents(m[2] ?? '');
      if (toCents(m[3] ?? '') !== balance) chained = false;
    }
    expect(rows).toBeGreaterThanOrEqual(650_000);
    expect(rows).toBe(text.split('\n"').length - 1);
    expect(chained).toBe(true);
    expect(big.totals.bets).toBeLessThan(stakes);
    expect(big.totals.bets).toBeGreaterThan(stakes - 5_000);
  }, 180_000);
});
