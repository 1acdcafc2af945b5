/**
 * medbill statements run [--as-of DATE] -o DIR [--json] — a statement run from the command line: one PDF per
 * guarantor that the rules let through, the print vendor's CSV, with a progress bar. Audited by the use case.
 */
import type { Command } from 'commander';
import { processStatementRun, StatementFolderPrinter, startStatementRun } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';
import { progressBar } from './progress.ts';
import { resolveTenant } from './tenant-option.ts';
import { withStore } from './with-store.ts';

export function registerStatementsCommands(program: Command, io: CliIO): void {
  const st = program.command('statements').description('Patient statements: runs, PDFs and the print-vendor file');
  st.command('run')
    .description('Run statements as of a date: one PDF per guarantor, and the print vendor CSV')
    .requiredOption('-o, --out <dir>', 'folder for the PDFs and the CSV')
    .option('--as-of <YYYY-MM-DD>', 'statement date (default: today)')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output')
    .action(async (opts: { out: string; asOf?: string; tenant?: string; json?: boolean }) => {
      if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) {
        io.err('medbill statements run: --as-of is YYYY-MM-DD\n');
        return io.setExitCode(EXIT.usage);
      }
      await withStore(
        io,
        'statements run',
        async ({ store, auditKey }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
          const started = Date.now();
          const deps = { db: store.db, auditKey, claims: { now: () => new Date() } };
          const actor = cliActor(t.id);
          const { runId, accountsTotal } = await startStatementRun(deps, actor, { asOf });
          const bar = progressBar(io, accountsTotal, 'Accounts', !opts.json);
          const printer = new StatementFolderPrinter(opts.out, runId);
          let run: Awaited<ReturnType<typeof processStatementRun>>;
          try {
            run = await processStatementRun(deps, actor, {
              runId,
              onBatch: async (batch, progress) => {
                await printer.print(batch);
                bar.update(progress.done, `${printer.pdfs} statements`);
              },
            });
          } finally {
            bar.stop();
            printer.close();
          }
          const seconds = (Date.now() - started) / 1000;
          const summary = {
            runId,
            asOf,
            statements: run.statements,
            totalDueCents: run.totalDueCents,
            skipped: run.skipped,
            csvFile: printer.csvFile,
            seconds,
          };
          if (opts.json) return io.out(`${JSON.stringify(summary)}\n`);
          io.out(
            `Statement run ${runId} as of ${asOf}: ${run.statements} statements, ${(run.totalDueCents / 100).toFixed(2)} due, in ${seconds.toFixed(1)} s\n`,
          );
          for (const [reason, n] of Object.entries(run.skipped))
            io.out(`  skipped ${n}: ${reason.replace(/_/g, ' ')}\n`);
          io.out(`PDFs and ${printer.csvFile} written to ${opts.out}\n`);
        },
        { auditKey: 'require', quiet: Boolean(opts.json) },
      );
    });
}
