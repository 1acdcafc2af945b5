/** The demo tenant's payer contract (Blue Prairie Health, payer id BPH01): the README example and test fixture. */
import type { PayerContract } from './contract.ts';

export function demoContract(): PayerContract {
  return {
    payerId: 'BPH01',
    payerName: 'BLUE PRAIRIE HEALTH',
    payerAddress: { line1: 'PO BOX 4400', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
    phone: '8005550142',
    timelyFilingDays: 90,
    fees: [
      { code: '99203', allowedCents: 11000 },
      { code: '99213', allowedCents: 9500 },
      { code: '99214', allowedCents: 13500 },
      { code: '87880', allowedCents: 1650 },
      { code: '36415', allowedCents: 300 },
      { code: '93000', allowedCents: 2200 },
      { code: '97110', allowedCents: 3100 },
      { code: '20610', allowedCents: 6400 },
      { code: '20610', modifier: '50', allowedCents: 9600 },
    ],
    otherwise: { percentOfCharge: 60 },
    deductibleCents: 50000,
    coinsurancePercent: 20,
    copays: [{ label: 'E/M office visits', codes: ['99202-99215'], copayCents: 2500 }],
    nonCovered: [{ codes: ['97810-97814'], remark: 'N130' }, { codes: ['S9445'] }],
    priorAuthorization: ['70551-70553', '72148'],
    bundling: [
      { primary: '93000', bundled: '93010' },
      { primary: '99213', bundled: '36415' },
    ],
    diagnosisRules: [{ codes: ['97110'], diagnosisPrefixes: ['M', 'S', 'G'] }],
    referralRequired: ['99242-99245'],
    memberIdPattern: '^[A-Z][A-Z0-9]{5,19}$',
    realism: { denialRate: 0.05, partialPaymentRate: 0.1 },
    payment: {
      method: 'ACH',
      payerIdentifier: '1371234567',
      senderRouting: '071000013',
      senderAccount: '99887766',
      receiverRouting: '021000021',
      receiverAccount: '12345678',
    },
  };
}
