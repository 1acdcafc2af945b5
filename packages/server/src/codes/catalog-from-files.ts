/**
 * The in-memory catalog from stored code-set files (their parsed snapshots, code-cache.ts), over medbill's demo
 * lists. Kept apart from code-files.ts so a lookup from the cache loads no importer.
 */
import type { CodeCatalog } from '@medbill/codes';
import { CODE_SET_LABELS } from '@medbill/codes';
import { createDemoCatalog, DEMO_RELEASE } from '@medbill/codes';
import { CODE_SETS, type CodeSet } from '@medbill/codes';
import { applySnapshot, manifestFilesOf, readSnapshot, readSnapshotForCode, type FileSnapshot } from './code-cache.ts';

export interface LoadedCatalog {
  catalog: CodeCatalog;
  files: number;
  /** ICD-10-CM is still medbill's demo list (no official release imported) */
  demo: boolean;
  /** what a person should know about the loaded sets: demo lists still in use or replaced, releases replaced */
  notices: string[];
}

/**
 * Loads one code set from the manifest and snapshots alone (no database), or undefined when any is missing. With
 * `code`, each release holds only that code's row: enough to say whether it is valid on any date.
 */
export function loadCatalogFromCache(cacheDir: string, only: CodeSet, code?: string): LoadedCatalog | undefined {
  const listed = manifestFilesOf(cacheDir, only);
  if (!listed) return undefined;
  const assembler = new CatalogAssembler(only);
  for (const f of listed) {
    const snap = code ? readSnapshotForCode(cacheDir, f.sha256, code) : readSnapshot(cacheDir, f.sha256);
    if (!snap) return undefined;
    assembler.add(f.fileName, snap);
  }
  return assembler.finish();
}

/**
 * Stored files applied one by one, in import order, over medbill's demo lists. A demo list stays until an official
 * release of the same code set is imported (importing ICD-10-CM no longer drops the demo CPT, NCCI and MUE lists);
 * every replacement, and every demo list still in use, is a notice.
 */
export class CatalogAssembler {
  private readonly catalog = createDemoCatalog();
  private readonly notices: string[] = [];
  private readonly official = new Set<CodeSet>();
  private files = 0;

  constructor(only?: CodeSet) {
    if (only) for (const set of CODE_SETS) if (set !== only) this.catalog.removeRelease(set, DEMO_RELEASE);
  }

  add(fileName: string, snap: FileSnapshot): void {
    this.files++;
    if (snap.kind === 'codes' || snap.kind === 'ncci_ptp' || snap.kind === 'mue' || snap.kind === 'pfs') {
      const set = snap.meta.codeSet;
      if (!this.official.has(set)) {
        this.official.add(set);
        if (this.catalog.removeRelease(set, DEMO_RELEASE))
          this.notices.push(
            `${CODE_SET_LABELS[set]}: medbill's demo list was replaced by the imported ${snap.meta.releaseId}.`,
          );
      }
    }
    const outcome = applySnapshot(this.catalog, snap);
    if (outcome?.status === 'replaced')
      this.notices.push(
        `${CODE_SET_LABELS[outcome.release.codeSet]} ${outcome.release.releaseId}: an earlier import of this release was replaced by ${fileName}.`,
      );
  }

  finish(): LoadedCatalog {
    const stillDemo = CODE_SETS.filter((s) => this.catalog.getRelease(s, DEMO_RELEASE));
    const notices = [...this.notices];
    if (stillDemo.length)
      notices.unshift(
        `${stillDemo.map((s) => CODE_SET_LABELS[s]).join(', ')}: medbill's demo list${stillDemo.length > 1 ? 's' : ''} (not an official release; import the official files for real work).`,
      );
    return { catalog: this.catalog, files: this.files, demo: !this.official.has('icd10cm'), notices };
  }
}
