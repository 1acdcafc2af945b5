import { describe, expect, it } from 'vitest';
import { createDemoCatalog } from '../demo/demo-codes.ts';
import { hcpcsTerm, writtenCodes } from './procedure-spotter.ts';
import { CodeSuggester } from './code-suggester.ts';

const NOTE = `Plan: Ceftriaxone 1 g IM given in clinic. Dispensed a folding wheeled walker.
Blood glucose test strips refilled. No nebulizer needed. Will consider crutches if pain persists.
Annual wellness visit, subsequent. Billed 99213 and G0008; 12345 is the room number.`;

describe('HCPCS and CPT suggestions from the note', () => {
  const demo = createDemoCatalog();
  const suggester = new CodeSuggester(demo);
  const procs = (text: string, on = '2025-11-01') => suggester.suggest(text, { on }).procedures;

  it('reads HCPCS items from the words of their descriptions, each span holding the words matched', () => {
    const p = procs(NOTE);
    const byCode = new Map(p.map((x) => [x.code, x]));
    expect([...byCode.keys()]).toEqual(expect.arrayContaining(['E0143', 'A4253', 'G0439', 'J0696']));
    expect(byCode.get('E0143')?.spans.map((s) => s.text)).toEqual(['folding wheeled walker']);
    expect(byCode.get('A4253')?.spans.map((s) => s.text)).toEqual(['Blood glucose test strips']);
    for (const x of p) {
      expect(x.reason.checks.length).toBeGreaterThan(0);
      expect(x.confidence).toBeGreaterThan(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
      for (const s of x.spans) expect(NOTE.slice(s.start, s.end)).toBe(s.text);
      const spanText = x.spans.map((s) => s.text.toLowerCase()).join(' ');
      for (const w of x.reason.matched) expect(spanText).toContain(w.toLowerCase());
    }
  });

  it('proposes a drug only where the note says it was given, with the units for the dose written', () => {
    const j = procs(NOTE).find((x) => x.code === 'J0696');
    expect(j).toMatchObject({ codeSet: 'hcpcs', units: 4, spans: [expect.objectContaining({ text: 'Ceftriaxone' })] });
    expect(j?.reason.checks.join(' ')).toMatch(/given: IM/);
    expect(procs('Allergic to ceftriaxone.').map((x) => x.code)).not.toContain('J0696');
  });

  it('leaves out what the note negates or only considers', () => {
    const codes = procs(NOTE).map((x) => x.code);
    expect(codes.some((c) => c.startsWith('E057'))).toBe(false);
    expect(codes).not.toContain('E0114');
  });

  it('proposes CPT by code number only where a CPT set is loaded, and never a number the set lacks', () => {
    const p = procs(NOTE);
    expect(p.find((x) => x.code === '99213')).toMatchObject({
      codeSet: 'cpt',
      reason: { source: 'code number', matched: ['99213'] },
      spans: [{ start: NOTE.indexOf('99213'), end: NOTE.indexOf('99213') + 5, text: '99213' }],
    });
    expect(p.find((x) => x.code === 'G0008')).toMatchObject({ codeSet: 'hcpcs', reason: { source: 'code number' } });
    expect(p.map((x) => x.code)).not.toContain('12345');
    const noCpt = createDemoCatalog();
    for (const r of noCpt.releases('cpt')) noCpt.removeRelease('cpt', r.releaseId);
    const without = new CodeSuggester(noCpt).suggest(NOTE, { on: '2025-11-01' }).procedures.map((x) => x.code);
    expect(without).not.toContain('99213');
    expect(without).toContain('E0143');
  });

  it('is deterministic and keeps the diagnoses as they were', () => {
    const a = suggester.suggest(NOTE, { on: '2025-11-01' });
    const b = suggester.suggest(NOTE, { on: '2025-11-01' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(suggester.suggest(NOTE, { on: '2025-11-01', procedures: false }).suggestions).toEqual(a.suggestions);
  });

  it('names an item by the words before the first comma; the rest picks among items', () => {
    expect(hcpcsTerm('E0143', 'Walker, folding, wheeled, adjustable or fixed height')).toMatchObject({
      essential: ['walker'],
      drug: false,
    });
    expect(hcpcsTerm('J0696', 'Injection, ceftriaxone sodium, per 250 mg')).toMatchObject({
      essential: ['ceftriaxone'],
      drug: true,
      unitMg: 250,
    });
    expect(hcpcsTerm('L5050', 'Ankle, symes, molded socket, sach foot')).toBeUndefined();
    expect(writtenCodes('cpt 99213, 9921, G0008x, 1234F, E11.9 and J0696.').map((c) => c.code)).toEqual([
      '99213',
      '1234F',
      'J0696',
    ]);
  });
});
