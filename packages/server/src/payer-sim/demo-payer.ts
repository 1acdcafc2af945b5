/**
 * The demo's payer, answering while the server runs (`medbill serve --demo`): every folder clearinghouse marked
 * `payerSimulator` gets a payer drop box on its folders, so a batch a new user sends comes back as a 999 and a 277CA
 * within a second and, after the remittance delay, an 835 ("Check for responses" picks them up).
 *
 * The 835s wait in `<root>/payer-held/` named by the time they are due, and are moved into the inbound folder once
 * due, so a restart neither loses nor repeats them. The payer's memory (deductibles met, control numbers) is the
 * same state file the demo seeding used, so the simulated payer carries on where the seeded cycle stopped.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { ClaimServices, ClearinghouseRow } from '../claims/claim-services.ts';
import { runPayerDropBox, type PayerDropBox } from '../clearinghouse/payer-drop-box.ts';
import { FolderAdapter } from '../clearinghouse/folder-adapter.ts';
import { allTenantIds, withTenant, type Db } from '../db/open-database.ts';
import { demoPayerContracts } from './demo-contracts.ts';
import { createPayerSimResponder, type ResponderOptions, type ResponseFile } from './payer-sim-responder.ts';

export interface DemoPayerOptions {
  /** how long after the 277CA the 835 arrives */
  remitDelayMs: number;
  pollMs?: number;
  onError: (e: Error) => void;
}

export interface DemoPayers {
  /** clearinghouses answered */
  count: number;
  /** answers every new 837 and delivers every due 835 now */
  pollOnce(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the demo seeding and the running server share: the simulated payer's settings and memory. The seeding may
 * ask for a payer's mistakes (`slips`) or no random rejections for one file it sends.
 */
export function demoResponder(
  root: string,
  now: () => Date,
  only: Partial<Pick<ResponderOptions, 'slips' | 'rejectRate'>> = {},
) {
  return createPayerSimResponder({
    contracts: demoPayerContracts(),
    seed: 'medbill-demo',
    rejectRate: 0.08,
    stateFile: path.join(root, 'payer-state.json'),
    now,
    ...only,
  });
}

/** The clearinghouses the demo's payer answers (the demo seeding marks its own), tenant by tenant. */
export async function payerSimulatorClearinghouses(db: Db): Promise<ClearinghouseRow[]> {
  const out: ClearinghouseRow[] = [];
  for (const tenantId of await allTenantIds(db)) {
    const rows = await withTenant(db, tenantId, (tx) =>
      tx
        .selectFrom('clearinghouse')
        .select(['tenant_id', 'id', 'name', 'transport', 'config'])
        .where('tenant_id', '=', tenantId)
        .where('transport', '=', 'folder')
        .where(sql<boolean>`(config->>'payerSimulator')::boolean IS TRUE`)
        .orderBy('id')
        .execute(),
    );
    out.push(...rows.map((r) => ({ ...r, config: r.config as Record<string, unknown> })));
  }
  return out;
}

export async function startDemoPayers(db: Db, services: ClaimServices, opts: DemoPayerOptions): Promise<DemoPayers> {
  const boxes: Array<{ box: PayerDropBox; release: () => Promise<void> }> = [];
  for (const ch of await payerSimulatorClearinghouses(db)) {
    const adapter = services.adapterFor(ch);
    await adapter.close();
    if (!(adapter instanceof FolderAdapter)) continue;
    boxes.push(await answer(adapter.folders, services, opts));
  }
  const pollOnce = async () => {
    for (const b of boxes) {
      await b.box.pollOnce();
      await b.release();
    }
  };
  const pollMs = opts.pollMs ?? 500;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (closed || !boxes.length) return;
    timer = setTimeout(() => {
      void Promise.all(boxes.map((b) => b.release()))
        .catch(opts.onError)
        .finally(schedule);
    }, pollMs);
    timer.unref();
  };
  schedule();
  return {
    count: boxes.length,
    pollOnce,
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const b of boxes) await b.box.close();
    },
  };
}

async function answer(
  folders: FolderAdapter['folders'],
  services: ClaimServices,
  opts: DemoPayerOptions,
): Promise<{ box: PayerDropBox; release: () => Promise<void> }> {
  const root = path.dirname(folders.outboundDir);
  const held = path.join(root, 'payer-held');
  await fs.mkdir(held, { recursive: true });
  const respond = demoResponder(root, services.now);
  const box = await runPayerDropBox({
    rootDir: root,
    outboundDir: path.relative(root, folders.outboundDir),
    inboundDir: path.relative(root, folders.inboundDir),
    stateFile: path.join(root, '.payer-drop-box-state.json'),
    pollMs: opts.pollMs ?? 500,
    onError: opts.onError,
    respond: async (name, text) => {
      const files = await respond(name, text);
      const due = Date.now() + opts.remitDelayMs;
      for (const f of files.filter((x) => x.kind === '835')) await hold(held, due, f);
      return files.filter((x) => x.kind !== '835');
    },
  });
  let releasing: Promise<void> = Promise.resolve();
  const release = () => {
    releasing = releasing.then(() => releaseDue(held, folders.inboundDir)).catch(opts.onError);
    return releasing;
  };
  return { box, release };
}

async function hold(held: string, due: number, f: ResponseFile): Promise<void> {
  const target = path.join(held, `${due}-${f.name}`);
  await fs.writeFile(`${target}.tmp`, f.text);
  await fs.rename(`${target}.tmp`, target);
}

/** Moves the held 835s that are due into the inbound folder (a name already there is left alone). */
async function releaseDue(held: string, inbound: string): Promise<void> {
  const now = Date.now();
  for (const name of (await fs.readdir(held)).sort()) {
    const m = /^(\d+)-(.+)$/.exec(name);
    if (!m || name.endsWith('.tmp') || Number(m[1]) > now) continue;
    try {
      await fs.link(path.join(held, name), path.join(inbound, m[2]));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    await fs.rm(path.join(held, name));
  }
}
