/**
 * The 835 model (the reader's Remittance835) for one payment: the adjudicated claims of one payer to
 * one payee, with BPR/TRN, payer and payee loops, CLP/CAS/NM1/MOA/DTM/AMT and SVC/CAS/REF 6R/AMT B6/LQ.
 */
import type { BillingProviderLoop, Claim837, ClaimLine } from '@medbill/x12/837';
import type {
  ClaimPayment,
  CodedName,
  EntityName,
  Payment,
  ProviderAdjustment,
  RemitParty,
  Remittance835,
  ServicePayment,
} from '@medbill/x12/835';
import type { PayerContract } from './contract.ts';
import { dateRange } from './dates.ts';
import type { AdjudicationResult, ReceivedClaim, LineResult } from './types.ts';

export interface AdjudicatedClaim {
  ctx: ReceivedClaim;
  result: AdjudicationResult;
  /** payer claim control number (CLP07, also sent as 277CA REF*1K) */
  icn: string;
}

export interface RemittanceInput {
  contract: PayerContract;
  payee: BillingProviderLoop;
  claims: AdjudicatedClaim[];
  controlNumber: string;
  /** TRN02 check or EFT trace number */
  trace: string;
  /** production and payment date CCYYMMDD */
  date: string;
  /** REF*EV: the receiver (the 837 submitter id) */
  receiverId?: string;
}

/** 835 CLP06 codes differ from 837 SBR09: commercial (CI) and Blue Cross (BL) go as 12 (PPO). */
const CLP06 = new Set([
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'CH',
  'DS',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
]);
export function filingIndicator(sbr09: string | undefined, contract: PayerContract): string {
  if (contract.claimFilingIndicator) return contract.claimFilingIndicator;
  if (sbr09 && CLP06.has(sbr09)) return sbr09;
  return sbr09 === 'CI' || sbr09 === 'BL' ? '12' : 'ZZ';
}

function payment(input: RemittanceInput, total: number): Payment {
  const p = input.contract.payment ?? { method: 'ACH' as const, payerIdentifier: '1000000000' };
  if (total === 0) return { handlingCode: 'H', total, creditDebit: 'C', method: 'NON', date: input.date };
  if (p.method === 'CHK') return { handlingCode: 'I', total, creditDebit: 'C', method: 'CHK', date: input.date };
  return {
    handlingCode: 'I',
    total,
    creditDebit: 'C',
    method: 'ACH',
    format: 'CCP',
    senderAccount: {
      dfiQualifier: '01',
      dfiId: p.senderRouting ?? '011000015',
      accountQualifier: 'DA',
      account: p.senderAccount ?? '000111222',
    },
    originatorCompanyId: p.payerIdentifier,
    receiverAccount: {
      dfiQualifier: '01',
      dfiId: p.receiverRouting ?? '021000021',
      accountQualifier: 'DA',
      account: p.receiverAccount ?? '000333444',
    },
    date: input.date,
  };
}

function payer(c: PayerContract): RemitParty {
  const a = c.payerAddress ?? { line1: 'PO BOX 1000', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' };
  return {
    entityCode: 'PR',
    name: { entityType: '2', lastName: c.payerName },
    address: { line1: a.line1, city: a.city, state: a.state, postalCode: a.postalCode },
    contacts: [
      { functionCode: 'BL', name: 'PROVIDER SERVICES', numbers: [{ qualifier: 'TE', value: c.phone ?? '8005550100' }] },
    ],
  };
}

/** The payee is the 837's billing provider: its name, NPI, address and tax id (REF*EI → REF*TJ). */
function payee(bp: BillingProviderLoop): RemitParty {
  const n = bp.provider.name;
  const tin = bp.provider.refs?.find((r) => r.qualifier === 'EI');
  const p: RemitParty = {
    entityCode: 'PE',
    name: { entityType: '2', lastName: n.lastName, idQualifier: 'XX', id: n.id ?? '' },
    address: bp.provider.address,
  };
  if (tin) p.refs = [{ qualifier: 'TJ', value: tin.value }];
  return p;
}

export function remittanceFrom(input: RemittanceInput): Remittance835 {
  const claims = input.claims.map((a) => claimPayment(a, input));
  const claimsPaid = claims.reduce((t, c) => t + c.paid, 0);
  // reversals can take more back than this payment holds: the rest is forwarded as a negative balance (PLB FB)
  const forward = Math.min(claimsPaid, 0);
  const providerAdjustments: ProviderAdjustment[] =
    forward === 0
      ? []
      : [
          {
            providerId: input.payee.provider.name.id ?? '',
            fiscalPeriodDate: `${input.date.slice(0, 4)}1231`,
            items: [
              {
                reason: 'FB',
                reference: claims.find((c) => c.reversal)?.payerClaimControlNumber ?? input.trace,
                amount: forward,
              },
            ],
          },
        ];
  const total = claimsPaid - forward;
  return {
    controlNumber: input.controlNumber,
    payment: payment(input, total),
    trace: {
      type: '1',
      checkOrEftNumber: input.trace,
      originatorId: input.contract.payment?.payerIdentifier ?? '1000000000',
    },
    references: input.receiverId ? [{ qualifier: 'EV', value: input.receiverId }] : [],
    productionDate: input.date,
    payer: payer(input.contract),
    payee: payee(input.payee),
    headers: [{ number: '1', claims }],
    providerAdjustments,
    totals: { claimsPaid, providerAdjustments: forward, claimCount: claims.length },
  };
}

/** The 837 person as an 835 NM1 (same name model), with the member id when given. */
function person(entityCode: string, p: { name: EntityName }, id?: string): CodedName {
  const n = p.name;
  const out: CodedName = { entityCode, entityType: '1', lastName: n.lastName };
  if (n.firstName) out.firstName = n.firstName;
  if (n.middleName) out.middleName = n.middleName;
  if (n.suffix) out.suffix = n.suffix;
  if (id) Object.assign(out, { idQualifier: 'MI', id });
  return out;
}

function claimPayment(a: AdjudicatedClaim, input: RemittanceInput): ClaimPayment {
  const { ctx, result: r } = a;
  const c = ctx.claim;
  const member = ctx.subscriber.name.id;
  const cp: ClaimPayment = {
    patientControlNumber: c.id,
    status: r.claimStatusCode,
    reversal: r.claimStatusCode === '22',
    charge: r.chargeCents,
    paid: r.paidCents,
    patientResponsibility: r.patientResponsibilityCents,
    filingIndicator: filingIndicator(ctx.sbr.claimFilingCode, input.contract),
    payerClaimControlNumber: a.icn,
    frequency: c.frequency,
    adjustments: [],
    references: [],
    dates: [],
    contacts: [],
    amounts: [],
    quantities: [],
    services: [],
    patient: ctx.patient ? person('QC', ctx.patient) : person('QC', ctx.subscriber, member),
  };
  if (/^[A-Z0-9]{1,2}$/.test(c.facilityCode)) cp.facilityType = c.facilityCode;
  if (ctx.patient) cp.insured = person('IL', ctx.subscriber, member);
  if (r.crossoverTo)
    cp.crossoverCarrier = {
      entityCode: 'TT',
      entityType: '2',
      lastName: r.crossoverTo.payerName,
      idQualifier: 'PI',
      id: r.crossoverTo.payerId,
    };
  const rendering = c.providers?.find((p) => p.entityCode === '82' && p.name.idQualifier === 'XX' && p.name.id);
  if (rendering)
    cp.serviceProvider = {
      ...person('82', rendering),
      entityType: rendering.name.entityType,
      idQualifier: 'XX',
      id: rendering.name.id!,
    };
  if (r.claimRemarks.length) cp.outpatient = { remarks: r.claimRemarks.slice(0, 5) };
  if (ctx.sbr.groupNumber) cp.references.push({ qualifier: '1L', value: ctx.sbr.groupNumber });
  const dates = c.lines.flatMap((l) => lineDates(c, l)).sort();
  if (dates.length)
    cp.dates.push({ qualifier: '232', date: dates[0] }, { qualifier: '233', date: dates[dates.length - 1] });
  cp.dates.push({ qualifier: '050', date: input.date });
  if (r.status !== 'denied') cp.amounts.push({ qualifier: 'AU', amount: r.allowedCents });
  c.lines.forEach((l, i) => {
    cp.services.push(servicePayment(c, l, r.lines[i]));
  });
  return cp;
}

function lineDates(c: Claim837, l: ClaimLine): string[] {
  const d =
    l.dates?.find((x) => x.qualifier === '472') ?? c.dates?.find((x) => x.qualifier === '472' || x.qualifier === '434');
  return d ? dateRange(d.value) : [];
}

/** SVC01-1 product/service id qualifiers the 835 guide allows. */
const SVC_QUALIFIERS = new Set(['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'N6', 'NU', 'UI', 'WK']);

function servicePayment(c: Claim837, l: ClaimLine, r: LineResult): ServicePayment {
  const p = l.procedure;
  const s: ServicePayment = {
    procedure: p
      ? {
          qualifier: SVC_QUALIFIERS.has(p.qualifier) ? p.qualifier : 'HC',
          code: p.code,
          modifiers: [...(p.modifiers ?? [])],
        }
      : { qualifier: 'NU', code: l.revenueCode ?? '', modifiers: [] },
    charge: r.chargeCents,
    paid: r.paidCents,
    dates: [],
    references: [],
    amounts: [],
    quantities: [],
    adjustments: r.adjustments.map((x) => ({ group: x.group, reason: x.reason, amount: x.amountCents })),
    remarks: r.remarks.map((code) => ({ qualifier: 'HE', code })),
  };
  if (p && l.revenueCode) s.revenueCode = l.revenueCode;
  if (l.quantity !== 1) s.units = l.quantity;
  const [from, to] = lineDates(c, l);
  if (from && from === to) s.dates.push({ qualifier: '472', date: from });
  else if (from) s.dates.push({ qualifier: '150', date: from }, { qualifier: '151', date: to! });
  if (l.controlNumber) s.references.push({ qualifier: '6R', value: l.controlNumber });
  if (!r.denied) s.amounts.push({ qualifier: 'B6', amount: r.allowedCents });
  return s;
}
