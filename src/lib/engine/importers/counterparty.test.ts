import { describe, expect, it } from 'vitest';
import { classifyCounterparty } from './counterparty';

describe('classifyCounterparty', () => {
  it.each([
    ['SPORTSBET MELBOURNE VI AUS Card xx1234 Value Date: 01/02/2024', 'bookmaker'],
    ['SPORTBET P', 'bookmaker'],
    ['PAYPAL *SPORTSBET', 'bookmaker'],
    ['POLI *LADBROKES', 'bookmaker'],
    ['DD - NEDS.COM.AU', 'bookmaker'],
    ['NEDS MELBOURNE', 'bookmaker'],
    ['TABCORP HOLDINGS', 'bookmaker'],
    ['TAB NSW RETAIL', 'bookmaker'],
    ['bet365 Hillside (Australia New Media)', 'bookmaker'],
    ['Hillside (UK Sports) ENC', 'bookmaker'],
    ['DRAFTKINGS.COM 617-986-6744 MA', 'bookmaker'],
    ['FANDUEL SPORTSBOOK', 'bookmaker'],
    ['POINTSBET AUSTRALIA', 'bookmaker'],
    ['Betr Entertainment', 'bookmaker'],
    ['Purchase  Lottery & Gambling', 'bookmaker'],
    ['POKERSTARS LONDON GBR', 'poker'],
    ['GGPOKER.COM', 'poker'],
    ['Crown Poker Room', 'poker'],
    ['TOPSTEP LLC CHICAGO IL', 'prop-firm'],
    ['APEX TRADER FUNDING', 'prop-firm'],
    ['FTMO.COM', 'prop-firm'],
    ['MyFundedFutures', 'prop-firm'],
    ['TRADOVATE LLC', 'broker'],
    ['Interactive Brokers', 'broker'],
  ])('%s → %s', (text, kind) => {
    expect(classifyCounterparty(text)).toBe(kind);
  });

  // The traps listed in BANKS.md §4.3.
  it.each([
    'Neds Barbershop',
    'KENNEDS HARDWARE',
    'Stake Dental',
    'Kraken Rum Co',
    'Crypto Plumbing',
    'TABLE TENNIS CLUB',
    'STABLE FEEDS PTY LTD',
    'TABLEAU SOFTWARE',
    'ALPHABET INC',
    'BETTER CHOICE FOODS',
    'Hillside Bakery',
    'Kindred Coffee',
    'WOOLWORTHS 1294 HORNSBY NS',
  ])('%s is not a counterparty', (text) => {
    expect(classifyCounterparty(text)).toBeNull();
  });
});
