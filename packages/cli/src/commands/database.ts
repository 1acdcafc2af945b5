import type { Command } from 'commander';
import { codeCacheDir, defaultClaimServices, listMigrations, loadCodesService, seedDemo } from '@medbill/server';
import type { CliIO } from '../io.ts';
import { withStore } from './with-store.ts';

export function registerDatabaseCommands(program: Command, io: CliIO): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (also done on every start)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withStore(
        io,
        'migrate',
        async ({ applied, schemaVersion }) => {
          const result = {
            applied: applied.map((m) => `${m.version}_${m.name}`),
            schemaVersion,
            known: listMigrations().length,
          };
          io.out(
            opts.json
              ? `${JSON.stringify(result)}\n`
              : applied.length
                ? `Applied ${applied.length} migration(s): ${result.applied.join(', ')}. Schema version ${schemaVersion}.\n`
                : `Nothing to apply. Schema version ${schemaVersion}.\n`,
          );
        },
        { quiet: opts.json, createsDataFolder: true },
      );
    });

  program
    .command('demo')
    .description(
      'Create demo data: a tenant, 2 practices, 4 providers, 5 payers, 200 synthetic patients, one user per role',
    )
    .option('--force', 'add another demo tenant even when the database has data')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { force?: boolean; json?: boolean }) => {
      await withStore(
        io,
        'demo',
        async ({ store, auditKey, cfg }) => {
          const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          const result = await seedDemo(store, auditKey, {
            password: cfg.demoPassword,
            dataDir: cfg.dataDir,
            onlyIfEmpty: !opts.force,
            claims: defaultClaimServices(cfg.dataDir, { coding: codes.check }),
          });
          if (opts.json) return io.out(`${JSON.stringify(result ?? { skipped: 'database not empty' })}\n`);
          io.out(
            result
              ? `Created demo tenant ${result.tenantId}: ${result.practices} practices, ${result.providers} providers, ${result.payers} payers, ${result.patients} patients, ${result.users} users; claims by state ${JSON.stringify(result.claims)}.\n`
              : 'The database already has data; nothing created (use --force to add another demo tenant).\n',
          );
        },
        { auditKey: 'create', quiet: opts.json },
      );
    });
}
