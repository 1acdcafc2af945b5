/** What the denial use cases need: the database, the audit key, the clock, and (when loaded) the code sets for CARC/RARC words. */
import { CARC_SHORT, RARC_SHORT } from '@medbill/core/remittance';
import type { ClaimServices } from '../claims/claim-services.ts';
import type { CodesService } from '../codes/codes-service.ts';
import type { Deps } from '../deps.ts';
import type { DescribeRemark } from '../remittance/get-remittance.ts';

export type DenialDeps = Pick<Deps, 'db' | 'auditKey'> & {
  claims: Pick<ClaimServices, 'now' | 'today'>;
  codes?: Pick<CodesService, 'catalog'>;
};

/** Words for a CARC or RARC: the imported list's title, else our short words, else undefined. */
export function remarkWords(codes?: Pick<CodesService, 'catalog'>): DescribeRemark {
  return (kind, code) => {
    const entry = codes?.catalog.lookup(kind, code);
    if (entry) return entry.longTitle || entry.shortTitle;
    return kind === 'carc' ? CARC_SHORT[code] : RARC_SHORT[code];
  };
}
