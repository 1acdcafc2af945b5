/** build837: a typed claim file → the ST..SE segments of one 837P or 837I transaction (HL numbering included). */
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type SegmentSink } from '../../syntax/types.ts';
import { IMPLEMENTATION_VERSION, type ClaimFile837, type SubscriberLoop } from './claim-model.ts';
import { buildClaim, writeSbr } from './build-claim.ts';
import { HlNumberer } from '../common/hl-tree.ts';
import { writePartyInto } from '../common/party.ts';
import { seg } from '../common/values.ts';

export interface Build837Options {
  /** separators used inside composites (component) — default * : ^ ~ */
  delimiters?: Delimiters;
}

/** The ST..SE body (SE01 counts ST through SE). Pure; never throws for a well-typed file. */
export function build837(file: ClaimFile837, opts: Build837Options = {}): Segment[] {
  const out: Segment[] = [seg('ST', '837', file.controlNumber, IMPLEMENTATION_VERSION[file.kind])];
  write837Body(file, out, opts);
  out.push(seg('SE', String(out.length + 1), file.controlNumber));
  return out;
}

/**
 * The segments between ST and SE (BHT to the last claim), written into `out` one by one. Give it a text writer
 * (`TransactionSpec.body` as a function, see `buildInterchange`) and no array of the file's segments is ever made:
 * that is how a 20,000-claim batch is built fast.
 */
export function write837Body(file: ClaimFile837, out: SegmentSink, opts: Build837Options = {}): void {
  const d = opts.delimiters ?? DEFAULT_DELIMITERS;
  const h = file.header;
  out.push(seg('BHT', '0019', h.purpose, h.referenceId, h.date, h.time, h.claimType));
  writePartyInto(out, '41', file.submitter);
  writePartyInto(out, '40', file.receiver);
  const hl = new HlNumberer();
  for (const bp of file.billingProviders) {
    const a = hl.open(undefined, '20', bp.subscribers.length > 0);
    out.push(a.segment);
    if (bp.specialty) out.push(seg('PRV', bp.specialty.code, 'PXC', bp.specialty.taxonomy));
    writePartyInto(out, '85', bp.provider);
    if (bp.payTo) writePartyInto(out, '87', bp.payTo);
    for (const sub of bp.subscribers) buildSubscriber(file, sub, a.id, hl, d, out);
  }
}

/** Append one 2000B subscriber loop (claims, then 2000C patients) to `out`. */
function buildSubscriber(
  file: ClaimFile837,
  sub: SubscriberLoop,
  parent: string,
  hl: HlNumberer,
  d: Delimiters,
  out: SegmentSink,
): void {
  const b = hl.open(parent, '22', sub.patients.length > 0);
  out.push(b.segment);
  out.push(writeSbr(sub.sbr));
  writePartyInto(out, 'IL', sub.subscriber);
  writePartyInto(out, 'PR', sub.payer);
  for (const c of sub.claims) buildClaim(file.kind, c, d, out);
  for (const p of sub.patients) {
    const c = hl.open(b.id, '23', false);
    out.push(c.segment);
    out.push(seg('PAT', p.relationship));
    writePartyInto(out, 'QC', p.patient);
    for (const claim of p.claims) buildClaim(file.kind, claim, d, out);
  }
}
