/** Hand-written 276 claim status request guide (005010X212); no pyx12 map is available for it. */
import type { GuideDef } from '../types.ts';
import { bht, dmg, dtp, hl, loop, nm1, ref, se, seg, st, trn } from './hand-helpers.ts';

const VERSION = '005010X212';

const amt = seg('AMT', 'Claim Submitted Charges', 'S', 1, 3, {
  1: ['R', 'ID', 1, 3, 'Amount Qualifier Code', '522'],
  2: ['R', 'R', 1, 18, 'Monetary Amount', '782'],
});
const svc = seg('SVC', 'Service Line Information', 'R', 1, 7, { 2: ['R', 'R', 1, 18, 'Line Item Charge Amount', '782'] });

function claimLoops(suffix: string): ReturnType<typeof loop> {
  // situational: a subscriber level that has a dependent level below it carries no claim of its own
  return loop(`2200${suffix}`, 'Claim Status Tracking Number', suffix === 'D' ? 'S' : 'R', 0, [
    trn('R', 1),
    ref('Payer Claim Control Number', 'S', 1),
    ref('Institutional Bill Type Identification', 'S', 1),
    ref('Application or Location System Identifier', 'S', 1),
    ref('Group Number', 'S', 1),
    ref('Patient Control Number', 'S', 1),
    ref('Pharmacy Prescription Number', 'S', 1),
    ref('Claim Identification Number For Clearinghouses', 'S', 1),
    amt,
    dtp('Claim Service Date', 'S', 1),
    loop(`2210${suffix}`, 'Service Line Information', 'S', 0, [svc, ref('Service Line Item Identification', 'S', 1), dtp('Service Line Date', 'S', 1)]),
  ]);
}

const dependent = loop('2000E', 'Dependent Level', 'S', 0, [hl('Dependent Level', '23'), dmg(), loop('2100E', 'Dependent Name', 'R', 1, [nm1('Dependent Name', ['QC'], [])]), claimLoops('E')]);
/** 2100D: the payer finds the claim by the member id, so NM108/NM109 are required here (not in 2100E). */
const subscriberName = nm1('Subscriber Name', ['IL'], ['24', 'II', 'MI']);
for (const e of subscriberName.elements) if (e.seq === 8 || e.seq === 9) e.usage = 'R';
const subscriber = loop('2000D', 'Subscriber Level', 'R', 0, [hl('Subscriber Level', '22'), dmg(), loop('2100D', 'Subscriber Name', 'R', 1, [subscriberName]), claimLoops('D'), dependent]);
const provider = loop('2000C', 'Service Provider Level', 'R', 0, [hl('Service Provider Level', '19'), loop('2100C', 'Provider Name', 'R', 2, [nm1('Provider Name', ['1P'], ['FI', 'SV', 'XX'])]), subscriber]);
const receiver = loop('2000B', 'Information Receiver Level', 'R', 0, [hl('Information Receiver Level', '21'), loop('2100B', 'Information Receiver Name', 'R', 1, [nm1('Information Receiver Name', ['41'], ['46', 'FI', 'XX'])]), provider]);
const source = loop('2000A', 'Information Source Level', 'R', 0, [hl('Information Source Level', '20'), loop('2100A', 'Payer Name', 'R', 1, [nm1('Payer Name', ['PR'], ['PI', 'XV'])]), receiver]);

export const guide276: GuideDef = {
  key: '276',
  name: 'HIPAA Health Care Claim Status Request X212-276',
  st01: '276',
  gs01: 'HR',
  versions: [VERSION],
  body: loop('ST_LOOP', 'Transaction Set Header', 'R', 1, [st('276', VERSION), bht('0010', ['13']), source, se()]),
};
