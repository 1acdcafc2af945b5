/**
 * Repeated segments the guides want in a fixed order (from the pyx12 maps of 005010X222A1 / X223A2).
 * Builders write in this order and readers return this order, so read(build(x)) is stable for any input order
 * except where order carries meaning (diagnoses keep their order: service-line pointers refer to it).
 */
import type { ClaimKind, HealthCode } from './claim-model.ts';
import type { Reference } from '../common/party.ts';

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

/** Rank of each code in an order (codes not listed rank last), looked up once per item. */
type Ranks = ReadonlyMap<string, number> & { last: number };

function ranks(groups: readonly (readonly string[])[]): Ranks {
  const m = new Map<string, number>() as Map<string, number> & { last: number };
  groups.forEach((g, i) => {
    for (const code of g) if (!m.has(code)) m.set(code, i);
  });
  m.last = groups.length;
  return m;
}

const single = (order: readonly string[]) => ranks(order.map((c) => [c]));

const REF_RANKS = {
  professional: { claim: single(REF_ORDER.professional.claim), line: single(REF_ORDER.professional.line) },
  institutional: { claim: single(REF_ORDER.institutional.claim), line: single(REF_ORDER.institutional.line) },
};
const PROVIDER_RANKS = {
  professional: { claim: single(PROVIDER_ORDER.professional.claim), line: single(PROVIDER_ORDER.professional.line) },
  institutional: {
    claim: single(PROVIDER_ORDER.institutional.claim),
    line: single(PROVIDER_ORDER.institutional.line),
  },
};
const HI_RANKS = { professional: ranks(HI_ORDER.professional), institutional: ranks(HI_ORDER.institutional) };

const rankOf = (r: Ranks, code: string): number => r.get(code) ?? r.last;

/**
 * The items in guide order, stable: the items themselves when already in order (the common case, one rank lookup per
 * item), else a sorted copy. Callers copy or only read.
 */
function stableSort<T>(items: readonly T[] | undefined, r: Ranks, key: (t: T) => string): T[] {
  if (!items || items.length === 0) return [];
  let sorted = true;
  let prev = rankOf(r, key(items[0]!));
  for (let i = 1; i < items.length && sorted; i++) {
    const next = rankOf(r, key(items[i]!));
    sorted = prev <= next;
    prev = next;
  }
  if (sorted) return items as T[];
  return items
    .map((t, i) => [t, rankOf(r, key(t)), i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map(([t]) => t);
}

export function refsInGuideOrder(
  kind: ClaimKind,
  level: 'claim' | 'line',
  refs: readonly Reference[] | undefined,
): Reference[] {
  return stableSort(refs, REF_RANKS[kind][level], (x) => x.qualifier);
}

export function inLoopOrder<T extends { entityCode: string }>(
  kind: ClaimKind,
  level: 'claim' | 'line',
  providers: readonly T[] | undefined,
): T[] {
  return stableSort(providers, PROVIDER_RANKS[kind][level], (x) => x.entityCode);
}

export function healthCodesInGuideOrder(kind: ClaimKind, codes: readonly HealthCode[]): HealthCode[] {
  return stableSort(codes, HI_RANKS[kind], (x) => x.qualifier);
}
