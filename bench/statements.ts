/**
 * Statement run for 10,000 guarantors: each with a patient, a visit and a balance after insurance on the ledger.
 * Prints the decision pass (load + rules + store), PDFs per second, total time and memory (RSS and heap sampled
 * during the run) on PGlite and, when DATABASE_URL is set, on PostgreSQL. Goal: 10,000 statements < 2 minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { processStatementRun, startStatementRun } from '../packages/server/src/accounts/run-statements.ts';
import { StatementFolderPrinter } from '../packages/server/src/accounts/statement-files.ts';
import type { Store } from '../packages/server/src/db/open-database.ts';
import { createTenantFixture } from '../packages/server/test/fixtures.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';
import { databaseCpu, databaseCpuSince, load } from './health-sampler.ts';

/** n guarantors, each with one patient, one claim line charged 150.00 and 40.00 of it moved to the patient. */
async function seed(store: Store, n: number) {
  const t = await createTenantFixture(store, 'stbench');
  const tid = t.tenantId;
  const q = (s: ReturnType<typeof sql>) => s.execute(store.db);
  await q(sql`INSERT INTO guarantor (tenant_id, first_name, last_name, line1, city, state, zip)
              SELECT ${sql.lit(tid)}, 'Guar' || g, 'Bench' || g, g || ' Main St', 'Austin', 'TX', '78701' FROM generate_series(1, ${sql.lit(n)}) g`);
  await q(sql`INSERT INTO patient (tenant_id, account_number, first_name, last_name, birth_date, sex, line1, city, state, zip, guarantor_id)
              SELECT ${sql.lit(tid)}, 'SB' || gu.id, 'Pat' || gu.id, gu.last_name, '1980-01-01', 'F', gu.line1, 'Austin', 'TX', '78701', gu.id
                FROM guarantor gu WHERE gu.tenant_id = ${sql.lit(tid)} AND gu.first_name LIKE 'Guar%'`);
  await q(sql`INSERT INTO encounter (tenant_id, patient_id, practice_id, rendering_provider_id, place_of_service, service_date_from, service_date_to, status)
              SELECT ${sql.lit(tid)}, p.id, ${sql.lit(t.practiceId)}, ${sql.lit(t.providerId)}, '11', '2026-09-01', '2026-09-01', 'billed'
                FROM patient p WHERE p.tenant_id = ${sql.lit(tid)} AND p.account_number LIKE 'SB%'`);
  await q(sql`INSERT INTO service_line (tenant_id, encounter_id, line_number, procedure_code, units, charge_cents, diagnosis_pointers, service_date)
              SELECT ${sql.lit(tid)}, e.id, 1, '99214', 1, 15000, '{1}', '2026-09-01' FROM encounter e
               WHERE e.tenant_id = ${sql.lit(tid)} AND e.patient_id <> ${sql.lit(t.patientId)}`);
  await q(sql`INSERT INTO claim (tenant_id, claim_number, encounter_id, coverage_id, payer_id, kind, total_charge_cents, state)
              SELECT ${sql.lit(tid)}, 'SBC' || e.id, e.id, ${sql.lit(t.coverageId)}, ${sql.lit(t.payerId)}, 'professional', 15000, 'adjudicated' FROM encounter e
               WHERE e.tenant_id = ${sql.lit(tid)} AND e.patient_id <> ${sql.lit(t.patientId)}`);
  await q(sql`CREATE TEMP TABLE bench_lines AS
              SELECT l.id AS line_id, c.id AS claim_id, e.patient_id, nextval(pg_get_serial_sequence('ledger_posting', 'id')) AS charge_id,
                     nextval(pg_get_serial_sequence('ledger_posting', 'id')) AS pay_id
                FROM service_line l JOIN encounter e ON e.tenant_id = l.tenant_id AND e.id = l.encounter_id
                JOIN claim c ON c.tenant_id = e.tenant_id AND c.encounter_id = e.id
               WHERE l.tenant_id = ${sql.lit(tid)} AND e.patient_id <> ${sql.lit(t.patientId)}`);
  await store.db.transaction().execute(async (tx) => {
    await sql`INSERT INTO ledger_posting (tenant_id, id, kind, effective_date, memo, claim_id, patient_id, username)
              SELECT ${sql.lit(tid)}, charge_id, 'charge', '2026-09-01'::date, 'bench', claim_id, patient_id, 'bench' FROM bench_lines
              UNION ALL
              SELECT ${sql.lit(tid)}, pay_id, 'claim_payment', '2026-09-20'::date, 'bench', claim_id, patient_id, 'bench' FROM bench_lines`.execute(
      tx,
    );
    await sql`INSERT INTO ledger_entry (tenant_id, posting_id, account, kind, amount_cents, service_line_id, claim_id, patient_id, practice_id, payer_id, responsibility, adjustment_group, reason_code)
              SELECT ${sql.lit(tid)}, charge_id, 'ar', 'charge', 15000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, 'payer', NULL, NULL FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, charge_id, 'gross_charges', 'charge', -15000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, NULL, NULL, NULL FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'ar', 'insurance_payment', -9000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, 'payer', NULL, NULL FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'cash', 'insurance_payment', 9000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, NULL, NULL, NULL FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'ar', 'adjustment', -2000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, 'payer', 'CO', '45' FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'adjustments', 'adjustment', 2000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, NULL, 'CO', '45' FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'ar', 'transfer', -4000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, ${sql.lit(t.payerId)}, 'payer', 'PR', '2' FROM bench_lines
              UNION ALL SELECT ${sql.lit(tid)}, pay_id, 'ar', 'transfer', 4000, line_id, claim_id, patient_id, ${sql.lit(t.practiceId)}, NULL, 'patient', 'PR', '2' FROM bench_lines`.execute(
      tx,
    );
  });
  await sql`ANALYZE`.execute(store.db);
  return tid;
}

async function benchOne(n: number) {
  const store = await openTestStore();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-bench-statements-'));
  try {
    const s0 = Date.now();
    const tenantId = await seed(store, n);
    const seeded = (Date.now() - s0) / 1000;
    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const startRss = process.memoryUsage().rss;
    const loadBefore = load();
    const db0 = await databaseCpu(store);
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const deps = {
      db: store.db,
      auditKey: Buffer.alloc(32, 7),
      claims: { now: () => new Date('2026-11-23T12:00:00Z') },
    };
    const actor = { tenantId, userId: null, username: 'bench', sourceIp: null };
    const { runId } = await startStatementRun(deps, actor, { asOf: '2026-11-23' });
    const printer = new StatementFolderPrinter(out, runId);
    const heapsAt: number[] = [];
    let decideMs = 0;
    let printMs = 0;
    let mark = Date.now();
    const run = await processStatementRun(deps, actor, {
      runId,
      onBatch: async (batch, progress) => {
        decideMs += Date.now() - mark;
        const p0 = Date.now();
        await printer.print(batch);
        printMs += Date.now() - p0;
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
        if (progress.done % 2000 === 0 || progress.done === progress.total) heapsAt.push(Math.round(m.heapUsed / 1e6));
        mark = Date.now();
      },
    });
    printer.close();
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const total = (Date.now() - t0) / 1000;
    const dbCpu = databaseCpuSince(db0, await databaseCpu(store));
    const dbText =
      dbCpu !== undefined
        ? ` + ${dbCpu.toFixed(1)} s PostgreSQL backends = ${(cpuSeconds + dbCpu).toFixed(1)} s`
        : store.kind === 'postgresql'
          ? ' (PostgreSQL backends: not visible here)'
          : ' (PGlite runs in this process)';
    const rendered = printMs / 1000;
    console.log(
      `statements (${store.kind}): ${run.statements} statements for ${n} guarantors (seeded in ${seeded.toFixed(1)} s), in batches of 500 accounts\n` +
        `  load + rules + store: ${(decideMs / 1000).toFixed(1)} s; PDFs: ${rendered.toFixed(1)} s = ${Math.round(printer.pdfs / rendered)} PDFs/s (${(printer.bytes / printer.pdfs / 1024).toFixed(1)} KiB each)\n` +
        `  total ${total.toFixed(1)} s = ${Math.round(run.statements / total)} statements/s (goal 10,000 < 120 s: ${total < 120 && run.statements >= 10_000 ? 'met' : 'NOT met'}); CPU: this process ${cpuSeconds.toFixed(1)} s${dbText} (goal by CPU: ${cpuSeconds + (dbCpu ?? 0) < 120 ? 'met' : 'NOT met'}); load average ${loadBefore} before, ${load()} after; RSS ${Math.round(startRss / 1e6)} → peak ${Math.round(peakRss / 1e6)} MB, heap peak ${Math.round(peakHeap / 1e6)} MB; heap every 2,000 accounts: ${heapsAt.join(', ')} MB`,
    );
  } finally {
    await store.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export async function runStatementsBench(n = 10_000): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  await benchOne(n);
  if (pgUrl) {
    process.env.DATABASE_URL = pgUrl;
    await benchOne(n);
  } else console.log('statements (postgresql): skipped — set DATABASE_URL to a PostgreSQL server to run it there too');
}
