import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import type { IndexTerm } from '../import/index-xml.ts';
import type { CodeSet, IsoDate } from '../types.ts';
import { IndexAnalogy } from './index-analogy.ts';
import { forgetStems, tokens } from './normalize.ts';
import { ResidualCodes } from './residual-codes.ts';
import { isSynonymKey, queryVariants, type QueryVariant } from './query-variants.ts';
import { dict, type Group, lowerBound, SortedKeys, topFirst } from './search-util.ts';
import {
  addInclusionDocs,
  addIndexDocs,
  addTitleDocs,
  DOC_INDEX,
  DOC_SEE,
  DOC_TABLE,
  type DocStorage,
  DocStore,
  type DocTable,
  Pace,
  type PostingTable,
} from './search-docs.ts';
import {
  accessoryPenalty,
  adjustFor,
  defaultAdjust,
  forgetTitleInfo,
  isQualifierWord,
  queryContext,
  type QueryContext,
  type TitleInfo,
  titleInfo,
} from './rank-defaults.ts';

export type SearchKind = 'diagnosis' | 'procedure' | 'modifier' | CodeSet;

export interface SearchOptions {
  kind?: SearchKind;
  /** Only codes in the release in force on this date ('YYYY-MM-DD'); newest releases when absent. */
  on?: IsoDate;
  limit?: number;
}

export interface SearchHit {
  /** Display form (ICD-10-CM with its dot). */
  code: string;
  codeSet: CodeSet;
  title: string;
  billable: boolean;
  score: number;
  matchedBy: 'code' | 'title' | 'index' | 'see' | 'table';
  /** Alphabetic Index path that matched, e.g. "Diabetes, type 2, with, neuropathy". */
  indexPath?: string;
}

const KIND_SETS: Record<string, CodeSet[]> = dict({
  diagnosis: ['icd10cm'],
  procedure: ['icd10pcs', 'hcpcs', 'cpt'],
  modifier: ['hcpcs'],
});
const MATCHED_BY = ['title', 'index', 'see', 'table', 'title'] as const;
const MAIN_DEFAULT_BONUS = 3;
/** A main term's Tabular words: said by this share of its subentries' titles, over at least this many subentries. */
const TITLE_WORDS_SHARE = 0.5;
const TITLE_WORDS_MIN_PATHS = 8;
/** Words too common in titles to pick a code within a category. */
/** An Index analogy is used when at least this share of the sibling pairs that make one agree on it. */
const ANALOGY_MIN_SHARE = 0.5;

const OTHER_WORDS = new Set(['specified', 'nec', 'other', 'type', 'site', 'form']);
const GENERIC = new Set(['unspecified', 'other', 'specified', 'nec', 'site', 'type', 'abnormal', 'abnormality']);

/** Two forms of one word: the same first four letters ("pelvis"/"pelvic", "abnormal"/"abnormality"). */
function sameWord(a: string, b: string): boolean {
  return a.length >= 4 && b.length >= 4 && a !== b && a.charCodeAt(0) > 57 && a.slice(0, 4) === b.slice(0, 4);
}

/** In-memory search over all loaded code sets; build once after imports (or when catalog.version moves). */
export class CodeSearch {
  private readonly postings: PostingTable;
  private readonly sortedTokens: string[];
  private readonly sortedKeys: Map<CodeSet, SortedKeys>;
  private readonly docs: DocTable;
  private readonly lens: Uint8Array;
  private readonly kinds: Uint8Array;
  private stamp: Int32Array;
  private count: Uint8Array;
  private ess: Uint8Array;
  private exactLast: Int32Array;
  private freq: Float32Array;
  private depth: Float32Array;
  private scoredBuf: Float64Array;
  private qid = 0;
  /** The query being answered (side, encounter, all reading tokens), for default-code ranking. */
  private ctx: QueryContext = { tokens: new Set(), withTokens: new Set(), side: 0, encounter: 0 };
  /** Per search: the default-first children offered for each header. */
  private readonly kidsRanked = new Map<string, string[]>();
  /** Billable descendants of a header, per header and date (query-independent, so cached). */
  private readonly kidsCache = new Map<string, Array<{ key: string; info: TitleInfo; rank: number }>>();
  /**
   * One-word Index main terms with a code of their own, to that code's category ("Arthritis ... M19.90" -> M19):
   * the Index's default reading of the word, which breaks ties among codes a site word matches equally
   * ("arthritis of hand": osteoarthritis of hand, not staphylococcal arthritis of hand).
   */
  private readonly mainDefault: Map<string, string>;
  /**
   * Index main terms the Tabular words otherwise, learned from the Index itself: "Anomaly, anomalous, <site>" leads to
   * codes titled "Congenital malformation of <site>", so anomaly -> congenital malformation.
   */
  private readonly titleWords: Map<string, string[]>;
  /** An Index entry plus a subterm it lacks, answered from the parallel entries that hold it (index-analogy.ts). */
  private readonly analogy: IndexAnalogy;
  /** A site's "Other disorders of <site>" / unspecified codes, for a main term the Index does not list there. */
  private readonly residual: ResidualCodes;
  /** Documents that matched every word of a reading of the query, in the search being answered. */
  private fullMatches = 0;
  readonly builtAtVersion: number;

  /** Builds the index at once; `CodeSearch.build` makes the same index in slices. */
  constructor(
    private readonly catalog: CodeCatalog,
    built?: BuiltIndex,
  ) {
    this.builtAtVersion = built?.version ?? catalog.version;
    const b = built ?? runToEnd(buildIndex(catalog, new Pace()));
    this.docs = b.docs;
    this.postings = b.postings;
    this.sortedTokens = b.sortedTokens;
    this.sortedKeys = b.sortedKeys;
    this.mainDefault = b.mainDefault;
    this.lens = b.lens;
    this.kinds = b.kinds;
    this.depth = b.depth;
    this.titleWords = b.titleWords;
    this.analogy = b.analogy;
    this.residual = b.residual;
    const n = this.docs.size;
    this.stamp = new Int32Array(n);
    this.count = new Uint8Array(n);
    this.ess = new Uint8Array(n);
    this.exactLast = new Int32Array(n);
    this.freq = new Float32Array(n);
    // grown when a query's docs need more (topFirst's buffer): most queries score a few thousand docs, not all
    this.scoredBuf = new Float64Array(Math.min(n, 16_384));
  }

  /**
   * The same index as `new CodeSearch(catalog)`, built in slices of a few milliseconds with `pause()` between them
   * (the next turn of the event loop by default), so a server answers requests (/api/health) while it builds.
   */
  static async build(
    catalog: CodeCatalog,
    pause: () => Promise<void> = () => new Promise((r) => setImmediate(r)),
  ): Promise<CodeSearch> {
    const pace = new Pace();
    const steps = buildIndex(catalog, pace);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return new CodeSearch(catalog, step.value);
      await pause();
      pace.resume();
    }
  }

  get size(): { docs: number; tokens: number } {
    return { docs: this.docs.size, tokens: this.postings.size };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const sets = options.kind ? (KIND_SETS[options.kind] ?? [options.kind as CodeSet]) : undefined;
    const best = new Map<string, SearchHit>();
    this.codeMatches(query, sets, best, options.on);
    const variants = queryVariants(
      query,
      (w) => this.postings.has(w),
      (p) => {
        const i = lowerBound(this.sortedTokens, p);
        return i < this.sortedTokens.length && this.sortedTokens[i].startsWith(p);
      },
      (w) => this.correct(w),
    );
    // The main term in the Tabular's words ("anomaly of clitoris" -> "congenital malformation of clitoris").
    const first = variants[0]?.tokens ?? [];
    const mapped = first.findIndex((t) => this.titleWords.has(t));
    if (mapped >= 0 && first.length >= 2) {
      const ws = this.titleWords.get(first[mapped])!;
      const t = [...first.slice(0, mapped), ...ws, ...first.slice(mapped + 1)].filter(
        (w, i) => i === mapped || !sameWord(first[mapped], w),
      );
      variants.push({ tokens: [...new Set(t)], lastIsPrefix: false, penalty: 4 });
    }
    this.ctx = queryContext(
      query,
      variants.map((v) => v.tokens),
    );
    // Candidates are gathered as for a page of 10 even when fewer are asked for: many codes tie on the words and
    // the default ranking below picks among them, so the first hits must not depend on `limit`.
    const pool = Math.max(limit, 10);
    this.fullMatches = 0;
    for (const v of variants) this.textMatches(v, sets, best, options.on, pool);
    const wholeQueryMatched = this.fullMatches > 0;
    // Too few hits with every word: let one word go unmatched, scored by the share of the query's information
    // kept (a rare word such as a drug name weighs more than "solution"), below full matches. The same threshold
    // whatever `limit` asks for, so the first hits do not depend on it.
    if (best.size < pool) {
      const docs = this.docs.size;
      for (const v of variants.slice(0, 2)) {
        if (v.tokens.length < 2 || v.tokens.length > 8) continue;
        const idf = v.tokens.map((t) => Math.log(docs / (1 + this.postings.count(t) + this.postings.count(`~${t}`))));
        const total = idf.reduce((a, b) => a + b, 0);
        v.tokens.forEach((_, i) => {
          const share = Math.min((v.tokens.length - 1) / v.tokens.length, 1 - idf[i] / total);
          this.textMatches(
            { ...v, tokens: v.tokens.filter((_, j) => j !== i), penalty: v.penalty + 8, share },
            sets,
            best,
            options.on,
            pool,
          );
        });
      }
      // Still (almost) nothing: a longer query may carry two words no code names ("follow-up exam after fracture
      // healed", a lay phrase read as two words): let two go, scored the same way and lower again.
      if (best.size < 3) {
        for (const v of variants.slice(0, 2)) {
          const n = v.tokens.length;
          if (n < 4 || n > 7) continue;
          const idf = v.tokens.map((t) => Math.log(docs / (1 + this.postings.count(t) + this.postings.count(`~${t}`))));
          const total = idf.reduce((a, b) => a + b, 0);
          for (let i = 0; i < n; i++) {
            for (let k = i + 1; k < n; k++) {
              const share = Math.min((n - 2) / n, 1 - (idf[i] + idf[k]) / total);
              this.textMatches(
                { ...v, tokens: v.tokens.filter((_, j) => j !== i && j !== k), penalty: v.penalty + 16, share },
                sets,
                best,
                options.on,
                pool,
              );
            }
          }
        }
      }
    }
    // A long query that no document matches whole ("anemia hemolytic nonspherocytic congenital pyruvate kinase
    // deficiency"): documents whose own words are all in the query, scored by the share of the query they explain.
    if (best.size < 3 && variants[0] && variants[0].tokens.length >= 3)
      this.containedMatches(variants[0].tokens, sets, best, options.on);
    // Among codes the words match equally, the one whose own title fits the query (side, encounter, fewest
    // extra details). Constant per code, so added once here rather than per matching doc.
    const ctx = this.ctx;
    const defaults = new Set<string>();
    for (const t of variants[0]?.tokens ?? []) {
      const c = this.mainDefault.get(t);
      if (c) defaults.add(c);
    }
    for (const [id, hit] of best) {
      if (hit.matchedBy === 'code') continue;
      const set = hit.codeSet;
      if (set === 'icd10cm') {
        hit.score +=
          defaultAdjust(hit.title, ctx) + (defaults.size && defaults.has(id.slice(8, 11)) ? MAIN_DEFAULT_BONUS : 0);
        continue;
      }
      // HCPCS long descriptors are verbose: count extra details on the short descriptor there.
      const entry = this.catalog.codesOn(set)?.get(id.slice(set.length + 1));
      hit.score += defaultAdjust(entry?.shortTitle || hit.title, ctx, 0.15);
      if (set === 'hcpcs') hit.score -= accessoryPenalty(hit.title, ctx);
    }
    this.kidsRanked.clear();
    this.categoryTitles(best, variants[0]?.tokens ?? [], options.on, sets);
    this.parentDefault(best, variants[0]?.tokens ?? [], options.on, sets);
    if (!sets || sets.includes('icd10cm')) {
      this.sideSiblings(best, options.on);
      this.withoutSibling(best, variants[0]?.tokens ?? [], options.on);
      // The Index's words as written: a reading drops a repeated word ("bypass graft, autologous vein graft").
      this.analogies(best, tokens(query), options.on);
      if (!wholeQueryMatched) this.residualCode(best, variants[0]?.tokens ?? [], options.on);
      this.otherSpecified(best, variants[0]?.tokens ?? [], options.on);
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || Number(b.billable) - Number(a.billable) || a.code.localeCompare(b.code))
      .slice(0, limit);
  }

  private containedMatches(
    query: string[],
    sets: CodeSet[] | undefined,
    best: Map<string, SearchHit>,
    on: IsoDate | undefined,
  ): void {
    const docs = this.docs.size;
    const idf = (t: string) => Math.log(docs / (1 + this.postings.count(t)));
    const total = query.reduce((a, t) => a + idf(t), 0);
    if (total <= 0) return;
    const qid = ++this.qid;
    const touched: number[] = [];
    for (const t of query) {
      const p = this.postings.get(t);
      if (!p || p.length > 20_000) continue;
      const w = idf(t);
      for (let j = 0; j < p.length; j++) {
        const d = p[j];
        if (this.stamp[d] !== qid) {
          this.stamp[d] = qid;
          this.count[d] = 0;
          this.freq[d] = 0;
          touched.push(d);
        }
        this.count[d]++;
        this.freq[d] += w;
      }
    }
    const scored: Array<[number, number]> = [];
    for (const d of touched) {
      if (this.count[d] < 2 || this.count[d] < this.lens[d]) continue;
      const set = this.docs.set(d);
      if (sets && !sets.includes(set)) continue;
      scored.push([70 * (this.freq[d] / total) - this.depth[d], d]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [score, d] of scored.slice(0, 40)) {
      const kind = this.kinds[d];
      this.offer(
        best,
        this.docs.key(d),
        this.docs.set(d),
        score,
        MATCHED_BY[kind],
        kind ? this.docs.text(d) : undefined,
        on,
      );
    }
  }

  /**
   * An Index path matched all but a word or two ("abnormal function studies" of "... kidney"): the code is often the
   * one of the same category whose Tabular title holds the words the path left out (R94.4 "Abnormal results of
   * kidney function studies"). Such codes rank just above the path that matched less.
   */
  private categoryTitles(
    best: Map<string, SearchHit>,
    query: string[],
    on: IsoDate | undefined,
    sets: CodeSet[] | undefined,
  ): void {
    if ((sets && !sets.includes('icd10cm')) || query.length < 3) return;
    const content = query.filter((t) => !isQualifierWord(t) && !GENERIC.has(t));
    const keys = this.sortedKeys.get('icd10cm');
    if (!keys || content.length < 3) return;
    const top = [...best.values()]
      .filter((h) => h.codeSet === 'icd10cm' && (h.matchedBy === 'index' || h.matchedBy === 'see') && h.indexPath)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    const tried = new Set<string>();
    for (const h of top) {
      const path = new Set(tokens(h.indexPath!.replace(/\(see [^)]*\)/, ' ')));
      const rest = content.filter((t) => !path.has(t));
      const category = h.code.replace(/\./g, '').slice(0, 3);
      if (rest.length === 0 || rest.length > 2 || content.length - rest.length < 2) continue;
      if (tried.has(`${category}|${rest.join(' ')}`)) continue;
      tried.add(`${category}|${rest.join(' ')}`);
      let found: string[] = [];
      const overlap: number[] = [];
      for (let i = keys.lowerBound(category); i < keys.length; i++) {
        const k = keys.at(i);
        if (!k.startsWith(category)) break;
        const entry = on ? this.entryOn('icd10cm', k, on) : this.catalog.codesOn('icd10cm')?.get(k);
        if (!entry?.billable) continue;
        const info = titleInfo(entry.longTitle);
        const all = info.all;
        // "Alcoholic hepatitis without ascites" does not name ascites.
        if (!rest.every((t) => all.has(t) && !info.negated.includes(t))) continue;
        found.push(k);
        overlap.push(content.filter((t) => all.has(t)).length);
      }
      // Many titles carry the words ("thoracic region" in every kind of scoliosis): those that hold the most of the
      // query's other words too ("Other forms of scoliosis, thoracic region" for "specified form").
      if (found.length > 4) {
        const most = Math.max(...overlap);
        if (most > rest.length) found = found.filter((_, i) => overlap[i] === most);
      }
      // A word most of the category's titles carry says nothing about which code.
      if (found.length === 0 || found.length > 4) continue;
      // Among them, the title holding more of the query, then the code nearer the path's own (K70.31 for K70.3-).
      const hitKey = h.code.replace(/\./g, '');
      found.forEach((k, i) => {
        let near = 0;
        while (near < k.length && k[near] === hitKey[near]) near++;
        const bonus = 0.3 * overlap[i] + 0.1 * near;
        this.offer(best, k, 'icd10cm', h.score + 1 + rest.length + bonus, 'title', h.indexPath, on);
      });
    }
  }

  /**
   * The query names an Index entry whose own line is not in the index here, but its subentries are ("Dependence,
   * drug NEC, cannabis, with, intoxication" found only as "..., uncomplicated", "..., delirium"): the best hits each
   * hold every query word plus details the query did not name, and their codes share a subcategory (F12.22). The
   * entry itself is that subcategory's default, as the Index gives it: its unspecified / uncomplicated code
   * (F12.229), or the subcategory when it is a code. Offered just above those subentries. When the subentries share
   * only a category ("Pneumonia, in, coccidioidomycosis" found as "..., acute" B38.0 and "..., chronic" B38.1), or the
   * best is the entry's own "specified NEC" line ("Disease, peritoneum, specified NEC" K66.8), the entry is the
   * category's unspecified code nearest the subentries' titles (B38.2 "Pulmonary coccidioidomycosis, unspecified",
   * K66.9 "Disorder of peritoneum, unspecified"), not an "Other" code the query's words do not name.
   */
  private parentDefault(
    best: Map<string, SearchHit>,
    query: string[],
    on: IsoDate | undefined,
    sets: CodeSet[] | undefined,
  ): void {
    if ((sets && !sets.includes('icd10cm')) || query.length === 0) return;
    const top = [...best.values()]
      .filter((h) => h.codeSet === 'icd10cm' && h.matchedBy !== 'code')
      .sort((a, b) => b.score - a.score)
      .slice(0, 8);
    if (top.length < 2 || !top[0].indexPath || top[0].matchedBy === 'title') return;
    const kids: SearchHit[] = [];
    let firstOther = false;
    for (const h of top) {
      if (!h.indexPath || h.matchedBy === 'title' || h.matchedBy === 'table') continue;
      const words = new Set(tokens(h.indexPath.replace(/\(see [^)]*\)|\[manifestation\]/g, ' ')));
      if (!query.every((t) => words.has(t) || this.hasForm(words, t))) continue;
      let extra = 0;
      for (const w of words) if (!this.ctx.tokens.has(w) && !query.some((t) => sameWord(t, w))) extra++;
      if (extra === 0) return;
      // The two best subentries with distinct codes (a 7th character does not make another subentry).
      const stem = h.code.replace(/\./g, '').slice(0, 6);
      if (kids.some((k) => k.code.replace(/\./g, '').slice(0, 6) === stem)) continue;
      // The best is the entry's "specified NEC" / "other" line: the entry itself is the category's unspecified code.
      if (kids.length === 0)
        firstOther = [...words].every(
          (w) => this.ctx.tokens.has(w) || query.some((t) => sameWord(t, w)) || OTHER_WORDS.has(w),
        );
      kids.push(h);
      if (firstOther || kids.length === 2) break;
    }
    if (kids.length < (firstOther ? 1 : 2)) return;
    const keys = kids.map((h) => h.code.replace(/\./g, '').slice(0, 6));
    let n = keys[0].length;
    for (const k of keys) {
      let i = 0;
      while (i < n && i < k.length && k[i] === keys[0][i]) i++;
      n = i;
    }
    if (kids.length === 1) n = Math.min(n, 3);
    if (n < 3) return;
    const prefix = keys[0].slice(0, n);
    if (keys.includes(prefix)) return;
    const paths = kids.map((h) => h.indexPath!.split(', '));
    let depth = paths[0].length;
    for (const p of paths) {
      let i = 0;
      while (i < depth && i < p.length && p[i] === paths[0][i]) i++;
      depth = i;
    }
    const path = paths[0].slice(0, depth).join(', ') || undefined;
    const entry = on ? this.entryOn('icd10cm', prefix, on) : this.catalog.codesOn('icd10cm')?.get(prefix);
    if (!entry) return;
    const score = kids[0].score + 0.5;
    if (entry.billable) {
      this.offer(best, prefix, 'icd10cm', score - 8, 'index', path, on);
      return;
    }
    let pick: string | undefined;
    let pickRank = -Infinity;
    // A whole category: its unspecified code nearest the subentries' titles ("Pulmonary coccidioidomycosis,
    // unspecified" for acute / chronic pulmonary), the category's .9 on a tie.
    const shared = n === 3 ? kids.map((h) => titleInfo(h.title).all) : [];
    // A query word every subentry's title says is kept ("screening for tuberculosis" is not Z11.9).
    const keep = query.filter((w) => shared.length > 0 && shared.every((t) => t.has(w)));
    for (const k of this.childrenOf('icd10cm', prefix, on)) {
      let r = k.rank + adjustFor(k.info, this.ctx);
      if (n === 3) {
        if (!k.info.unspecified || !keep.every((w) => k.info.all.has(w))) continue;
        let near = 0;
        for (const w of k.info.all) if (!GENERIC.has(w) && shared.every((t) => t.has(w))) near++;
        for (const w of k.info.all) if (!GENERIC.has(w) && query.includes(w)) near += 0.01;
        if (near === 0) continue;
        r += 2 * Math.floor(near);
        if (k.key[3] === '9') r += 1;
      }
      if (r > pickRank) {
        pick = k.key;
        pickRank = r;
      }
    }
    if (pick) this.offer(best, pick, 'icd10cm', score - 8, 'index', path, on);
  }

  /**
   * The query is an Index entry followed by a subterm the Index prints under parallel entries but not under this one
   * ("Complication, catheter, intraperitoneal dialysis" + "fibrosis"): the code the analogy gives is offered first.
   */
  private analogies(best: Map<string, SearchHit>, query: string[], on: IsoDate | undefined): void {
    const guesses = this.analogy.guess(query);
    if (guesses.length === 0) return;
    let top = 0;
    for (const h of best.values()) if (h.codeSet === 'icd10cm' && h.score > top) top = h.score;
    // A disputed guess (the sibling pairs point to different codes) is wrong as often as right.
    const g = guesses[0];
    if (g.share < ANALOGY_MIN_SHARE) return;
    const code = g.code;
    const entry = on ? this.entryOn('icd10cm', code, on) : this.catalog.codesOn('icd10cm')?.get(code);
    if (!entry) return;
    // A subterm read from other entries, or from a sibling's same code, under a main term alone ("Low" +
    // "potassium") is a weaker guess: just below the best hit, not above it.
    const at = top + (g.kind !== 'pair' && g.entryDepth < 2 ? -2 : 0.5);
    if (entry.billable) this.offer(best, code, 'icd10cm', at - 8, 'index', undefined, on);
    else {
      this.offer(best, code, 'icd10cm', at + 1, 'index', undefined, on);
      this.offerChildren(best, code, 'icd10cm', at + 1, 'index', undefined, on);
    }
  }

  /**
   * No document holds every word: a main term and a site the Index does not list under it ("Cicatrix, brain") are
   * read as the site's residual code, "Other specified disorders of brain" G93.89, offered first.
   */
  private residualCode(best: Map<string, SearchHit>, query: string[], on: IsoDate | undefined): void {
    let n = 1;
    while (n < query.length && sameWord(query[0], query[n])) n++;
    const site: string[] = [];
    for (const w of query.slice(n)) if (!site.some((x) => sameWord(x, w) || x === w)) site.push(w);
    const code = this.residual.codeFor(query.slice(0, n), site);
    if (!code) return;
    const entry = on ? this.entryOn('icd10cm', code, on) : this.catalog.codesOn('icd10cm')?.get(code);
    if (!entry?.billable) return;
    let top = 0;
    for (const h of best.values()) if (h.codeSet === 'icd10cm' && h.score > top) top = h.score;
    this.offer(best, code, 'icd10cm', top + 0.5 - 8, 'title', undefined, on);
  }

  /**
   * Laterality default: the best codes name a side the query did not ("Madarosis" found as "Madarosis, right"), or
   * none when the query names one ("blepharitis right" found as "Blepharitis"): the sibling code (same subcategory,
   * same 7th character) for the unspecified side, or for the side asked, is offered just above it.
   */
  private sideSiblings(best: Map<string, SearchHit>, on: IsoDate | undefined): void {
    const ctx = this.ctx;
    const top = [...best.values()]
      .filter((h) => h.codeSet === 'icd10cm' && h.matchedBy !== 'code' && h.billable)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    const keys = this.sortedKeys.get('icd10cm');
    if (!keys) return;
    for (const h of top) {
      const info = titleInfo(h.title);
      const wantSide = ctx.side !== 0;
      if (wantSide ? (info.side & ctx.side) !== 0 : info.side === 0) continue;
      const key = h.code.replace(/\./g, '');
      if (key.length < 5) continue;
      const ext = key.length === 7 && /[A-Z]$/.test(key) ? key[6] : '';
      const parent = ext ? key.slice(0, 5) : key.slice(0, -1);
      const pick = this.bestBillableUnder(parent, on, (k, si) => {
        if (k === key || k.length !== key.length || (ext && k[6] !== ext)) return undefined;
        if (wantSide ? (si.side & ctx.side) === 0 : si.side !== 0 || !si.unspecified) return undefined;
        // The sibling that keeps the hit's other details ("right ring finger" for "left ring finger").
        let same = 0;
        for (const w of si.all) if (info.all.has(w) || ctx.tokens.has(w)) same++;
        return same + adjustFor(si, ctx);
      });
      if (pick) this.offer(best, pick, 'icd10cm', h.score + 0.5 - 8, h.matchedBy, h.indexPath, on);
    }
  }

  /**
   * The best hits are an Index entry's "with X" subterm ("Gumboil, with sinus" K04.6) and the query names the entry
   * alone: the entry is the code of the same category whose title says "without X" (K04.7 "Periapical abscess
   * without sinus"), as the Index gives it. Offered just above the "with" hit.
   */
  private withoutSibling(best: Map<string, SearchHit>, query: string[], on: IsoDate | undefined): void {
    if (query.length === 0) return;
    const keys = this.sortedKeys.get('icd10cm');
    if (!keys) return;
    const top = [...best.values()]
      .filter((h) => h.codeSet === 'icd10cm' && h.matchedBy !== 'code' && h.matchedBy !== 'table' && h.indexPath)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    const done = new Set<string>();
    for (const h of top) {
      const path = h.indexPath!.replace(/\(see [^)]*\)|\[manifestation\]/g, ' ');
      const at = path.search(/\bwith\b(?![\s\S]*\bwith\b)/i);
      if (at < 0) continue;
      const after = tokens(path.slice(at));
      const before = tokens(path.slice(0, at));
      const known = (w: string) => this.ctx.tokens.has(w) || query.some((t) => sameWord(t, w));
      if (after.length === 0 || after.some(known) || !before.every(known)) continue;
      const info = titleInfo(h.title);
      if (!after.some((w) => info.all.has(w)) || info.negated.length > 0) continue;
      const key = h.code.replace(/\./g, '');
      const category = key.slice(0, 3);
      const pick = this.bestBillableUnder(category, on, (k, si) => {
        if (k === key || !after.some((w) => si.negated.includes(w))) return undefined;
        let same = 0;
        for (const w of si.all) if (info.all.has(w)) same++;
        for (const w of info.all) if (!si.all.has(w)) same--;
        return same + 0.1 * sharedPrefix(k, key) + adjustFor(si, this.ctx);
      });
      if (!pick || done.has(pick)) continue;
      done.add(pick);
      this.offer(best, pick, 'icd10cm', h.score + 0.5 - 8, h.matchedBy, h.indexPath, on);
    }
  }

  /**
   * The query says "specified (type) NEC" and the best hit is its entry without those words, an unspecified code
   * ("Dyscrasia, blood, newborn" P61.9 for "..., specified type NEC"): the entry's "Other specified" code of the same
   * category (P61.8 "Other specified perinatal hematological disorders") is offered just above it.
   */
  private otherSpecified(best: Map<string, SearchHit>, query: string[], on: IsoDate | undefined): void {
    if (!query.includes('specified') || query.includes('unspecified')) return;
    const keys = this.sortedKeys.get('icd10cm');
    if (!keys) return;
    let h: SearchHit | undefined;
    for (const x of best.values())
      if (x.codeSet === 'icd10cm' && x.matchedBy !== 'code' && (!h || x.score > h.score)) h = x;
    if (!h?.billable || !h.indexPath || tokens(h.indexPath).includes('specified')) return;
    const info = titleInfo(h.title);
    if (!info.unspecified || info.other) return;
    const key = h.code.replace(/\./g, '');
    const category = key.slice(0, 3);
    const pick = this.bestBillableUnder(category, on, (k, si) => {
      if (!si.other || si.unspecified) return undefined;
      // The sibling that keeps the hit's words and adds the fewest of its own, nearest in the code.
      let same = 0;
      for (const w of si.all) if (info.all.has(w)) same++;
      for (const w of si.detail) if (!info.all.has(w)) same--;
      return same + 0.1 * sharedPrefix(k, key) + adjustFor(si, this.ctx);
    });
    if (pick) this.offer(best, pick, 'icd10cm', h.score + 0.5 - 8, h.matchedBy, h.indexPath, on);
  }

  /**
   * The billable ICD-10-CM code under `prefix` (valid on the date, when given) that `rank` scores highest, the first
   * in code order on a tie; `rank` answers undefined for a code it does not consider.
   */
  private bestBillableUnder(
    prefix: string,
    on: IsoDate | undefined,
    rank: (key: string, info: TitleInfo) => number | undefined,
  ): string | undefined {
    const keys = this.sortedKeys.get('icd10cm');
    if (!keys) return undefined;
    let pick: string | undefined;
    let pickRank = -Infinity;
    for (let i = keys.lowerBound(prefix); i < keys.length; i++) {
      const k = keys.at(i);
      if (!k.startsWith(prefix)) break;
      const entry = on ? this.entryOn('icd10cm', k, on) : this.catalog.codesOn('icd10cm')?.get(k);
      if (!entry?.billable) continue;
      const r = rank(k, titleInfo(entry.longTitle));
      if (r !== undefined && r > pickRank) {
        pick = k;
        pickRank = r;
      }
    }
    return pick;
  }

  private hasForm(words: Set<string>, t: string): boolean {
    for (const w of words) if (sameWord(w, t)) return true;
    return false;
  }

  private codeMatches(query: string, sets: CodeSet[] | undefined, best: Map<string, SearchHit>, on?: IsoDate): void {
    const q = query.trim().toUpperCase().replace(/\./g, '');
    if (!/^[A-Z0-9]{1,10}$/.test(q) || (!/\d/.test(q) && q.length !== 2)) return;
    const onlyIcd = query.includes('.');
    for (const [set, keys] of this.sortedKeys) {
      if (sets && !sets.includes(set)) continue;
      if (onlyIcd && set !== 'icd10cm' && set !== 'icd10pcs') continue;
      let i = keys.lowerBound(q);
      for (let n = 0; i < keys.length && n < 50; i++, n++) {
        const k = keys.at(i);
        if (!k.startsWith(q)) break;
        // Two letters are more often an abbreviation (HA, MI) than a modifier: rank below text hits then.
        const base = /\d/.test(q) && !isSynonymKey(query) ? 1000 : 90;
        const score = k === q ? base : base - 100 - (k.length - q.length) * 5 - n * 0.01;
        this.offer(best, k, set, score, 'code', undefined, on);
      }
    }
  }

  private textMatches(
    v: QueryVariant,
    sets: CodeSet[] | undefined,
    best: Map<string, SearchHit>,
    on: IsoDate | undefined,
    limit: number,
  ): void {
    const last = v.tokens.length - 1;
    const groups: Group[] = [];
    for (let i = 0; i <= last; i++) {
      const g = this.group(v.tokens[i], v.lastIsPrefix && i === last);
      // Two forms of one word side by side ("hemorrhage hemorrhagic", "uterus uterine", as an Index element
      // lists them) are one word: either form matches, and a document that holds both counts it once.
      if (i > 0 && sameWord(v.tokens[i - 1], v.tokens[i])) {
        const prev = groups[groups.length - 1];
        if (g.lists.length === 0) continue;
        if (prev.lists.length > 0) {
          prev.lists.push(...g.lists);
          prev.essential.push(...g.essential);
          prev.exact.push(...g.exact);
          prev.size += g.size;
          prev.prefix ||= g.prefix;
          continue;
        }
        groups[groups.length - 1] = g;
        continue;
      }
      groups.push(g);
    }
    if (groups.length === 0 || groups.some((g) => g.lists.length === 0)) return;
    // A complete known last word: words that merely start with it are weaker matches.
    const prefixPenalty = v.lastIsPrefix && this.postings.has(v.tokens[last]) ? 12 : 5;
    groups.sort((a, b) => a.size - b.size);
    const qid = ++this.qid;
    const m = groups.length;
    for (let g = 0; g < m; g++) this.mark(groups[g], g, qid);
    let n = 0;
    let most = 0;
    for (const p of groups[0].lists) most += p.length;
    if (most > this.scoredBuf.length)
      this.scoredBuf = new Float64Array(Math.min(this.docs.size, Math.max(most, 2 * this.scoredBuf.length)));
    const buf = this.scoredBuf;
    const lastGroup = groups.find((g) => g.prefix);
    const share = v.share ?? 1;
    for (const p of groups[0].lists) {
      for (let j = 0; j < p.length; j++) {
        const d = p[j];
        if (this.stamp[d] !== qid || this.count[d] !== m) continue;
        this.count[d] = 0;
        const len = this.lens[d];
        const ess = this.ess[d];
        const kind = this.kinds[d];
        // Words matched only as nonessential modifiers lengthen the doc: they cannot stand in for its unmatched essential words.
        let cov = (ess + 0.9 * (m - ess)) / Math.max(len + m - ess, m);
        if (ess === 0) cov *= 0.5;
        let score =
          100 * cov * share +
          (kind === DOC_INDEX ? 6 : kind === DOC_SEE || kind === DOC_TABLE ? 4 : 3) -
          v.penalty -
          this.depth[d];
        if (lastGroup && this.exactLast[d] !== qid) score += this.freq[d] - prefixPenalty;
        buf[n++] = Math.round(Math.max(score, 0) * 100) * 1_048_576 + d;
      }
    }
    if (v.share === undefined) this.fullMatches += n;
    const scored = topFirst(buf, n, limit * 40);
    let taken = 0;
    for (let i = scored.length - 1; i >= 0; i--) {
      const packed = scored[i];
      const d = packed % 1_048_576;
      const score = (packed - d) / 1_048_576 / 100;
      const set = this.docs.set(d);
      if (sets && !sets.includes(set)) continue;
      const kind = this.kinds[d];
      const key = this.docs.key(d);
      const path = kind === 0 ? undefined : this.docs.text(d);
      if (this.offer(best, key, set, score, MATCHED_BY[kind], path, on)) taken++;
      if (best.get(`${set}:${key}`)?.billable === false)
        taken += this.offerChildren(best, key, set, score, MATCHED_BY[kind], path, on);
      if (taken >= limit * 4) break;
    }
  }

  /** Counts group g for docs that matched groups 0..g-1; essential lists are visited first. */
  private mark(group: Group, g: number, qid: number): void {
    for (let li = 0; li < group.lists.length; li++) {
      const p = group.lists[li];
      const essential = group.essential[li];
      const exact = group.exact[li];
      for (let j = 0; j < p.length; j++) {
        const d = p[j];
        if (g === 0) {
          if (this.stamp[d] === qid) continue;
          this.stamp[d] = qid;
          this.count[d] = 1;
          this.freq[d] = 0;
          this.ess[d] = essential ? 1 : 0;
        } else if (this.stamp[d] === qid && this.count[d] === g) {
          this.count[d] = g + 1;
          if (essential) this.ess[d]++;
        } else continue;
        if (exact && group.prefix) this.exactLast[d] = qid;
        // While typing, a common completion ("neur" -> neuropathy) beats a rare one (neuralgia).
        if (group.prefix && !exact) this.freq[d] = Math.max(this.freq[d], Math.log10(p.length + 1));
      }
    }
  }

  /** Posting lists for one query token; the last token while typing also matches longer words. */
  private group(token: string, prefix: boolean): Group {
    const g: Group = { lists: [], essential: [], exact: [], size: 0, prefix };
    const add = (t: string, essential: boolean, exact: boolean) => {
      const p = this.postings.get(t);
      if (!p) return;
      g.lists.push(p);
      g.essential.push(essential);
      g.exact.push(exact);
      g.size += p.length;
    };
    add(token, true, true);
    add(`~${token}`, false, true);
    if (prefix && token.length >= 2) {
      for (const [t, essential] of this.completions(token)) add(t, essential, false);
    }
    return g;
  }

  /**
   * A header found by words (index "Pain, joint, knee" -> M25.56-) is not billable: its billable
   * children are offered just below it, and the header itself drops below them.
   */
  private offerChildren(
    best: Map<string, SearchHit>,
    key: string,
    set: CodeSet,
    score: number,
    matchedBy: SearchHit['matchedBy'],
    path: string | undefined,
    on?: IsoDate,
  ): number {
    const header = best.get(`${set}:${key}`);
    if (header && header.score > score - 2) header.score = score - 12;
    const rankedId = `${set}:${key}`;
    let top = this.kidsRanked.get(rankedId);
    if (!top) {
      // The 6 best children by default-ness for this query (linear selection: a category can have hundreds).
      const ctx = this.ctx;
      const keys: string[] = [];
      const ranks: number[] = [];
      for (const k of this.childrenOf(set, key, on)) {
        const r = k.rank + adjustFor(k.info, ctx);
        if (keys.length === 6 && r <= ranks[5]) continue;
        let i = Math.min(keys.length, 5);
        while (i > 0 && ranks[i - 1] < r) i--;
        keys.splice(i, 0, k.key);
        ranks.splice(i, 0, r);
        if (keys.length > 6) {
          keys.pop();
          ranks.pop();
        }
      }
      top = keys;
      this.kidsRanked.set(rankedId, top);
    }
    let n = 0;
    for (const kid of top) {
      if (this.offer(best, kid, set, score - 9 - n * 0.01, matchedBy, path, on)) n++;
    }
    return n;
  }

  /** Billable codes under a header (up to 400), with a small bonus for the uncomplicated / unspecified one. */
  private childrenOf(set: CodeSet, key: string, on?: IsoDate): Array<{ key: string; info: TitleInfo; rank: number }> {
    const id = `${set}:${key}:${on ?? ''}`;
    const hit = this.kidsCache.get(id);
    if (hit) return hit;
    const keys = this.sortedKeys.get(set);
    const kids: Array<{ key: string; info: TitleInfo; rank: number }> = [];
    for (let i = (keys?.lowerBound(key) ?? 0) + 1, n = 0; keys && i < keys.length && n < 400; i++, n++) {
      const k = keys.at(i);
      if (!k.startsWith(key)) break;
      const entry = on ? this.entryOn(set, k, on) : this.catalog.codesOn(set)?.get(k);
      // The uncomplicated / "without" / unspecified child is the usual default.
      if (entry?.billable)
        kids.push({
          key: k,
          info: titleInfo(entry.longTitle),
          rank: /\b(uncomplicated|without)\b/i.test(entry.longTitle)
            ? 1
            : /\bunspecified\b/i.test(entry.longTitle)
              ? 0.5
              : 0,
        });
    }
    if (this.kidsCache.size > 20_000) this.kidsCache.clear();
    this.kidsCache.set(id, kids);
    return kids;
  }

  /**
   * The most frequent indexed word one edit (deletion, transposition, substitution, insertion) from an unknown
   * word of 4+ letters: "pnuemonia" -> pneumonia, "diarhea" -> diarrhea, "astma" -> asthma.
   */
  private correct(w: string): string | undefined {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return undefined;
    let best: string | undefined;
    let bestN = 0;
    const consider = (c: string) => {
      const n = this.postings.count(c);
      if (n > bestN) {
        best = c;
        bestN = n;
      }
    };
    for (let i = 0; i < w.length; i++) {
      consider(w.slice(0, i) + w.slice(i + 1));
      if (i + 1 < w.length) consider(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    }
    for (let i = 0; i <= w.length; i++) {
      for (let c = 97; c <= 122; c++) {
        const ch = String.fromCharCode(c);
        if (i < w.length && ch !== w[i]) consider(w.slice(0, i) + ch + w.slice(i + 1));
        consider(w.slice(0, i) + ch + w.slice(i));
      }
    }
    return best;
  }

  /** The most frequent words (essential and nonessential postings) that start with a typed prefix. */
  private completions(prefix: string): Array<[string, boolean]> {
    const found: Array<[string, boolean, number]> = [];
    for (const [p, essential] of [
      [prefix, true],
      [`~${prefix}`, false],
    ] as const) {
      for (
        let i = lowerBound(this.sortedTokens, p);
        i < this.sortedTokens.length && this.sortedTokens[i].startsWith(p);
        i++
      ) {
        if (this.sortedTokens[i] !== p)
          found.push([this.sortedTokens[i], essential, this.postings.count(this.sortedTokens[i])]);
      }
    }
    found.sort((a, b) => b[2] - a[2]);
    // Keep latency flat for one- or two-letter prefixes: cap the words and the postings they bring.
    const out: Array<[string, boolean]> = [];
    let size = 0;
    for (const [t, e, n] of found) {
      const [maxWords, maxPostings] =
        prefix.length <= 2 ? [6, 15_000] : prefix.length === 3 ? [25, 25_000] : [60, 40_000];
      if (out.length >= maxWords || (out.length > 0 && size + n > maxPostings)) break;
      out.push([t, e]);
      size += n;
    }
    return out;
  }

  /** Adds or improves a hit if the code exists (and is in force on `on`); returns true when new. */
  private offer(
    best: Map<string, SearchHit>,
    key: string,
    set: CodeSet,
    score: number,
    matchedBy: SearchHit['matchedBy'],
    indexPath: string | undefined,
    on?: IsoDate,
  ): boolean {
    const id = `${set}:${key}`;
    const prev = best.get(id);
    const entry = on ? this.entryOn(set, key, on) : this.catalog.codesOn(set)?.get(key);
    if (!entry) return false;
    // Code prefixes list in code order (the hierarchy); word matches put billable codes first.
    const total = score + (entry.billable && matchedBy !== 'code' ? 8 : 0);
    if (prev && prev.score >= total) {
      // Keep showing the Index path that also leads to this code.
      if (!prev.indexPath && indexPath && matchedBy !== 'table') prev.indexPath = indexPath;
      return false;
    }
    const path = indexPath ?? prev?.indexPath;
    best.set(id, {
      code: set === 'icd10cm' ? withDot(key) : key,
      codeSet: set,
      title: entry.longTitle,
      billable: entry.billable,
      score: total,
      matchedBy,
      ...(path ? { indexPath: path } : {}),
    });
    return !prev;
  }

  private entryOn(set: CodeSet, key: string, on: IsoDate) {
    const v = this.catalog.validity(set, key, on);
    return v.status === 'valid' || v.status === 'header' ? v.entry : undefined;
  }
}

/** What a search index is made of (buildIndex); the per-query scratch arrays are made by the constructor. */
export interface BuiltIndex {
  version: number;
  docs: DocTable;
  postings: PostingTable;
  sortedTokens: string[];
  sortedKeys: Map<CodeSet, SortedKeys>;
  mainDefault: Map<string, string>;
  titleWords: Map<string, string[]>;
  analogy: IndexAnalogy;
  residual: ResidualCodes;
  lens: Uint8Array;
  kinds: Uint8Array;
  depth: Float32Array;
}

export function runToEnd<T>(steps: Generator<void, T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * Builds the index, yielding whenever `pace` says a slice's time is up. `storage` keeps the docs and postings
 * (compact by default; a test builds with a plain one to check both answer alike).
 */
export function* buildIndex(catalog: CodeCatalog, pace: Pace, storage?: DocStorage): Generator<void, BuiltIndex> {
  const version = catalog.version;
  const sets = [
    ...new Set(
      catalog
        .releases()
        .filter((r) => r.data.kind === 'codes')
        .map((r) => r.codeSet),
    ),
  ];
  const store = new DocStore(storage);
  // the catalog makes its Index terms when asked (code-catalog.ts): asked once, held for the build
  const terms = catalog.index;
  yield* addTitleDocs(store, catalog, sets, pace);
  yield* addIndexDocs(store, terms, pace);
  yield* addInclusionDocs(store, catalog, pace);
  yield;
  const { docs, postings, lens, kinds, depth } = store.finish();
  const mainDefault = new Map<string, string>();
  for (const t of terms) {
    if (pace.due()) yield;
    if (t.source !== 'index' || t.path.length !== 1 || !t.code) continue;
    const head = tokens(t.path[0].replace(/\([^)]*\)/g, ' ').split(',')[0]);
    if (head.length === 1 && !mainDefault.has(head[0])) mainDefault.set(head[0], t.code.replace(/\./g, '').slice(0, 3));
  }
  const titleWords = yield* learnTitleWords(catalog, terms, pace);
  const analogy = yield* IndexAnalogy.build(terms, pace);
  const residual = yield* ResidualCodes.build(catalog, pace);
  yield;
  const sortedTokens = [...postings.terms()].sort();
  const sortedKeys = new Map<CodeSet, SortedKeys>();
  for (const s of sets) {
    yield;
    // Union over releases, so a code deleted later is still found for an earlier `on` date.
    const keys = new Set<string>();
    for (const r of catalog.releases(s)) for (const k of catalog.codesIn(s, r.releaseId)?.keys() ?? []) keys.add(k);
    sortedKeys.set(s, SortedKeys.of(keys));
  }
  // memoized readings of every title and word serve the build; kept, they would hold ~15 MB for the server's life
  forgetTitleInfo();
  forgetStems();
  return {
    version,
    docs,
    postings,
    sortedTokens,
    sortedKeys,
    mainDefault,
    titleWords,
    analogy,
    residual,
    lens,
    kinds,
    depth,
  };
}

/**
 * Index main terms the Tabular words otherwise ("Anomaly, anomalous, <site>" -> "Congenital malformation of
 * <site>"): the words most of a main term's subentries' codes carry in their titles and the paths do not.
 */
function* learnTitleWords(
  catalog: CodeCatalog,
  terms: readonly IndexTerm[],
  pace: Pace,
): Generator<void, Map<string, string[]>> {
  const titleWords = new Map<string, string[]>();
  const codes = catalog.codesOn('icd10cm');
  if (!codes) return titleWords;
  const seen = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const titleTokens = new Map<string, Set<string>>();
  for (const t of terms) {
    if (pace.due()) yield;
    if (t.source !== 'index' || t.path.length < 2 || !t.code) continue;
    const head = tokens(t.path[0].replace(/\([^)]*\)/g, ' ').split(',')[0]);
    if (head.length !== 1) continue;
    const key = t.code.replace(/[.-]/g, '');
    let title = titleTokens.get(key);
    if (!title) {
      const e = codes.get(key);
      if (!e) continue;
      title = new Set(titleInfo(e.longTitle).detail);
      titleTokens.set(key, title);
    }
    const m = head[0];
    totals.set(m, (totals.get(m) ?? 0) + 1);
    const path = new Set(tokens(t.path.join(' ')));
    let counts = seen.get(m);
    if (!counts) seen.set(m, (counts = new Map()));
    for (const w of title)
      if (!path.has(w) && !GENERIC.has(w) && !/^\d/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  for (const [m, counts] of seen) {
    const n = totals.get(m) ?? 0;
    if (n < TITLE_WORDS_MIN_PATHS) continue;
    const words = [...counts]
      .filter(([, c]) => c / n >= TITLE_WORDS_SHARE)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([w]) => w);
    if (words.length) titleWords.set(m, words);
  }
  return titleWords;
}

/** How many leading characters two codes share. */
function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}
