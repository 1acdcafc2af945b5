/**
 * A 271 as the front desk would have it on file: a 270 built by core, answered by the payer simulator from its
 * demo contract (office copay $25, deductible $500 with what is already met, 20% coinsurance, 97810 and S9445
 * not covered), parsed and kept as the eligibility check stores it.
 */
import { accounts } from '@medbill/core';
import { answerEligibility, demoContract, emptyAccumulators } from '@medbill/core/payer-sim';
import { parseX12File } from '@medbill/x12';
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import { build270, type EligibilityTransaction } from '@medbill/x12/270-271';
import { responseFor } from '../src/eligibility/apply-eligibility-response.ts';

const TRACE = 'ELG000042';

export function demo271Response(opts: { serviceDate: string; deductibleMetCents: number }) {
  const contract = demoContract();
  const tx270 = accounts.eligibilityRequest({
    controlNumber: '0001',
    traceNumber: TRACE,
    originatorId: '9741111111',
    date: opts.serviceDate.replaceAll('-', ''),
    time: '0900',
    payer: { name: 'Blue Prairie Health', payerId: contract.payerId },
    provider: { name: 'Riverside Family Practice', npi: '1234567893' },
    coverage: { memberId: 'W123456789', groupNumber: 'G100', relationshipCode: '18' },
    subscriber: { firstName: 'John', lastName: 'Doe', birthDate: '1980-02-14', sex: 'M' },
    patient: { firstName: 'John', lastName: 'Doe', birthDate: '1980-02-14', sex: 'M' },
    serviceDate: opts.serviceDate,
  });
  const text270 = buildInterchange(
    {
      sender: 'LSBILL01',
      receiver: 'DEMOCH',
      controlNumber: '17',
      date: opts.serviceDate.replaceAll('-', ''),
      time: '0900',
      usage: 'T',
      groups: [
        {
          functionalId: 'HS',
          appSender: 'LSBILL01',
          appReceiver: 'DEMOCH',
          controlNumber: '17',
          version: '005010X279A1',
          transactions: [{ controlNumber: tx270.controlNumber, body: build270(tx270).slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
  );
  const acc = emptyAccumulators();
  acc.deductibleCents[`${contract.payerId}|W123456789|DOE|JOHN|19800214|${opts.serviceDate.slice(0, 4)}`] =
    opts.deductibleMetCents;
  let n = 900;
  const answer = answerEligibility(text270, {
    contracts: { [contract.payerId]: contract },
    now: new Date(`${opts.serviceDate}T09:00:05Z`),
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
  const tx271 = parseX12File(answer.text271).transactions[0]!.value as EligibilityTransaction;
  return { trace: TRACE, response: responseFor(tx271, TRACE) };
}
