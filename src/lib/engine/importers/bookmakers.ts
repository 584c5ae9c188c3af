/**
 * The bookmaker and bet-tracker importers the app ships, in detection order (ties go to the earlier one).
 * Trading, poker and bank importers live in their own lists; the mapped importer is built per mapping.
 */
import type { Importer } from './types';
import { pikkitImporter } from './pikkit';
import { sportsbetImporter } from './sportsbet';
import { draftkingsImporter, fanduelImporter } from './sportsbook-scout';

export const BOOKMAKER_IMPORTERS: Importer[] = [
  sportsbetImporter,
  draftkingsImporter,
  fanduelImporter,
  pikkitImporter,
];
