import type { IndexTerm } from '../import/index-xml.ts';
import type { MueLimit, PtpEdit } from '../import/ncci.ts';
import type { PfsIndicators } from '../import/pfs.ts';
import type { TabularEntry } from '../import/tabular-xml.ts';
import type { CodeEntry, CodeSet, IsoDate } from '../types.ts';
import { CodeTable } from './code-table.ts';
import { IndexTermTable } from './index-terms.ts';
import { coverageGap, type CoverageGap } from './coverage.ts';
import { hashRelease } from './serialize-release.ts';
import type { AddReleaseOutcome, ReleaseData, ReleaseMeta, StoredRelease } from './release-types.ts';
import { TabularRules } from './tabular-rules.ts';

export type Validity =
  | { status: 'valid'; entry: CodeEntry; release: StoredRelease }
  | { status: 'header'; entry: CodeEntry; release: StoredRelease }
  | { status: 'not-in-force'; entry: CodeEntry; release: StoredRelease }
  | { status: 'unknown-code'; release: StoredRelease }
  | { status: 'no-release' };

interface Loaded {
  release: StoredRelease;
  byCode?: ReadonlyMap<string, CodeEntry>;
  byPair?: Map<string, PtpEdit[]>;
  byMue?: Map<string, MueLimit>;
  byPfs?: Map<string, PfsIndicators>;
}

/** Which NCCI PTP table: practitioner (837P, ASC) or hospital outpatient (837I, OPPS). */
export type PtpTable = 'practitioner' | 'hospital';
const PTP_SET = { practitioner: 'ncci_ptp', hospital: 'ncci_ptp_hospital' } as const;

/** Normalizes a code as typed: upper case, no dot, no spaces. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s.]/g, '').toUpperCase();
}

/** Releases of every code set, answering by date of service; holds tabular rules and index terms. */
export class CodeCatalog {
  private readonly sets = new Map<CodeSet, Loaded[]>();
  private tabularRules?: TabularRules;
  /**
   * Index terms, one chunk per `setIndexTerms` call, in order: as given until `compact()`, then as compact
   * tables (index-terms.ts)
   */
  private indexChunks: Array<IndexTermTable | readonly IndexTerm[]> = [];
  /** the terms last made from the chunks, while someone still holds them */
  private indexMade?: WeakRef<readonly IndexTerm[]>;
  /** Bumped on every change so a search index can tell it is stale. */
  version = 0;

  /** `contentHash` when the caller already knows it (a stored snapshot), to skip hashing every row again. */
  addRelease(meta: ReleaseMeta, data: ReleaseData, contentHash = hashRelease(data)): AddReleaseOutcome {
    const list = this.sets.get(meta.codeSet) ?? [];
    const same = list.find((l) => l.release.releaseId === meta.releaseId);
    if (same && same.release.contentHash === contentHash) return { status: 'unchanged', release: same.release };
    const twin = list.find((l) => l.release.contentHash === contentHash);
    if (twin && !same) return { status: 'duplicate-content', release: twin.release, sameAs: twin.release.releaseId };
    // a code release is kept as one compact table (code-table.ts), its entries made when asked for; rows it has in
    // common with another release of the set (the fiscal year before) are read from that release's table
    const own: StoredRelease['data'] =
      data.kind === 'codes'
        ? { kind: 'codes', entries: shared(CodeTable.fromEntries(data.entries), list, same) }
        : data;
    const release: StoredRelease = { ...meta, contentHash, data: own };
    const loaded = index(release);
    const next = list.filter((l) => l !== same).concat(loaded);
    next.sort((a, b) => a.release.effectiveFrom.localeCompare(b.release.effectiveFrom));
    this.sets.set(meta.codeSet, next);
    this.version++;
    return same
      ? { status: 'replaced', release, previousHash: same.release.contentHash }
      : { status: 'added', release };
  }

  addCodes(meta: ReleaseMeta, entries: readonly CodeEntry[] | CodeTable): AddReleaseOutcome {
    return this.addRelease(meta, { kind: 'codes', entries });
  }

  removeRelease(codeSet: CodeSet, releaseId: string): boolean {
    const list = this.sets.get(codeSet) ?? [];
    const next = list.filter((l) => l.release.releaseId !== releaseId);
    this.sets.set(codeSet, next);
    this.version++;
    return next.length !== list.length;
  }

  releases(codeSet?: CodeSet): StoredRelease[] {
    const sets = codeSet ? [codeSet] : [...this.sets.keys()];
    return sets.flatMap((s) => (this.sets.get(s) ?? []).map((l) => l.release));
  }

  getRelease(codeSet: CodeSet, releaseId: string): StoredRelease | undefined {
    return this.sets.get(codeSet)?.find((l) => l.release.releaseId === releaseId)?.release;
  }

  /**
   * The release in force on a date: the latest one that started on or before it and has not ended. When no loaded
   * release covers the date, the nearest one stands in (see `coverageGap`, which says so).
   */
  releaseOn(codeSet: CodeSet, date: IsoDate): StoredRelease | undefined {
    return this.loadedOn(codeSet, date)?.release;
  }

  /** The release that covers a date, with no stand-in. */
  coveringRelease(codeSet: CodeSet, date: IsoDate): StoredRelease | undefined {
    return this.covering(codeSet, date)?.release;
  }

  /** When no loaded release of the set covers the date: which one stands in, and what to import. */
  coverageGap(codeSet: CodeSet, date: IsoDate): CoverageGap | undefined {
    return coverageGap(codeSet, this.releases(codeSet), date);
  }

  /** The newest release of a set (what search shows when no date is given). */
  latest(codeSet: CodeSet): StoredRelease | undefined {
    const list = this.sets.get(codeSet);
    return list?.[list.length - 1]?.release;
  }

  private covering(codeSet: CodeSet, date: IsoDate): Loaded | undefined {
    const list = this.sets.get(codeSet) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i].release;
      if (r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo)) return list[i];
    }
    return undefined;
  }

  /**
   * The covering release, else the nearest: the newest that ended before the date, else the first that starts
   * after it. A claim from November checked against the FY2026 codes (with one notice that FY2027 is missing)
   * beats every code on it failing for want of a release.
   */
  private loadedOn(codeSet: CodeSet, date: IsoDate): Loaded | undefined {
    const covering = this.covering(codeSet, date);
    if (covering) return covering;
    const list = this.sets.get(codeSet) ?? [];
    const before = list.filter((l) => l.release.effectiveFrom <= date);
    return before.length ? before[before.length - 1] : list[0];
  }

  /** Looks a code up in a given release, or the newest release when releaseId is omitted. */
  lookup(codeSet: CodeSet, code: string, releaseId?: string): CodeEntry | undefined {
    const list = this.sets.get(codeSet) ?? [];
    const l = releaseId ? list.find((x) => x.release.releaseId === releaseId) : list[list.length - 1];
    return l?.byCode?.get(normalizeCode(code));
  }

  validity(codeSet: CodeSet, code: string, date: IsoDate): Validity {
    const l = this.loadedOn(codeSet, date);
    if (!l) return { status: 'no-release' };
    const entry = l.byCode?.get(normalizeCode(code));
    if (!entry) return { status: 'unknown-code', release: l.release };
    if ((entry.effectiveFrom && date < entry.effectiveFrom) || (entry.effectiveTo && date > entry.effectiveTo)) {
      return { status: 'not-in-force', entry, release: l.release };
    }
    return { status: entry.billable ? 'valid' : 'header', entry, release: l.release };
  }

  /** true when the code is billable (valid for transactions) in the release in force on `date`. */
  isValidOn(codeSet: CodeSet, code: string, date: IsoDate): boolean {
    return this.validity(codeSet, code, date).status === 'valid';
  }

  /** Codes of the release in force on a date (or the newest), for search and diffs. */
  codesOn(codeSet: CodeSet, date?: IsoDate): ReadonlyMap<string, CodeEntry> | undefined {
    const list = this.sets.get(codeSet) ?? [];
    return (date ? this.loadedOn(codeSet, date) : list[list.length - 1])?.byCode;
  }

  /** Codes of one named release. */
  codesIn(codeSet: CodeSet, releaseId: string): ReadonlyMap<string, CodeEntry> | undefined {
    return this.sets.get(codeSet)?.find((l) => l.release.releaseId === releaseId)?.byCode;
  }

  ptpEditsOn(column1: string, column2: string, date: IsoDate, table: PtpTable = 'practitioner'): PtpEdit[] {
    const edits = this.loadedOn(PTP_SET[table], date)?.byPair?.get(`${column1}|${column2}`) ?? [];
    return edits.filter((e) => e.effectiveFrom <= date && (!e.deletedOn || date < e.deletedOn));
  }

  ptpRelease(date: IsoDate, table: PtpTable = 'practitioner'): StoredRelease | undefined {
    return this.loadedOn(PTP_SET[table], date)?.release;
  }

  /** Physician Fee Schedule indicators of a code (the row for the modifier, else the global row). */
  pfsOn(code: string, date: IsoDate, modifier = ''): { row: PfsIndicators; release: StoredRelease } | undefined {
    const l = this.loadedOn('pfs', date);
    const row = l?.byPfs?.get(`${code}|${modifier}`) ?? l?.byPfs?.get(`${code}|`);
    return row && l ? { row, release: l.release } : undefined;
  }

  mueOn(code: string, date: IsoDate): { limit: MueLimit; release: StoredRelease } | undefined {
    const l = this.loadedOn('mue', date);
    const limit = l?.byMue?.get(code);
    return limit && l ? { limit, release: l.release } : undefined;
  }

  /** Tabular List instructional notes (Excludes1, code first, 7th characters) with their source label. */
  setTabular(entries: TabularEntry[], label: string): void {
    this.tabularRules = new TabularRules(entries, label);
    this.version++;
  }

  get tabular(): TabularRules | undefined {
    return this.tabularRules;
  }

  /** Alphabetic Index / Tables terms for search (replaces terms of the same sources). */
  setIndexTerms(terms: readonly IndexTerm[]): void {
    const sources = new Set(terms.map((t) => t.source));
    const chunks: Array<IndexTermTable | readonly IndexTerm[]> = [];
    for (const c of this.indexChunks) {
      if (c instanceof IndexTermTable ? !c.hasSource(sources) : !c.some((t) => sources.has(t.source))) chunks.push(c);
      else {
        const kept = (c instanceof IndexTermTable ? c.terms() : c).filter((t) => !sources.has(t.source));
        if (kept.length) chunks.push(c instanceof IndexTermTable ? IndexTermTable.of(kept) : kept);
      }
    }
    if (terms.length) chunks.push(terms);
    this.indexChunks = chunks;
    this.indexMade = undefined;
    this.version++;
  }

  /**
   * Keeps the Index terms and the Tabular as compact tables from now on (issue 8: ~16 MB and ~13 MB of heap as
   * objects with the official files): the server calls it once its search index is built, so the objects the load
   * parsed serve that build and are then let go. They answer the same; `index` and `tabular.entries` make their
   * objects again when asked. Not a change: the version stays (a search index built before is not stale).
   */
  compact(): void {
    const steps = this.compactSteps(() => false);
    while (!steps.next().done);
  }

  /**
   * `compact()` in slices: yields whenever `due()` says a slice's time is up (~200 ms of CPU with the official
   * files, which a server would otherwise spend with every request waiting). Each chunk of terms, and the Tabular,
   * is swapped in whole once made; one changed meanwhile (a new import) is left as it is.
   */
  *compactSteps(due: () => boolean): Generator<void> {
    for (const c of this.indexChunks) {
      if (c instanceof IndexTermTable) continue;
      const table = yield* IndexTermTable.build(c, due);
      const at = this.indexChunks.indexOf(c);
      if (at < 0) continue;
      this.indexChunks = this.indexChunks.map((x, i) => (i === at ? table : x));
      this.indexMade = undefined;
    }
    const tab = this.tabularRules;
    if (tab) yield* tab.compactSteps(due);
  }

  /**
   * The Index terms, in the order they were set. Once compact, their objects are made when asked for and shared by
   * every caller until no one holds them (building the suggester's Index tree holds them for its time).
   */
  get index(): readonly IndexTerm[] {
    const held = this.indexMade?.deref();
    if (held) return held;
    const chunks = this.indexChunks;
    const made: readonly IndexTerm[] =
      chunks.length === 1 && !(chunks[0] instanceof IndexTermTable)
        ? chunks[0]
        : chunks.flatMap((c) => (c instanceof IndexTermTable ? c.terms() : c));
    this.indexMade = new WeakRef(made);
    return made;
  }
}

function shared(table: CodeTable, list: readonly Loaded[], replaced: Loaded | undefined): CodeTable {
  for (let i = list.length - 1; i >= 0; i--) {
    const d = list[i].release.data;
    if (list[i] !== replaced && d.kind === 'codes' && d.entries !== table && !d.entries.isShared)
      return table.shareWith(d.entries);
  }
  return table;
}

function index(release: StoredRelease): Loaded {
  const d = release.data;
  switch (d.kind) {
    case 'codes':
      return { release, byCode: d.entries.map };
    case 'ncci_ptp': {
      const byPair = new Map<string, PtpEdit[]>();
      for (const e of d.edits) {
        const k = `${e.column1}|${e.column2}`;
        const arr = byPair.get(k);
        if (arr) arr.push(e);
        else byPair.set(k, [e]);
      }
      return { release, byPair };
    }
    case 'mue':
      return { release, byMue: new Map(d.limits.map((m) => [m.code, m])) };
    case 'pfs':
      return { release, byPfs: new Map(d.indicators.map((p) => [`${p.code}|${p.modifier}`, p])) };
  }
}
