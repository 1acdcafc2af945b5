/**
 * The code-set stage's questions, answered once for the routes (`/api/codes/*`) and `medbill codes …`: search as
 * a coder types, coding edits for a set of codes, the loaded releases, one code on a date, and a release diff.
 * They read reference data only (no patient), so they write no audit row.
 */
import { releaseDiff, type CodeSet, type ReleaseDiff, type ReleaseMeta } from '@medbill/codes';
import { AppError, notFound } from '../app-error.ts';
import type { CodesService } from './codes-service.ts';

export const CODE_SETS = [
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'cpt',
  'ncci_ptp',
  'ncci_ptp_hospital',
  'mue',
  'pfs',
  'carc',
  'rarc',
  'pos',
  'taxonomy',
] as const;
export const SEARCH_KINDS = ['diagnosis', 'procedure', 'modifier', ...CODE_SETS] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

type Codes = Pick<CodesService, 'searchIndex' | 'catalog' | 'coverageNotices' | 'check' | 'demo' | 'notices'>;

/** The code sets a search of this kind looks in, for its coverage notices. */
function setsSearched(kind: SearchKind | undefined): CodeSet[] {
  if (kind === undefined) return ['icd10cm', 'hcpcs', 'cpt'];
  if (kind === 'diagnosis') return ['icd10cm'];
  if (kind === 'procedure') return ['hcpcs', 'cpt', 'icd10pcs'];
  if (kind === 'modifier') return ['hcpcs'];
  return [kind];
}

export const releaseView = (r: ReleaseMeta) => ({
  codeSet: r.codeSet,
  releaseId: r.releaseId,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo ?? null,
  source: r.source ?? null,
});

/** Hits for what a coder typed, and — when a date is given and no release covers it — that said once, above them. */
export async function searchCodes(codes: Codes, input: { q: string; kind?: SearchKind; on?: string; limit: number }) {
  const search = await codes.searchIndex();
  return {
    items: search.search(input.q, { kind: input.kind, on: input.on, limit: input.limit }),
    notices: input.on ? codes.coverageNotices(setsSearched(input.kind), input.on) : [],
  };
}

export function checkCodes(codes: Codes, input: Parameters<CodesService['check']>[0]) {
  return { edits: codes.check(input) };
}

export function listCodeReleases(codes: Codes) {
  return { demo: codes.demo, notices: codes.notices, items: codes.catalog.releases().map(releaseView) };
}

/** One code on a date: its entry, whether it is valid then, and the release in force (named, not sent whole). */
export function lookupCode(codes: Codes, input: { codeSet: CodeSet; code: string; on: string }) {
  const { codeSet, code, on } = input;
  const validity = codes.catalog.validity(codeSet, code, on);
  const release = codes.catalog.releaseOn(codeSet, on);
  const entry = codes.catalog.lookup(codeSet, code, release?.releaseId) ?? codes.catalog.lookup(codeSet, code);
  if (!entry && validity.status === 'unknown-code') throw notFound(`Code ${code}`);
  const gap = codes.catalog.coverageGap(codeSet, on);
  const inForce = 'release' in validity ? releaseView(validity.release) : undefined;
  return {
    code,
    codeSet,
    on,
    validity: { status: validity.status, ...(inForce ? { release: inForce } : {}) },
    entry: entry ?? null,
    notice: gap?.message ?? null,
  };
}

/** Codes added, deleted or retitled between two loaded releases (the annual update). */
export function diffCodeReleases(codes: Codes, input: { codeSet: CodeSet; from: string; to: string }): ReleaseDiff {
  const a = codes.catalog.getRelease(input.codeSet, input.from);
  const b = codes.catalog.getRelease(input.codeSet, input.to);
  if (!a || !b)
    throw new AppError('not_found', `Release ${!a ? input.from : input.to} of ${input.codeSet} is not loaded`);
  return releaseDiff(a, b);
}
