/**
 * A Good Faith Estimate for an uninsured or self-pay patient, with what the No Surprises Act asks it to hold
 * (45 CFR 149.610): the patient, the date it was given and the planned date of service, the provider (name,
 * NPI, TIN, where the service happens), the primary service in words, each item or service expected with its
 * code and expected charge, the diagnosis codes, the total, and the notices — it is an estimate and not a
 * contract, the right to dispute a bill $400 or more above it, and to keep a copy. Pure: the content comes in
 * complete.
 */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { loadPdfLib, rgb } from './pdf-lib.ts';

const money = (c: number) => `$${(c / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

export interface GoodFaithEstimateContent {
  estimateNumber: string;
  issuedDate: string;
  serviceDate: string;
  patient: {
    name: string;
    birthDate: string;
    line1: string;
    city: string;
    state: string;
    zip: string;
    phone: string | null;
  };
  provider: {
    name: string;
    npi: string;
    tin: string;
    line1: string;
    city: string;
    state: string;
    zip: string;
    phone: string | null;
  };
  clinician: { name: string; npi: string } | null;
  description: string;
  diagnoses: Array<{ code: string; description: string }>;
  items: Array<{ code: string; description: string; units: number; chargeCents: number }>;
  totalCents: number;
}

const PAGE: [number, number] = [612, 792];
const GREY = rgb(0.35, 0.35, 0.35);

interface Pen {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  font: PDFFont;
  bold: PDFFont;
}

function line(p: Pen, s: string, x = 40, size = 9, bold = false, grey = false): void {
  if (p.y < 50) {
    p.page = p.doc.addPage(PAGE);
    p.y = 750;
  }
  p.page.drawText(s.replace(/[^\x20-\x7E]/g, '?'), {
    x,
    y: p.y,
    size,
    font: bold ? p.bold : p.font,
    color: grey ? GREY : rgb(0, 0, 0),
  });
}

function para(p: Pen, s: string, size = 8.5, width = 110): void {
  for (const l of wrap(s, width)) {
    line(p, l, 40, size);
    p.y -= size + 2.5;
  }
  p.y -= 4;
}

export async function renderGoodFaithEstimatePdf(g: GoodFaithEstimateContent): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Good Faith Estimate ${g.estimateNumber}`);
  const p: Pen = {
    doc,
    page: doc.addPage(PAGE),
    y: 750,
    font: doc.embedStandardFont(StandardFonts.Helvetica),
    bold: doc.embedStandardFont(StandardFonts.HelveticaBold),
  };
  line(p, 'Good Faith Estimate for Health Care Items and Services', 40, 14, true);
  p.y -= 16;
  line(p, `Estimate ${g.estimateNumber}   Issued ${g.issuedDate}   Planned date of service ${g.serviceDate}`);
  p.y -= 22;
  parties(p, g);
  line(p, 'Primary service or item', 40, 10, true);
  p.y -= 12;
  para(p, g.description || g.items.map((i) => i.description).join('; '), 9);
  if (g.diagnoses.length) {
    line(p, 'Diagnosis codes', 40, 10, true);
    p.y -= 12;
    for (const d of g.diagnoses) {
      line(p, `${d.code}  ${d.description}`.slice(0, 110));
      p.y -= 11;
    }
    p.y -= 6;
  }
  itemTable(p, g);
  notices(p, g);
  return doc.save({ useObjectStreams: false });
}

function parties(p: Pen, g: GoodFaithEstimateContent): void {
  const top = p.y;
  line(p, 'Patient', 40, 10, true);
  line(p, 'Provider', 320, 10, true);
  p.y -= 12;
  const left = [
    g.patient.name,
    `Date of birth ${g.patient.birthDate}`,
    g.patient.line1,
    `${g.patient.city}, ${g.patient.state} ${g.patient.zip}`,
    g.patient.phone ? `Phone ${g.patient.phone}` : '',
  ];
  const right = [
    g.provider.name,
    `NPI ${g.provider.npi}   TIN ${g.provider.tin}`,
    g.provider.line1,
    `${g.provider.city}, ${g.provider.state} ${g.provider.zip}`,
    g.provider.phone ? `Phone ${g.provider.phone}` : '',
    g.clinician ? `Clinician ${g.clinician.name}, NPI ${g.clinician.npi}` : '',
  ];
  for (let k = 0; k < Math.max(left.length, right.length); k++) {
    if (left[k]) line(p, left[k]!, 40);
    if (right[k]) line(p, right[k]!, 320);
    p.y -= 11;
  }
  p.y = Math.min(p.y, top - 80) - 8;
}

function itemTable(p: Pen, g: GoodFaithEstimateContent): void {
  line(p, 'Items and services expected', 40, 10, true);
  p.y -= 13;
  const head: Array<[string, number]> = [
    ['Code', 40],
    ['Service', 95],
    ['Units', 430],
    ['Expected charge', 480],
  ];
  for (const [h, x] of head) line(p, h, x, 8, true);
  p.y -= 11;
  for (const i of g.items) {
    line(p, i.code, 40);
    line(p, i.description.slice(0, 62), 95);
    line(p, String(i.units), 430);
    line(p, money(i.chargeCents), 480);
    p.y -= 11;
  }
  p.y -= 3;
  line(p, 'Total estimated charges', 95, 10, true);
  line(p, money(g.totalCents), 480, 10, true);
  p.y -= 22;
}

function notices(p: Pen, g: GoodFaithEstimateContent): void {
  line(p, 'Disclaimer', 40, 10, true);
  p.y -= 12;
  para(
    p,
    'This Good Faith Estimate shows the costs of items and services that are reasonably expected for your health care needs for an item or service. The estimate is based on information known at the time the estimate was created. It does not include any unknown or unexpected costs that may arise during treatment. You could be charged more if complications or special circumstances occur. If this happens, federal law allows you to dispute (appeal) the bill.',
  );
  para(
    p,
    `If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill. You may contact the provider listed above to let them know the billed charges are higher than the Good Faith Estimate. You can ask them to update the bill to match the Good Faith Estimate, ask to negotiate the bill, or ask if there is financial assistance available. You may also start a dispute resolution process with the U.S. Department of Health and Human Services (HHS) if the bill is at least $400 more than this estimate (${money(g.totalCents)}). You must start the dispute process within 120 calendar days (about 4 months) of the date on the original bill. There is a $25 fee to use the dispute process.`,
  );
  para(
    p,
    'For questions or more information about your right to a Good Faith Estimate or the dispute process, visit www.cms.gov/nosurprises or call 1-800-985-3059. This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of the providers or facilities listed. Keep a copy of this Good Faith Estimate in a safe place or take pictures of it; you may need it if you are billed a higher amount.',
  );
  line(p, `Given to the patient on ${g.issuedDate}.`, 40, 8, false, true);
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of s.split(/\s+/)) {
    if (cur && cur.length + w.length + 1 > width) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}
