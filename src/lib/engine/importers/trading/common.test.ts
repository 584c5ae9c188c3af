import { describe, expect, it } from 'vitest';
import { cellDecimalStyle, Columns, compareIds, normHeader, parseNumberText } from './common';

describe('trading cell helpers', () => {
  it.each([
    ['$1,200.00', 'comma', 'dot'],
    ['1 250,50 $', 'dot', 'comma'],
    ['39,30 $', 'dot', 'comma'],
    ['-23.20', 'comma', 'dot'],
    ['30182.500000000', 'comma', 'dot'],
    ['1.234.567', 'dot', 'comma'],
    ['1,250', 'dot', 'dot'],
    ['1,250', 'comma', 'comma'],
    ['12', 'comma', 'comma'],
  ] as const)('decimal style of %s (fallback %s) is %s', (text, fallback, expected) => {
    expect(cellDecimalStyle(text, fallback)).toBe(expected);
  });

  it.each([
    ['28531.75', 'dot', 28531.75],
    ['20 010,50', 'comma', 20010.5],
    ['$1,234.5', 'dot', 1234.5],
    ["112'16", 'dot', 112.5],
    ["112'162", 'dot', 112 + 16.25 / 32],
    ['-3', 'dot', -3],
    ['abc', 'dot', null],
    ['', 'dot', null],
  ] as const)('parses %s (%s) as %s', (text, style, expected) => {
    expect(parseNumberText(text, style)).toBe(expected);
  });

  it('finds columns exactly first, then loosely (accents, BOM, punctuation)', () => {
    const c = new Columns(['\uFEFFId', '_timestamp', 'Timestamp', 'Pos. marché.', 'Qté']);
    expect(c.find('Id')).toBe(0);
    expect(c.find('_timestamp')).toBe(1);
    expect(c.find('Timestamp')).toBe(2);
    expect(c.find('Pos. marche')).toBe(3);
    expect(c.find('qte')).toBe(4);
    expect(c.findExact('timestamp')).toBe(-1);
    expect(normHeader("Prix d'entrée")).toBe('prixdentree');
  });

  it('compares long numeric ids by value', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('537862110184', '537862110155')).toBeGreaterThan(0);
    expect(compareIds('12345678901234567890', '12345678901234567891')).toBeLessThan(0);
    expect(compareIds('007', '7')).toBe(0);
  });
});
