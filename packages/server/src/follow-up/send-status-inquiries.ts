/**
 * sendStatusInquiries: ask the payers where claims are. The claims named (or every claim on the follow-up
 * worklist) are grouped by the clearinghouse that carried them and their payer; each group becomes one 276
 * (005010X212) interchange, checked against the guide before it is stored, then sent through the same adapter
 * the claims went through (folder or SFTP). Each claim gets an inquiry row and a `status_inquiry` claim event.
 * The 277 answers are read like any inbound file (inbound intake → follow-up/apply-claim-status.ts): here, when
 * they come within `waitSeconds`, otherwise at the next poll. No transaction is held across the network.
 *
 * Audit: an `export` row per file before its bytes leave (naming its claims and patients), a `failure` row when
 * the upload fails, and one `export` row for the request (every claim it concerned, asked or skipped); the answers
 * audit themselves as inbound files.
 */
import type { StatusInquiryInput, StatusInquiryResult } from '@medbill/api';
import { render276Interchange, type ClaimState, type StatusRequestClaim } from '@medbill/core';
import { validateFile } from '@medbill/x12';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { loadClearinghouse } from '../claims/claim-services.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { nextControlNumber } from '../claims/control-numbers.ts';
import { sniffX12Kind, storeEdiFile } from '../claims/edi-files.ts';
import { processFile } from '../claims/inbound/intake.ts';
import type { ClearinghouseAdapter } from '../clearinghouse/clearinghouse-adapter.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { jobs } from '../jobs/job-registry.ts';
import { waitingClaims } from './list-follow-up.ts';
import { loadStatusInquiries, WAITING_STATES } from './status-inquiry-rows.ts';

/** claims sent to a payer and not closed or voided: a payer can say where they are */
const ASKABLE = new Set<string>([
  ...WAITING_STATES,
  'adjudicated',
  'paid',
  'partially_paid',
  'denied',
  'paid_with_line_denials',
  'reversed',
  'forwarded',
  'appealed',
]);
/** an unanswered inquiry younger than this is not sent again */
const RESEND_AFTER_MS = 24 * 3600_000;
const MAX_CLAIMS = 500;

export interface StatusInquiryProgress {
  phase: 'building' | 'sending' | 'waiting';
  done: number;
  total: number;
}

interface Candidate {
  id: number;
  claim_number: string;
  state: ClaimState;
  payer_claim_number: string | null;
  total_charge_cents: number;
  clearinghouse_id: number | null;
  payer_id: number;
  patient_id: number;
}

interface PreparedFile {
  fileId: number;
  fileName: string;
  text: string;
  clearinghouseId: number;
  inquiryIds: number[];
  claimIds: number[];
}

export async function sendStatusInquiries(
  deps: ClaimsDeps,
  actor: Actor,
  input: Partial<StatusInquiryInput> & { onProgress?: (p: StatusInquiryProgress) => void },
): Promise<StatusInquiryResult> {
  const t = actor.tenantId;
  const now = deps.claims.now();
  const job = jobs.start(t, 'status_inquiry', 'Claim status inquiries');
  const progress = (p: StatusInquiryProgress) => {
    job.progress({ item: 'claims', index: 1, items: 1, phase: p.phase, done: p.done, total: p.total });
    input.onProgress?.(p);
  };
  try {
    const { files, skipped } = await withTenant(deps.db, t, (tx) =>
      prepare(tx, deps, actor, input.claimIds, now, progress),
    );
    const results: StatusInquiryResult['files'] = [];
    const sentIds: number[] = [];
    for (const [i, f] of files.entries()) {
      progress({ phase: 'sending', done: i, total: files.length });
      const { ch, credential } = await withTenant(deps.db, t, (tx) =>
        loadClearinghouse(tx, deps.auditKey, t, f.clearinghouseId),
      );
      const adapter = deps.claims.adapterFor(ch, credential);
      try {
        await adapter.upload(f.fileName, Buffer.from(f.text, 'utf8'));
        sentIds.push(...f.inquiryIds);
        results.push({ fileId: f.fileId, fileName: f.fileName, clearinghouse: ch.name });
        await waitForAnswers(deps, actor, adapter, f, (input.waitSeconds ?? 5) * 1000, progress);
      } catch (e) {
        await markFailed(deps, actor, f, `Could not send to ${ch.name}: ${(e as Error).message}`);
      } finally {
        await adapter.close();
      }
    }
    const inquiries = await withTenant(deps.db, t, async (tx) => {
      // the request itself, naming every claim it concerned (asked or not) and what was sent
      await recordClaimsAudit(
        tx,
        deps.auditKey,
        actor,
        {
          action: 'export',
          resourceType: 'claim_status_inquiry',
          dataCategory: 'claim',
          details: { files: results.map((f) => f.fileName), skipped: skipped.length },
        },
        [...files.flatMap((f) => f.claimIds), ...skipped.map((s) => s.claimId)],
      );
      return loadStatusInquiries(tx, t, { ids: files.flatMap((f) => f.inquiryIds) });
    });
    job.finish();
    return { inquiries: inquiries.sort((a, b) => a.id - b.id), skipped, files: results };
  } catch (e) {
    job.fail(e);
    throw e;
  }
}

/** In one transaction: choose the claims, build and check each 276, store it, record the inquiries and events. */
async function prepare(
  tx: Tx,
  deps: ClaimsDeps,
  actor: Actor,
  claimIds: readonly number[] | undefined,
  now: Date,
  progress: (p: StatusInquiryProgress) => void,
) {
  const t = actor.tenantId;
  const skipped: StatusInquiryResult['skipped'] = [];
  let ids: number[];
  if (claimIds?.length) ids = [...new Set(claimIds)];
  else {
    const waiting = await waitingClaims(tx, t, now).select('c.id').orderBy('c.id').limit(MAX_CLAIMS).execute();
    ids = waiting.map((w) => w.id);
  }
  if (!ids.length) return { files: [] as PreparedFile[], skipped };
  const rows: Candidate[] = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .leftJoin('batch as b', (j) => j.onRef('b.tenant_id', '=', 'c.tenant_id').onRef('b.id', '=', 'c.batch_id'))
    .select([
      'c.id',
      'c.claim_number',
      'c.state',
      'c.payer_claim_number',
      'c.total_charge_cents',
      'b.clearinghouse_id',
      'c.payer_id',
      'e.patient_id',
    ])
    .where('c.tenant_id', '=', t)
    .where('c.id', 'in', ids)
    .execute();
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new AppError('not_found', `No claim with id ${missing[0]}`);
  const open = await tx
    .selectFrom('claim_status_inquiry')
    .select(['claim_id', 'sent_at'])
    .where('tenant_id', '=', t)
    .where('claim_id', 'in', ids)
    .where('status', '=', 'sent')
    .execute();
  const askable: Candidate[] = [];
  for (const r of rows.sort((a, b) => a.id - b.id)) {
    const recent = open.find(
      (o) => o.claim_id === r.id && now.getTime() - new Date(o.sent_at).getTime() < RESEND_AFTER_MS,
    );
    const why = !ASKABLE.has(r.state)
      ? `the claim is ${r.state}: only a claim sent to the payer can be asked about`
      : !r.clearinghouse_id
        ? 'the claim was not sent through a clearinghouse'
        : recent
          ? 'a status inquiry sent in the last day has not been answered yet'
          : null;
    if (why) skipped.push({ claimId: r.id, claimNumber: r.claim_number, reason: why });
    else askable.push(r);
  }
  const groups = new Map<string, Candidate[]>();
  for (const r of askable) {
    const k = `${r.clearinghouse_id}|${r.payer_id}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const files: PreparedFile[] = [];
  let done = 0;
  for (const group of groups.values()) {
    progress({ phase: 'building', done, total: askable.length });
    files.push(await prepareFile(tx, deps, actor, group, now));
    done += group.length;
  }
  return { files, skipped };
}

async function prepareFile(
  tx: Tx,
  deps: ClaimsDeps,
  actor: Actor,
  group: Candidate[],
  now: Date,
): Promise<PreparedFile> {
  const t = actor.tenantId;
  const chId = group[0]!.clearinghouse_id!;
  const ch = await tx
    .selectFrom('clearinghouse')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', chId)
    .executeTakeFirstOrThrow();
  const payer = await tx
    .selectFrom('payer')
    .select(['id', 'name', 'payer_code'])
    .where('tenant_id', '=', t)
    .where('id', '=', group[0]!.payer_id)
    .executeTakeFirstOrThrow();
  const details = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .innerJoin('coverage as cv', (j) =>
      j.onRef('cv.tenant_id', '=', 'c.tenant_id').onRef('cv.id', '=', 'c.coverage_id'),
    )
    .innerJoin('practice as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'e.tenant_id').onRef('pr.id', '=', 'e.practice_id'),
    )
    .select([
      'c.id',
      'e.service_date_from',
      'e.service_date_to',
      'p.first_name',
      'p.last_name',
      'p.birth_date',
      'p.sex',
      'cv.member_id',
      'cv.relationship_code',
      'cv.subscriber_first_name',
      'cv.subscriber_last_name',
      'cv.subscriber_birth_date',
      'cv.subscriber_sex',
      'pr.legal_name',
      'pr.npi',
    ])
    .where('c.tenant_id', '=', t)
    .where(
      'c.id',
      'in',
      group.map((g) => g.id),
    )
    .execute();
  const interchange = await nextControlNumber(tx, t, ch.id, 'interchange');
  const groupNumber = await nextControlNumber(tx, t, ch.id, 'group');
  const stamp = String(interchange).padStart(9, '0');
  const traceOf = (i: number) => `CS${ch.id}-${stamp}-${i + 1}`;
  const claims: StatusRequestClaim[] = group.map((g, i) => {
    const d = details.find((x) => x.id === g.id)!;
    const self = d.relationship_code === '18';
    return {
      trace: traceOf(i),
      claimNumber: g.claim_number,
      payerClaimNumber: g.payer_claim_number,
      chargeCents: g.total_charge_cents,
      serviceFrom: d.service_date_from,
      serviceTo: d.service_date_to,
      provider: { name: d.legal_name, npi: d.npi },
      subscriber: {
        firstName: self ? d.first_name : d.subscriber_first_name,
        lastName: self ? d.last_name : d.subscriber_last_name,
        birthDate: self ? d.birth_date : d.subscriber_birth_date,
        sex: self ? d.sex : d.subscriber_sex,
        memberId: d.member_id,
      },
      patient: self ? null : { firstName: d.first_name, lastName: d.last_name, birthDate: d.birth_date, sex: d.sex },
    };
  });
  const text = render276Interchange({
    requests: [
      {
        controlNumber: '0001',
        referenceId: `CS${stamp}`,
        date: now.toISOString().slice(0, 10).replace(/-/g, ''),
        time: now.toISOString().slice(11, 16).replace(':', ''),
        payer: { name: payer.name, payerId: payer.payer_code },
        receiver: { name: ch.submitter_name, id: ch.submitter_id },
        claims,
      },
    ],
    submitterId: ch.submitter_id,
    receiverId: ch.receiver_id,
    interchangeControlNumber: interchange,
    groupControlNumber: groupNumber,
    createdAt: now,
    usage: ch.usage_indicator as 'P' | 'T',
  });
  // the guide's word before anything is stored or sent: a 276 the payer would refuse is our fault, not the claim's
  const errors = validateFile(text).issues.filter((i) => i.severity === 'error');
  if (errors.length)
    throw new AppError(
      'conflict',
      `The status request for ${payer.name} does not pass the 276 guide: ${errors
        .slice(0, 3)
        .map((e) => e.message)
        .join('; ')}`,
    );
  const fileName = `276_${ch.submitter_id}_${stamp}.x12`;
  const file = await storeEdiFile(tx, t, {
    direction: 'outbound',
    kind: '276',
    fileName,
    content: text,
    clearinghouseId: ch.id,
  });
  const inserted = await tx
    .insertInto('claim_status_inquiry')
    .values(
      group.map((g, i) => ({
        tenant_id: t,
        claim_id: g.id,
        payer_id: payer.id,
        clearinghouse_id: ch.id,
        trace_number: traceOf(i),
        request_file_id: file.id,
        sent_by: actor.username,
        sent_at: now,
      })),
    )
    .returning(['id', 'claim_id'])
    .execute();
  await tx
    .insertInto('claim_event')
    .values(
      group.map((g, i) => ({
        tenant_id: t,
        claim_id: g.id,
        from_state: g.state,
        to_state: g.state,
        user_id: actor.userId,
        username: actor.username,
        reason: `276: asked ${payer.name} where the claim is (through ${ch.name}, trace ${traceOf(i)})`,
        cause: 'status_inquiry' as const,
        file_id: file.id,
      })),
    )
    .execute();
  await recordClaimsAudit(
    tx,
    deps.auditKey,
    actor,
    {
      action: 'export',
      resourceType: 'claim_status_inquiry',
      dataCategory: 'claim',
      details: { fileId: file.id, fileName, to: ch.name, payerId: payer.id },
    },
    group.map((g) => g.id),
    now,
  );
  return {
    fileId: file.id,
    fileName,
    text,
    clearinghouseId: ch.id,
    inquiryIds: inserted.map((r) => r.id),
    claimIds: group.map((g) => g.id),
  };
}

async function markFailed(deps: ClaimsDeps, actor: Actor, f: PreparedFile, problem: string): Promise<void> {
  await withTenant(deps.db, actor.tenantId, async (tx) => {
    await tx
      .updateTable('claim_status_inquiry')
      .set({ status: 'failed', problem: problem.slice(0, 500) })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', 'in', f.inquiryIds)
      .where('status', '=', 'sent')
      .execute();
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'export',
        resourceType: 'claim_status_inquiry',
        dataCategory: 'claim',
        outcome: 'failure',
        details: { fileId: f.fileId, fileName: f.fileName, problem: problem.slice(0, 300) },
      },
      f.claimIds,
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The clearinghouse names its answers after our file: those are read now (stored and applied as the poller would),
 * every other inbound file is left for the poller. Returns when every inquiry of the file is answered or time is up.
 */
async function waitForAnswers(
  deps: ClaimsDeps,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  f: PreparedFile,
  waitMs: number,
  progress: (p: StatusInquiryProgress) => void,
): Promise<void> {
  const stem = f.fileName.replace(/\.[^.]*$/, '');
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const open = await withTenant(deps.db, actor.tenantId, (tx) =>
      tx
        .selectFrom('claim_status_inquiry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', actor.tenantId)
        .where('id', 'in', f.inquiryIds)
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow(),
    );
    progress({ phase: 'waiting', done: f.inquiryIds.length - Number(open.n), total: f.inquiryIds.length });
    if (Number(open.n) === 0) return;
    const ours = (await adapter.listInbound()).filter((r) => r.name.startsWith(`${stem}.`));
    for (const remote of ours) {
      const text = Buffer.from(await adapter.download(remote)).toString('utf8');
      await withTenant(deps.db, actor.tenantId, (tx) =>
        processFile(tx, deps.auditKey, actor, { fileName: remote.name, text }, { clearinghouseId: f.clearinghouseId }),
      );
      await adapter.markProcessed(remote);
      if (sniffX12Kind(text) === '999')
        await markFailed(deps, actor, f, `The payer refused the status request as not valid (999 in ${remote.name})`);
    }
    if (!ours.length) await sleep(200);
  }
}
