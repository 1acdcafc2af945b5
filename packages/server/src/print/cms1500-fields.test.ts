import { describe, expect, it } from 'vitest';
import { cms1500Fields } from './cms1500-fields.ts';
import { insuranceTypeBox } from './cms1500-patient-boxes.ts';
import { eightLineFile, professionalFile } from './print-fixtures.test-util.ts';

describe('cms1500Fields', () => {
  it('maps the subscriber-patient office visit to items 1–33', () => {
    const { pages } = cms1500Fields(professionalFile(), 'RFP-1001', { signedDate: '20260115' });
    expect(pages).toHaveLength(1);
    const b = pages[0]!.boxes;
    expect(b).toMatchObject({
      'carrier.name': 'BLUE PRAIRIE HEALTH',
      '1.group': 'X',
      '1a': 'W123456789',
      '2': 'DOE, JOHN, Q',
      '3.dob': '02 14 1980',
      '3.male': 'X',
      '4': 'DOE, JOHN, Q',
      '5.street': '12 ELM ST APT 3',
      '5.city': 'SPRINGFIELD',
      '5.state': 'IL',
      '5.zip': '62704',
      '6.self': 'X',
      '10a.no': 'X',
      '10b.no': 'X',
      '10c.no': 'X',
      '11': 'G-55',
      '11a.dob': '02 14 1980',
      '11d.no': 'X',
      '12': 'SIGNATURE ON FILE',
      '13': 'SIGNATURE ON FILE',
      '14.date': '01 05 26',
      '14.qual': '431',
      '17.qual': 'DN',
      '17': 'JAMES OKAFOR',
      '17b': '1581234568',
      '19': 'FOLLOW UP IN TWO WEEKS',
      '21.ind': '0',
      '21A': 'J069',
      '21B': 'R05',
      '21C': 'E119',
      '23': 'PA998877',
      '25': '371234567',
      '25.ein': 'X',
      '26': 'RFP-1001',
      '27.yes': 'X',
      '28': '250.00',
      '31': 'SIGNATURE ON FILE',
      '31.date': '01 15 26',
      '33.name': 'RIVERSIDE FAMILY PRACTICE',
      '33.street': '100 MAIN ST',
      '33.city': 'SPRINGFIELD IL 627010000',
      '33.areaCode': '217',
      '33.phone': '5550100',
      '33a': '1234567893',
    });
    expect(b['29']).toBeUndefined();
    expect(b['22.code']).toBeUndefined();
    expect(Object.values(b).filter((v) => v === '')).toEqual([]);
    expect(pages[0]!.lines[0]).toMatchObject({
      '24A.from': '01 10 26',
      '24A.to': '01 10 26',
      '24B': '11',
      '24D': '99213',
      '24D.modifiers': '25',
      '24E': 'AB',
      '24F': '150.00',
      '24G': '1',
      '24J': '1999996667',
    });
    expect(pages[0]!.lines[2]).toMatchObject({ '24D': '36415', '24E': 'C', '24F': '24.50', '24G': '1.5' });
  });

  it('prints a dependent patient with the subscriber as insured (items 2–7)', () => {
    const b = cms1500Fields(professionalFile(), 'RFP-1003').pages[0]!.boxes;
    expect(b).toMatchObject({
      '2': 'DOE, LILY',
      '3.dob': '06 01 2015',
      '3.female': 'X',
      '4': 'DOE, JOHN, Q',
      '6.child': 'X',
      '11a.male': 'X',
    });
    expect(b['31.date']).toBeUndefined();
  });

  it('fills the other insured and amount paid on a secondary claim (items 9, 11d, 29)', () => {
    const b = cms1500Fields(professionalFile(), 'RFP-1002').pages[0]!.boxes;
    expect(b).toMatchObject({
      'carrier.name': 'SUPPLEMENT CO',
      '1a': 'X55',
      '9': 'DOE, JANE',
      '9a': '1EG4TE5MK72',
      '9d': 'MEDICARE PART B',
      '11d.yes': 'X',
      '28': '250.00',
      '29': '160.00',
    });
    expect(b['11d.no']).toBeUndefined();
  });

  it('accepts a claim position instead of an id and rejects an unknown claim', () => {
    expect(cms1500Fields(professionalFile(), 1).claimId).toBe('RFP-1003');
    expect(() => cms1500Fields(professionalFile(), 'NOPE')).toThrow(/NOPE/);
  });

  it('continues past six lines with the totals on the last page only', () => {
    const { pages } = cms1500Fields(eightLineFile(), 'RFP-1001');
    expect(pages.map((p) => p.lines.length)).toEqual([6, 2]);
    expect(pages[0]!.boxes['28']).toBeUndefined();
    expect(pages[0]!.boxes['29']).toBeUndefined();
    expect(pages[1]!.boxes['28']).toBe('420.50');
    expect(cms1500Fields(eightLineFile(), 'RFP-1001', { markContinued: true }).pages.map((p) => p.boxes['28'])).toEqual(
      ['CONTINUED', '420.50'],
    );
    expect(pages[0]!.boxes['1a']).toBe(pages[1]!.boxes['1a']);
    expect(pages[1]!.lines[1]).toMatchObject({
      '24C': 'Y',
      '24D': 'J1100',
      '24G': '4',
      '24.shaded': 'DEXAMETHASONE 1 MG',
    });
  });

  it('prints resubmission (22) and the service facility without punctuation (32)', () => {
    const b = cms1500Fields(eightLineFile(), 'RFP-1001').pages[0]!.boxes;
    expect(b).toMatchObject({
      '22.code': '7',
      '22.ref': 'ICN2026000123',
      '32.name': 'RIVERSIDE URGENT CARE INC',
      '32.street': '200 N OAK AVE 5',
      '32.city': 'SPRINGFIELD IL 62702',
      '32a': '1477777770',
    });
  });

  it('crosswalks the claim filing indicator to item 1', () => {
    expect(['MB', 'MA', 'MC', 'CH', 'VA', 'OF', 'CI', 'BL', 'HM', 'WC', undefined].map(insuranceTypeBox)).toEqual([
      '1.medicare',
      '1.medicare',
      '1.medicaid',
      '1.tricare',
      '1.champva',
      '1.feca',
      '1.group',
      '1.group',
      '1.group',
      '1.other',
      '1.other',
    ]);
  });
});
