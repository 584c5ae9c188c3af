/** The synthetic-world generator's public surface (see world.ts). */
export { generateWorld, demoWorldFiles, isPersona, PERSONAS } from './world';
export type { GenerateOptions, GeneratedWorld, Persona } from './world';
export type { WorldTotals, GeneratedFile, Eol } from './types';
export { BANK_FORMATS } from './bank';
export type { BankFormat } from './bank';
export { SPORTSBET_HEADER } from './sportsbet';
export { LEFT_POCKET_HEADER } from './poker';
export { PERFORMANCE_HEADER } from './prop';
export { Rng } from './rng';
