import { isStopWord, tokens, words } from './normalize.ts';
import { isQualifierWord } from './rank-defaults.ts';
import { SYNONYMS } from './synonyms.ts';

export interface QueryVariant {
  tokens: string[];
  /** The user is still typing the last word (no trailing space). */
  lastIsPrefix: boolean;
  /** Score penalty (synonym readings rank just below literal matches of the same quality). */
  penalty: number;
  /** Share of the query's words this reading keeps (below 1 when a word was let go unmatched). */
  share?: number;
}

const MAX_VARIANTS = 8;

/**
 * The query as typed plus readings: abbreviations and lay terms replaced (longest phrase first), words split
 * or joined as the index writes them, typos fixed, and side / encounter words left out (at most 8 readings).
 * `known` says whether a word is in the index; an unknown word or a short word typed in capitals ("PAD",
 * "MI") is read as an abbreviation first. `completes` says whether some indexed word starts with a prefix;
 * `correct` returns the likeliest indexed word one typo away from an unknown word ("pnuemonia"), if any.
 */
export function queryVariants(
  query: string,
  known: (word: string) => boolean = () => true,
  completes: (prefix: string) => boolean = known,
  correct: (word: string) => string | undefined = () => undefined,
): QueryVariant[] {
  const raw = words(query);
  const lastIsPrefix = !/\s$/.test(query);
  const out: QueryVariant[] = [];
  const seen = new Set<string>();
  const push = (ws: string[], penalty: number, prefix: boolean) => {
    const t = [...new Set(tokens(ws.join(' '), !lastIsPrefix))];
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
  // A phrase we know that holds a stop word ("influenza A", "hep A"): the literal reading lost that word.
  if (out.length > 1 && raw.some((w, i) => i > 0 && isStopWord(w) && SYNONYMS[`${raw[i - 1]} ${w}`]))
    out[0].penalty = 10;
  // Words run together ("preeclampsia", "toenail") that the index writes apart or hyphenated, and typos.
  const split = raw.flatMap((w, i) => {
    const tok = tokens(w)[0];
    if (!tok || SYNONYMS[w] || known(tok) || (i === raw.length - 1 && lastIsPrefix && completes(tok))) return [w];
    return decompound(w, known) ?? [correct(tok) ?? w];
  });
  if (split.some((w, i) => w !== raw[i]) || split.length !== raw.length) {
    push(split, 3, false);
    expand(split, 0, [], out.length, (ws) => push(ws, 4, false));
  }
  // Two words the index writes as one ("cold sore" -> Coldsore).
  for (let i = 0; i + 1 < split.length; i++) {
    const joined = split[i] + split[i + 1];
    const tok = tokens(joined)[0];
    if (tok && known(tok)) {
      push([...split.slice(0, i), joined, ...split.slice(i + 2)], 3, false);
    }
  }
  // The Index's "specified NEC" (not elsewhere classified) is the Tabular's residual "Other ..." code.
  const nec = split.findIndex((w) => w === 'nec');
  if (nec >= 0) {
    // "specified type NEC", "specified site NEC": the Tabular's "Other <condition>" names neither type nor site.
    const kind = ['type', 'site', 'form', 'part'].includes(split[nec - 1]) ? nec - 1 : nec;
    const before = split[kind - 1] === 'specified' || split[kind - 1] === 'specific' ? kind - 1 : kind;
    push([...split.slice(0, before), 'other', ...split.slice(nec + 1)], 3, false);
  }
  // Side and encounter ("left", "subsequent") rarely appear in Index paths: also read the query without them
  // and let the default ranking pick the code whose title names them.
  const core = split.filter((w) => !isQualifierWord(w));
  if (core.length > 0 && core.length < split.length) {
    const prefix = lastIsPrefix && !isQualifierWord(split[split.length - 1]);
    push(core, 3, prefix);
    expand(core, 0, [], out.length, (ws) => push(ws, 5, false));
  }
  return out;
}

/** Splits a word into two known words of 3+ letters (or pre/non/sub + word), longest first part first. */
function decompound(w: string, known: (word: string) => boolean): string[] | undefined {
  if (w.length < 6 || /\d/.test(w)) return undefined;
  for (let i = w.length - 3; i >= 3; i--) {
    const a = tokens(w.slice(0, i))[0];
    const b = tokens(w.slice(i))[0];
    if (a && b && known(a) && known(b)) return [w.slice(0, i), w.slice(i)];
  }
  return undefined;
}

/** true when the whole query is an abbreviation or lay term we know (so "DM2" is not a code prefix). */
export function isSynonymKey(query: string): boolean {
  return SYNONYMS[words(query).join(' ')] !== undefined;
}

/** Depth-first replacement of synonym phrases (3, 2 then 1 words) from position i. */
function expand(
  raw: string[],
  i: number,
  acc: string[],
  _n: number,
  emit: (ws: string[]) => void,
  replaced = false,
): void {
  if (i >= raw.length) {
    if (replaced) emit(acc);
    return;
  }
  for (let len = Math.min(3, raw.length - i); len >= 1; len--) {
    const phrase = raw.slice(i, i + len).join(' ');
    // A plural last word ("black stools", "kidney stones") reads as the phrase we know in the singular.
    const alts = SYNONYMS[phrase] ?? (/[^s]s$/.test(phrase) ? SYNONYMS[phrase.slice(0, -1)] : undefined);
    if (!alts) continue;
    for (const alt of alts) expand(raw, i + len, [...acc, ...alt.split(' ')], _n, emit, true);
    // After an earlier replacement ("rt" -> right), also keep this phrase as typed ("right knee pain").
    if (replaced) expand(raw, i + len, [...acc, ...raw.slice(i, i + len)], _n, emit, true);
    return;
  }
  expand(raw, i + 1, [...acc, raw[i]], _n, emit, replaced);
}
