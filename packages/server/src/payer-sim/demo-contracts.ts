/** Contracts of the demo payers for the payer simulator (what each pays, denies and asks for). */
import { demoContract, type PayerContract } from '@medbill/core/payer-sim/index.ts';

const DEMO_PAYERS: Array<{
  payerId: string;
  payerName: string;
  percent: number;
  deductible: number;
  coinsurance: number;
  copay: number;
  filing: number;
}> = [
  {
    payerId: 'DEMOMCR',
    payerName: 'MEDICARE PART B DEMO MAC',
    percent: 45,
    deductible: 25700,
    coinsurance: 20,
    copay: 0,
    filing: 365,
  },
  {
    payerId: 'DEMOMCD',
    payerName: 'TEXAS MEDICAID DEMO',
    percent: 35,
    deductible: 0,
    coinsurance: 0,
    copay: 0,
    filing: 95,
  },
  {
    payerId: 'DEMOACME',
    payerName: 'ACME HEALTH PPO DEMO',
    percent: 65,
    deductible: 50000,
    coinsurance: 20,
    copay: 2500,
    filing: 90,
  },
  {
    payerId: 'DEMOBLUE',
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
    };
  }
  return out;
}
