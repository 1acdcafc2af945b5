/** What the claims stage needs from outside the database: the clock, code edits, payer rules, clearinghouse transports. */
import fs from 'node:fs';
import path from 'node:path';
import {
  parsePayerRules,
  parsePreventiveRules,
  type PayerRule,
  type PreventiveRule,
  type ScrubOptions,
} from '@medbill/core';
import type { ClearinghouseAdapter } from '../clearinghouse/clearinghouse-adapter.ts';
import { FolderAdapter } from '../clearinghouse/folder-adapter.ts';
import { SftpAdapter } from '../clearinghouse/sftp-adapter.ts';
import { loadClearinghouseCredential, type ClearinghouseCredential } from '../clearinghouse/clearinghouse-secrets.ts';
import { clearinghouseFolder, defaultFolderName } from '../clearinghouse/tenant-folders.ts';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { findClearinghouse } from '../clearinghouse/find-clearinghouse.ts';

export interface ClearinghouseRow {
  tenant_id: number;
  id: number;
  name: string;
  transport: string;
  config: Record<string, unknown>;
}

export interface ClaimServices {
  now: () => Date;
  today: () => string;
  coding?: ScrubOptions['coding'];
  payerRules: () => readonly PayerRule[];
  /** a transport for one clearinghouse; SFTP needs its credential (see loadClearinghouse) */
  adapterFor: (ch: ClearinghouseRow, credential?: ClearinghouseCredential | null) => ClearinghouseAdapter;
}

export const DEFAULT_PAYER_RULES_FILE = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  'default-payer-rules.yaml',
);

export const DEFAULT_PREVENTIVE_RULES_FILE = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  'preventive-services.yaml',
);

/** The ACA preventive-service rules: `$MEDBILL_DATA/preventive-services.yaml` when the office has one, else ours. */
export function preventiveRules(dataDir?: string): PreventiveRule[] {
  const own = dataDir ? path.join(dataDir, 'preventive-services.yaml') : '';
  const file = own && fs.existsSync(own) ? own : DEFAULT_PREVENTIVE_RULES_FILE;
  return parsePreventiveRules(fs.readFileSync(file, 'utf8'), file);
}

/** Payer rules: `$MEDBILL_DATA/payer-rules.yaml` when the office has one, else the rules we ship. Re-read when the file changes. */
export function payerRulesLoader(dataDir: string): () => readonly PayerRule[] {
  let cache: { file: string; mtime: number; rules: PayerRule[] } | null = null;
  return () => {
    const own = path.join(dataDir, 'payer-rules.yaml');
    const file = fs.existsSync(own) ? own : DEFAULT_PAYER_RULES_FILE;
    const mtime = fs.statSync(file).mtimeMs;
    if (!cache || cache.file !== file || cache.mtime !== mtime)
      cache = { file, mtime, rules: parsePayerRules(fs.readFileSync(file, 'utf8'), file) };
    return cache.rules;
  };
}

/**
 * Folder transports live in the tenant's own folder under the data folder (tenant-folders.ts); SFTP connects
 * with the credential from the tenant's secret store, never with anything the record names.
 */
export function adapterFactory(dataDir: string): ClaimServices['adapterFor'] {
  return (ch, credential) => {
    const c = ch.config as Record<string, unknown>;
    if (ch.transport === 'folder') {
      const root = clearinghouseFolder(dataDir, ch.tenant_id, c.root ?? defaultFolderName(ch.id));
      return new FolderAdapter({
        outboundDir: path.join(root, 'outbound'),
        inboundDir: path.join(root, 'inbound'),
        processedDir: path.join(root, 'processed'),
      });
    }
    if (ch.transport === 'sftp') {
      if (!credential?.password && !credential?.privateKey)
        throw new AppError(
          'conflict',
          `No password or private key is set for the clearinghouse "${ch.name}": set one on its admin page or with medbill clearinghouse set-secret`,
        );
      return new SftpAdapter({
        host: String(c.host),
        port: Number(c.port ?? 22),
        username: String(c.username),
        password: credential.password,
        privateKey: credential.privateKey,
        passphrase: credential.passphrase,
        hostKeySha256: String(c.hostKeySha256),
        outboundDir: String(c.outboundDir ?? '/outbound'),
        inboundDir: String(c.inboundDir ?? '/inbound'),
        processedDir: String(c.processedDir ?? '/processed'),
      });
    }
    throw new Error(`Clearinghouse ${ch.name} has an unknown transport ${ch.transport}`);
  };
}

/** One of the tenant's clearinghouses with its credential opened (for an SFTP transport), or 404. */
export async function loadClearinghouse(tx: Tx, auditKey: Buffer, tenantId: number, clearinghouseId: number) {
  const ch = await findClearinghouse(tx, tenantId, clearinghouseId);
  const credential =
    ch.transport === 'sftp' ? await loadClearinghouseCredential(tx, auditKey, tenantId, clearinghouseId) : null;
  return { ch, credential };
}

export function defaultClaimServices(dataDir: string, extra: Partial<ClaimServices> = {}): ClaimServices {
  const now = extra.now ?? (() => new Date());
  return {
    now,
    today: () => now().toISOString().slice(0, 10),
    payerRules: payerRulesLoader(dataDir),
    adapterFor: adapterFactory(dataDir),
    ...extra,
  };
}
