/** Every X12 file sent or received is kept as it was, with its SHA-256; the same bytes twice are stored once. */
import crypto from 'node:crypto';
import type { Tx } from '../db/open-database.ts';

export interface StoredFile {
  id: number;
  duplicate: boolean;
}

export async function storeEdiFile(
  tx: Tx,
  tenantId: number,
  file: {
    direction: 'outbound' | 'inbound';
    kind: string;
    fileName: string;
    content: string;
    clearinghouseId?: number | null;
  },
): Promise<StoredFile> {
  const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
  const existing = await tx
    .selectFrom('edi_file')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('direction', '=', file.direction)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (existing) return { id: existing.id, duplicate: true };
  const row = await tx
    .insertInto('edi_file')
    .values({
      tenant_id: tenantId,
      direction: file.direction,
      kind: file.kind,
      file_name: file.fileName,
      sha256,
      size_bytes: Buffer.byteLength(file.content),
      content: file.content,
      clearinghouse_id: file.clearinghouseId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, duplicate: false };
}

/** X12 kind from ST01/GS08 of a file's first transaction, without a full parse. */
export function sniffX12Kind(text: string): string {
  const st = /(?:^|[~\n])\s*ST\*(\d{3})\*[^*~]*\*?([0-9A-Z]*)/.exec(text);
  const gs = /GS\*([A-Z]{2})\*/.exec(text);
  if (/^\s*(\uFEFF)?ISA/.test(text) && /TA1\*/.test(text) && !st) return 'TA1';
  if (!st) return 'unknown';
  if (st[1] === '837') return /X223/.test(text.slice(0, 600)) ? '837I' : '837P';
  if (st[1] === '277' && (/X214/.test(st[2]) || /X214/.test(text.slice(0, 600)))) return '277CA';
  return st[1] === '277' && gs?.[1] === 'HN' ? '277' : st[1];
}
