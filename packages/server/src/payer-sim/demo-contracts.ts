/** Contracts of the demo payers for the payer simulator (what each pays, denies and asks for). */
import { preventiveRules } from '../claims/claim-services.ts';
import { demoContract, type PayerContract } from '@medbill/core/payer-sim';

const DEMO_PAYERS: Array<{
  payerId: string;
  payerName: string;
  percent: number;
  deductible: number;
  coinsurance: number;
  copay: number;
  filing: number;
  /** TRN03: '1' + the payer's tax id (each payer its own, so traces never collide across payers) */
  tin: string;
  method: 'ACH' | 'CHK';
}> = [
  {
    payerId: 'DEMOMCR',
    tin: '1311111111',
    method: 'ACH',
    payerName: 'MEDICARE PART B DEMO MAC',
    percent: 45,
    deductible: 25700,
    coinsurance: 20,
    copay: 0,
    filing: 365,
  },
  {
    payerId: 'DEMOMCD',
    tin: '1742222222',
    method: 'CHK',
    payerName: 'TEXAS MEDICAID DEMO',
    percent: 35,
    deductible: 0,
    coinsurance: 0,
    copay: 0,
    filing: 95,
  },
  {
    payerId: 'DEMOACME',
    tin: '1363333333',
    method: 'ACH',
    payerName: 'ACME HEALTH PPO DEMO',
    percent: 65,
    deductible: 50000,
    coinsurance: 20,
    copay: 2500,
    filing: 90,
  },
  {
    payerId: 'DEMOBLUE',
    tin: '1754444444',
    method: 'ACH',
    payerName: 'BLUEBONNET BLUE HMO DEMO',
    percent: 60,
    deductible: 30000,
    coinsurance: 10,
    copay: 3000,
    filing: 180,
  },
];

/** plan type and yearly out-of-pocket maximum the simulator reports on its 271s */
const PLAN: Record<string, { insuranceType: string; outOfPocketMaxCents?: number }> = {
  DEMOMCR: { insuranceType: 'MB' },
  DEMOMCD: { insuranceType: 'MC' },
  DEMOACME: { insuranceType: 'PR', outOfPocketMaxCents: 600000 },
  DEMOBLUE: { insuranceType: 'HM', outOfPocketMaxCents: 450000 },
};

export function demoPayerContracts(): Record<string, PayerContract> {
  const base = demoContract();
  const preventive = preventiveRules();
  const out: Record<string, PayerContract> = {};
  for (const p of DEMO_PAYERS) {
    out[p.payerId] = {
      ...base,
      payerId: p.payerId,
      payerName: p.payerName,
      timelyFilingDays: p.filing,
      otherwise: { percentOfCharge: p.percent },
      deductibleCents: p.deductible,
      coinsurancePercent: p.coinsurance,
      copays: p.copay ? [{ label: 'E/M office visits', codes: ['99202-99215'], copayCents: p.copay }] : [],
      memberIdPattern: '^[A-Z0-9]{6,20}$',
      planName: p.payerName,
      ...PLAN[p.payerId],
      preventive,
      ...(p.payerId === 'DEMOMCR'
        ? {
            // Medicare pays one wellness visit and one depression screening a year, and crosses dual-eligible
            // patients' claims over to the state Medicaid plan itself
            frequencyLimits: [
              { codes: ['G0438', 'G0439'], count: 1, days: 365 },
              { codes: ['G0444'], count: 1, days: 365 },
            ],
            crossoverTo: [{ payerId: 'DEMOMCD', payerName: 'TEXAS MEDICAID DEMO' }],
          }
        : {}),
      ...(p.payerId === 'DEMOACME'
        ? // acupuncture is not a benefit of this plan: the patient owes it (PR 204)
          { nonCovered: [{ codes: ['97810-97814'], patientLiable: true, remark: 'N130' }, { codes: ['S9445'] }] }
        : {}),
    };
  }
  return out;
}
