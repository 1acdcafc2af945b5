/**
 * The payer simulator as a file responder: an uploaded 837 in, the payer's 999, 277CA and 835 files out; a 270 in,
 * a 271 out; a 276 claim status request in, a 277 out.
 * What the payer remembers between files (deductibles met, claims seen, its control numbers) is kept in a
 * small JSON state so a restart does not forget or repeat.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  answerClaimStatus,
  answerEligibility,
  emptyAccumulators,
  simulatePayer,
  type Accumulators,
  type PayerContract,
  type PayerSlips,
} from '@medbill/core/payer-sim';

export interface ResponderOptions {
  contracts: Record<string, PayerContract>;
  seed: number | string;
  rejectRate: number;
  /** where the payer's memory is kept; in memory only when absent */
  stateFile?: string;
  now?: () => Date;
  /** the payer's mistakes in its answers to 837s (none by default) */
  slips?: PayerSlips;
}

export interface ResponseFile {
  name: string;
  text: string;
  kind: '999' | '277CA' | '835' | '271' | '277';
}

interface PayerState {
  accumulators: Accumulators;
  lastControlNumber: number;
  files: number;
}

export function createPayerSimResponder(opts: ResponderOptions) {
  const load = (): PayerState => {
    if (opts.stateFile && fs.existsSync(opts.stateFile))
      return JSON.parse(fs.readFileSync(opts.stateFile, 'utf8')) as PayerState;
    return { accumulators: emptyAccumulators(), lastControlNumber: 0, files: 0 };
  };
  const state = load();
  const save = () => {
    if (!opts.stateFile) return;
    fs.mkdirSync(path.dirname(opts.stateFile), { recursive: true });
    fs.writeFileSync(`${opts.stateFile}.tmp`, JSON.stringify(state));
    fs.renameSync(`${opts.stateFile}.tmp`, opts.stateFile);
  };
  return async function respond(fileName: string, text: string): Promise<ResponseFile[]> {
    state.files++;
    const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
    if (/(^|[~\n])\s*ST\*270\*/.test(text)) {
      // an eligibility inquiry: answered from the contracts and what the payer remembers, nothing to remember
      const answer = answerEligibility(text, {
        contracts: opts.contracts,
        now: opts.now?.() ?? new Date(),
        controlNumbers: { next: () => ++state.lastControlNumber },
        accumulators: state.accumulators,
      });
      save();
      return answer.text271
        ? [{ name: `${stem}.271.x12`, text: answer.text271, kind: '271' }]
        : [{ name: `${stem}.999.x12`, text: answer.ack999, kind: '999' }];
    }
    if (/(^|[~\n])\s*ST\*276\*/.test(text)) {
      // a claim status request: answered from what the payer remembers of the claims it received
      const answer = answerClaimStatus(text, {
        contracts: opts.contracts,
        now: opts.now?.() ?? new Date(),
        controlNumbers: { next: () => ++state.lastControlNumber },
        accumulators: state.accumulators,
      });
      save();
      return answer.text277
        ? [{ name: `${stem}.277.x12`, text: answer.text277, kind: '277' }]
        : [{ name: `${stem}.999.x12`, text: answer.ack999, kind: '999' }];
    }
    const result = simulatePayer(text, {
      contracts: opts.contracts,
      rejectRate: opts.rejectRate,
      seed: `${opts.seed}:${state.files}`,
      now: opts.now?.() ?? new Date(),
      payerName: 'MEDBILL PAYER SIMULATOR',
      controlNumbers: { next: () => ++state.lastControlNumber },
      accumulators: state.accumulators,
      ...(opts.slips ? { slips: opts.slips } : {}),
    });
    state.accumulators = result.accumulators;
    save();
    const files: ResponseFile[] = result.ack999 ? [{ name: `${stem}.999.x12`, text: result.ack999, kind: '999' }] : [];
    if (result.ack277ca) files.push({ name: `${stem}.277ca.x12`, text: result.ack277ca, kind: '277CA' });
    result.remittances.forEach((r, i) => {
      files.push({ name: `${stem}.835-${i + 1}.x12`, text: r.text835, kind: '835' });
    });
    return files;
  };
}
