/** Made-up names and places for synthetic demo patients: combinations of common words, no real person. */
export const FIRST_NAMES_F = ['Mary', 'Linda', 'Susan', 'Karen', 'Nancy', 'Betty', 'Sandra', 'Ashley', 'Emily', 'Olivia', 'Sofia', 'Ava', 'Grace', 'Chloe', 'Lucia', 'Rosa', 'Mei', 'Aisha', 'Hannah', 'Nora'];
export const FIRST_NAMES_M = ['James', 'Robert', 'John', 'Michael', 'David', 'William', 'Joseph', 'Carlos', 'Daniel', 'Luis', 'Kevin', 'Brian', 'Ethan', 'Noah', 'Liam', 'Omar', 'Wei', 'Andre', 'Samuel', 'Victor'];
export const LAST_NAMES = ['Alder', 'Brightwater', 'Castellano', 'Dunmore', 'Everly', 'Fairbanks', 'Galloway', 'Hollis', 'Ingram', 'Jaramillo', 'Kettering', 'Lindqvist', 'Montoya', 'Northcott', 'Okafor', 'Pemberton', 'Quintero', 'Ravenscroft', 'Salazar', 'Thornbury', 'Underhill', 'Valdivia', 'Whitcombe', 'Yarborough', 'Zamora'];
export const STREETS = ['Mockingbird Ln', 'Pecan Grove Dr', 'Bluebonnet Way', 'Live Oak St', 'Mesquite Trl', 'Cedar Ridge Rd', 'Prairie View Ave', 'Longhorn Blvd'];
export const CITIES: Array<[string, string]> = [['Austin', '78701'], ['Round Rock', '78664'], ['Georgetown', '78626'], ['San Marcos', '78666'], ['Pflugerville', '78660'], ['Cedar Park', '78613']];

/** A small seeded generator (mulberry32), so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}
