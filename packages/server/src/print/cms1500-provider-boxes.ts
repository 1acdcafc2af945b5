/** CMS-1500 items 25–27 and 31–33: tax ID, account number, assignment, signature, facility, billing provider. */
import type { ClaimInFile } from '@medbill/x12';
import { providerOf } from './claim-context.ts';
import type { Cms1500Box } from './cms1500-layout.ts';
import {
  cityLine,
  mdy,
  naturalName,
  noPunctuation,
  npiOf,
  phoneOf,
  printAddress,
  printable,
  refOf,
} from './print-format.ts';

type Boxes = Partial<Record<Cms1500Box, string>>;

export function cms1500Providers(ctx: ClaimInFile, signedDate: string | undefined): Boxes {
  return { ...taxAndAssignment(ctx), ...signature(ctx, signedDate), ...facility(ctx), ...billing(ctx) };
}

/** 25 (no hyphens; SSN or EIN box), 26, 27 (CLM07 A or B = assignment accepted). */
function taxAndAssignment(ctx: ClaimInFile): Boxes {
  const bp = ctx.billing.provider;
  const ein = refOf(bp, 'EI');
  const ssn = refOf(bp, 'SY');
  const b: Boxes = { '26': printable(ctx.claim.id) };
  if (ein) Object.assign(b, { '25': ein.replace(/\D/g, ''), '25.ein': 'X' });
  else if (ssn) Object.assign(b, { '25': ssn.replace(/\D/g, ''), '25.ssn': 'X' });
  b[ctx.claim.assignment === 'A' || ctx.claim.assignment === 'B' ? '27.yes' : '27.no'] = 'X';
  return b;
}

/** 31: "SIGNATURE ON FILE" when CLM06 is Y, the rendering (else billing) provider's name, the signing date. */
function signature(ctx: ClaimInFile, signedDate: string | undefined): Boxes {
  const signer = providerOf(ctx.claim, '82') ?? ctx.billing.provider;
  const b: Boxes = { '31.name': naturalName(signer) };
  if (ctx.claim.providerSignature === 'Y') b['31'] = 'SIGNATURE ON FILE';
  if (signedDate) b['31.date'] = mdy(signedDate);
  return b;
}

/** 32, 32a: the service facility (2310C) when the claim names one. */
function facility(ctx: ClaimInFile): Boxes {
  const f = providerOf(ctx.claim, '77');
  if (!f) return {};
  const a = printAddress(f);
  return { '32.name': noPunctuation(f.name.lastName), '32.street': a.street, '32.city': cityLine(a), '32a': npiOf(f) };
}

/** 33, 33a: billing provider (2010AA) with its telephone (area code in the parentheses, no hyphen). */
function billing(ctx: ClaimInFile): Boxes {
  const bp = ctx.billing.provider;
  const a = printAddress(bp);
  const phone = phoneOf(bp);
  const b: Boxes = {
    '33.name': bp.name.entityType === '1' ? naturalName(bp) : noPunctuation(bp.name.lastName),
    '33.street': a.street,
    '33.city': cityLine(a),
    '33a': npiOf(bp),
  };
  if (phone.length === 10) Object.assign(b, { '33.areaCode': phone.slice(0, 3), '33.phone': phone.slice(3) });
  else if (phone) b['33.phone'] = phone;
  return b;
}
