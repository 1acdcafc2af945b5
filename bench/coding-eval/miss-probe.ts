/** Development probe: gold codes the shipped suggester never proposes on a CodiEsp split, bucketed by why. */
import { CodeSuggester } from '../../packages/codes/src/suggest/code-suggester.ts';
import { conceptWords } from '../../packages/codes/src/suggest/concept-words.ts';
import { segmentNote } from '../../packages/codes/src/suggest/note-text.ts';
import { termTokens } from '../../packages/codes/src/suggest/term-normalize.ts';
import { loadAll } from '../../packages/codes/test/shared-data.ts';
import { readCodiEsp } from './datasets.ts';
import { lenient } from './metrics.ts';

const ON = '2025-09-30';
const split = (process.argv[2] ?? 'dev') as 'train' | 'dev';
const every = Number(process.argv[3] ?? 1);
const { catalog } = await loadAll({});
const s = new CodeSuggester(catalog);
const match = lenient((c) => catalog.isValidOn('icd10cm', c, ON));
const codes = catalog.codesOn('icd10cm', ON)!;
// Index lines per code (prefix for headers).
const indexPaths = new Map<string, string[][]>();
for (const n of s.tree.nodes) {
  const code = n.code?.replace(/[.-]/g, '');
  if (!code) continue;
  const words: string[] = [];
  for (let p = n.id; p >= 0; p = s.tree.nodes[p].parent) words.unshift(...(s.tree.nodes[p].alts[0] ?? []));
  const l = indexPaths.get(code) ?? [];
  l.push(words);
  indexPaths.set(code, l);
}
const tabTerms = new Map<string, string[][]>();
for (const t of catalog.tabular?.entries ?? []) {
  if (t.kind !== 'diag') continue;
  const l = tabTerms.get(t.id) ?? [];
  for (const x of [t.title ?? '', ...(t.notes.inclusionTerm ?? []), ...(t.notes.includes ?? [])]) l.push(termTokens(x));
  tabTerms.set(t.id, l);
}
const notes = readCodiEsp(split, ON).filter((_, i) => i % every === 0);
const buckets = new Map<string, string[]>();
let gold = 0;
let found = 0;
const t0 = performance.now();
for (const n of notes) {
  const r = s.suggest(n.text, { on: ON, limit: 200, rules: 'every-mention' });
  const cw = conceptWords(segmentNote(n.text));
  const words = new Set(cw.map((w) => w.norm));
  const sentences = new Map<number, Set<string>>();
  for (const w of cw) {
    const set = sentences.get(w.sentence) ?? new Set<string>();
    set.add(w.norm);
    sentences.set(w.sentence, set);
  }
  const inOneSentence = (ws: string[]) => [...sentences.values()].some((set) => ws.every((w) => set.has(w)));
  for (const alts of n.gold) {
    gold++;
    if (r.suggestions.some((x) => alts.some((g) => match(x.code, g)))) {
      found++;
      continue;
    }
    const g = alts[0].replace(/\./g, '');
    const cat = g.slice(0, 3);
    const sameCat = r.suggestions.some((x) => x.code.replace('.', '').startsWith(cat));
    const frac = (ws: string[]) => (ws.length ? ws.filter((w) => words.has(w)).length / ws.length : 0);
    let bestIdx = 0;
    let bestIdxWords: string[] = [];
    for (const [c, ps] of indexPaths) {
      if (!(c === g || c.startsWith(g) || (g.startsWith(c) && c.length >= 3 && false))) continue;
      for (const p of ps) {
        const f = frac(p);
        if (f > bestIdx) {
          bestIdx = f;
          bestIdxWords = p;
        }
      }
    }
    let bestTab = 0;
    let bestTabWords: string[] = [];
    for (let k = g.length; k >= 3; k--) {
      for (const p of tabTerms.get(k === 3 ? g.slice(0, 3) : `${g.slice(0, 3)}.${g.slice(3, k)}`) ?? []) {
        const f = frac(p);
        if (f > bestTab) {
          bestTab = f;
          bestTabWords = p;
        }
      }
    }
    const valid = codes.has(g) || [...codes.keys()].some((c) => c.startsWith(g));
    const b = !valid
      ? 'not-in-release'
      : bestIdx === 1
        ? inOneSentence(bestIdxWords)
          ? 'index-words-one-sentence'
          : 'index-words-all-present'
        : bestTab === 1
          ? 'tabular-words-all-present'
          : sameCat
            ? 'same-category-other-code'
            : bestIdx >= 0.5 || bestTab >= 0.5
              ? 'half-words-present'
              : 'words-absent';
    const l = buckets.get(b) ?? [];
    l.push(
      `${n.id} ${alts[0]} idx[${bestIdxWords.join(' ')}] tab[${bestTabWords.join(' ')}] "${codes.get(g)?.longTitle ?? ''}"`,
    );
    buckets.set(b, l);
  }
}
console.log(
  `${notes.length} notes, ${gold} gold, found ${found} (${((100 * found) / gold).toFixed(1)}%), ${((performance.now() - t0) / notes.length).toFixed(0)} ms/note`,
);
for (const [b, l] of [...buckets].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n== ${b}: ${l.length} (${((100 * l.length) / gold).toFixed(1)}%)`);
  for (const x of l.slice(0, Number(process.env.SHOW ?? 25))) console.log(`  ${x}`);
}
