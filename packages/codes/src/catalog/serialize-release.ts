import type { MueLimit, PtpEdit } from '../import/ncci.ts';
import type { PfsIndicators } from '../import/pfs.ts';
import type { CodeEntry, CodeSet } from '../types.ts';
import { hashRows } from './content-hash.ts';
import type { ReleaseData, ReleaseMeta, StoredRelease } from './release-types.ts';

/** One code of one release as a database row. */
export interface CodeRow {
  codeSet: CodeSet;
  releaseId: string;
  code: string;
  billable: boolean;
  shortTitle: string;
  longTitle: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  /** JSON object text of extra published fields, or undefined. */
  attrs?: string;
}

const esc = (s: string | undefined) =>
  (s ?? '').replace(/[\t\n\\]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\\\'));
const unesc = (s: string) => s.replace(/\\[tn\\]/g, (c) => (c === '\\t' ? '\t' : c === '\\n' ? '\n' : '\\'));
const opt = (s: string) => (s === '' ? undefined : s);

function codeLine(e: CodeEntry): string {
  return [
    e.code,
    e.billable ? '1' : '0',
    esc(e.shortTitle),
    esc(e.longTitle),
    e.effectiveFrom ?? '',
    e.effectiveTo ?? '',
    e.attrs ? esc(JSON.stringify(e.attrs)) : '',
  ].join('\t');
}
function ptpLine(e: PtpEdit): string {
  return [
    e.column1,
    e.column2,
    e.priorTo1996 ? '*' : '',
    e.effectiveFrom,
    e.deletedOn ?? '',
    e.modifierIndicator,
    esc(e.rationale),
  ].join('\t');
}
const PFS_FIELDS = [
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
function pfsLine(p: PfsIndicators): string {
  return [...PFS_FIELDS.map((k) => p[k]), p.nonFacilityNa ? 'NA' : '', p.facilityNa ? 'NA' : ''].join('\t');
}
function mueLine(m: MueLimit): string {
  return [m.code, String(m.maxUnits), m.adjudication, esc(m.rationale)].join('\t');
}

/** Canonical text lines of a release's content (what the content hash covers). */
export function releaseLines(data: ReleaseData | StoredRelease['data']): string[] {
  switch (data.kind) {
    case 'codes':
      return Array.from(data.entries, codeLine);
    case 'ncci_ptp':
      return data.edits.map(ptpLine);
    case 'mue':
      return data.limits.map(mueLine);
    case 'pfs':
      return data.indicators.map(pfsLine);
  }
}

export function hashRelease(data: ReleaseData): string {
  return hashRows(releaseLines(data));
}

function parseLines(kind: ReleaseData['kind'], lines: string[]): ReleaseData {
  const rows = lines.filter((l) => l !== '').map((l) => l.split('\t').map(unesc));
  switch (kind) {
    case 'codes':
      return {
        kind,
        entries: rows.map((f) => ({
          code: f[0],
          billable: f[1] === '1',
          shortTitle: f[2],
          longTitle: f[3],
          ...(f[4] ? { effectiveFrom: f[4] } : {}),
          ...(f[5] ? { effectiveTo: f[5] } : {}),
          ...(f[6] ? { attrs: JSON.parse(f[6]) as Record<string, string> } : {}),
        })),
      };
    case 'ncci_ptp':
      return {
        kind,
        edits: rows.map((f) => ({
          column1: f[0],
          column2: f[1],
          priorTo1996: f[2] === '*',
          effectiveFrom: f[3],
          deletedOn: opt(f[4]),
          modifierIndicator: f[5] as PtpEdit['modifierIndicator'],
          rationale: f[6] ?? '',
        })),
      };
    case 'mue':
      return {
        kind,
        limits: rows.map((f) => ({
          code: f[0],
          maxUnits: Number(f[1]),
          adjudication: f[2] as MueLimit['adjudication'],
          rationale: f[3] ?? '',
        })),
      };
    case 'pfs':
      return {
        kind,
        indicators: rows.map((f) => {
          const p = Object.fromEntries(PFS_FIELDS.map((k, i) => [k, f[i] ?? ''])) as Omit<
            PfsIndicators,
            'nonFacilityNa' | 'facilityNa'
          >;
          return { ...p, nonFacilityNa: f[9] === 'NA', facilityNa: f[10] === 'NA' };
        }),
      };
  }
}

/**
 * Compact text form of a release (one JSON header line, then one tab-separated line per row):
 * about the size of the CMS file. Store it in one text/bytea column, or use releaseToRows.
 */
export function serializeRelease(release: StoredRelease): string {
  const { data, ...meta } = release;
  return `${JSON.stringify({ format: 'medbill-release/1', kind: data.kind, ...meta })}\n${releaseLines(data).join('\n')}`;
}

export class ReleaseFormatError extends Error {
  readonly code = 'release.format';
}

/** Reverses serializeRelease; the result goes to CodeCatalog.addRelease(meta, data). */
export function deserializeRelease(text: string): { meta: ReleaseMeta; data: ReleaseData; contentHash: string } {
  const nl = text.indexOf('\n');
  let head: { format?: string; kind?: ReleaseData['kind']; contentHash?: string } & Partial<ReleaseMeta>;
  try {
    head = JSON.parse(nl < 0 ? text : text.slice(0, nl));
  } catch {
    throw new ReleaseFormatError('release text: first line is not the JSON header');
  }
  if (head.format !== 'medbill-release/1' || !head.kind || !head.codeSet || !head.releaseId || !head.effectiveFrom) {
    throw new ReleaseFormatError(
      'release text: header lacks format medbill-release/1, kind, codeSet, releaseId or effectiveFrom',
    );
  }
  let data: ReleaseData;
  try {
    data = parseLines(head.kind, nl < 0 ? [] : text.slice(nl + 1).split('\n'));
  } catch (err) {
    throw new ReleaseFormatError(`release text: a row could not be read (${(err as Error).message})`);
  }
  const meta: ReleaseMeta = {
    codeSet: head.codeSet,
    releaseId: head.releaseId,
    effectiveFrom: head.effectiveFrom,
    ...(head.effectiveTo ? { effectiveTo: head.effectiveTo } : {}),
    ...(head.source ? { source: head.source } : {}),
  };
  return { meta, data, contentHash: head.contentHash ?? '' };
}

/** Plain database rows for a code release (one per code). */
export function releaseToRows(release: StoredRelease): CodeRow[] {
  if (release.data.kind !== 'codes')
    throw new ReleaseFormatError(`releaseToRows: ${release.data.kind} releases use serializeRelease`);
  return Array.from(release.data.entries, (e) => ({
    codeSet: release.codeSet,
    releaseId: release.releaseId,
    code: e.code,
    billable: e.billable,
    shortTitle: e.shortTitle,
    longTitle: e.longTitle,
    effectiveFrom: e.effectiveFrom,
    effectiveTo: e.effectiveTo,
    attrs: e.attrs ? JSON.stringify(e.attrs) : undefined,
  }));
}

/** Rebuilds code entries from database rows (in stored order). */
export function rowsToEntries(rows: CodeRow[]): CodeEntry[] {
  return rows.map((r) => ({
    code: r.code,
    billable: r.billable,
    shortTitle: r.shortTitle,
    longTitle: r.longTitle,
    ...(r.effectiveFrom ? { effectiveFrom: r.effectiveFrom } : {}),
    ...(r.effectiveTo ? { effectiveTo: r.effectiveTo } : {}),
    ...(r.attrs ? { attrs: JSON.parse(r.attrs) as Record<string, string> } : {}),
  }));
}
