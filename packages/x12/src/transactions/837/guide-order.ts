/**
 * Repeated segments the guides want in a fixed order (from the pyx12 maps of 005010X222A1 / X223A2).
 * Builders write in this order and readers return this order, so read(build(x)) is stable for any input order
 * except where order carries meaning (diagnoses keep their order: service-line pointers refer to it).
 */
import type { ClaimKind, HealthCode } from './claim-model.ts';
import type { Reference } from './common/party.ts';

const REF_ORDER: Record<ClaimKind, { claim: string[]; line: string[] }> = {
  professional: {
    claim: ['4N', 'F5', 'EW', '9F', 'G1', 'F8', 'X4', '9A', '9C', 'LX', 'D9', 'EA', 'P4', '1J'],
    line: ['9B', '9D', 'G1', '6R', 'EW', 'X4', 'F4', 'BT', '9F'],
  },
  institutional: {
    claim: ['4N', '9F', 'G1', 'F8', '9A', '9C', 'LX', 'D9', 'LU', 'EA', 'P4', 'G4'],
    line: ['6R', '9B', '9D'],
  },
};

/** 2310 / 2420 loop order by NM101. */
const PROVIDER_ORDER: Record<ClaimKind, { claim: string[]; line: string[] }> = {
  professional: {
    claim: ['DN', 'P3', '82', '77', 'DQ', 'PW', '45'],
    line: ['82', 'QB', '77', 'DQ', 'DK', 'DN', 'P3', 'PW', '45'],
  },
  institutional: { claim: ['71', '72', 'ZZ', '82', '77', 'DN'], line: ['72', 'ZZ', '82', 'DN'] },
};

/** HI kinds in 2300 order; ICD-9 and ICD-10 qualifiers of one kind share a rank. All diagnoses of an 837P share one rank. */
const HI_ORDER: Record<ClaimKind, string[][]> = {
  professional: [['ABK', 'ABF', 'BK', 'BF'], ['BP', 'BO'], ['BG']],
  institutional: [
    ['ABK', 'BK'],
    ['ABJ', 'BJ'],
    ['APR', 'PR'],
    ['ABN', 'BN'],
    ['DR'],
    ['ABF', 'BF'],
    ['BBR', 'BR', 'CAH'],
    ['BBQ', 'BQ'],
    ['BI'],
    ['BH'],
    ['BE'],
    ['BG'],
    ['TC'],
  ],
};

function stableSort<T>(items: readonly T[] | undefined, rank: (t: T) => number): T[] {
  if (!items || items.length === 0) return [];
  let sorted = true; // the common case (built or guide-ordered input): no sort, no tuples
  for (let i = 1; i < items.length && sorted; i++) sorted = rank(items[i - 1]!) <= rank(items[i]!);
  if (sorted) return items.slice();
  return items
    .map((t, i) => [t, i] as const)
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
    .map(([t]) => t);
}

const rankIn = (order: readonly string[], code: string): number =>
  order.includes(code) ? order.indexOf(code) : order.length;

export function refsInGuideOrder(
  kind: ClaimKind,
  level: 'claim' | 'line',
  refs: readonly Reference[] | undefined,
): Reference[] {
  return stableSort(refs, (r) => rankIn(REF_ORDER[kind][level], r.qualifier));
}

export function inLoopOrder<T extends { entityCode: string }>(
  kind: ClaimKind,
  level: 'claim' | 'line',
  providers: readonly T[] | undefined,
): T[] {
  return stableSort(providers, (p) => rankIn(PROVIDER_ORDER[kind][level], p.entityCode));
}

export function healthCodesInGuideOrder(kind: ClaimKind, codes: readonly HealthCode[]): HealthCode[] {
  const groups = HI_ORDER[kind];
  return stableSort(codes, (c) => {
    const i = groups.findIndex((g) => g.includes(c.qualifier));
    return i < 0 ? groups.length : i;
  });
}
