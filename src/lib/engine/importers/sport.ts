/**
 * A modest sport guess for exports that do not name the sport (Sportsbet's ledger, DraftKings): race
 * meetings by their "R7" race number, then market words ("Rebounds", "Disposals", "Win-Draw-Win"), then a
 * short list of club names. It returns null rather than guess from " v " alone: an honest "unknown"
 * beats a wrong sport in a breakdown. Results are cached, since an export repeats the same events.
 */

export type SportName =
  | 'Horse Racing'
  | 'Greyhounds'
  | 'Harness Racing'
  | 'Soccer'
  | 'Basketball'
  | 'Australian Rules'
  | 'Rugby League'
  | 'Rugby Union'
  | 'Tennis'
  | 'Cricket'
  | 'American Football'
  | 'Baseball'
  | 'Ice Hockey'
  | 'Golf'
  | 'MMA'
  | 'Boxing';

const RACE_NUMBER = /(?:^|[\s-])R\d{1,2}\b/;
const RACING_MARKET = /\b(win or place|each way|trifecta|quinella|exacta|first ?4|quaddie|place only)\b/i;

/** Market and event words that name a sport, checked in order. */
const KEYWORDS: readonly [RegExp, SportName][] = [
  [/\b(rebounds|assists|threes|3-?pointers?|three pointers|double double|triple double)\b/i, 'Basketball'],
  [/\b(disposals|behinds|afl)\b/i, 'Australian Rules'],
  [/\b(try ?scorer|tryscorer|first try|nrl|tries)\b/i, 'Rugby League'],
  [/\b(touchdowns?|passing yards|rushing yards|receiving yards|interceptions|nfl)\b/i, 'American Football'],
  [/\b(home runs?|strikeouts|rbis?|run line|mlb)\b/i, 'Baseball'],
  [/\b(puck line|shots on goal|nhl)\b/i, 'Ice Hockey'],
  [
    /\b(win-draw-win|both teams to score|goalscorer|clean sheet|correct score|draw no bet|asian handicap|corners)\b/i,
    'Soccer',
  ],
  [/\b(set betting|tie ?break|aces|games handicap|atp|wta)\b/i, 'Tennis'],
  [/\b(wickets|top batter|top bowler|sixes|innings runs)\b/i, 'Cricket'],
  [/\b(round betting|method of victory|ufc)\b/i, 'MMA'],
];

/** Club names distinctive enough to name their sport (full names where a nickname is shared). */
const CLUBS: readonly [RegExp, SportName][] = [
  [
    /\b(adelaide crows|brisbane lions|carlton|collingwood|essendon|fremantle|geelong|gold coast suns|gws giants|hawthorn|north melbourne|port adelaide|richmond|st kilda|sydney swans|west coast eagles|western bulldogs)\b/i,
    'Australian Rules',
  ],
  [
    /\b(brisbane broncos|canberra raiders|cronulla|gold coast titans|manly|melbourne storm|newcastle knights|north queensland cowboys|parramatta|penrith|rabbitohs|st george|roosters|(nz|new zealand) warriors|wests tigers|canterbury|redcliffe dolphins)\b/i,
    'Rugby League',
  ],
  [
    /\b(atlanta hawks|boston celtics|brooklyn nets|charlotte hornets|chicago bulls|cleveland cavaliers|dallas mavericks|denver nuggets|detroit pistons|golden state warriors|houston rockets|indiana pacers|(la|los angeles) (clippers|lakers)|memphis grizzlies|miami heat|milwaukee bucks|minnesota timberwolves|new orleans pelicans|new york knicks|oklahoma city thunder|orlando magic|philadelphia 76ers|phoenix suns|portland trail blazers|sacramento kings|san antonio spurs|toronto raptors|utah jazz|washington wizards)\b/i,
    'Basketball',
  ],
  [
    /\b(arsenal|chelsea|liverpool|tottenham|everton|man(chester)? (city|utd|united)|newcastle united|aston villa|nottm forest|nottingham forest|west ham|real madrid|barcelona|atl[eé]tico madrid|bayern|juventus|sydney fc|melbourne victory|western sydney wanderers)\b/i,
    'Soccer',
  ],
];

/**
 * Guesses by event, then market. Two levels rather than one joined key: an importer passes the same event
 * and market strings row after row (a Summary's parts are read once), and a joined key was a new string,
 * hashed in full, on every call.
 */
const cache = new Map<string, Map<string, SportName | null>>();
// A 700k-row export names tens of thousands of distinct events; a smaller cache was cleared every few
// thousand rows and missed on most of them.
const MAX_CACHE = 200_000;
let cached = 0;

/**
 * The guess without the cache (exported for its test).
 * Race meetings first (a race number, or a racing market on an event that is not "A v B"), then market
 * words, then club names in the event, then sport words in the event (e.g. "AFL" in a title).
 */
export function guessUncached(event: string, market: string): SportName | null {
  const text = `${event}\n${market}`;
  if (RACE_NUMBER.test(event) || (RACING_MARKET.test(market) && !/\s(v|vs|at)\s/i.test(event))) {
    if (/greyhound|\bdogs?\b/i.test(text)) return 'Greyhounds';
    if (/harness|\btrots?\b|pacing/i.test(text)) return 'Harness Racing';
    return 'Horse Racing';
  }
  for (const [re, sport] of KEYWORDS) if (re.test(market)) return sport;
  for (const [re, sport] of CLUBS) if (re.test(event)) return sport;
  for (const [re, sport] of KEYWORDS) if (re.test(event)) return sport;
  return null;
}

/** Guesses the sport from an event line and a market line; null when nothing names it. */
export function guessSport(event: string, market: string): SportName | null {
  let byMarket = cache.get(event);
  const hit = byMarket?.get(market);
  if (hit !== undefined) return hit;
  const sport = guessUncached(event, market);
  if (cached >= MAX_CACHE) {
    cache.clear();
    cached = 0;
    byMarket = undefined;
  }
  if (!byMarket) cache.set(event, (byMarket = new Map()));
  byMarket.set(market, sport);
  cached++;
  return sport;
}

/**
 * League and competition codes as US books and trackers write them (FanDuel's League, Pikkit's leagues),
 * matched whole so "NFL" does not match "NFL Films"; prefixes only where a tour name follows ("ATP Miami").
 */
const LEAGUES: readonly [RegExp, SportName][] = [
  [/^(nfl|ncaaf|cfb|college football|xfl|cfl)$/i, 'American Football'],
  [/^(nba|wnba|ncaab|ncaam|ncaaw|nbl|euroleague|college basketball)$/i, 'Basketball'],
  [/^(mlb|kbo|npb)$/i, 'Baseball'],
  [/^(nhl|khl|ahl)$/i, 'Ice Hockey'],
  [
    /^(epl|mls|uefa.*|champions league|europa league|la liga|serie a|bundesliga|premier league|a-league.*|ligue 1|fa cup|world cup|liga mx)$/i,
    'Soccer',
  ],
  [/^(atp|wta|itf)\b/i, 'Tennis'],
  [/^(pga|lpga|liv|dp world tour)\b/i, 'Golf'],
  [/^(ufc|mma|bellator|pfl)$/i, 'MMA'],
  [/^boxing$/i, 'Boxing'],
  [/^afl/i, 'Australian Rules'],
  [/^(nrl|super league|state of origin)$/i, 'Rugby League'],
  [/^(super rugby|six nations|rugby championship)$/i, 'Rugby Union'],
  [/^(ipl|bbl|test|odi|t20.*|big bash)$/i, 'Cricket'],
];

/** Sport of a league or competition code ("NFL", "NCAAM", "EPL"); null when unknown. */
export function sportFromLeague(league: string): SportName | null {
  const t = league.trim();
  if (t === '') return null;
  for (const [re, sport] of LEAGUES) if (re.test(t)) return sport;
  return null;
}
