import { describe, expect, it } from 'vitest';
import { ub04Fields } from './ub04-fields.ts';
import { institutionalFile, secondaryInstitutionalFile } from './print-fixtures.test-util.ts';

describe('ub04Fields', () => {
  it('maps the inpatient stay to FL1–17, codes, totals and the attending provider', () => {
    const { pages } = ub04Fields(institutionalFile(), 'HOSP-77', { creationDate: '20260105' });
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    expect(p.boxes).toMatchObject({
      '1.name': 'RIVERSIDE FAMILY PRACTICE',
      '1.city': 'SPRINGFIELD IL 627010000',
      '2.street': 'PO BOX 900',
      '3a': 'HOSP-77',
      '4': '0111',
      '5': '371234567',
      '6.from': '010126',
      '6.through': '010426',
      '8b': 'DOE JOHN Q',
      '9a': '12 ELM ST APT 3',
      '9b': 'SPRINGFIELD',
      '9c': 'IL',
      '9d': '62704',
      '10': '02141980',
      '11': 'M',
      '12': '010126',
      '13': '08',
      '14': '1',
      '15': '7',
      '16': '11',
      '17': '01',
      '18': '07',
      '39a.code': '80',
      '39a.amount': '3.00',
      '56': '1234567893',
      '64a': 'ICN-555',
      '66': '0',
      '69': 'R509',
      '74.code': '0BH17EZ',
      '74.date': '010226',
      '76.npi': '1112223338',
      '76.last': 'SMITH',
      '76.first': 'KAREN',
      '81a.qual': 'B3',
      '81a.code': '207Q00000X',
      '42.total': '0001',
      '43.page': '1',
      '43.of': '1',
      '45.total': '010526',
      '47.total': '1234.56',
      '48.total': '10.00',
    });
    expect(p.diagnoses).toEqual([
      { code: 'J189', poa: 'Y' },
      { code: 'E119', poa: 'N' },
    ]);
    expect(p.lines).toEqual([
      { '42': '0120', '45': '010126', '46': '3', '47': '1000.00' },
      { '42': '0300', '44': '85025', '46': '2', '47': '234.56', '48': '10.00' },
    ]);
    expect(p.payers).toEqual([
      {
        '50': 'BLUE PRAIRIE HEALTH',
        '51': 'BPH01',
        '52': 'Y',
        '53': 'Y',
        '58': 'DOE JOHN Q',
        '59': '18',
        '60': 'W123456789',
        '62': 'G-55',
      },
    ]);
  });

  it('lists the primary payer first with its prior payment on a secondary claim (FL50–62)', () => {
    const p = ub04Fields(secondaryInstitutionalFile(), 'HOSP-77').pages[0]!;
    expect(p.payers.map((r) => r['50'])).toEqual(['MEDICARE PART A', 'SUPPLEMENT CO']);
    expect(p.payers[0]).toMatchObject({ '51': '00431', '54': '800.00', '60': '1EG4TE5MK73' });
    expect(p.payers[1]).toMatchObject({ '51': 'SUP77', '61': 'SUPPLEMENT PLAN F', '62': 'SUP-9' });
    expect(p.payers[1]!['54']).toBeUndefined();
  });

  it('pages after 22 revenue lines with totals on the last page only', () => {
    const { pages } = ub04Fields(secondaryInstitutionalFile(), 'HOSP-77');
    expect(pages.map((p) => p.lines.length)).toEqual([22, 3]);
    expect(pages.map((p) => [p.boxes['43.page'], p.boxes['43.of'], p.boxes['47.total']])).toEqual([
      ['1', '2', undefined],
      ['2', '2', '1260.09'],
    ]);
    expect(pages[0]!.boxes['45.total']).toBeUndefined();
  });

  it('fills condition, occurrence, span and value codes in form order (FL18–41)', () => {
    const f = institutionalFile();
    const claim = f.billingProviders[0]!.subscribers[0]!.claims[0]!;
    claim.healthInfo.push(
      { qualifier: 'BG', code: 'A1' },
      { qualifier: 'BH', code: '11', dateFormat: 'D8', date: '20251228' },
      { qualifier: 'BH', code: '24', dateFormat: 'D8', date: '20260101' },
      { qualifier: 'BI', code: '70', dateFormat: 'RD8', date: '20251201-20251205' },
      { qualifier: 'BE', code: 'A1', amount: 50000 },
    );
    const b = ub04Fields(f, 'HOSP-77').pages[0]!.boxes;
    expect(b).toMatchObject({
      '18': '07',
      '19': 'A1',
      '31a.code': '11',
      '31a.date': '122825',
      '32a.code': '24',
      '32a.date': '010126',
      '35a.code': '70',
      '35a.from': '120125',
      '35a.through': '120525',
      '39a.code': '80',
      '40a.code': 'A1',
      '40a.amount': '500.00',
    });
  });
});
