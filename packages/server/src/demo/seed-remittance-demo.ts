/**
 * The demo's remittance work a claims analyst meets on a fresh start, each made by the real pipeline: three office
 * visits billed eight days back (on the demo's clock of that day) whose payers answered with a mistake — one paid
 * its 99214 as a 99213 without saying so (no SVC06, no REF*6R: the line waits on the unmatched worklist with the
 * claim's line suggested), one sent a BPR02 $4.12 above its claims (prompt-pay interest without its PLB L6:
 * the 835 is held with the difference, for a person to post or dismiss), one keyed our claim number wrongly and sent
 * no 277CA with its own (the 835's claim waits on the unmatched worklist with ours suggested) — and the bank's
 * deposits: every 835 that paid two days or more before today has its EFT or check recorded (reconciled by TRN02),
 * today's 835s wait for theirs, and a Medicaid check came before its 835.
 */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import { recordDeposit } from '../remittance/deposits.ts';
import {
  billDemoVisits,
  demoDayBack,
  runDemoCycle,
  WHOLE_CYCLE,
  type DemoSetting,
  type PayerAnswers,
} from './demo-cycle.ts';
import { DEMO_VISITS } from './demo-visits.ts';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** the interest the held 835's payer paid and did not report (BPR02 − (ΣCLP04 − ΣPLB)) */
export const UNREPORTED_INTEREST_CENTS = 412;
/** the Medicaid check deposited before its 835 came */
export const EARLY_CHECK = { traceNumber: '70031862', amountCents: 18450 };

export interface RemittanceStory {
  /** the claim one of whose lines the payer paid under another code */
  recodedClaimId: number | null;
  /** the claim whose payer's 835 is held */
  heldClaimId: number | null;
  /** the claim the payer's 835 answers under a number it keyed wrongly: an unmatched claim, ours suggested */
  miskeyedClaimId: number | null;
  deposits: number;
}

/** `candidates`: patients with a primary coverage the day's visits do not use. */
export async function seedRemittanceDemo(s: DemoSetting, candidates: number[]): Promise<RemittanceStory> {
  const t = s.tenantId;
  const actor: Actor = { tenantId: t, userId: null, username: 'system', sourceIp: null };
  const then = demoDayBack(s.services, 8, 14);
  // one commercial patient of each of the two payers, with no other coverage (no secondary claim follows)
  const rows = await withTenant(s.db, t, (tx) =>
    tx
      .selectFrom('coverage as c')
      .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
      .select(['c.patient_id', 'y.payer_code'])
      .where('c.tenant_id', '=', t)
      .where('c.coverage_order', '=', 1)
      .where('y.payer_code', 'in', ['DEMOACME', 'DEMOBLUE'])
      .where('c.patient_id', 'in', candidates.length ? candidates : [-1])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('coverage as o')
              .select('o.id')
              .whereRef('o.tenant_id', '=', 'c.tenant_id')
              .whereRef('o.patient_id', '=', 'c.patient_id')
              .where('o.coverage_order', '>', 1),
          ),
        ),
      )
      .orderBy('c.patient_id')
      .execute(),
  );
  const acme = rows.find((r) => r.payer_code === 'DEMOACME');
  const blue = rows.find((r) => r.payer_code === 'DEMOBLUE');
  const third = rows.find((r) => r !== acme && r !== blue);
  // an established patient's visit with a blood draw (99214 and 36415), two days before the claims went out
  const [recodedClaimId = null, heldClaimId = null, miskeyedClaimId = null] =
    acme && blue && third
      ? await billDemoVisits(
          s,
          actor,
          then,
          [acme, blue, third].map((r) => ({ patientId: r.patient_id, visit: DEMO_VISITS[0]! })),
        )
      : [];
  if (recodedClaimId !== null && heldClaimId !== null && miskeyedClaimId !== null) {
    const deps = { db: s.db, auditKey: s.auditKey, claims: then };
    // each file answered by a payer making its one mistake (and no random rejection: the story needs its 835)
    const send = (claimId: number, payer: PayerAnswers, plan = WHOLE_CYCLE) =>
      runDemoCycle(deps, actor, s.clearinghouseId, [claimId], { dataDir: s.dataDir, services: then, payer }, plan);
    await send(recodedClaimId, { rejectRate: 0, slips: { recode: { '99214': '99213' } } });
    await send(heldClaimId, { rejectRate: 0, slips: { unexplainedPaymentCents: UNREPORTED_INTEREST_CENTS } });
    // the third payer keyed our claim number with its zeros as the letter O, and sent no 277CA that would have told
    // us its own claim number: its 835's claim matches none of ours, and waits with ours suggested
    const miskeyed = await withTenant(s.db, t, (tx) =>
      tx
        .selectFrom('claim')
        .select('claim_number')
        .where('tenant_id', '=', t)
        .where('id', '=', miskeyedClaimId)
        .executeTakeFirstOrThrow(),
    );
    await send(
      miskeyedClaimId,
      { rejectRate: 0, slips: { rekey: { [miskeyed.claim_number]: miskeyed.claim_number.replaceAll('0', 'O') } } },
      [{ share: [0, 1], submit: true, deliver: ['999', '835'] }],
    );
  }
  return { recodedClaimId, heldClaimId, miskeyedClaimId, deposits: await seedDeposits(s, actor) };
}

/**
 * The bank's side: each posted 835 that moved money two days or more before today was deposited two days after its
 * payment date (an ACH credit `HCCLAIMPMT`, or a check), recorded as a person records a bank line; a Medicaid
 * check was deposited yesterday whose 835 has not come. Today's 835s wait for their money.
 */
async function seedDeposits(s: DemoSetting, actor: Actor): Promise<number> {
  const t = s.tenantId;
  const today = s.services.today();
  const cutoff = iso(new Date(Date.parse(`${today}T00:00:00Z`) - 2 * DAY));
  const { paid, medicaid } = await withTenant(s.db, t, async (tx) => ({
    paid: await tx
      .selectFrom('remittance')
      .select(['trace_number', 'payer_id', 'payer_name', 'payment_cents', 'payment_method', 'payment_date'])
      .where('tenant_id', '=', t)
      .where('status', '=', 'posted')
      .where('payment_cents', '>', 0)
      .where('payment_method', 'in', ['ACH', 'CHK'])
      .where('payment_date', '<=', cutoff)
      .orderBy('payment_date')
      .orderBy('id')
      .execute(),
    medicaid: await tx
      .selectFrom('payer')
      .select('id')
      .where('tenant_id', '=', t)
      .where('payer_code', '=', 'DEMOMCD')
      .executeTakeFirst(),
  }));
  const deps = { db: s.db, auditKey: s.auditKey, claims: s.services };
  for (const r of paid) {
    const check = r.payment_method === 'CHK';
    await recordDeposit(deps, actor, {
      depositedOn: iso(new Date(Date.parse(`${r.payment_date}T00:00:00Z`) + 2 * DAY)),
      amountCents: Number(r.payment_cents),
      method: check ? 'CHK' : 'EFT',
      traceNumber: r.trace_number,
      ...(r.payer_id ? { payerId: r.payer_id } : {}),
      memo: check ? `lockbox check from ${r.payer_name}` : `ACH credit HCCLAIMPMT ${r.payer_name}`,
    });
  }
  if (medicaid)
    await recordDeposit(deps, actor, {
      depositedOn: iso(new Date(Date.parse(`${today}T00:00:00Z`) - DAY)),
      amountCents: EARLY_CHECK.amountCents,
      method: 'CHK',
      traceNumber: EARLY_CHECK.traceNumber,
      payerId: medicaid.id,
      memo: 'lockbox check from Texas Medicaid; its 835 has not come',
    });
  return paid.length + (medicaid ? 1 : 0);
}
