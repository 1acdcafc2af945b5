/**
 * A patient statement on one Letter page (more pages when the items do not fit): the practice, the guarantor's
 * address, statement and due dates, the amount due, the items with their plain descriptions, the aging of what is
 * owed, the message of the dunning level (or the plan), and how to pay. Pure: the statement comes in complete.
 */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { loadPdfLib, rgb } from './pdf-lib.ts';

const money = (c: number) =>
  `${c < 0 ? '-' : ''}$${(Math.abs(c) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

export interface StatementContent {
  statementNumber: string;
  statementDate: string;
  dueDate: string;
  accountNumber: string;
  practice: { name: string; line1: string; city: string; state: string; zip: string; phone: string | null };
  guarantor: { name: string; line1: string; line2: string | null; city: string; state: string; zip: string };
  items: Array<{
    date: string;
    patient: string;
    description: string;
    code: string;
    chargeCents: number;
    insuranceCents: number;
    patientOwesCents: number;
  }>;
  /** payments received since the last statement (or lately, on a first statement) */
  payments: Array<{ date: string; cents: number; method: string }>;
  /** the last statement's date and balance; absent on a first statement */
  previous?: { date: string; balanceCents: number } | null;
  aging: { current: number; days31to60: number; days61to90: number; days91to120: number; over120: number };
  balanceCents: number;
  amountDueCents: number;
  heldCents: number;
  message: string;
  plan: { installmentCents: number; remainingCents: number; nextDueDate: string } | null;
}

const PAGE: [number, number] = [612, 792];
const INK = rgb(0, 0, 0);
const GREY = rgb(0.4, 0.4, 0.4);

interface Pen {
  page: PDFPage;
  y: number;
  font: PDFFont;
  bold: PDFFont;
}

function text(p: Pen, s: string, x: number, size = 9, bold = false, color = INK): void {
  p.page.drawText(s.replace(/[^\x20-\x7E]/g, '?'), { x, y: p.y, size, font: bold ? p.bold : p.font, color });
}

export async function renderStatementPdf(s: StatementContent): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Statement ${s.statementNumber}`);
  const font = doc.embedStandardFont(StandardFonts.Helvetica);
  const bold = doc.embedStandardFont(StandardFonts.HelveticaBold);
  const p: Pen = { page: doc.addPage(PAGE), y: 750, font, bold };
  header(p, s);
  items(p, s, doc);
  footer(p, s);
  return doc.save({ useObjectStreams: false });
}

function header(p: Pen, s: StatementContent): void {
  text(p, s.practice.name, 40, 14, true);
  text(p, 'PATIENT STATEMENT', 430, 12, true);
  p.y -= 14;
  text(p, `${s.practice.line1}, ${s.practice.city}, ${s.practice.state} ${s.practice.zip}`, 40);
  text(p, `Statement date: ${s.statementDate}`, 430);
  p.y -= 12;
  text(p, s.practice.phone ? `Questions? Call ${s.practice.phone}` : '', 40);
  text(p, `Account: ${s.accountNumber}`, 430);
  p.y -= 12;
  text(p, `Statement: ${s.statementNumber}`, 430);
  p.y -= 30;
  text(p, s.guarantor.name, 60, 10, true);
  text(p, 'Amount due', 430, 10, true);
  p.y -= 13;
  text(p, s.guarantor.line1, 60, 10);
  text(p, money(s.amountDueCents), 430, 16, true);
  p.y -= 13;
  if (s.guarantor.line2) {
    text(p, s.guarantor.line2, 60, 10);
    p.y -= 13;
  }
  text(p, `${s.guarantor.city}, ${s.guarantor.state} ${s.guarantor.zip}`, 60, 10);
  text(p, `Due by ${s.dueDate}`, 430, 10, true);
  p.y -= 28;
  for (const line of wrap(s.message, 100)) {
    text(p, line, 40, 9, s.message.startsWith('FINAL'));
    p.y -= 11;
  }
  if (s.plan) {
    text(
      p,
      `Payment plan: installment ${money(s.plan.installmentCents)} due ${s.plan.nextDueDate}; plan balance ${money(s.plan.remainingCents)}.`,
      40,
      9,
      true,
    );
    p.y -= 11;
  }
  p.y -= 12;
}

const COLS = { date: 40, patient: 100, description: 190, charge: 400, insurance: 460, owes: 530 };

function items(p: Pen, s: StatementContent, doc: PDFDocument): void {
  const head = () => {
    text(p, 'Date', COLS.date, 8, true);
    text(p, 'Patient', COLS.patient, 8, true);
    text(p, 'Service', COLS.description, 8, true);
    text(p, 'Charge', COLS.charge, 8, true);
    text(p, 'Insurance', COLS.insurance, 8, true);
    text(p, 'You owe', COLS.owes, 8, true);
    p.y -= 12;
  };
  if (s.previous) {
    text(p, `Balance on your statement of ${s.previous.date}: ${money(s.previous.balanceCents)}`, COLS.date, 8);
    p.y -= 11;
  }
  head();
  for (const i of s.items) {
    if (p.y < 160) {
      p.page = doc.addPage(PAGE);
      p.y = 750;
      head();
    }
    text(p, i.date, COLS.date, 8);
    text(p, i.patient.slice(0, 18), COLS.patient, 8);
    text(p, `${i.description} (${i.code})`.slice(0, 48), COLS.description, 8);
    text(p, money(i.chargeCents), COLS.charge, 8);
    text(p, money(i.insuranceCents), COLS.insurance, 8);
    text(p, money(i.patientOwesCents), COLS.owes, 8);
    p.y -= 11;
  }
  for (const pay of s.payments) {
    if (p.y < 160) {
      p.page = doc.addPage(PAGE);
      p.y = 750;
    }
    text(p, pay.date, COLS.date, 8);
    text(p, `Payment received, thank you (${pay.method})`, COLS.description, 8);
    text(p, money(-pay.cents), COLS.owes, 8);
    p.y -= 11;
  }
  if (s.heldCents > 0) {
    text(
      p,
      `Not yet billed to you: ${money(s.heldCents)} waits for your insurance to answer.`,
      COLS.description,
      8,
      false,
      GREY,
    );
    p.y -= 11;
  }
}

function footer(p: Pen, s: StatementContent): void {
  p.y = Math.min(p.y - 10, 140);
  text(p, 'Aging of your balance', 40, 9, true);
  p.y -= 12;
  const a = s.aging;
  const cells: Array<[string, number]> = [
    ['Current', a.current],
    ['31-60 days', a.days31to60],
    ['61-90 days', a.days61to90],
    ['91-120 days', a.days91to120],
    ['Over 120 days', a.over120],
    ['Balance', s.balanceCents],
  ];
  for (const [k, [label]] of cells.entries()) text(p, label, 40 + k * 90, 8, true);
  p.y -= 11;
  for (const [k, [, v]] of cells.entries()) text(p, money(v), 40 + k * 90, 9);
  p.y -= 24;
  text(
    p,
    'How to pay: mail a check payable to the practice to the address above, pay in person at the front desk,',
    40,
    8,
  );
  p.y -= 10;
  text(
    p,
    `or call ${s.practice.phone ?? 'our office'} to pay or to set up a payment plan. Write your account number on your check.`,
    40,
    8,
  );
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    if ((line + w).length > width) {
      out.push(line.trim());
      line = '';
    }
    line += `${w} `;
  }
  if (line.trim()) out.push(line.trim());
  return out;
}
