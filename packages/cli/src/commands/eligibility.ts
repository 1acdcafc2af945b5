/**
 * medbill eligibility check PATIENT — the front desk's question to the payer from the command line: the 270
 * goes through the tenant's clearinghouse, the 271 is shown as a biller says it. PATIENT is the account number
 * or the id. Audited as the OS user by the use case itself.
 */
import type { Command } from 'commander';
import { checkEligibility, defaultClaimServices, resolveTenant, withTenant, type Db } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';
import { whileDemoPayerAnswers, withStore } from './with-store.ts';

/** The patient by account number, else by id. */
export async function resolvePatient(db: Db, tenantId: number, ref: string): Promise<number> {
  const found = await withTenant(db, tenantId, async (tx) => {
    const byAccount = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('account_number', '=', ref)
      .executeTakeFirst();
    if (byAccount || !/^\d+$/.test(ref)) return byAccount;
    return tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', Number(ref))
      .executeTakeFirst();
  });
  if (!found) throw new Error(`No patient with account number or id "${ref}"`);
  return found.id;
}

export function registerEligibilityCommands(program: Command, io: CliIO): void {
  const elig = program
    .command('eligibility')
    .description('Eligibility and benefits: 270 to the payer, the 271 in words');
  elig
    .command('check')
    .description('Ask the payer whether the patient is covered and what they will pay (270/271)')
    .argument('<patient>', 'account number or patient id')
    .option('--coverage <id>', 'coverage to ask about (default: the primary in force on the date)')
    .option('--date <YYYY-MM-DD>', 'date of service (default: today)')
    .option('--service-type <codes>', 'service type codes, comma-separated (default 30)')
    .option('--wait <seconds>', 'how long to wait for the answer', '30')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output')
    .action(
      async (
        patientRef: string,
        opts: { coverage?: string; date?: string; serviceType?: string; wait: string; tenant?: string; json?: boolean },
      ) => {
        const wait = Number(opts.wait);
        if (!Number.isFinite(wait) || wait < 0) {
          io.err('medbill eligibility check: --wait is a number of seconds\n');
          return io.setExitCode(EXIT.usage);
        }
        if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
          io.err('medbill eligibility check: --date is YYYY-MM-DD\n');
          return io.setExitCode(EXIT.usage);
        }
        await withStore(
          io,
          'eligibility check',
          async ({ store, auditKey, cfg }) => {
            const t = await resolveTenant(store.db, opts.tenant);
            const patientId = await resolvePatient(store.db, t.id, patientRef);
            const services = defaultClaimServices(cfg.dataDir);
            const view = await whileDemoPayerAnswers(store.db, services, cfg, io, () =>
              checkEligibility(
                { db: store.db, tenantId: t.id, actor: cliActor(t.id), auditKey, now: services.now },
                { adapterFor: services.adapterFor, waitMs: wait * 1000 },
                {
                  patientId,
                  ...(opts.coverage ? { coverageId: Number(opts.coverage) } : {}),
                  ...(opts.date ? { serviceDate: opts.date } : {}),
                  ...(opts.serviceType
                    ? { serviceTypes: opts.serviceType.split(',').map((s) => s.trim().toUpperCase()) }
                    : {}),
                },
              ),
            );
            if (opts.json) return io.out(`${JSON.stringify(view)}\n`);
            io.out(
              `Eligibility check ${view.traceNumber} with ${view.payerName} for ${view.serviceDate}: ${view.status}\n`,
            );
            if (view.problem) io.out(`${view.problem}\n`);
            if (view.status === 'sent')
              io.out(
                "No answer yet: it is applied when the 271 is picked up (medbill claims poll --clearinghouse ID, or the server's poll).\n",
              );
            for (const s of view.benefits?.sentences ?? []) io.out(`  ${s}\n`);
            if (view.status === 'failed' || view.status === 'rejected') io.setExitCode(EXIT.badInput);
          },
          { auditKey: 'require', quiet: Boolean(opts.json) },
        );
      },
    );
}
