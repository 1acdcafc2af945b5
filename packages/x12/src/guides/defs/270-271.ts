/**
 * Hand-written 270/271 eligibility guides (005010X279A1); no pyx12 map is available for them.
 * Structure and qualifiers follow the TR3; free-text elements are lenient.
 */
import type { GuideDef, LoopDef, SegmentDef } from '../types.ts';
import { aaa, bht, dmg, dtp, hl, loop, n3, n4, nm1, per, prv, ref, se, seg, simple, st, trn } from './hand-helpers.ts';

const VERSION = '005010X279A1';
const ST03_CODES = [VERSION, '005010X279'];
const PAYER_IDS = ['24', '46', 'FI', 'NI', 'PI', 'XV', 'XX'];
const RECEIVER_IDS = ['24', '34', 'FI', 'PI', 'PP', 'SV', 'XV', 'XX'];

const eq = (): SegmentDef => seg('EQ', 'Eligibility or Benefit Inquiry', 'S', 1, 5, { 1: ['S', 'ID', 1, 2, 'Service Type Code', '1365'] });
const eb = (): SegmentDef =>
  seg('EB', 'Eligibility or Benefit Information', 'R', 1, 14, {
    1: ['R', 'ID', 1, 2, 'Eligibility or Benefit Information Code', '1390'],
    6: ['S', 'ID', 1, 2, 'Time Period Qualifier', '615'],
    7: ['S', 'R', 1, 18, 'Monetary Amount', '782'],
    8: ['S', 'R', 1, 10, 'Percentage as Decimal', '954'],
    10: ['S', 'R', 1, 15, 'Quantity', '380'],
  });

function person(level: string, suffix: string, who: string, isResponse: boolean, entity: string): LoopDef {
  const nameLoop = loop(`2100${suffix}`, `${who} Name`, 'R', 1, [
    nm1(`${who} Name`, [entity], ['II', 'MI']),
    ref(`${who} Additional Identification`, 'S', 9),
    n3(),
    n4(),
    ...(isResponse ? [aaa()] : []),
    prv(),
    dmg(),
    simple('INS', `${who} Relationship`, 'S', 1, 17),
    simple('HI', `${who} Health Care Diagnosis Code`, 'S', 1, 12),
    dtp(`${who} Date`, 'S', 9),
    simple('MPI', 'Military Personnel Information', 'S', 1, 7),
    isResponse ? benefitLoop(suffix) : inquiryLoop(suffix),
  ]);
  return loop(`2000${suffix}`, `${who} Level`, level === '22' ? 'S' : 'S', 0, [hl(`${who} Level`, level), trn('S', 3), nameLoop]);
}

function inquiryLoop(suffix: string): LoopDef {
  return loop(`2110${suffix}`, 'Eligibility or Benefit Inquiry', 'S', 99, [eq(), simple('AMT', 'Spend Down Amount', 'S', 2, 3), simple('III', 'Eligibility or Benefit Additional Inquiry Information', 'S', 10, 9), ref('Additional Information', 'S', 1), dtp('Eligibility/Benefit Date', 'S', 1)]);
}

function benefitLoop(suffix: string): LoopDef {
  return loop(`2110${suffix}`, 'Eligibility or Benefit Information', 'S', 0, [
    eb(),
    simple('HSD', 'Health Care Services Delivery', 'S', 9, 8),
    ref('Additional Identification', 'S', 9),
    dtp('Eligibility/Benefit Date', 'S', 20),
    aaa(),
    simple('MSG', 'Message Text', 'S', 10, 3),
    loop(`2115${suffix}`, 'Eligibility or Benefit Additional Information', 'S', 10, [simple('III', 'Additional Information', 'R', 1, 9)]),
    simple('LS', 'Loop Header', 'S', 1, 1),
    loop(`2120${suffix}`, 'Benefit Related Entity', 'S', 23, [nm1('Benefit Related Entity Name', ['13', '1I', '1P', '2B', '36', '3D', '3K', '71', '72', '73', '74', '75', '77', '7C', 'FA', 'GB', 'GP', 'GW', 'I3', 'IL', 'LR', 'P3', 'P4', 'P5', 'PR', 'PRP', 'SEP', 'TTP', 'VER', 'VN', 'VY', 'X3', 'Y2'], ['24', '34', '46', 'FA', 'FI', 'II', 'MI', 'NI', 'PI', 'PP', 'SV', 'XV', 'XX']), n3(), n4(), per('S', 3), prv()]),
    simple('LE', 'Loop Trailer', 'S', 1, 1),
  ]);
}

function build(st01: '270' | '271'): GuideDef {
  const isResponse = st01 === '271';
  const source = loop('2000A', 'Information Source Level', 'R', 0, [
    hl('Information Source Level', '20'),
    ...(isResponse ? [aaa()] : []),
    loop('2100A', 'Information Source Name', 'R', 1, [nm1('Information Source Name', ['2B', '36', 'GP', 'P5', 'PR'], PAYER_IDS), ...(isResponse ? [per('S', 3), aaa()] : [])]),
    loop('2000B', 'Information Receiver Level', 'S', 0, [
      hl('Information Receiver Level', '21'),
      loop('2100B', 'Information Receiver Name', 'R', 1, [nm1('Information Receiver Name', ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR'], RECEIVER_IDS), ref('Information Receiver Additional Identification', 'S', 9), n3(), n4(), ...(isResponse ? [aaa()] : []), prv()]),
      loop('2000C', 'Subscriber Level', 'S', 0, [...person('22', 'C', 'Subscriber', isResponse, 'IL').children, person('23', 'D', 'Dependent', isResponse, '03')]),
    ]),
  ]);
  const body = loop('ST_LOOP', 'Transaction Set Header', 'R', 1, [st(st01, ST03_CODES), bht('0022', isResponse ? ['11', '06'] : ['01', '13', '36']), source, se()]);
  return { key: st01, name: `HIPAA Eligibility ${isResponse ? 'Response' : 'Inquiry'} X279A1-${st01}`, st01, gs01: isResponse ? 'HB' : 'HS', versions: [VERSION, '005010X279'], body };
}

export const guide270: GuideDef = build('270');
export const guide271: GuideDef = build('271');
