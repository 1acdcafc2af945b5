/** Has this remittance been posted before? By TRN02 + payer + payee, or by its content, whatever its envelope. */
import { formatCents } from '@medbill/core/ledger';
import type { Tx } from '../db/open-database.ts';
import type { ReadRemittance } from './read-835-file.ts';

export interface PostedRemittance {
  id: number;
  traceNumber: string;
  payerName: string;
  paymentCents: number;
  postedAt: Date | null;
  by: 'trace' | 'content';
}

/** Posted remittances these repeat, by the index of the repeating transaction in its file. */
export async function findPostedDuplicates(
  tx: Tx,
  tenantId: number,
  remits: readonly ReadRemittance[],
): Promise<Map<number, PostedRemittance>> {
  const out = new Map<number, PostedRemittance>();
  if (!remits.length) return out;
  const rows = await tx
    .selectFrom('remittance')
    .select([
      'id',
      'trace_number',
      'payer_key',
      'payee_key',
      'content_sha256',
      'payer_name',
      'payment_cents',
      'posted_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'posted')
    .where((eb) =>
      eb.or([
        eb(
          'trace_number',
          'in',
          remits.map((r) => r.traceNumber),
        ),
        eb(
          'content_sha256',
          'in',
          remits.map((r) => r.contentSha256),
        ),
      ]),
    )
    .execute();
  for (const r of remits) {
    const byTrace = rows.find(
      (x) =>
        r.traceNumber && x.trace_number === r.traceNumber && x.payer_key === r.payerKey && x.payee_key === r.payeeKey,
    );
    const byContent = rows.find((x) => x.content_sha256 === r.contentSha256);
    const hit = byTrace ?? byContent;
    if (hit)
      out.set(r.index, {
        id: hit.id,
        traceNumber: hit.trace_number,
        payerName: hit.payer_name,
        paymentCents: hit.payment_cents,
        postedAt: hit.posted_at,
        by: byTrace ? 'trace' : 'content',
      });
  }
  return out;
}

export function duplicateMessage(d: PostedRemittance): string {
  const when = d.postedAt ? ` on ${new Date(d.postedAt).toISOString().slice(0, 10)}` : '';
  const how = d.by === 'trace' ? '' : ' (same content under another trace)';
  return `already posted: TRN02 ${d.traceNumber}${d.payerName ? ` from ${d.payerName}` : ''} (${formatCents(d.paymentCents)}) was posted${when} as ERA #${d.id}${how}; nothing posted again`;
}

const RACE_CONSTRAINTS = new Set([
  'remittance_trace_posted',
  'remittance_content_posted',
  'edi_file_tenant_id_direction_sha256_key',
]);

/** A unique-index refusal from posting the same remittance at the same moment as another process. */
export function isPostingRace(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return false;
  return RACE_CONSTRAINTS.has(err.constraint ?? '') || [...RACE_CONSTRAINTS].some((c) => err.message?.includes(c));
}
