/**
 * The inbound folder as intake sees it: every file downloaded and looked at first. One that is not X12 text or is
 * addressed to another submitter is quarantined with its reason and moved out of the way (so it never blocks a
 * later poll); the rest come back with their bytes and the head of their text. Entries the transport leaves out (hidden or odd names, links,
 * folders) are listed with their reason instead of being left there silently.
 */
import type { QuarantinedFile, SkippedFile } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import type { ClearinghouseAdapter, RemoteFile } from '../../clearinghouse/clearinghouse-adapter.ts';
import { withTenant } from '../../db/open-database.ts';
import type { Deps } from '../../deps.ts';
import { inspectInbound } from './inspect-inbound.ts';
import { quarantineFile } from './quarantine.ts';

export interface ScreenedInbound {
  /** files fit to apply: their bytes as received, and their head as text (the whole is decoded where it is read) */
  files: Array<{ remote: RemoteFile; bytes: Uint8Array; head: string }>;
  quarantined: QuarantinedFile[];
  skipped: SkippedFile[];
}

export async function screenInbound(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  ch: { id: number; submitterId: string | null },
): Promise<ScreenedInbound> {
  const out: ScreenedInbound = { files: [], quarantined: [], skipped: (await adapter.inboundSkipped?.()) ?? [] };
  for (const remote of await adapter.listInbound()) {
    const bytes = await adapter.download(remote);
    const verdict = await inspectInbound(bytes, ch.submitterId);
    if (verdict.ok) {
      out.files.push({ remote, bytes, head: verdict.head });
      continue;
    }
    out.quarantined.push(await hold(deps, actor, adapter, remote, bytes, ch.id, verdict.code, verdict.reason));
  }
  return out;
}

/** Quarantines one received file, then moves it out of the inbound folder (only once it is stored). */
export async function hold(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  remote: RemoteFile,
  bytes: Uint8Array,
  clearinghouseId: number,
  code: Parameters<typeof quarantineFile>[3]['code'],
  reason: string,
): Promise<QuarantinedFile> {
  const held = await withTenant(deps.db, actor.tenantId, (tx) =>
    quarantineFile(tx, deps.auditKey, actor, { clearinghouseId, fileName: remote.name, bytes, code, reason }),
  );
  await adapter.markProcessed(remote);
  return held;
}
