/**
 * What each stored code-set file adds to the catalog, kept parsed beside the data (`$MEDBILL_DATA/code-sets/`):
 * one JSON snapshot per file, named by the file's SHA-256, and a manifest listing the stored files in import order.
 * Replaying a snapshot skips gunzipping and parsing the CMS text (seconds for ICD-10-CM), and `medbill codes valid`
 * answers from the manifest and one code set's snapshots without opening the database.
 *
 * A code release (ICD-10-CM/PCS, HCPCS, …) is kept as its compact table instead (`<sha256>.codes`, see
 * writeTableFile): the arrays the catalog keeps in memory, read back as views of the file's bytes, so a start makes
 * no object, string or parse garbage per code. A `.json` snapshot of a code release (format 2, before the tables)
 * is still read, and the table file written from it.
 *
 * The manifest mirrors the `code_file` table. It is rewritten whenever the catalog is loaded from the database and
 * removed before an import, so a missing or partial one only sends readers to the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeTable,
  CodeTableBuilder,
  type CodeCatalog,
  type CodeSet,
  type IndexTerm,
  type MueLimit,
  type PfsIndicators,
  type PtpEdit,
  type ReleaseMeta,
  type TabularEntry,
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
  | { kind: 'codes'; meta: ReleaseMeta; contentHash: string; table: CodeTable }
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
    if (data.kind === 'codes') return { format: FORMAT, kind: 'codes', meta, contentHash, table: data.entries };
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
      return catalog.addRelease(snap.meta, { kind: 'codes', entries: snap.table }, snap.contentHash);
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
function snapshotText(snap: Exclude<FileSnapshot, { kind: 'codes' }>): string {
  const { header, items } = split(snap);
  return `${JSON.stringify(header)}\n[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]`;
}

function split(snap: Exclude<FileSnapshot, { kind: 'codes' }>): { header: Header; items: unknown[] } {
  switch (snap.kind) {
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

/**
 * The snapshot of a stored file, or undefined when there is none (or it cannot be read). `fromJson` says a code
 * release came from its older JSON snapshot: the caller writes the table file for the next start.
 */
export function readSnapshot(
  dir: string | undefined,
  sha256: string,
): (FileSnapshot & { fromJson?: boolean }) | undefined {
  const table = readTableFile(dir, sha256);
  if (table) return table;
  const got = readText(dir, sha256);
  if (!got) return undefined;
  try {
    const items = JSON.parse(got.text.slice(got.body)) as unknown[];
    const h = got.header;
    if (h.kind === 'tabular') return { ...h, entries: items as TabularEntry[] };
    if (h.kind === 'index') return { ...h, terms: items as IndexTerm[] };
    if (h.kind === 'codes') return { ...h, kind: 'codes', table: tableOf(items as Row[]), fromJson: true };
    return { ...h, kind: h.kind, rows: items as Row[] } as FileSnapshot;
  } catch {
    return undefined;
  }
}

/** A code release snapshot holding only `code`'s row (or none): enough for a validity check on any date. */
export function readSnapshotForCode(dir: string, sha256: string, code: string): FileSnapshot | undefined {
  // a table file is views of its bytes: the whole release costs no more to read than one code
  const table = readTableFile(dir, sha256);
  if (table) return table;
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
  return { ...header, kind: 'codes', table: tableOf(rows) };
}

export function writeSnapshot(dir: string | undefined, sha256: string, snap: FileSnapshot): void {
  if (!dir) return;
  if (snap.kind === 'codes') {
    writeTableFile(dir, sha256, snap);
    // the older JSON snapshot of the release, if any, is replaced by the table file
    fs.rmSync(path.join(dir, `${sha256}.json`), { force: true });
  } else writeAtomically(path.join(dir, `${sha256}.json`), snapshotText(snap));
}

const TABLE_FORMAT = 'medbill-code-table/1';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface TableHeader {
  format: typeof TABLE_FORMAT;
  kind: 'codes';
  meta: ReleaseMeta;
  contentHash: string;
  length: number;
  distinct: number;
  ascii: boolean;
  slots: number;
  bytes: number;
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * A code release's table file: a JSON header line (padded with spaces to a multiple of 8 bytes), then the table's
 * arrays one after the other, each starting on a multiple of 8: offsets (Uint32, 4 per entry + 1), hash slots
 * (Int32), flags (one byte per entry), the UTF-8 text. Little-endian, as the machines medbill runs on.
 */
function writeTableFile(dir: string, sha256: string, snap: Extract<FileSnapshot, { kind: 'codes' }>): void {
  const p = snap.table.parts();
  const header: TableHeader = {
    format: TABLE_FORMAT,
    kind: 'codes',
    meta: snap.meta,
    contentHash: snap.contentHash,
    length: p.length,
    distinct: p.distinct,
    ascii: p.ascii,
    slots: p.slots.length,
    bytes: p.bytes.length,
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const headLength = pad8(head.length);
  const sections = [p.at, p.slots, p.flags, p.bytes];
  let total = headLength;
  for (const a of sections) total += pad8(a.byteLength);
  const out = Buffer.alloc(total, 0);
  out.fill(0x20, head.length - 1, headLength);
  head.copy(out, 0, 0, head.length - 1);
  out[headLength - 1] = 10;
  let at = headLength;
  for (const a of sections) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad8(a.byteLength);
  }
  writeAtomically(path.join(dir, `${sha256}.codes`), out);
}

function readTableFile(dir: string | undefined, sha256: string): Extract<FileSnapshot, { kind: 'codes' }> | undefined {
  if (!dir || !LITTLE_ENDIAN) return undefined;
  let file: Buffer;
  try {
    file = fs.readFileSync(path.join(dir, `${sha256}.codes`));
  } catch {
    return undefined;
  }
  try {
    const nl = file.indexOf(10);
    const header = JSON.parse(file.subarray(0, nl).toString('utf8')) as TableHeader;
    if (header.format !== TABLE_FORMAT || header.kind !== 'codes' || (nl + 1) % 8 !== 0) return undefined;
    // typed arrays need their offsets aligned: a file read into a pooled buffer is copied once
    const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file));
    const base = bytes.byteOffset;
    let at = nl + 1;
    const take = <T>(
      make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
      count: number,
      size: number,
    ) => {
      if (at + count * size > bytes.length) throw new RangeError('table file cut short');
      const view = make(bytes.buffer, base + at, count);
      at += pad8(count * size);
      return view;
    };
    const n = header.length;
    const table = CodeTable.fromParts({
      length: n,
      distinct: header.distinct,
      ascii: header.ascii,
      at: take((b, o, l) => new Uint32Array(b, o, l), 4 * n + 1, 4),
      slots: take((b, o, l) => new Int32Array(b, o, l), header.slots, 4),
      flags: take((b, o, l) => new Uint8Array(b, o, l), n, 1),
      bytes: take((b, o, l) => new Uint8Array(b, o, l), header.bytes, 1),
    });
    return { format: FORMAT, kind: 'codes', meta: header.meta, contentHash: header.contentHash, table };
  } catch {
    return undefined; // damaged: read from the JSON snapshot or the database again
  }
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
  const keep = new Set(files.map((f) => f.sha256));
  for (const name of fs.readdirSync(dir))
    if (/^[0-9a-f]{64}\.(json|codes)$/.test(name) && !keep.has(name.slice(0, 64)))
      fs.rmSync(path.join(dir, name), { force: true });
}

export function removeManifest(dir: string): void {
  fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
}

/** Files of one code set, in import order, when the manifest and all their snapshots are there. */
export function manifestFilesOf(dir: string, codeSet: CodeSet): ManifestFile[] | undefined {
  return readManifest(dir)?.filter((f) => f.codeSet === codeSet);
}

function writeAtomically(file: string, text: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Rows straight into a compact table (code-table.ts): no entry object per code, even for a moment. */
function tableOf(rows: Row[]): CodeTable {
  const b = new CodeTableBuilder();
  for (const r of rows) {
    const longTitle = r[3] as string;
    const short = r[2] as string | null;
    b.add({
      code: r[0] as string,
      billable: r[1] === 1,
      shortTitle: short === null || short === longTitle ? undefined : short,
      longTitle,
      extra:
        r[4] || r[5] || r[6]
          ? JSON.stringify([r[4] || null, r[5] || null, r[6] ? (JSON.parse(r[6] as string) as object) : null])
          : undefined,
    });
  }
  return b.finish();
}
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
