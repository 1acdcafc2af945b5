/**
 * The audit chain anchored outside the database (issue 8 item 3; SECURITY.md C4 "the chain head is exported").
 *
 * Someone who can write to the database but not read the audit key cannot forge an entry, yet could delete a
 * tenant's whole chain, or cut its tail and put back an older copy of the head row: both leave a chain that
 * verifies. So every committed audit row also appends its tenant's new head (sequence, hash, HMAC under the audit
 * key) to an append-only file beside the key. The verifier requires that file: a chain that is gone, behind the
 * anchor, or different at an anchored entry is reported.
 *
 * The append happens after the commit, so a crash in between leaves the file a step behind the database; the
 * verifier accepts a database ahead of its anchor (that tail is covered by the head row's HMAC), and the next
 * start (and every minute while the server runs) anchors heads the file has not seen, after checking their HMAC.
 * Lines are short single writes in append mode, so the server and a CLI process on the same PostgreSQL database
 * can both append. The file is kept small by rewriting it with each tenant's newest line when it grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { asOwner, type Db } from '../db/open-database.ts';
import { anchorHmac, headHmac, safeEqualHex } from './audit-chain.ts';

export interface AnchoredHead {
  tenantId: number;
  seq: number;
  hash: string;
  at: string;
}

export interface AnchorReading {
  heads: Map<number, AnchoredHead>;
  /** lines whose HMAC the audit key did not make (forged or damaged), with the tenant they name */
  invalid: Array<{ line: number; tenantId: number }>;
}

const COMPACT_ABOVE_BYTES = 4 * 1024 * 1024;

export function anchorLine(key: Buffer, tenantId: number, seq: number, hash: string, at = new Date()): string {
  return `${tenantId} ${seq} ${hash} ${at.toISOString()} ${anchorHmac(key, tenantId, seq, hash)}\n`;
}

export class AuditAnchor {
  constructor(readonly file: string) {}

  append(lines: string[]): void {
    if (!lines.length) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, lines.join(''), { mode: 0o600 });
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** Each tenant's newest anchored head (lines with a bad HMAC are reported, never believed). */
  read(key: Buffer): AnchorReading {
    const heads = new Map<number, AnchoredHead>();
    const invalid: AnchorReading['invalid'] = [];
    if (!this.exists()) return { heads, invalid };
    const text = fs.readFileSync(this.file, 'utf8');
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      if (!line) continue;
      const [t, s, hash, at, mac] = line.split(' ');
      const tenantId = Number(t);
      const seq = Number(s);
      if (
        !Number.isSafeInteger(tenantId) ||
        !Number.isSafeInteger(seq) ||
        !mac ||
        !safeEqualHex(mac, anchorHmac(key, tenantId, seq, hash))
      ) {
        invalid.push({ line: lineNo, tenantId });
        continue;
      }
      const known = heads.get(tenantId);
      if (!known || seq > known.seq) heads.set(tenantId, { tenantId, seq, hash, at });
    }
    return { heads, invalid };
  }

  /** Rewrites the file with each tenant's newest valid line (a line appended meanwhile by another process may be lost: that only makes the anchor lag). */
  compact(key: Buffer): void {
    const { heads } = this.read(key);
    const tmp = `${this.file}.${process.pid}.tmp`;
    const lines = [...heads.values()].map((h) => anchorLine(key, h.tenantId, h.seq, h.hash, new Date(h.at)));
    fs.writeFileSync(tmp, lines.join(''), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  /**
   * Anchors every chain head the file is behind on, when its HMAC is the key's (a head put back from an older copy
   * has a lower sequence than the anchor and is left for the verifier to report).
   */
  async catchUp(db: Db, key: Buffer): Promise<number> {
    if (this.exists() && fs.statSync(this.file).size > COMPACT_ABOVE_BYTES) this.compact(key);
    const { heads: anchored } = this.read(key);
    const rows = await readHeads(db);
    const lines: string[] = [];
    for (const h of rows) {
      if (!safeEqualHex(h.hmac, headHmac(key, h.tenant_id, h.seq, h.hash))) continue;
      const known = anchored.get(h.tenant_id);
      if (!known || h.seq > known.seq) lines.push(anchorLine(key, h.tenant_id, h.seq, h.hash));
    }
    this.append(lines);
    return lines.length;
  }
}

async function readHeads(db: Db) {
  // an owner path: every tenant's head is anchored
  return (
    await asOwner(db, (tx) =>
      sql<{ tenant_id: number; seq: number; hash: string; hmac: string }>`
      SELECT tenant_id, seq, hash, hmac FROM audit_chain_head ORDER BY tenant_id`.execute(tx),
    )
  ).rows.map((r) => ({ ...r, tenant_id: Number(r.tenant_id), seq: Number(r.seq) }));
}

/** The anchor the server or a CLI process keeps for a database, by its Kysely instance. */
const anchors = new WeakMap<object, AuditAnchor>();

export function attachAuditAnchor(db: Db, anchor: AuditAnchor): AuditAnchor {
  anchors.set(db, anchor);
  return anchor;
}

export function auditAnchorOf(db: Db): AuditAnchor | undefined {
  return anchors.get(db);
}
