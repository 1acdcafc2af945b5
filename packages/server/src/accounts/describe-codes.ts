/** Procedure descriptions for patients from the loaded code sets: a licensed CPT descriptor, the HCPCS short text. */
import { accounts } from '@medbill/core';
import type { AppDeps } from '../http/app.ts';

export function describerFor(deps: Pick<AppDeps, 'codes'>): (code: string) => string {
  return (code) => {
    const cpt = deps.codes.catalog.lookup('cpt', code)?.shortTitle;
    const licensedCpt = cpt && !/requires AMA license/i.test(cpt) ? cpt : undefined;
    const hcpcsShort = deps.codes.catalog.lookup('hcpcs', code)?.shortTitle;
    return accounts.describeProcedure(code, {
      ...(licensedCpt ? { licensedCpt } : {}),
      ...(hcpcsShort ? { hcpcsShort } : {}),
    });
  };
}
