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

export interface ClearinghouseRow {
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
  adapterFor: (ch: ClearinghouseRow) => ClearinghouseAdapter;
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

/** Folder transports live under the data folder; SFTP secrets come from the environment, never the database. */
export function adapterFactory(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): (ch: ClearinghouseRow) => ClearinghouseAdapter {
  return (ch) => {
    const c = ch.config as Record<string, any>;
    const dirs = {
      outboundDir: String(c.outboundDir ?? 'outbound'),
      inboundDir: String(c.inboundDir ?? 'inbound'),
      processedDir: String(c.processedDir ?? 'processed'),
    };
    if (ch.transport === 'folder') {
      const root = path.resolve(dataDir, String(c.root ?? `clearinghouse-${ch.id}`));
      return new FolderAdapter({
        outboundDir: path.join(root, dirs.outboundDir),
        inboundDir: path.join(root, dirs.inboundDir),
        processedDir: path.join(root, dirs.processedDir),
      });
    }
    if (ch.transport === 'sftp') {
      const secretVar = String(c.passwordEnv ?? `MEDBILL_SFTP_PASSWORD_${ch.id}`);
      return new SftpAdapter({
        host: String(c.host),
        port: Number(c.port ?? 22),
        username: String(c.username),
        password: env[secretVar],
        hostKeySha256: String(c.hostKeySha256),
        ...dirs,
      });
    }
    throw new Error(`Clearinghouse ${ch.name} has an unknown transport ${ch.transport}`);
  };
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
