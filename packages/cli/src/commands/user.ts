/**
 * medbill user reset-mfa — the operator's way back in for a user locked out of two-step log-in (every admin of the
 * tenant included): the seed and recovery codes go, their sessions end, and the tenant's audit chain records it.
 */
import type { Command } from 'commander';
import { resetUserMfa } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

export function registerUserCommands(program: Command, io: CliIO): void {
  const user = program.command('user').description("A tenant's users: reset a locked-out user's two-step log-in");
  user
    .command('reset-mfa')
    .description("Reset a user's two-step log-in (lost phone): they log in with their password and set it up again")
    .option('--tenant <slug>', 'the tenant (needed when there are several)')
    .requiredOption('--user <username>', 'the user name')
    .option('--json', 'JSON output')
    .action(async (opts: { tenant?: string; user: string; json?: boolean }) => {
      if (!/^[a-zA-Z0-9._-]{2,60}$/.test(opts.user)) {
        io.err('medbill user reset-mfa: --user is a user name (letters, digits, dots, dashes, underscores)\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'user reset-mfa', opts, async (deps, actor) => {
        const r = await resetUserMfa(deps, actor, { username: opts.user });
        io.out(
          opts.json
            ? `${JSON.stringify(r)}\n`
            : `Two-step log-in of ${opts.user} reset; their sessions are ended. They log in with their password and set it up again.\n`,
        );
      });
    });
}
