/** UB-04 FL50–62 payer rows A–C: the claim's payer and the other payers (2320), in payer order. */
import type { ClaimInFile, x837 } from '@medbill/x12';
import { money, noPunctuation, printable, ubName } from './print-format.ts';
import type { Ub04PayerBox } from './ub04-layout.ts';

type Row = Partial<Record<Ub04PayerBox, string>>;

/** SBR01 order: primary, secondary, tertiary, then payers 4–11 (A–H), unknown last. */
const ORDER = 'PSTABCDEFGHU';

interface PayerEntry {
  responsibility: string;
  sbr: x837.PayerResponsibility;
  payer: x837.Party;
  insured: x837.Party;
  release?: string;
  assigned?: string;
  paid?: number;
}

export function ub04Payers(ctx: ClaimInFile): Row[] {
  const c = ctx.claim;
  const entries: PayerEntry[] = [
    {
      responsibility: ctx.subscriber.sbr.responsibility,
      sbr: { ...ctx.subscriber.sbr, relationship: ctx.relationship },
      payer: ctx.subscriber.payer,
      insured: ctx.subscriber.subscriber,
      release: c.releaseOfInfo,
      assigned: c.benefitsAssigned,
    },
    ...(c.otherSubscribers ?? []).map((o) => ({
      responsibility: o.sbr.responsibility,
      sbr: o.sbr,
      payer: o.payer,
      insured: o.subscriber,
      release: o.releaseOfInfo,
      assigned: o.benefitsAssigned,
      paid: o.payerPaid,
    })),
  ];
  entries.sort((a, b) => rank(a.responsibility) - rank(b.responsibility));
  return entries.slice(0, 3).map(row);
}

function rank(responsibility: string): number {
  const i = ORDER.indexOf(responsibility);
  return i < 0 ? ORDER.length : i;
}

function row(e: PayerEntry): Row {
  const r: Row = {
    '50': noPunctuation(e.payer.name.lastName),
    '51': printable(e.payer.name.id),
    '52': printable(e.release),
    '53': printable(e.assigned),
    '58': ubName(e.insured),
    '59': printable(e.sbr.relationship),
    '60': printable(e.insured.name.id),
    '61': noPunctuation(e.sbr.groupName),
    '62': printable(e.sbr.groupNumber),
  };
  if (e.paid !== undefined) r['54'] = money(e.paid);
  return r;
}
