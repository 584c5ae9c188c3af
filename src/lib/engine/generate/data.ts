/**
 * Names the synthetic world draws from: real competitions’ team names, racecourses and suburbs (public facts, as a
 * punter's statement would show them), and invented runners and players. Nothing here is
 * anyone's real data; the lists only make generated exports read like the real thing.
 */

export type Sport = 'AFL' | 'NRL' | 'Soccer' | 'NBA';

export const AFL_TEAMS = [
  'Adelaide Crows',
  'Brisbane Lions',
  'Carlton',
  'Collingwood',
  'Essendon',
  'Fremantle',
  'Geelong Cats',
  'Gold Coast SUNS',
  'GWS GIANTS',
  'Hawthorn',
  'Melbourne',
  'North Melbourne',
  'Port Adelaide',
  'Richmond',
  'St Kilda',
  'Sydney Swans',
  'West Coast Eagles',
  'Western Bulldogs',
] as const;

export const NRL_TEAMS = [
  'Brisbane Broncos',
  'Canberra Raiders',
  'Canterbury Bulldogs',
  'Cronulla Sharks',
  'Dolphins',
  'Gold Coast Titans',
  'Manly Sea Eagles',
  'Melbourne Storm',
  'Newcastle Knights',
  'New Zealand Warriors',
  'North Queensland Cowboys',
  'Parramatta Eels',
  'Penrith Panthers',
  'South Sydney Rabbitohs',
  'St George Illawarra Dragons',
  'Sydney Roosters',
  'Wests Tigers',
] as const;

export const SOCCER_TEAMS = [
  'Arsenal',
  'Aston Villa',
  'Bournemouth',
  'Brentford',
  'Brighton',
  'Chelsea',
  'Crystal Palace',
  'Everton',
  'Fulham',
  'Liverpool',
  'Man City',
  'Man Utd',
  'Newcastle',
  'Nottm Forest',
  'Tottenham',
  'West Ham',
  'Wolves',
] as const;

export const NBA_TEAMS = [
  'Boston Celtics',
  'Dallas Mavericks',
  'Denver Nuggets',
  'Golden State Warriors',
  'Los Angeles Lakers',
  'Miami Heat',
  'Milwaukee Bucks',
  'Minnesota Timberwolves',
  'New York Knicks',
  'Oklahoma City Thunder',
  'Philadelphia 76ers',
  'Phoenix Suns',
] as const;

export const HORSE_TRACKS = [
  'Flemington',
  'Caulfield',
  'Moonee Valley',
  'Sandown-Hillside',
  'Randwick',
  'Rosehill',
  'Eagle Farm',
  'Doomben',
  'Morphettville',
  'Ballarat',
  'Bendigo',
  'Geelong',
] as const;

export const GREYHOUND_TRACKS = [
  'The Meadows',
  'Sandown Park',
  'Wentworth Park',
  'Albion Park',
  'Angle Park',
  'Healesville',
  'Warragul',
] as const;

export const RACE_NAMES = [
  'Maiden Plate',
  'BM64 Handicap',
  'BM70 Handicap',
  'BM78 Handicap',
  'Class 1 Handicap',
  'Open Handicap',
  '3YO Maiden',
  'Fillies and Mares Handicap',
  'Listed Stakes',
] as const;

const NAME_A = ['Star', 'Golden', 'Midnight', 'Silver', 'Lucky', 'Royal', 'Swift', 'Bold', 'Wild', 'Brave'];
const NAME_B = ['Comet', 'Echo', 'Legend', 'Rebel', 'Charm', 'Dancer', 'Thunder', 'Spirit', 'Ranger', 'Gem'];
/** 100 invented runner names, e.g. "Midnight Echo". */
export const RUNNERS: readonly string[] = NAME_A.flatMap((a) => NAME_B.map((b) => `${a} ${b}`));

const FIRST = ['Jack', 'Liam', 'Noah', 'Ollie', 'Max', 'Sam', 'Tom', 'Josh', 'Ben', 'Will', 'Kai', 'Zac'];
const LAST = ['Walker', 'Harris', 'Kelly', 'Nguyen', 'Brown', 'Taylor', 'Martin', 'Ryan', 'Clarke', 'Lee'];
/** 120 invented player names, e.g. "Kai Walker". */
export const PLAYERS: readonly string[] = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));

/** Sports a punter bets on by month (1-12): relative weights, 0 out of season. */
export function sportWeights(month: number): [Sport, number][] {
  return [
    ['AFL', month >= 3 && month <= 9 ? 10 : 0],
    ['NRL', month >= 3 && month <= 10 ? 7 : 0],
    ['Soccer', month >= 8 || month <= 5 ? 5 : 1],
    ['NBA', month >= 10 || month <= 6 ? 5 : 0],
  ];
}

export function teamsOf(sport: Sport): readonly string[] {
  switch (sport) {
    case 'AFL':
      return AFL_TEAMS;
    case 'NRL':
      return NRL_TEAMS;
    case 'Soccer':
      return SOCCER_TEAMS;
    case 'NBA':
      return NBA_TEAMS;
  }
}

/** Melbourne suburbs that card purchases in the bank statement are made in. */
export const SUBURBS = [
  'RICHMOND',
  'BRUNSWICK',
  'FOOTSCRAY',
  'HAWTHORN',
  'PRAHRAN',
  'COBURG',
  'ESSENDON',
] as const;
