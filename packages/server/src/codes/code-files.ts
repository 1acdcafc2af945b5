/**
 * `medbill codes import`: a CMS/CDC file is checked by importing it into a scratch catalog, then
 * stored gzipped with its hash (the same file twice is a no-op). Loading replays every stored file.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import {
  CodeCatalog,
  detectCodeFile,
  importIntoCatalog,
  type CodeFileKind,
  type CodeSet,
  type DetectedFile,
  type FileImportResult,
  type ImportProgress,
} from '@medbill/codes';
import type { Db } from '../db/open-database.ts';
import { readSnapshot, snapshotOf, writeManifest, writeSnapshot, type FileSnapshot } from './code-cache.ts';
import { CatalogAssembler, type LoadedCatalog } from './catalog-from-files.ts';

export interface ImportRequest {
  fileName: string;
  /** the file's bytes; .gz is unpacked */
  bytes: Uint8Array;
  kind?: CodeFileKind;
  /** effective date for files whose name does not carry a release (NCCI, MUE, CPT, …) */
  effective?: string;
  releaseId?: string;
  importedBy?: string;
  onProgress?: (p: ImportProgress) => void;
  /** the data folder's code-sets/: the parsed file is kept there as a snapshot (code-cache.ts) */
  cacheDir?: string;
}

export type ImportOutcome =
  | {
      status: 'imported';
      id: number;
      kind: CodeFileKind;
      records: number;
      releaseId?: string;
      effectiveFrom?: string;
      warnings: FileImportResult['issues'];
    }
  | { status: 'already-imported'; id: number; fileName: string }
  | { status: 'rejected'; kind?: CodeFileKind; issues: FileImportResult['issues']; message: string };

export function unpack(fileName: string, bytes: Uint8Array): string {
  const raw =
    fileName.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b) ? zlib.gunzipSync(bytes) : Buffer.from(bytes);
  return raw.toString('utf8');
}

function describe(req: ImportRequest): DetectedFile | undefined {
  const detected = detectCodeFile(req.fileName);
  const kind = req.kind ?? detected?.kind;
  if (!kind) return undefined;
  const file: DetectedFile = { ...(detected && detected.kind === kind ? detected : { kind }) };
  if (req.effective || req.releaseId) {
    const codeSet = (file.meta?.codeSet ??
      {
        'ncci-ptp': 'ncci_ptp',
        'ncci-ptp-hospital': 'ncci_ptp_hospital',
        'pfs-rvu': 'pfs',
        mue: 'mue',
        cpt: 'cpt',
        hcpcs: 'hcpcs',
        carc: 'carc',
        rarc: 'rarc',
        pos: 'pos',
        taxonomy: 'taxonomy',
        'icd10cm-order': 'icd10cm',
        'icd10pcs-order': 'icd10pcs',
      }[kind as string]) as never;
    file.meta = {
      ...(file.meta ?? {}),
      codeSet,
      releaseId: req.releaseId ?? file.meta?.releaseId ?? `${req.effective}`,
      effectiveFrom: req.effective ?? file.meta!.effectiveFrom,
    } as DetectedFile['meta'];
  }
  return file;
}

export async function importCodeFile(db: Db, req: ImportRequest): Promise<ImportOutcome> {
  const sha256 = crypto.createHash('sha256').update(req.bytes).digest('hex');
  const seen = await db
    .selectFrom('code_file')
    .select(['id', 'file_name'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (seen) return { status: 'already-imported', id: seen.id, fileName: seen.file_name };
  const file = describe(req);
  if (!file)
    return {
      status: 'rejected',
      issues: [],
      message: `Cannot tell what ${req.fileName} is from its name: give the kind (icd10cm-order, icd10pcs-order, icd10cm-tabular, icd10cm-index, icd10cm-index-csv, hcpcs, cpt, ncci-ptp, ncci-ptp-hospital, mue, pfs-rvu, carc, rarc, pos, taxonomy)`,
    };
  if (['ncci-ptp', 'ncci-ptp-hospital', 'mue', 'cpt', 'pfs-rvu'].includes(file.kind) && !file.meta)
    return {
      status: 'rejected',
      kind: file.kind,
      issues: [],
      message: `${file.kind} files carry no release date in their name: give --effective YYYY-MM-DD (the quarter's start)`,
    };
  const text = unpack(req.fileName, req.bytes);
  const scratch = new CodeCatalog();
  const result = await importIntoCatalog(scratch, file, text, { onProgress: req.onProgress });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (!result.ok || errors.length) {
    return {
      status: 'rejected',
      kind: file.kind,
      issues: result.issues,
      message: `${req.fileName} is not a valid ${file.kind} file: ${
        errors
          .slice(0, 3)
          .map((i) => `line ${i.location.line}${i.location.field ? ` (${i.location.field})` : ''}: ${i.message}`)
          .join('; ') || 'no records'
      }`,
    };
  }
  const release = result.outcome?.release;
  writeSnapshot(req.cacheDir, sha256, snapshotOf(scratch));
  const row = await db
    .insertInto('code_file')
    .values({
      kind: file.kind,
      code_set: release?.codeSet ?? null,
      release_id: release?.releaseId ?? null,
      effective_from: release?.effectiveFrom ?? null,
      effective_to: release?.effectiveTo ?? null,
      file_name: req.fileName,
      sha256,
      size_bytes: req.bytes.length,
      records: result.records,
      payload: zlib.gzipSync(Buffer.from(text, 'utf8')),
      imported_by: req.importedBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    status: 'imported',
    id: row.id,
    kind: file.kind,
    records: result.records,
    releaseId: release?.releaseId,
    effectiveFrom: release?.effectiveFrom,
    warnings: result.issues,
  };
}

/**
 * The catalog: every stored file replayed in import order over medbill's demo lists. A demo list stays until an
 * official release of the same code set is imported (importing ICD-10-CM no longer drops the demo CPT, NCCI and MUE
 * lists); every replacement, and every demo list still in use, is a notice. With `cacheDir`, files are replayed
 * from their parsed snapshots (code-cache.ts) and the manifest is rewritten; `only` loads one code set (a lookup).
 */
export async function loadCatalog(
  db: Db,
  opts: { onFile?: (name: string) => void; cacheDir?: string; only?: CodeSet } = {},
): Promise<LoadedCatalog> {
  let query = db
    .selectFrom('code_file')
    .select(['id', 'kind', 'code_set', 'release_id', 'effective_from', 'effective_to', 'file_name', 'sha256'])
    .orderBy('id');
  if (opts.only) query = query.where('code_set', '=', opts.only);
  const rows = await query.execute();
  // one file at a time: read (or parse from the database), apply, let go — never every file's rows at once
  const assembler = new CatalogAssembler(opts.only);
  for (const r of rows) {
    opts.onFile?.(r.file_name);
    let snap = readSnapshot(opts.cacheDir, r.sha256);
    // a code release's older JSON snapshot: its table file is written, so the next start reads no JSON
    if (snap?.fromJson) writeSnapshot(opts.cacheDir, r.sha256, snap);
    if (!snap) {
      const { payload } = await db
        .selectFrom('code_file')
        .select('payload')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      snap = await snapshotFromPayload(r, payload);
      writeSnapshot(opts.cacheDir, r.sha256, snap);
    }
    assembler.add(r.file_name, snap);
  }
  if (opts.cacheDir && !opts.only)
    writeManifest(
      opts.cacheDir,
      rows.map((r) => ({
        id: r.id,
        sha256: r.sha256,
        fileName: r.file_name,
        kind: r.kind,
        codeSet: r.code_set,
        releaseId: r.release_id,
      })),
    );
  return assembler.finish();
}

async function snapshotFromPayload(
  r: {
    kind: string;
    code_set: string | null;
    release_id: string | null;
    effective_from: string | null;
    effective_to: string | null;
    file_name: string;
  },
  payload: Uint8Array,
): Promise<FileSnapshot> {
  const detected = detectCodeFile(r.file_name);
  const file: DetectedFile = {
    kind: r.kind as CodeFileKind,
    ...(detected?.indexSource ? { indexSource: detected.indexSource } : {}),
  };
  if (r.code_set && r.release_id && r.effective_from)
    file.meta = {
      codeSet: r.code_set as never,
      releaseId: r.release_id,
      effectiveFrom: r.effective_from,
      ...(r.effective_to ? { effectiveTo: r.effective_to } : {}),
    } as DetectedFile['meta'];
  const scratch = new CodeCatalog();
  await importIntoCatalog(scratch, file, zlib.gunzipSync(payload).toString('utf8'));
  return snapshotOf(scratch);
}
