/**
 * The code suggester learns from this office's own coded encounters (issue 13): each note with the diagnoses its
 * coders kept teaches the office's phrases, its usual codes and which suggestions its coders keep
 * (`learnOfficeModel`). Per tenant, never across tenants: the model is learnt from, stored under and used for one
 * tenant only, behind the tenant wall.
 *
 * Which encounters count: status `coded` or `billed` (a coder finished them: their diagnoses are what the office
 * kept), with a note that is not blank and at least one diagnosis. `to_code` encounters are still being worked on
 * and teach nothing yet.
 *
 * The rebuild reads every such note: one audit row names how many encounters and which patients it read. It runs
 * as a job (GET /api/jobs shows its progress) and lets other requests run between notes.
 */
import type { OfficeModelStatus } from '@medbill/api';
import {
  type CodedNote,
  type CodeSuggester,
  type LearnProgress,
  learnOfficeModelSteps,
  officeModelCodes,
  officeModelFromJSON,
  officeModelToJSON,
} from '@medbill/codes';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type Tx, withTenant } from '../db/open-database.ts';
import { jobs } from '../jobs/job-registry.ts';
import { timeSlice } from '../jobs/time-slice.ts';
import type { CodingDeps } from './coding-deps.ts';

/** The encounter states whose diagnoses are the office's final coding. */
export const LEARNED_STATUSES = ['coded', 'billed'] as const;

interface Cached {
  builtAt: string;
  notes: number;
  suggester: CodeSuggester;
}

/** Each code service's suggesters adapted to a tenant's model, by tenant: never handed to another tenant. */
const cache = new WeakMap<CodingDeps['codes'], Map<number, Cached>>();
/** Tenants whose model this process is rebuilding. */
const rebuilding = new Set<number>();

function tenantCache(deps: CodingDeps): Map<number, Cached> {
  let m = cache.get(deps.codes);
  if (!m) cache.set(deps.codes, (m = new Map()));
  return m;
}

/**
 * The suggester for a tenant: adapted to its model when it has one (built once, kept until a rebuild stores a newer
 * model, here or in another process), else the shipped one.
 */
export async function suggesterFor(
  deps: CodingDeps,
  tx: Tx,
  tenantId: number,
): Promise<{ suggester: CodeSuggester; office: { notes: number; builtAt: string } | null }> {
  const row = await tx
    .selectFrom('office_model')
    .select(['built_at', 'notes'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const byTenant = tenantCache(deps);
  if (!row) {
    byTenant.delete(tenantId);
    return { suggester: deps.codes.suggester, office: null };
  }
  const builtAt = new Date(row.built_at).toISOString();
  let c = byTenant.get(tenantId);
  if (!c || c.builtAt !== builtAt) {
    const stored = await tx
      .selectFrom('office_model')
      .select(['model', 'built_at', 'notes'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const model = officeModelFromJSON(typeof stored.model === 'string' ? JSON.parse(stored.model) : stored.model);
    c = {
      builtAt: new Date(stored.built_at).toISOString(),
      notes: stored.notes,
      suggester: deps.codes.suggester.withOffice(model),
    };
    byTenant.set(tenantId, c);
  }
  return { suggester: c.suggester, office: { notes: c.notes, builtAt: c.builtAt } };
}

/** The tenant's coded notes (see LEARNED_STATUSES) and who they are about. */
async function codedNotes(tx: Tx, tenantId: number) {
  const rows = await tx
    .selectFrom('encounter as e')
    .innerJoin('encounter_diagnosis as d', (j) =>
      j.onRef('d.tenant_id', '=', 'e.tenant_id').onRef('d.encounter_id', '=', 'e.id'),
    )
    .select(['e.id', 'e.patient_id', 'e.note_text', 'e.service_date_from', 'd.code'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', 'in', [...LEARNED_STATUSES])
    .where('e.note_text', '<>', '')
    .orderBy('e.id')
    .orderBy('d.position')
    .execute();
  const byEncounter = new Map<number, { patientId: number; note: CodedNote & { codes: string[] } }>();
  for (const r of rows) {
    if (!r.note_text.trim()) continue;
    let e = byEncounter.get(r.id);
    if (!e) {
      e = { patientId: r.patient_id, note: { text: r.note_text, codes: [], on: r.service_date_from } };
      byEncounter.set(r.id, e);
    }
    e.note.codes.push(r.code);
  }
  return [...byEncounter.entries()].map(([id, e]) => ({ id, ...e }));
}

/** Coded notes a rebuild would read now (a count: no note is read). */
async function availableNotes(tx: Tx, tenantId: number): Promise<number> {
  const r = await tx
    .selectFrom('encounter as e')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('e.tenant_id', '=', tenantId)
    .where('e.status', 'in', [...LEARNED_STATUSES])
    .where((eb) => eb(eb.fn('btrim', ['e.note_text']), '<>', ''))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('encounter_diagnosis as d')
          .select('d.position')
          .whereRef('d.tenant_id', '=', 'e.tenant_id')
          .whereRef('d.encounter_id', '=', 'e.id'),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether the tenant's suggestions are adapted to its coded notes, and since when. */
export async function getOfficeModelStatus(deps: Pick<CodingDeps, 'db'>, actor: Actor): Promise<OfficeModelStatus> {
  return withTenant(deps.db, actor.tenantId, (tx) => statusIn(tx, actor.tenantId));
}

async function statusIn(tx: Tx, tenantId: number): Promise<OfficeModelStatus> {
  const row = await tx
    .selectFrom('office_model')
    .select(['notes', 'patients', 'codes', 'phrases', 'learn_ms', 'built_at', 'built_by_username'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const available = await availableNotes(tx, tenantId);
  return row
    ? {
        learned: true,
        notes: row.notes,
        patients: row.patients,
        codes: row.codes,
        phrases: row.phrases,
        builtAt: new Date(row.built_at).toISOString(),
        builtBy: row.built_by_username,
        learnMs: row.learn_ms,
        available,
      }
    : {
        learned: false,
        notes: 0,
        patients: 0,
        codes: 0,
        phrases: 0,
        builtAt: null,
        builtBy: null,
        learnMs: null,
        available,
      };
}

/**
 * Learns the tenant's model from its coded notes and stores it; the tenant's next suggestion uses it. One rebuild
 * per tenant at a time in this process (409 while one runs).
 */
export async function rebuildOfficeModel(
  deps: CodingDeps,
  actor: Actor,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): Promise<OfficeModelStatus> {
  const t = actor.tenantId;
  if (rebuilding.has(t)) throw new AppError('conflict', "This office's coded notes are already being learnt from");
  rebuilding.add(t);
  const job = jobs.start(t, 'office_model', "Learning from the office's coded notes");
  try {
    const started = performance.now();
    const read = await withTenant(deps.db, t, async (tx) => {
      const notes = await codedNotes(tx, t);
      const patientIds = [...new Set(notes.map((n) => n.patientId))].sort((a, b) => a - b);
      // The rebuild reads every coded note: one row names how many and whose (a patient's audit report finds it).
      await recordAudit(tx, deps.auditKey, actor, {
        action: 'read',
        resourceType: 'encounter',
        dataCategory: 'encounter',
        patientId: patientIds.length === 1 ? patientIds[0] : null,
        details: {
          use: 'code suggestions learn from the office coded notes',
          statuses: [...LEARNED_STATUSES],
          encounters: notes.length,
          patients: patientIds.length,
          patientIds,
        },
      });
      return { notes, patientIds };
    });
    const steps = learnOfficeModelSteps(
      read.notes.map((n) => n.note),
      { catalog: deps.codes.catalog, base: deps.codes.suggester },
    );
    const slice = timeSlice();
    const PHASES = {
      phrases: 'reading phrases',
      measuring: 'measuring phrases',
      calibrating: 'calibrating',
      ranking: 'learning to rank',
    };
    const progress = (p: LearnProgress) => {
      job.progress({ item: 'coded notes', index: 1, items: 1, ...p, phase: PHASES[p.phase] });
      // the CLI's bar: the passes over the notes (calibrating, then ranking; the phrases between them)
      if (p.phase === 'calibrating' || p.phase === 'ranking') opts.onProgress?.(p.done, p.total);
    };
    progress({ phase: 'calibrating', done: 0, total: read.notes.length });
    let step = steps.next();
    while (!step.done) {
      progress(step.value);
      if (slice.due()) await slice.pause();
      step = steps.next();
    }
    const model = step.value;
    const learnMs = Math.round(performance.now() - started);
    const json = JSON.stringify(officeModelToJSON(model));
    const builtAt = new Date();
    const status = await withTenant(deps.db, t, async (tx) => {
      const values = {
        model: json,
        notes: model.notes,
        patients: read.patientIds.length,
        codes: officeModelCodes(model),
        phrases: model.lexicon.entries.size,
        learn_ms: learnMs,
        built_at: builtAt,
        built_by: actor.userId,
        built_by_username: actor.username ?? 'system',
      };
      await tx
        .insertInto('office_model')
        .values({ tenant_id: t, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
      return statusIn(tx, t);
    });
    // This process's suggester for the tenant is the new one from now on.
    tenantCache(deps).set(t, {
      builtAt: status.builtAt!,
      notes: model.notes,
      suggester: deps.codes.suggester.withOffice(model),
    });
    job.finish();
    return status;
  } catch (e) {
    job.fail(e);
    throw e;
  } finally {
    rebuilding.delete(t);
  }
}
