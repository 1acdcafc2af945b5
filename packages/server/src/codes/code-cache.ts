/**
 * What each stored code-set file adds to the catalog, kept parsed beside the data (`$MEDBILL_DATA/code-sets/`):
 * one JSON snapshot per file, named by the file's SHA-256, and a manifest listing the stored files in import order.
 * Replaying a snapshot skips gunzipping and parsing the CMS text (seconds for ICD-10-CM), and `medbill codes valid`
 * answers from the manifest and one code set's snapshots without opening the database.
 *
 * The manifest mirrors the `code_file` table. It is rewritten whenever the catalog is loaded from the database and
 * removed before an import, so a missing or partial one only sends readers to the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  CodeCatalog,
  CodeEntry,
  CodeSet,
  IndexTerm,
  MueLimit,
  PfsIndicators,
  PtpEdit,
  ReleaseMeta,
  TabularEntry,
} from '@medbill/codes';

const FORMAT = 'medbill-code-file/2';
const MANIFEST_FORMAT = 'medbill-code-manifest/1';

type Row = Array<string | number | null>;

/** Release snapshots carry compact rows; tabular and index snapshots their entries. */
type Header = { format: typeof FORMAT } & (
  | { kind: 'codes' | 'ncci_ptp' | 'mue' | 'pfs'; meta: ReleaseMeta; contentHash: string }
  | { kind: 'tabular'; label: string }
  | { kind: 'index' }
);

export type FileSnapshot = { format: typeof FORMAT } & (
  | { kind: 'codes'; meta: ReleaseMeta; contentHash: string; rows: Row[] }
  | { kind: 'ncci_ptp'; meta: ReleaseMeta; contentHash: string; rows: Row[] }
  | { kind: 'mue'; meta: ReleaseMeta; contentHash: string; rows: Row[] }
  | { kind: 'pfs'; meta: ReleaseMeta; contentHash: string; rows: Row[] }
  | { kind: 'tabular'; label: string; entries: TabularEntry[] }
  | { kind: 'index'; terms: IndexTerm[] }
);

export interface ManifestFile {
  id: number;
  sha256: string;
  fileName: string;
  kind: string;
  codeSet: string | null;
  releaseId: string | null;
}

export const codeCacheDir = (dataDir: string) => path.join(dataDir, 'code-sets');

/** The snapshot of a file imported alone into `scratch` (a fresh catalog). */
export function snapshotOf(scratch: CodeCatalog): FileSnapshot {
  const [release] = scratch.releases();
  if (release) {
    const { data, contentHash, ...meta } = release;
    if (data.kind === 'codes')
      return { format: FORMAT, kind: 'codes', meta, contentHash, rows: data.entries.map(codeRow) };
    if (data.kind === 'ncci_ptp')
      return { format: FORMAT, kind: 'ncci_ptp', meta, contentHash, rows: data.edits.map(ptpRow) };
    if (data.kind === 'pfs')
      return { format: FORMAT, kind: 'pfs', meta, contentHash, rows: data.indicators.map(pfsRow) };
    return { format: FORMAT, kind: 'mue', meta, contentHash, rows: data.limits.map(mueRow) };
  }
  if (scratch.tabular)
    return { format: FORMAT, kind: 'tabular', label: scratch.tabular.label, entries: scratch.tabular.entries };
  return { format: FORMAT, kind: 'index', terms: [...scratch.index] };
}

/** Applies a snapshot as the import of its file would; returns the release outcome for versioned sets. */
export function applySnapshot(catalog: CodeCatalog, snap: FileSnapshot) {
  switch (snap.kind) {
    case 'codes':
      return catalog.addRelease(snap.meta, { kind: 'codes', entries: snap.rows.map(entryOf) }, snap.contentHash);
    case 'ncci_ptp':
      return catalog.addRelease(snap.meta, { kind: 'ncci_ptp', edits: snap.rows.map(ptpOf) }, snap.contentHash);
    case 'mue':
      return catalog.addRelease(snap.meta, { kind: 'mue', limits: snap.rows.map(mueOf) }, snap.contentHash);
    case 'pfs':
      return catalog.addRelease(snap.meta, { kind: 'pfs', indicators: snap.rows.map(pfsOf) }, snap.contentHash);
    case 'tabular':
      catalog.setTabular(snap.entries, snap.label);
      return undefined;
    case 'index':
      catalog.setIndexTerms(snap.terms);
      return undefined;
  }
}

/**
 * On disk: the header as one JSON line, then the body as one JSON array with one element a line, so the whole file
 * is two `JSON.parse` calls and one code's row is found with `indexOf` (a lookup reads no other row).
 */
function snapshotText(snap: FileSnapshot): string {
  const { header, items } = split(snap);
  return `${JSON.stringify(header)}\n[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]`;
}

function split(snap: FileSnapshot): { header: Header; items: unknown[] } {
  switch (snap.kind) {
    case 'codes':
    case 'ncci_ptp':
    case 'mue':
    case 'pfs': {
      const { rows, ...header } = snap;
      return { header, items: rows };
    }
    case 'tabular':
      return { header: { format: FORMAT, kind: 'tabular', label: snap.label }, items: snap.entries };
    case 'index':
      return { header: { format: FORMAT, kind: 'index' }, items: snap.terms };
  }
}

function readText(dir: string | undefined, sha256: string): { header: Header; text: string; body: number } | undefined {
  if (!dir) return undefined;
  try {
    const text = fs.readFileSync(path.join(dir, `${sha256}.json`), 'utf8');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as Header;
    return header.format === FORMAT ? { header, text, body: nl + 1 } : undefined;
  } catch {
    return undefined; // missing or damaged: the file is parsed again from the database
  }
}

export function readSnapshot(dir: string | undefined, sha256: string): FileSnapshot | undefined {
  const got = readText(dir, sha256);
  if (!got) return undefined;
  try {
    const items = JSON.parse(got.text.slice(got.body)) as unknown[];
    const h = got.header;
    if (h.kind === 'tabular') return { ...h, entries: items as TabularEntry[] };
    if (h.kind === 'index') return { ...h, terms: sharePathWords(items as IndexTerm[]) };
    return { ...h, rows: items as Row[] };
  } catch {
    return undefined;
  }
}

/** A code release snapshot holding only `code`'s row (or none): enough for a validity check on any date. */
export function readSnapshotForCode(dir: string, sha256: string, code: string): FileSnapshot | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, `${sha256}.json`));
  } catch {
    return undefined;
  }
  // bytes, not text: decoding a 13 MB file to find one line costs more than everything else in a lookup
  const nl = bytes.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT || header.kind !== 'codes') return undefined;
  const at = bytes.indexOf(`\n${JSON.stringify([code]).slice(0, -1)},`, nl);
  const rows: Row[] = [];
  if (at >= 0) {
    const end = bytes.indexOf(10, at + 1);
    const line = bytes.subarray(at + 1, end < 0 ? undefined : end).toString('utf8');
    rows.push(JSON.parse(line.replace(/,$/, '')) as Row);
  }
  return { ...header, rows };
}

/**
 * An Index path repeats its parents' words in every subentry ("Neoplasm, neoplastic" in each of ~1,500 rows): one
 * string per distinct path element (the official Index: ~296,000 elements, ~43,000 distinct), not one per row.
 */
function sharePathWords(terms: IndexTerm[]): IndexTerm[] {
  const seen = new Map<string, string>();
  for (const t of terms) {
    const path = t.path;
    for (let i = 0; i < path.length; i++) {
      const p = seen.get(path[i]);
      if (p === undefined) seen.set(path[i], path[i]);
      else path[i] = p;
    }
  }
  return terms;
}

export function writeSnapshot(dir: string | undefined, sha256: string, snap: FileSnapshot): void {
  if (!dir) return;
  writeAtomically(path.join(dir, `${sha256}.json`), snapshotText(snap));
}

export function readManifest(dir: string): ManifestFile[] | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    return m.format === MANIFEST_FORMAT && Array.isArray(m.files) ? (m.files as ManifestFile[]) : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest(dir: string, files: ManifestFile[]): void {
  writeAtomically(path.join(dir, 'manifest.json'), JSON.stringify({ format: MANIFEST_FORMAT, files }));
  // snapshots of files no longer stored (a restored database) are dropped
  const keep = new Set(files.map((f) => `${f.sha256}.json`));
  for (const name of fs.readdirSync(dir))
    if (/^[0-9a-f]{64}\.json$/.test(name) && !keep.has(name)) fs.rmSync(path.join(dir, name), { force: true });
}

export function removeManifest(dir: string): void {
  fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
}

/** Files of one code set, in import order, when the manifest and all their snapshots are there. */
export function manifestFilesOf(dir: string, codeSet: CodeSet): ManifestFile[] | undefined {
  return readManifest(dir)?.filter((f) => f.codeSet === codeSet);
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

const codeRow = (e: CodeEntry): Row => [
  e.code,
  e.billable ? 1 : 0,
  e.shortTitle === e.longTitle ? null : e.shortTitle,
  e.longTitle,
  e.effectiveFrom ?? null,
  e.effectiveTo ?? null,
  e.attrs ? JSON.stringify(e.attrs) : null,
];
const entryOf = (r: Row): CodeEntry => {
  const longTitle = r[3] as string;
  return {
    code: r[0] as string,
    billable: r[1] === 1,
    shortTitle: (r[2] as string | null) ?? longTitle,
    longTitle,
    ...(r[4] ? { effectiveFrom: r[4] as string } : {}),
    ...(r[5] ? { effectiveTo: r[5] as string } : {}),
    ...(r[6] ? { attrs: JSON.parse(r[6] as string) as Record<string, string> } : {}),
  };
};
const ptpRow = (e: PtpEdit): Row => [
  e.column1,
  e.column2,
  e.priorTo1996 ? 1 : 0,
  e.effectiveFrom,
  e.deletedOn ?? null,
  e.modifierIndicator,
  e.rationale,
];
const ptpOf = (r: Row): PtpEdit => ({
  column1: r[0] as string,
  column2: r[1] as string,
  priorTo1996: r[2] === 1,
  effectiveFrom: r[3] as string,
  ...(r[4] ? { deletedOn: r[4] as string } : {}),
  modifierIndicator: r[5] as PtpEdit['modifierIndicator'],
  rationale: r[6] as string,
});
const mueRow = (m: MueLimit): Row => [m.code, m.maxUnits, m.adjudication, m.rationale];
const mueOf = (r: Row): MueLimit => ({
  code: r[0] as string,
  maxUnits: r[1] as number,
  adjudication: r[2] as MueLimit['adjudication'],
  rationale: r[3] as string,
});
const PFS_KEYS = [
  'code',
  'modifier',
  'status',
  'globalDays',
  'pctc',
  'multipleProcedure',
  'bilateral',
  'assistant',
  'coSurgeons',
] as const;
const pfsRow = (p: PfsIndicators): Row => [...PFS_KEYS.map((k) => p[k]), p.nonFacilityNa ? 1 : 0, p.facilityNa ? 1 : 0];
const pfsOf = (r: Row): PfsIndicators => ({
  ...(Object.fromEntries(PFS_KEYS.map((k, i) => [k, (r[i] as string) ?? ''])) as Omit<
    PfsIndicators,
    'nonFacilityNa' | 'facilityNa'
  >),
  nonFacilityNa: r[9] === 1,
  facilityNa: r[10] === 1,
});
