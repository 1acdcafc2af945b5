/**
 * How a service line is named where people read it: a professional line by its procedure and modifiers
 * ("99213-25"); an institutional (UB-04) line by its revenue code, then its HCPCS/CPT with modifiers when it
 * has one ("0450 / 99284-25", or "0250" alone).
 */
export function serviceLineLabel(line: {
  revenueCode?: string | null;
  procedureCode?: string | null;
  modifiers?: readonly string[] | null;
}): string {
  const procedure = line.procedureCode ? [line.procedureCode, ...(line.modifiers ?? [])].join('-') : '';
  const revenue = line.revenueCode ?? '';
  return revenue && procedure ? `${revenue} / ${procedure}` : revenue || procedure;
}
