/** build837: a typed claim file → the ST..SE segments of one 837P or 837I transaction (HL numbering included). */
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../../syntax/types.ts';
import { IMPLEMENTATION_VERSION, type ClaimFile837, type SubscriberLoop } from './claim-model.ts';
import { buildClaim, writeSbr } from './build-claim.ts';
import { HlNumberer } from './common/hl-tree.ts';
import { writeParty, writeSpecialty } from './common/party.ts';
import { seg } from './common/values.ts';

export interface Build837Options {
  /** separators used inside composites (component) — default * : ^ ~ */
  delimiters?: Delimiters;
}

/** The ST..SE body (SE01 counts ST through SE). Pure; never throws for a well-typed file. */
export function build837(file: ClaimFile837, opts: Build837Options = {}): Segment[] {
  const d = opts.delimiters ?? DEFAULT_DELIMITERS;
  const version = IMPLEMENTATION_VERSION[file.kind];
  const h = file.header;
  const out: Segment[] = [
    seg('ST', '837', file.controlNumber, version),
    seg('BHT', '0019', h.purpose, h.referenceId, h.date, h.time, h.claimType),
    ...writeParty('41', file.submitter),
    ...writeParty('40', file.receiver),
  ];
  const hl = new HlNumberer();
  for (const bp of file.billingProviders) {
    const a = hl.open(undefined, '20', bp.subscribers.length > 0);
    out.push(a.segment, ...writeSpecialty(bp.specialty), ...writeParty('85', bp.provider));
    if (bp.payTo) out.push(...writeParty('87', bp.payTo));
    for (const sub of bp.subscribers) out.push(...buildSubscriber(file, sub, a.id, hl, d));
  }
  out.push(seg('SE', String(out.length + 1), file.controlNumber));
  return out;
}

function buildSubscriber(file: ClaimFile837, sub: SubscriberLoop, parent: string, hl: HlNumberer, d: Delimiters): Segment[] {
  const b = hl.open(parent, '22', sub.patients.length > 0);
  const out: Segment[] = [b.segment, writeSbr(sub.sbr), ...writeParty('IL', sub.subscriber), ...writeParty('PR', sub.payer)];
  for (const c of sub.claims) out.push(...buildClaim(file.kind, c, d));
  for (const p of sub.patients) {
    const c = hl.open(b.id, '23', false);
    out.push(c.segment, seg('PAT', p.relationship), ...writeParty('QC', p.patient));
    for (const claim of p.claims) out.push(...buildClaim(file.kind, claim, d));
  }
  return out;
}
