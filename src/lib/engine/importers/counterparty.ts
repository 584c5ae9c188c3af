/**
 * Classifies a bank-statement line as money sent to or from a bookmaker, a poker room, a prop-trading
 * firm or a broker, from its description text (bank CSVs carry no merchant category code, BANKS.md §4.1).
 * The names come from BANKS.md §4: the Australian licensed brands and their licence holders, wrapper
 * forms ("PAYPAL *SPORTSBET", "POLI *LADBROKES"), US books, poker sites and prop firms.
 *
 * Short names are matched as whole words and ambiguous ones only with context, because the traps listed
 * there are real: "TAB" inside "TABLE", "BET" inside "ALPHABET", "NEDS" inside "KENNEDS", "Neds
 * Barbershop", "Stake Dental", "Kraken Rum Co".
 */
import type { Counterparty } from '../model';

type Rule = readonly [RegExp, Exclude<Counterparty, null>];

/** Prop firms first: their names must win over the broker a firm's platform runs on. */
const RULES: readonly Rule[] = [
  [
    /\b(ftmo|the ?5ers|apex ?trader ?funding|apextraderfunding|topstep(?:trader)?|my ?funded ?futures|myfundedfx|take ?profit ?trader|takeprofittrader|tradeify|funded ?next|fundednext|earn2trade|bulenox|elite ?trader ?funding|tradeday|lucid ?trading)\b/i,
    'prop-firm',
  ],
  [
    /\b(poker ?stars|pokerstars|gg ?poker|ggpoker|party ?poker|partypoker|888 ?poker|wsop|acr ?poker|americas ?cardroom|wpt ?global|coinpoker|poker)\b/i,
    'poker',
  ],
  [
    /\b(sports?bet|ladbrokes|entain|tabcorp|tab ?limited|tab\.com\.au|tabtouch|bet ?365|hillside ?\(?(?:australia|uk|sports|gaming|new ?media)|betfair|paddy ?power|flutter ?(?:entertainment|international)|pointsbet|palmerbet|unibet|kindred ?group|playup|draftstars|betr|blue ?bet|bluebet|dabble ?sports|betright|picklebet|puntaa|next2go|puntx|upyago|beastbet|betbull|betnova|firebet|moonbet|pandabet|royalbet|betdeluxe|bigbet|yesbet|pulsebet|starsports|star ?sports ?(?:australia|bet)|draftkings|fan ?duel|fanduel|betmgm|caesars ?sportsbook|betrivers|espn ?bet|fanatics ?sportsbook|betway|william ?hill|sky ?bet|bet ?victor|betvictor|boylesports|neds(?:\.com\.au)?(?=\s*(?:$|pty|australia|melbourne|com|au\b|\*|-|\d)))\b/i,
    'bookmaker',
  ],
  // "TAB" only with a word that makes it the totalisator: a state, "CORP", "ONLINE", a wrapper.
  [
    /(?:^|[\s*])tab\b(?=\s*(?:nsw|vic|qld|sa|wa|tas|nt|act|online|wagering|retail|sports|bet|pty|ltd|limited|touch|\.com))/i,
    'bookmaker',
  ],
  [/\b(tradovate|ninjatrader|rithmic|interactive ?brokers|ibkr|commsec|selfwealth|tastytrade)\b/i, 'broker'],
];

/** Bank category names that mark gambling spend (Up's "Lottery & Gambling", Starling's GAMBLING). */
const GAMBLING_CATEGORY = /\b(gambling|betting|wagering)\b/i;

/**
 * Returns the kind of gambling or trading counterparty a statement line names, or null. `text` is the
 * description (plus payee and category when the bank has them).
 */
export function classifyCounterparty(text: string): Counterparty {
  for (const [re, kind] of RULES) if (re.test(text)) return kind;
  if (GAMBLING_CATEGORY.test(text)) return 'bookmaker';
  return null;
}
