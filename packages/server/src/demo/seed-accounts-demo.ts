/**
 * The demo's patient accounts, in every state an account rep meets. A dozen patients were seen five months ago and
 * their claims went through the cycle then (the clock set back: scrub, 837, the payer simulator's 999, 277CA and
 * 835), so their balances after insurance are old enough for the rep's months since: statement runs a month apart
 * (first notice, reminder, second reminder, final notice), a payment plan kept and one broken, a balance paid in
 * full and one in part, calls and letters logged, a final notice, an account placed with a collection agency and
 * the agency's payment report imported, and eligibility answers (271) on file. Every step is the use case the
 * routes and the CLI call, run in date order with the clock of its day, so every ledger balances and every step
 * is audited. The collection agency is set up like the payers (configuration, not patient data).
 */
import { accounts } from '@medbill/core';
import type { Actor } from '../actor.ts';
import type { AuditActor } from '../audit/record-audit.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { createEncounter } from '../coding/create-encounter.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import { checkEligibility } from '../eligibility/check-eligibility.ts';
import {
  AGENCY_REPORT_COLUMNS,
  importAgencyReport,
  placeWithAgency,
  sendFinalNotice,
} from '../accounts/collections.ts';
import { logContact, type LogContactInput } from '../accounts/log-contact.ts';
import { openItems } from '../accounts/open-items.ts';
import { createPaymentPlan } from '../accounts/payment-plans.ts';
import { recordPatientPayment } from '../accounts/record-payment.ts';
import { planStatementRun } from '../accounts/run-statements.ts';
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { DEMO_VISITS } from './demo-visits.ts';
import { answerAsPayer, clinicProviders, payerSideOf, runDemoCycle, WHOLE_CYCLE } from './demo-cycle.ts';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Who is who in the accounts story (patient ids), for the demo's summary and its test. */
export interface AccountsStory {
  /** statements from first notice to final notice, a final notice letter: ready for placement */
  collections: number;
  placed: number;
  keptPlan: number;
  brokenPlan: number;
  paidInFull: number;
  paidInPart: number;
  /** patients whose eligibility was asked (271 on file) */
  eligibility: number[];
  statementRuns: number;
}

interface Setting {
  db: Db;
  auditKey: Buffer;
  tenantId: number;
  clearinghouseId: number;
  dataDir: string;
  services: ClaimServices;
}

/** One day's clock for the claims services and the use cases: noon, `daysAgo` days before the demo's today. */
function dayOf(s: Setting, daysAgo: number) {
  const at = new Date(s.services.now().getTime() - daysAgo * DAY);
  at.setUTCHours(15, 0, 0, 0);
  const services: ClaimServices = { ...s.services, now: () => new Date(at), today: () => iso(at) };
  return { at, date: iso(at), services };
}

/** The account rep (the demo's `rep` user) or, without one, the system. */
async function repActor(db: Db, tenantId: number): Promise<AuditActor> {
  const rep = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('tenant_id', '=', tenantId)
      .where('role', '=', 'account_rep')
      .orderBy('id')
      .executeTakeFirst(),
  );
  return { tenantId, userId: rep?.id ?? null, username: rep?.username ?? 'system', sourceIp: null };
}

/**
 * Before the demo's recent visits: the story's visits 150 days ago, their cycle, and the five months since.
 * `candidates`: patients with a primary coverage, in the order the demo took them (the story takes the last ones).
 */
export async function seedAccountsHistory(s: Setting, candidates: number[]): Promise<AccountsStory | null> {
  const t = s.tenantId;
  const system: Actor = { tenantId: t, userId: null, username: 'system', sourceIp: null };
  const rep = await repActor(s.db, t);
  const ctxAt = (daysAgo: number, actor: AuditActor = rep): UseCaseContext => {
    const { at } = dayOf(s, daysAgo);
    return { db: s.db, tenantId: t, actor, auditKey: s.auditKey, now: () => new Date(at) };
  };

  // a dozen patients insured by one plan that leaves the patient a share (a deductible, coinsurance or a copay)
  const visit = dayOf(s, 150);
  const { chosen, clinic } = await withTenant(s.db, t, async (tx) => {
    const single = await tx
      .selectFrom('coverage as c')
      .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
      .select(['c.patient_id', 'y.claim_filing_indicator'])
      .where('c.tenant_id', '=', t)
      .where('c.patient_id', 'in', candidates.length ? candidates : [-1])
      .execute();
    const plans = new Map<number, string[]>();
    for (const c of single) plans.set(c.patient_id, [...(plans.get(c.patient_id) ?? []), c.claim_filing_indicator]);
    const chosen = candidates
      .filter((id) => plans.get(id)?.length === 1 && ['CI', 'BL', 'MB'].includes(plans.get(id)![0]!))
      .slice(-12);
    const clinic = await clinicProviders(tx, t);
    return { chosen, clinic };
  });
  // the front desk asks each patient's plan on the day of the visit (271 on file)
  for (const patientId of chosen) await checkAnswered(s, ctxAt(150), patientId);
  const claimIds = await withTenant(s.db, t, async (tx) => {
    const ids: number[] = [];
    for (const [i, patientId] of chosen.entries()) {
      const v = DEMO_VISITS[i % 2 === 0 ? 0 : 2]!;
      const provider = clinic[i % clinic.length]!;
      const encounterId = await createEncounter(tx, t, {
        patientId,
        practiceId: provider.practice_id,
        renderingProviderId: provider.id,
        placeOfService: '11',
        serviceDateFrom: visit.date,
        noteText: v.note,
        diagnoses: v.diagnoses,
        lines: v.lines.map((l) => ({ ...l, units: l.units ?? 1 })),
      });
      ids.push(await createClaimForEncounter(tx, t, encounterId, system));
    }
    const sent = dayOf(s, 145);
    await scrubClaims(
      tx,
      t,
      ids,
      { today: sent.services.today, coding: s.services.coding, payerRules: s.services.payerRules },
      system,
    );
    return ids;
  });
  if (!claimIds.length) return null;
  const sent = dayOf(s, 145);
  await runDemoCycle(
    { db: s.db, auditKey: s.auditKey, claims: sent.services },
    system,
    s.clearinghouseId,
    claimIds,
    { dataDir: s.dataDir, services: sent.services },
    WHOLE_CYCLE,
  );

  // who owes what after insurance: the largest balances get the story's parts
  const owing = await withTenant(s.db, t, async (tx) => {
    const patients = await tx
      .selectFrom('claim as c')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
      )
      .select('e.patient_id')
      .where('c.tenant_id', '=', t)
      .where('c.id', 'in', claimIds)
      .execute();
    const items = await openItems(
      tx,
      t,
      patients.map((p) => p.patient_id),
    );
    const byPatient = new Map<number, number>();
    for (const i of items)
      if (i.insurancePendingCents === 0) byPatient.set(i.patientId, (byPatient.get(i.patientId) ?? 0) + i.balanceCents);
    return [...byPatient]
      .filter(([, cents]) => cents >= 3000)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([patientId, cents]) => ({ patientId, cents }));
  });
  // a demo of a handful of patients may not have six (the default demo always has: its test says so)
  if (owing.length < 6) return null;
  const [placed, collections, keptPlan, brokenPlan, paidInFull, paidInPart] = owing.map((o) => o.patientId) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const owed = (id: number) => owing.find((o) => o.patientId === id)!.cents;

  // the months since, in date order: each step runs with the clock of its day
  const agenda: Array<{ daysAgo: number; step: () => Promise<unknown> }> = [];
  const on = (daysAgo: number, step: () => Promise<unknown>) => agenda.push({ daysAgo, step });
  const contact = (
    daysAgo: number,
    patientId: number,
    c: Omit<LogContactInput, 'patientId' | 'direction'> & { direction?: LogContactInput['direction'] },
  ) => on(daysAgo, () => logContact(ctxAt(daysAgo), { ...c, direction: c.direction ?? 'outbound', patientId }));
  const runs = [128, 98, 68, 38];
  for (const d of runs) on(d, () => planStatementRun(ctxAt(d, system), { asOf: dayOf(s, d).date }));

  // paid in full after the first statement; part paid after the reminder
  contact(120, paidInFull, {
    channel: 'call',
    direction: 'inbound',
    outcome: 'payment_taken',
    note: 'Paid the statement by check',
  });
  on(120, () =>
    recordPatientPayment(ctxAt(120), {
      patientId: paidInFull,
      amountCents: owed(paidInFull),
      method: 'check',
      reference: '2231',
    }),
  );
  contact(92, paidInPart, {
    channel: 'call',
    direction: 'inbound',
    outcome: 'payment_taken',
    note: 'Paid part by card; the rest next month',
  });
  on(92, () =>
    recordPatientPayment(ctxAt(92), {
      patientId: paidInPart,
      amountCents: Math.floor(owed(paidInPart) * 0.4),
      method: 'card',
      reference: 'VISA 4242 auth 51Q3',
    }),
  );

  // two payment plans set up after the first statement: one kept to this day, one broken after a promise
  for (const patientId of [keptPlan, brokenPlan]) {
    contact(126, patientId, {
      channel: 'call',
      direction: 'inbound',
      outcome: 'reached',
      note: 'Cannot pay the whole balance; a six-month payment plan agreed',
    });
    on(126, async () => {
      const plan = await createPaymentPlan(ctxAt(126), {
        patientId,
        installments: 6,
        firstDueDate: dayOf(s, 116).date,
        graceDays: 10,
        maxMisses: 2,
      });
      // the kept plan's installments are paid on their due dates; the broken plan's first one only
      const paid = plan.schedule.filter((i) => (patientId === keptPlan ? true : i.number === 1));
      for (const i of paid) {
        const daysAgo = accounts.daysBetween(i.dueDate, iso(s.services.now()));
        if (daysAgo < 0) continue;
        on(daysAgo, () =>
          recordPatientPayment(ctxAt(daysAgo), {
            patientId,
            amountCents: i.amountCents,
            method: 'card',
            reference: `plan installment ${i.number}`,
          }),
        );
      }
    });
  }
  contact(78, brokenPlan, { channel: 'call', outcome: 'left_message', note: 'The second installment is late' });
  contact(72, brokenPlan, {
    channel: 'call',
    outcome: 'promise_to_pay',
    note: 'Promised to bring the plan up to date',
    promiseDate: dayOf(s, 62).date,
    promiseCents: Math.ceil(owed(brokenPlan) / 6),
    followUpDate: dayOf(s, 60).date,
  });
  contact(58, brokenPlan, { channel: 'text', outcome: 'sent', note: 'Reminder of the promise to pay' });

  // no answer, a dispute, a final notice: one account ready for placement, one placed and paid through the agency
  contact(90, collections, { channel: 'call', outcome: 'no_answer' });
  contact(60, collections, {
    channel: 'call',
    outcome: 'left_message',
    note: 'Asked to call about the past-due balance',
  });
  contact(85, placed, {
    channel: 'call',
    direction: 'inbound',
    outcome: 'dispute',
    note: 'Says the insurer should have paid more',
  });
  contact(80, placed, {
    channel: 'call',
    outcome: 'reached',
    note: 'Explained the deductible on the explanation of benefits',
  });
  contact(50, placed, { channel: 'letter', outcome: 'returned_mail', note: 'Reminder letter came back' });
  for (const patientId of [collections, placed]) on(36, () => sendFinalNotice(ctxAt(36), patientId));
  let placementId = 0;
  let agencyId = 0;
  on(15, async () => {
    agencyId = await demoAgency(s);
    placementId = (await placeWithAgency(ctxAt(15), { patientIds: [placed], agencyId })).placementIds[0]!;
  });
  on(5, async () => {
    const account = await withTenant(s.db, t, (tx) =>
      tx
        .selectFrom('patient')
        .select('account_number')
        .where('tenant_id', '=', t)
        .where('id', '=', placed)
        .executeTakeFirstOrThrow(),
    );
    const paid = Math.floor(owed(placed) / 2);
    const fee = Math.round(paid * 0.25);
    const report = [
      AGENCY_REPORT_COLUMNS.join(','),
      `payment,${placementId},${account.account_number},${dayOf(s, 8).date},${(paid / 100).toFixed(2)},${(fee / 100).toFixed(2)},,first payment`,
      `status,${placementId},${account.account_number},${dayOf(s, 6).date},,,active,payment arrangement with the agency`,
    ].join('\n');
    await importAgencyReport(ctxAt(5), agencyId, `ACA-${dayOf(s, 5).date}.csv`, `${report}\n`);
  });

  while (agenda.length) {
    // the earliest step next (a step may add later ones: a plan's installments); same day: in the order added
    let next = 0;
    for (let i = 1; i < agenda.length; i++) if (agenda[i]!.daysAgo > agenda[next]!.daysAgo) next = i;
    const [step] = agenda.splice(next, 1);
    await step!.step();
  }
  return {
    collections,
    placed,
    keptPlan,
    brokenPlan,
    paidInFull,
    paidInPart,
    eligibility: chosen,
    statementRuns: runs.length,
  };
}

/** After the demo's recent visits: today's eligibility answers (one patient's second, showing what changed). */
export async function seedAccountsToday(s: Setting, story: AccountsStory, more: number[]): Promise<AccountsStory> {
  const rep = await repActor(s.db, s.tenantId);
  const ctx: UseCaseContext = { db: s.db, tenantId: s.tenantId, actor: rep, auditKey: s.auditKey, now: s.services.now };
  const asked = [story.keptPlan, ...more.filter((id) => id !== story.keptPlan).slice(0, 2)];
  for (const patientId of asked) await checkAnswered(s, ctx, patientId);
  return { ...story, eligibility: [...new Set([...story.eligibility, ...asked])] };
}

/** A 270 sent as the front desk's button sends it, with the demo payer answering it as it comes (271 in seconds). */
async function checkAnswered(s: Setting, ctx: UseCaseContext, patientId: number) {
  const services = { ...s.services, now: ctx.now, today: () => iso(ctx.now()) };
  const { ours, payerSide, respond } = await payerSideOf(s.db, s.tenantId, s.clearinghouseId, services);
  let asking = true;
  const payer = (async () => {
    while (asking) {
      await answerAsPayer(payerSide, respond, ['271']);
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  try {
    const check = await checkEligibility(
      ctx,
      { adapterFor: services.adapterFor, waitMs: 20_000, pollMs: 15 },
      { patientId },
    );
    if (check.status !== 'answered')
      throw new Error(`the demo payer did not answer the eligibility check: ${check.problem}`);
    return check;
  } finally {
    asking = false;
    await payer;
    await ours.close();
    await payerSide.close();
  }
}

async function demoAgency(s: Setting): Promise<number> {
  return withTenant(s.db, s.tenantId, async (tx) => {
    const row = await tx
      .insertInto('collection_agency')
      .values({ tenant_id: s.tenantId, name: 'Alamo Credit Associates (demo)', code: 'ACA', fee_basis_points: 2500 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
