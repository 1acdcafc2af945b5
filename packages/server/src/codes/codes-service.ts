/** The code sets in memory: the catalog (validity by date) and the search index, built at start-up. */
import { checkCoding, CodeSearch, type CodeCatalog, type CodingInput } from '@medbill/codes';
import type { Db } from '../db/open-database.ts';
import { loadCatalog } from './code-files.ts';

export interface CodesService {
  catalog: CodeCatalog;
  search: CodeSearch;
  demo: boolean;
  loadedAt: Date;
  check: (input: CodingInput) => ReturnType<typeof checkCoding>;
}

export function codesServiceFrom(catalog: CodeCatalog, demo: boolean): CodesService {
  return {
    catalog,
    search: new CodeSearch(catalog),
    demo,
    loadedAt: new Date(),
    check: (input) => checkCoding(input, catalog),
  };
}

export async function loadCodesService(db: Db): Promise<CodesService> {
  const { catalog, demo } = await loadCatalog(db);
  return codesServiceFrom(catalog, demo);
}
