/**
 * Helpers for the hand-written guides (270/271/276, no pyx12 map available). Elements not listed
 * explicitly are situational free text, so these guides are deliberately more lenient than generated ones.
 */
import type { DataType, ElementDef, LoopDef, GuideNode, SegmentDef, Usage } from '../types.ts';

export type ElementSpec = [usage: Usage, type: DataType, min: number, max: number, name: string, de: string, codes?: readonly string[]];

/** `seg('NM1', 'Payer Name', 'R', 1, 12, { 1: ['R','ID',2,3,'Entity Identifier Code','98',['PR']] })` */
export function seg(id: string, name: string, usage: Usage, max: number, count: number, specs: Record<number, ElementSpec>): SegmentDef {
  const elements: ElementDef[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const s = specs[seq];
    const e: ElementDef = s
      ? { seq, name: s[4], usage: s[0], type: s[1], min: s[2], max: s[3], de: s[5] }
      : { seq, name: `${id}${String(seq).padStart(2, '0')}`, usage: 'S', type: 'AN', min: 1, max: 264, de: '' };
    if (s?.[6] && s[6].length > 0) e.codes = s[6];
    if (s?.[5] === '1251') e.fmt = seq - 1;
    elements.push(e);
  }
  const def: SegmentDef = { seg: id, name, usage, max, elements };
  const first = elements[0];
  if (id === 'HL' && elements[2]?.codes) def.trigger = { element: 3, codes: elements[2].codes };
  else if (first?.usage === 'R' && first.type === 'ID' && first.codes) def.trigger = { element: 1, codes: first.codes };
  return def;
}

export function loop(id: string, name: string, usage: Usage, repeat: number, children: GuideNode[]): LoopDef {
  return { loop: id, name, usage, repeat, children };
}

const ID = (codes: readonly string[], name: string, de: string, usage: Usage = 'R', min = 1, max = 3): ElementSpec => [usage, 'ID', min, max, name, de, codes];

export const st = (st01: string, versions: string | readonly string[]): SegmentDef =>
  seg('ST', 'Transaction Set Header', 'R', 1, 3, { 1: ID([st01], 'Transaction Set Identifier Code', '143', 'R', 3, 3), 2: ['R', 'AN', 4, 9, 'Transaction Set Control Number', '329'], 3: ['R', 'AN', 1, 35, 'Implementation Convention Reference', '1705', typeof versions === 'string' ? [versions] : versions] });

export const se = (): SegmentDef =>
  seg('SE', 'Transaction Set Trailer', 'R', 1, 2, { 1: ['R', 'N0', 1, 10, 'Number of Included Segments', '96'], 2: ['R', 'AN', 4, 9, 'Transaction Set Control Number', '329'] });

export const bht = (structure: string, purposes: readonly string[]): SegmentDef =>
  seg('BHT', 'Beginning of Hierarchical Transaction', 'R', 1, 6, {
    1: ID([structure], 'Hierarchical Structure Code', '1005', 'R', 4, 4),
    2: ID(purposes, 'Transaction Set Purpose Code', '353', 'R', 2, 2),
    3: ['S', 'AN', 1, 50, 'Reference Identification', '127'],
    4: ['R', 'DT', 8, 8, 'Date', '373'],
    5: ['R', 'TM', 4, 8, 'Time', '337'],
  });

export const hl = (name: string, level: string, childCode: 'R' | 'S' = 'S'): SegmentDef =>
  seg('HL', name, 'R', 1, 4, {
    1: ['R', 'AN', 1, 12, 'Hierarchical ID Number', '628'],
    2: ['S', 'AN', 1, 12, 'Hierarchical Parent ID Number', '734'],
    3: ID([level], 'Hierarchical Level Code', '735', 'R', 1, 2),
    4: ID(['0', '1'], 'Hierarchical Child Code', '736', childCode, 1, 1),
  });

export const nm1 = (name: string, entities: readonly string[], qualifiers: readonly string[], usage: Usage = 'R'): SegmentDef =>
  seg('NM1', name, usage, 1, 12, {
    1: ID(entities, 'Entity Identifier Code', '98', 'R', 2, 3),
    2: ID(['1', '2'], 'Entity Type Qualifier', '1065', 'R', 1, 1),
    3: ['S', 'AN', 1, 60, 'Name Last or Organization Name', '1035'],
    4: ['S', 'AN', 1, 35, 'Name First', '1036'],
    5: ['S', 'AN', 1, 25, 'Name Middle', '1037'],
    7: ['S', 'AN', 1, 10, 'Name Suffix', '1039'],
    8: ID(qualifiers, 'Identification Code Qualifier', '66', 'S', 1, 2),
    9: ['S', 'AN', 2, 80, 'Identification Code', '67'],
  });

export const trn = (usage: Usage, max: number): SegmentDef =>
  seg('TRN', 'Trace', usage, max, 4, { 1: ID(['1', '2'], 'Trace Type Code', '481', 'R', 1, 2), 2: ['R', 'AN', 1, 50, 'Reference Identification', '127'], 3: ['S', 'AN', 10, 10, 'Originating Company Identifier', '509'] });

export const ref = (name: string, usage: Usage, max: number): SegmentDef =>
  seg('REF', name, usage, max, 4, { 1: ['R', 'ID', 2, 3, 'Reference Identification Qualifier', '128'], 2: ['R', 'AN', 1, 50, 'Reference Identification', '127'] });

export const n3 = (): SegmentDef => seg('N3', 'Address', 'S', 1, 2, { 1: ['R', 'AN', 1, 55, 'Address Information', '166'], 2: ['S', 'AN', 1, 55, 'Address Information', '166'] });
export const n4 = (): SegmentDef =>
  seg('N4', 'City, State, ZIP Code', 'S', 1, 7, { 1: ['R', 'AN', 2, 30, 'City Name', '19'], 2: ['S', 'ID', 2, 2, 'State or Province Code', '156'], 3: ['S', 'ID', 3, 15, 'Postal Code', '116'] });
export const per = (usage: Usage, max: number): SegmentDef => seg('PER', 'Contact Information', usage, max, 9, { 1: ID(['IC'], 'Contact Function Code', '366', 'R', 2, 2) });
export const prv = (): SegmentDef => seg('PRV', 'Provider Information', 'S', 1, 6, { 1: ['R', 'ID', 1, 3, 'Provider Code', '1221'] });
export const dmg = (): SegmentDef =>
  seg('DMG', 'Demographic Information', 'S', 1, 11, { 1: ID(['D8'], 'Date Time Period Format Qualifier', '1250', 'S', 2, 3), 2: ['S', 'AN', 1, 35, 'Date Time Period', '1251'], 3: ID(['F', 'M', 'U'], 'Gender Code', '1068', 'S', 1, 1) });
export const dtp = (name: string, usage: Usage, max: number): SegmentDef =>
  seg('DTP', name, usage, max, 3, { 1: ['R', 'ID', 3, 3, 'Date/Time Qualifier', '374'], 2: ID(['D8', 'RD8'], 'Date Time Period Format Qualifier', '1250', 'R', 2, 3), 3: ['R', 'AN', 1, 35, 'Date Time Period', '1251'] });
export const aaa = (max = 9): SegmentDef =>
  seg('AAA', 'Request Validation', 'S', max, 4, { 1: ID(['N', 'Y'], 'Yes/No Condition or Response Code', '1073', 'R', 1, 1), 3: ['S', 'ID', 2, 2, 'Reject Reason Code', '901'], 4: ['S', 'ID', 1, 1, 'Follow-up Action Code', '889'] });
export const simple = (id: string, name: string, usage: Usage, max: number, count: number): SegmentDef => seg(id, name, usage, max, count, {});
