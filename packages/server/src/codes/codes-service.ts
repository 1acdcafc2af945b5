/** The code sets in memory: the catalog (validity by date) and the search index, built at start-up. */
import {
  checkCoding,
  CodeSearch,
  CodeSuggester,
  type CodeCatalog,
  type CodeSet,
  type CodingInput,
} from '@medbill/codes';
import type { Db } from '../db/open-database.ts';
import { loadCatalog } from './code-files.ts';

export interface CodesService {
  catalog: CodeCatalog;
  /** built on first use: a lookup or a validity check never pays for it */
  readonly search: CodeSearch;
  /**
   * The search index, built in slices of a few milliseconds with the event loop free between them (the server starts
   * it once it listens: /api/health and every other request answer meanwhile); the same index as `search`.
   */
  searchIndex: () => Promise<CodeSearch>;
  /** code suggestions from notes; built on first use (the Alphabetic Index tree and Tabular terms) */
  readonly suggester: CodeSuggester;
  demo: boolean;
  loadedAt: Date;
  /** demo lists in use or replaced, releases replaced by a later import (see loadCatalog) */
  notices: string[];
  check: (input: CodingInput) => ReturnType<typeof checkCoding>;
  /** one sentence per code set with no loaded release covering `date` ("…; import FY2027"), for search and lookups */
  coverageNotices: (sets: readonly CodeSet[], date: string) => string[];
}

export function codesServiceFrom(catalog: CodeCatalog, demo: boolean, notices: string[] = []): CodesService {
  let search: CodeSearch | undefined;
  let building: Promise<CodeSearch> | undefined;
  let suggester: CodeSuggester | undefined;
  return {
    catalog,
    get search() {
      if (!search) {
        search = new CodeSearch(catalog);
        catalog.compact();
      }
      return search;
    },
    searchIndex: () => {
      if (search) return Promise.resolve(search);
      building ??= CodeSearch.build(catalog).then(async (built) => {
        search ??= built;
        // the Index terms and the Tabular have served the build: kept compact from now on, made in slices as the
        // build was (the event loop free between them)
        await inSlices(catalog.compactSteps(sliceDue()));
        return search;
      });
      return building;
    },
    get suggester() {
      suggester ??= new CodeSuggester(catalog);
      return suggester;
    },
    demo,
    loadedAt: new Date(),
    notices,
    check: (input) => checkCoding(input, catalog),
    coverageNotices: (sets, date) =>
      sets.map((s) => catalog.coverageGap(s, date)?.message).filter((m): m is string => Boolean(m)),
  };
}

/** A slice's time is up after ~8 ms of work (as the search index build's slices). */
function sliceDue(ms = 8): () => boolean {
  let since = performance.now();
  return () => {
    if (performance.now() - since < ms) return false;
    since = performance.now();
    return true;
  };
}

async function inSlices(steps: Generator<void>): Promise<void> {
  while (!steps.next().done) await new Promise((r) => setImmediate(r));
}

/** With `cacheDir` (the data folder's code-sets/), stored files replay from their parsed snapshots. */
export async function loadCodesService(db: Db, opts: { cacheDir?: string } = {}): Promise<CodesService> {
  const { catalog, demo, notices } = await loadCatalog(db, opts);
  return codesServiceFrom(catalog, demo, notices);
}
