/** medbill tenant create — a new billing company or office with its first admin (the platform operator's step). */
import crypto from 'node:crypto';
import type { Command } from 'commander';
import { createTenant, passwordProblem } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { cliUser } from './cli-actor.ts';
import { withStore } from './with-store.ts';

export function registerTenantCommands(program: Command, io: CliIO): void {
  const tenant = program
    .command('tenant')
    .description('Tenants: the billing companies or offices whose data never mixes');
  tenant
    .command('create')
    .description(
      'Create a tenant and its first admin user (password from MEDBILL_ADMIN_PASSWORD, else a random one is printed)',
    )
    .requiredOption('--name <name>', 'the company or office name')
    .requiredOption('--slug <slug>', 'short lower-case id, e.g. lone-star-billing')
    .requiredOption('--admin <username>', "the first admin's user name")
    .option('--json', 'JSON output')
    .action(async (opts: { name: string; slug: string; admin: string; json?: boolean }) => {
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(opts.slug)) {
        io.err('medbill tenant create: --slug must be 2–63 lower-case letters, digits or dashes\n');
        return io.setExitCode(EXIT.usage);
      }
      if (!/^[a-zA-Z0-9._-]{2,60}$/.test(opts.admin)) {
        io.err('medbill tenant create: --admin must be 2–60 letters, digits, dots, dashes or underscores\n');
        return io.setExitCode(EXIT.usage);
      }
      const given = process.env.MEDBILL_ADMIN_PASSWORD;
      const password = given ?? crypto.randomBytes(12).toString('base64url');
      const problem = passwordProblem(password);
      if (problem) {
        io.err(`medbill tenant create: MEDBILL_ADMIN_PASSWORD: ${problem}\n`);
        return io.setExitCode(EXIT.badInput);
      }
      await withStore(
        io,
        'tenant create',
        async ({ store, auditKey }) => {
          const created = await createTenant({ db: store.db, auditKey }, cliUser(), { ...opts, password });
          const out = { ...created, ...(given ? {} : { password }) };
          io.out(
            opts.json
              ? `${JSON.stringify(out)}\n`
              : `Created tenant ${opts.slug} (${created.tenantId}) with admin ${opts.admin}${given ? '' : `, password ${password}`}; they log in as ${opts.slug}/${opts.admin} (or ${opts.admin} with office ${opts.slug})\n`,
          );
        },
        { auditKey: 'create', quiet: opts.json },
      );
    });
}
