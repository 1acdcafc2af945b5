/** Display helpers for coding and billing: money (integer cents), ICD-10-CM dots, X12 segments. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '';
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '−' : ''}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.50" or "$1,234.5" → cents; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const t = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return null;
  const [d, c = ''] = t.split('.');
  return Number(d) * 100 + Number(c.padEnd(2, '0'));
}

/** ICD-10-CM as stored (E119) → as shown (E11.9). */
export function icdWithDot(code: string): string {
  const c = code.replace('.', '').toUpperCase();
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** ICD-10-CM as shown (E11.9) → as stored (E119). */
export function icdWithoutDot(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** The CMS-1500 box 21 letters: pointer 1 is A … 12 is L. */
export const DIAGNOSIS_LETTERS = 'ABCDEFGHIJKL'.split('');
export const letterOf = (pointer: number): string => DIAGNOSIS_LETTERS[pointer - 1] ?? '?';

/** An X12 interchange one segment a line (the terminator is the character after ISA16). */
export function x12Segments(content: string): string[] {
  const text = content.replace(/^\uFEFF/, '');
  let term = '~';
  if (text.startsWith('ISA') && text.length >= 106) term = text[105];
  if (term === '\n' || term === '\r')
    return text
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  return text
    .split(term)
    .map((s) => s.replace(/^[\r\n]+|[\r\n]+$/g, ''))
    .filter((s) => s.trim() !== '')
    .map((s) => s + term);
}

export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

export const STATE_LABEL: Record<string, string> = {
  draft: 'Draft',
  ready: 'Ready',
  batched: 'Batched',
  submitted: 'Submitted',
  acknowledged: 'Acknowledged (999)',
  accepted: 'Accepted by payer (277CA)',
  rejected: 'Rejected',
  adjudicated: 'Adjudicated',
  paid: 'Paid',
  partially_paid: 'Partially paid',
  denied: 'Denied',
  paid_with_line_denials: 'Paid, lines denied',
  reversed: 'Reversed by payer',
  forwarded: 'Forwarded to next payer',
  closed: 'Closed',
  appealed: 'Appealed',
  voided: 'Voided',
  rebilled: 'Void done: balance rebilled',
  written_off: 'Void done: balance written off',
};
