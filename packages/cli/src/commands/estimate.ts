/**
 * medbill estimate PATIENT CODE[xUNITS]... — what a planned visit is likely to cost: insurance's part and the
 * patient's from the 271 on file, or a Good Faith Estimate for an uninsured or self-pay patient (--gfe FILE
 * writes its PDF). Audited as the OS user by the use case.
 */
import fs from 'node:fs';
import { codeCacheDir, createEstimate, loadCodesService, printGoodFaithEstimate, resolveTenant } from '@medbill/server';
import { formatCents } from '@medbill/core/ledger';
import type { Command } from 'commander';
import { EXIT, type CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';
import { resolvePatient } from './eligibility.ts';
import { withStore } from './with-store.ts';

const $ = (c: number) => formatCents(c).padStart(10);
const LINE = /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})(?:x([1-9][0-9]{0,2}))?$/i;

interface Options {
  date?: string;
  selfPay?: boolean;
  dx?: string;
  description?: string;
  gfe?: string;
  tenant?: string;
  json?: boolean;
}

export function registerEstimateCommand(program: Command, io: CliIO): void {
  program
    .command('estimate')
    .description('Estimate a planned visit: what insurance pays and the patient owes, or a Good Faith Estimate')
    .argument('<patient>', 'account number or patient id')
    .argument('<codes...>', 'CPT/HCPCS codes, each optionally with units: 99213 93000x2')
    .option('--date <YYYY-MM-DD>', 'planned date of service (default: today)')
    .option('--self-pay', 'the patient pays themself: a Good Faith Estimate even with insurance on file')
    .option('--dx <codes>', 'diagnosis codes for the Good Faith Estimate, comma-separated')
    .option('--description <text>', 'the planned visit in words (printed on the Good Faith Estimate)')
    .option('--gfe <file.pdf>', 'write the Good Faith Estimate PDF (uninsured or self-pay only)')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output')
    .action(async (patientRef: string, codes: string[], opts: Options) => {
      const bad = codes.find((c) => !LINE.test(c));
      if (bad) {
        io.err(`medbill estimate: "${bad}" is not a CPT/HCPCS code with optional units (99213 or 93000x2)\n`);
        return io.setExitCode(EXIT.usage);
      }
      if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
        io.err('medbill estimate: --date is YYYY-MM-DD\n');
        return io.setExitCode(EXIT.usage);
      }
      const lines = codes.map((c) => {
        const [, code, units] = LINE.exec(c)!;
        return { code: code!.toUpperCase(), units: units ? Number(units) : 1 };
      });
      await withStore(
        io,
        'estimate',
        async ({ store, auditKey, cfg }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const actor = cliActor(t.id);
          const patientId = await resolvePatient(store.db, t.id, patientRef);
          const codesService = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          const deps = { db: store.db, auditKey, codes: codesService, claims: { now: () => new Date() } };
          const e = await createEstimate(deps, actor, {
            patientId,
            lines,
            ...(opts.date ? { serviceDate: opts.date } : {}),
            ...(opts.selfPay ? { selfPay: true } : {}),
            ...(opts.dx ? { diagnosisCodes: opts.dx.split(',').map((d) => d.trim()) } : {}),
            ...(opts.description ? { description: opts.description } : {}),
          });
          let gfeFile: string | null = null;
          if (opts.gfe) {
            const printed = await printGoodFaithEstimate(deps, actor, { estimateId: e.id });
            fs.writeFileSync(opts.gfe, printed.pdf);
            gfeFile = opts.gfe;
          }
          if (opts.json) return io.out(`${JSON.stringify({ ...e, gfeFile })}\n`);
          io.out(
            `${e.goodFaith ? 'Good Faith Estimate' : 'Estimate'} ${e.id} for ${e.patientName}, ${e.serviceDate}${e.payerName ? `, ${e.payerName}` : ' (uninsured or self-pay)'}\n\n`,
          );
          io.out(
            `  ${'code'.padEnd(7)} ${'units'.padStart(5)} ${'charge'.padStart(10)} ${'allowed'.padStart(10)} ${'insurance'.padStart(10)} ${'patient'.padStart(10)}  service\n`,
          );
          for (const l of e.lines)
            io.out(
              `  ${l.code.padEnd(7)} ${String(l.units).padStart(5)} ${$(l.chargeCents)} ${$(l.allowedCents)} ${$(l.insurancePaysCents)} ${$(l.patientOwesCents)}  ${l.description}\n`,
            );
          io.out(
            `  ${'total'.padEnd(13)} ${$(e.chargeCents)} ${$(e.allowedCents)} ${$(e.insurancePaysCents)} ${$(e.patientOwesCents)}\n\n`,
          );
          for (const n of e.notes) io.out(`${n}\n`);
          if (gfeFile) io.out(`Good Faith Estimate written to ${gfeFile}\n`);
        },
        { auditKey: 'require', quiet: Boolean(opts.json) },
      );
    });
}
