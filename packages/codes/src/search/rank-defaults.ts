/**
 * Default-code ranking. Many codes tie on the words a coder types: every 7th-character extension and
 * every side of "Sprain of ankle" matches "ankle sprain" equally, and an Index entry that points to a
 * category lists all its children. Coders then take the default: the side, encounter and detail the
 * query names, otherwise the unspecified side, the initial encounter, the closed fracture and the code
 * whose title adds the fewest details the query did not ask for ("unspecified" / "other" before a
 * specific site, stage or trimester). This module scores a code's own title against the query for that.
 */
import { tokens, words } from './normalize.ts';
import { dict } from './search-util.ts';

export const SIDE_RIGHT = 1;
export const SIDE_LEFT = 2;
export const SIDE_BOTH = 4;
export const ENC_INITIAL = 1;
export const ENC_SUBSEQUENT = 2;
export const ENC_SEQUELA = 4;

/** What the query asks for beyond its words: a side and an encounter. */
export interface QueryContext {
  /** Every search token of every reading of the query (literal, synonyms, qualifiers removed). */
  tokens: Set<string>;
  /** Words the query puts after "with" ("concussion with loss of consciousness"). */
  withTokens: Set<string>;
  side: number;
  encounter: number;
}

/** Words in a title that name the default (so they are not "extra detail" the query did not ask for). */
const DEFAULT_WORDS = new Set([
  'unspecified',
  'initial',
  'encounter',
  'closed',
  'uncomplicated',
  'other',
  'site',
  'part',
  'type',
  'routine',
  'healing',
  'nos',
  'specified',
  'standard',
  'personal',
  'traumatic',
  'primary',
]);

/**
 * A subsequent or sequela encounter the query does not ask for: below the initial encounter and below other codes
 * the words match nearly as well, so the three encounters of one injury code do not fill a page.
 */
const ENCOUNTER_NOT_ASKED = 40;

/** A code for the other side than the one the query names. */
const SIDE_CONFLICT = 6;

export interface TitleInfo {
  /** Words the title negates ("without loss of consciousness"). */
  negated: string[];
  /** HCPCS: an accessory or replacement part rather than the item itself. */
  accessory: boolean;
  /** HCPCS: a compounded drug product (the FDA-approved, non-compounded product is the default). */
  compounded: boolean;
  /** The title says "unspecified" (the default when the query names no detail) or "other" (specified elsewhere). */
  unspecified: boolean;
  other: boolean;
  /** Title tokens that add detail (defaults, "without ..." and "not ..." clauses removed). */
  detail: string[];
  /** All title tokens, for matching query words. */
  all: Set<string>;
  side: number;
  encounter: number;
}

/** Parts and add-ons listed after the item they belong to (HCPCS). */
const ACCESSORY = new Set([
  'accessory',
  'attachment',
  'replacement',
  'holder',
  'extension',
  'adapter',
  'upgrade',
  'modification',
  'feature',
]);

const SIDE_WORDS: Record<string, number> = dict({
  right: SIDE_RIGHT,
  rt: SIDE_RIGHT,
  left: SIDE_LEFT,
  lt: SIDE_LEFT,
  bilateral: SIDE_BOTH,
  bilat: SIDE_BOTH,
  both: SIDE_BOTH,
});
const ENCOUNTER_WORDS: Record<string, number> = dict({
  initial: ENC_INITIAL,
  subsequent: ENC_SUBSEQUENT,
  sequela: ENC_SEQUELA,
  sequelae: ENC_SEQUELA,
  late: ENC_SEQUELA,
});

/** Side and encounter words: qualifiers a coder adds to a diagnosis ("ankle sprain left, subsequent"). */
export function isQualifierWord(w: string): boolean {
  return SIDE_WORDS[w] !== undefined || ENCOUNTER_WORDS[w] !== undefined || w === 'encounter' || w === 'visit';
}

export function queryContext(query: string, readings: string[][]): QueryContext {
  const t = new Set<string>();
  for (const r of readings) for (const w of r) t.add(w);
  const raw = words(query);
  let side = 0;
  let encounter = 0;
  for (const w of [...raw, ...t]) {
    side |= SIDE_WORDS[w] ?? 0;
    encounter |= ENCOUNTER_WORDS[w] ?? 0;
  }
  // "with", or "w/" (but not "w/o", without)
  const w = raw.findIndex((x, i) => x === 'with' || (x === 'w' && raw[i + 1] !== 'o'));
  const withTokens = new Set(w >= 0 ? tokens(raw.slice(w + 1).join(' ')) : []);
  return { tokens: t, withTokens, side, encounter };
}

const cache = new Map<string, TitleInfo>();

/** Drops the memoized title readings (a search index build reads tens of thousands it will not ask for again). */
export function forgetTitleInfo(): void {
  cache.clear();
}

export function titleInfo(title: string): TitleInfo {
  let info = cache.get(title);
  if (info) return info;
  const all = new Set(tokens(title.replace(/[()[\]]/g, ' ')));
  // "without complications", "not intractable", "not having achieved remission" name the default.
  const core = title
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\b(without|not)\b[^,;]*|\bclassified elsewhere\b/gi, ' ');
  const detail = [...new Set(tokens(core))].filter((w) => !DEFAULT_WORDS.has(w) && !/^\d+$/.test(w));
  let side = 0;
  let encounter = 0;
  for (const w of all) {
    side |= SIDE_WORDS[w] ?? 0;
    encounter |= ENCOUNTER_WORDS[w] ?? 0;
  }
  if (/\bunspecified (side|ear|eye|leg|arm|limb|knee|hip|shoulder|hand|foot|wrist|ankle|elbow)\b/i.test(title))
    side = 0;
  const negated = [...new Set(tokens((title.match(/\bwithout\b[^,;]*/gi) ?? []).join(' ')))].filter(
    (w) => w !== 'without',
  );
  const accessory = [...all].some((w) => ACCESSORY.has(w));
  const compounded = /(?<!non-?)\bcompounded\b/i.test(title);
  info = {
    detail,
    all,
    side,
    encounter,
    negated,
    accessory,
    compounded,
    unspecified: all.has('unspecified') || all.has('uncomplicated'),
    other: all.has('other'),
  };
  if (cache.size > 200_000) cache.clear();
  cache.set(title, info);
  return info;
}

/**
 * Score adjustment (a few points) of a code for a query: + for query words and the asked side and encounter
 * in the code's own title, - for another side or encounter, for details the query did not name, for a
 * "without X" title when the query says "with X", and for family history when the query does not say family.
 */
export function defaultAdjust(title: string, q: QueryContext, detailWeight = 0.25): number {
  return adjustFor(titleInfo(title), q, detailWeight);
}

/**
 * HCPCS: the item before its attachments, replacement parts and modifications ("walker" -> a walker, not a
 * walker brake), and the FDA-approved drug product before the compounded one unless the query says compounded.
 */
export function accessoryPenalty(title: string, q: QueryContext): number {
  const info = titleInfo(title);
  return (
    (info.accessory && ![...ACCESSORY].some((w) => q.tokens.has(w)) ? 20 : 0) +
    (info.compounded && !q.tokens.has('compounded') ? 8 : 0)
  );
}

export function adjustFor(info: TitleInfo, q: QueryContext, detailWeight = 0.25): number {
  let adj = 0;
  let matched = 0;
  for (const w of q.tokens) if (info.all.has(w)) matched++;
  adj += Math.min(matched, 4) * 0.6;
  let extra = 0;
  for (const w of info.detail) if (!q.tokens.has(w)) extra++;
  adj -= Math.min(extra, 12) * detailWeight;
  if (q.side) {
    if (info.side & q.side) adj += 4;
    // "bilateral" where only right and left codes exist: both are half right (coded twice), better than neither side.
    else if (q.side === SIDE_BOTH) adj -= info.side ? 1 : 2;
    else if (info.side) adj -= SIDE_CONFLICT;
  } else if (info.side) adj -= 1;
  if (!q.tokens.has('other')) adj += (info.unspecified ? 0.3 : 0) - (info.other ? 0.15 : 0);
  // "with loss of consciousness" is not "without loss of consciousness".
  if (info.negated.some((w) => q.withTokens.has(w))) adj -= 3;
  // "history of X" is the patient's own history unless the query says family.
  if (info.all.has('family') && !q.tokens.has('family')) adj -= 1.5;
  if (q.encounter) {
    if (info.encounter & q.encounter) adj += 3;
    else if (info.encounter) adj -= 4;
  } else if (info.encounter & (ENC_SUBSEQUENT | ENC_SEQUELA)) adj -= ENCOUNTER_NOT_ASKED;
  return adj;
}
