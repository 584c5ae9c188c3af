import { describe, expect, it } from 'vitest';
import { accountFromFileName } from './import-service';

describe('accountFromFileName', () => {
  it.each([
    ['tradovate-performance-APEX4977960000002.csv', 'APEX4977960000002'],
    ['Performance PAAPEX5898520000066 (1).csv', 'PAAPEX5898520000066'],
    ['acct_54066902_fills.csv', '54066902'],
    ['Performance.csv', null],
    ['sportsbet-march-2026.csv', null],
  ])('%s → %s', (name, expected) => {
    expect(accountFromFileName(name)).toBe(expected);
  });
});
