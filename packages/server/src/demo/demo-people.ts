import { seededRng } from '@medbill/core/payer-sim';

/** Made-up names and places for synthetic demo patients: combinations of common words, no real person. */
export const FIRST_NAMES_F = [
  'Mary',
  'Linda',
  'Susan',
  'Karen',
  'Nancy',
  'Betty',
  'Sandra',
  'Ashley',
  'Emily',
  'Olivia',
  'Sofia',
  'Ava',
  'Grace',
  'Chloe',
  'Lucia',
  'Rosa',
  'Mei',
  'Aisha',
  'Hannah',
  'Nora',
];
export const FIRST_NAMES_M = [
  'James',
  'Robert',
  'John',
  'Michael',
  'David',
  'William',
  'Joseph',
  'Carlos',
  'Daniel',
  'Luis',
  'Kevin',
  'Brian',
  'Ethan',
  'Noah',
  'Liam',
  'Omar',
  'Wei',
  'Andre',
  'Samuel',
  'Victor',
];
export const LAST_NAMES = [
  'Alder',
  'Brightwater',
  'Castellano',
  'Dunmore',
  'Everly',
  'Fairbanks',
  'Galloway',
  'Hollis',
  'Ingram',
  'Jaramillo',
  'Kettering',
  'Lindqvist',
  'Montoya',
  'Northcott',
  'Okafor',
  'Pemberton',
  'Quintero',
  'Ravenscroft',
  'Salazar',
  'Thornbury',
  'Underhill',
  'Valdivia',
  'Whitcombe',
  'Yarborough',
  'Zamora',
];
export const STREETS = [
  'Mockingbird Ln',
  'Pecan Grove Dr',
  'Bluebonnet Way',
  'Live Oak St',
  'Mesquite Trl',
  'Cedar Ridge Rd',
  'Prairie View Ave',
  'Longhorn Blvd',
];
export const CITIES: Array<[string, string]> = [
  ['Austin', '78701'],
  ['Round Rock', '78664'],
  ['Georgetown', '78626'],
  ['San Marcos', '78666'],
  ['Pflugerville', '78660'],
  ['Cedar Park', '78613'],
];

/** The demo's randomness: the core's seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  const rng = seededRng(seed);
  return () => rng.next();
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}
