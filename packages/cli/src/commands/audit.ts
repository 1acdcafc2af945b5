import type { Command } from 'commander';
import { verifyAudit } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { withStore } from './with-store.ts';

export function registerAuditCommands(program: Command, io: CliIO): void {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      'Check every hash and HMAC of the audit chain, and each chain against its anchor file outside the database; reports edited, inserted, deleted or reordered entries, a whole chain deleted, a chain rolled back to an older head, and a tenant with no chain',
    )
    .option('--tenant <id>', 'only this tenant')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      await withStore(
        io,
        'audit verify',
        async ({ store, auditKey }) => {
          const result = await verifyAudit(store.db, auditKey, {
            tenantId: opts.tenant ? Number(opts.tenant) : undefined,
            onProgress: io.isTTY && !opts.json ? (n) => io.err(`\rverified ${n} entries`) : undefined,
          });
          if (io.isTTY && !opts.json) io.err('\n');
          if (opts.json) io.out(`${JSON.stringify(result)}\n`);
          else {
            io.out(
              `${result.ok ? 'OK' : 'TAMPERED'}: ${result.entries} entries in ${result.tenants} tenant chain(s), ${result.problems.length} problem(s)\n`,
            );
            for (const p of result.problems) io.out(`  tenant ${p.tenantId} entry ${p.seq}: ${p.kind}: ${p.message}\n`);
          }
          if (!result.ok) io.setExitCode(EXIT.badInput);
        },
        { auditKey: 'require', quiet: opts.json },
      );
    });
}
