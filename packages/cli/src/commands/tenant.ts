/** medbill tenant create — a new billing company or office with its first admin (the platform operator's step). */
import crypto from 'node:crypto';
import type { Command } from 'commander';
import { recordAudit } from '@medbill/server/audit/record-audit.ts';
import { hashPassword, passwordProblem } from '@medbill/server/auth/password.ts';
import { withTenant } from '@medbill/server/db/open-database.ts';
import { EXIT, type CliIO } from '../io.ts';
import { cliAuditActor } from './cli-actor.ts';
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
      const hash = await hashPassword(password);
      await withStore(
        io,
        'tenant create',
        async ({ store, auditKey }) => {
          const taken = await store.db
            .selectFrom('tenant')
            .select('id')
            .where('slug', '=', opts.slug)
            .executeTakeFirst();
          const userTaken = await store.db
            .selectFrom('app_user')
            .select('id')
            .where(({ fn, eb }) => eb(fn('lower', ['username']), '=', opts.admin.toLowerCase()))
            .executeTakeFirst();
          if (taken || userTaken) {
            io.err(
              `medbill tenant create: ${taken ? `the slug "${opts.slug}"` : `the user name "${opts.admin}"`} is taken\n`,
            );
            return io.setExitCode(EXIT.badInput);
          }
          const t = await store.db
            .insertInto('tenant')
            .values({ name: opts.name, slug: opts.slug })
            .returning('id')
            .executeTakeFirstOrThrow();
          const user = await withTenant(store.db, t.id, async (tx) => {
            const u = await tx
              .insertInto('app_user')
              .values({
                tenant_id: t.id,
                username: opts.admin,
                display_name: opts.admin,
                role: 'admin',
                password_hash: hash,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            await recordAudit(tx, auditKey, cliAuditActor(t.id), {
              action: 'privilege_change',
              resourceType: 'user',
              resourceId: u.id,
              details: { created: opts.admin, role: 'admin', tenant: opts.slug },
            });
            return u;
          });
          const out = {
            tenantId: t.id,
            slug: opts.slug,
            adminUserId: user.id,
            admin: opts.admin,
            ...(given ? {} : { password }),
          };
          io.out(
            opts.json
              ? `${JSON.stringify(out)}\n`
              : `Created tenant ${opts.slug} (${t.id}) with admin ${opts.admin}${given ? '' : `, password ${password}`}\n`,
          );
        },
        { auditKey: 'create', quiet: opts.json },
      );
    });
}
