import { tokens, words } from './normalize.ts';
import { SYNONYMS } from './synonyms.ts';

export interface QueryVariant {
  tokens: string[];
  /** The user is still typing the last word (no trailing space). */
  lastIsPrefix: boolean;
  /** Score penalty (synonym readings rank just below literal matches of the same quality). */
  penalty: number;
}

const MAX_VARIANTS = 6;

/** The query as typed plus readings with abbreviations and lay terms replaced (longest phrase first). */
/**
 * `known` says whether a word is in the index; an unknown word or a short word typed in capitals
 * ("PAD", "MI") is read as an abbreviation first.
 */
export function queryVariants(query: string, known: (word: string) => boolean = () => true): QueryVariant[] {
  const raw = words(query);
  const lastIsPrefix = !/\s$/.test(query);
  const out: QueryVariant[] = [];
  const seen = new Set<string>();
  const push = (ws: string[], penalty: number, prefix: boolean) => {
    const t = [...new Set(tokens(ws.join(' ')))];
    const k = t.join(' ');
    if (t.length === 0 || seen.has(k) || out.length >= MAX_VARIANTS) return;
    seen.add(k);
    out.push({ tokens: t, lastIsPrefix: prefix, penalty });
  };
  push(raw, 0, lastIsPrefix);
  expand(raw, 0, [], out.length, (ws) => push(ws, 2, false));
  // A known abbreviation typed in full ("MI", "PE", "afib"): read it as typed, not as a word prefix.
  const typed = query.trim().split(/\s+/).pop() ?? '';
  const lastWord = raw[raw.length - 1] ?? '';
  const abbreviation = !known(lastWord) || (/^[A-Z0-9/-]{2,5}$/.test(typed) && /[A-Z]/.test(typed));
  if (out.length > 1 && SYNONYMS[lastWord] && abbreviation) {
    out[0].penalty = 10;
    out[0].lastIsPrefix = false;
  }
  return out;
}

/** true when the whole query is an abbreviation or lay term we know (so "DM2" is not a code prefix). */
export function isSynonymKey(query: string): boolean {
  return SYNONYMS[words(query).join(' ')] !== undefined;
}

/** Depth-first replacement of synonym phrases (3, 2 then 1 words) from position i. */
function expand(raw: string[], i: number, acc: string[], _n: number, emit: (ws: string[]) => void, replaced = false): void {
  if (i >= raw.length) {
    if (replaced) emit(acc);
    return;
  }
  for (let len = Math.min(3, raw.length - i); len >= 1; len--) {
    const phrase = raw.slice(i, i + len).join(' ');
    const alts = SYNONYMS[phrase] ?? (len === 1 ? SYNONYMS[phrase.replace(/s$/, '')] : undefined);
    if (!alts) continue;
    for (const alt of alts) expand(raw, i + len, [...acc, ...alt.split(' ')], _n, emit, true);
    return;
  }
  expand(raw, i + 1, [...acc, raw[i]], _n, emit, replaced);
}
