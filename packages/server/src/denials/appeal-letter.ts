/**
 * The appeal letter: a tenant's editable template (placeholders in {{double braces}}) filled with the claim,
 * the denial in words and the analyst's argument, with the attachments listed, printed as PDF.
 */
import type { PDFFont } from 'pdf-lib';
import { loadPdfLib } from '../print/pdf-lib.ts';

export const DEFAULT_APPEAL_TEMPLATE = `{{practiceName}}
{{practiceAddress}}
NPI {{practiceNpi}}   Phone {{practicePhone}}

{{today}}

{{payerName}}
Attn: Appeals

Re: Request for reconsideration
Patient: {{patientName}}   Date of birth: {{patientBirthDate}}   Member ID: {{memberId}}
Our claim: {{claimNumber}}   Payer claim number: {{payerClaimNumber}}
Date of service: {{serviceDate}}   Service: {{procedure}}   Billed: {{billed}}

The claim was denied on {{deniedOn}} for the following reason: {{denialReason}}
Remarks: {{remarks}}
Amount in dispute: {{amount}}

We ask you to reconsider this decision for the following reasons:

{{argument}}

Enclosed:
{{attachments}}

Sincerely,

{{signedBy}}
{{practiceName}}
`;

export const APPEAL_PLACEHOLDERS = [
  'practiceName',
  'practiceAddress',
  'practiceNpi',
  'practicePhone',
  'today',
  'payerName',
  'patientName',
  'patientBirthDate',
  'memberId',
  'claimNumber',
  'payerClaimNumber',
  'serviceDate',
  'procedure',
  'billed',
  'deniedOn',
  'denialReason',
  'remarks',
  'amount',
  'argument',
  'attachments',
  'signedBy',
] as const;
export type AppealFields = Record<(typeof APPEAL_PLACEHOLDERS)[number], string>;

/** Placeholders the template names that we do not know: a typo would print as is, so the editor refuses it. */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(APPEAL_PLACEHOLDERS);
  return [...body.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)].map((m) => m[1]!).filter((n) => !known.has(n));
}

export function fillTemplate(body: string, fields: AppealFields): string {
  return body.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (all, name: string) =>
    name in fields ? fields[name as keyof AppealFields] : all,
  );
}

// the standard PDF fonts encode WinAnsi only: other characters print as their nearest ASCII or '?'
const ASCII: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...' };
const printable = (s: string) => s.replace(/[^\x20-\x7E\xA0-\xFF]/g, (ch) => ASCII[ch] ?? (ch === '\t' ? '    ' : '?'));

function wrap(line: string, font: PDFFont, size: number, width: number): string[] {
  if (!line.trim()) return [''];
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(/ +/)) {
    const next = cur ? `${cur} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !cur) cur = next;
    else {
      out.push(cur);
      cur = word;
    }
  }
  out.push(cur);
  return out;
}

export async function renderAppealPdf(text: string, title: string): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await loadPdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle(printable(title));
  doc.setCreator('medbill');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [W, H, M, size, lead] = [612, 792, 64, 11, 15];
  let page = doc.addPage([W, H]);
  let y = H - M;
  for (const raw of text.split(/\r?\n/)) {
    for (const line of wrap(printable(raw), font, size, W - 2 * M)) {
      if (y < M) {
        page = doc.addPage([W, H]);
        y = H - M;
      }
      page.drawText(line, { x: M, y, size, font });
      y -= lead;
    }
  }
  return doc.save({ useObjectStreams: false });
}
