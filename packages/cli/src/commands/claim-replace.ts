/**
 * medbill claims correct CLAIM | void CLAIM [--reason TEXT] — a corrected (frequency 7) or void (8) claim of a
 * claim the payer holds, naming its payer claim number (REF*F8). A correction is a draft: re-code the encounter
 * if needed, then `claims scrub` and send it like any claim. Same use case as POST /api/claims/:id/replacement.
 */
import type { Command } from 'commander';
import { correctOrVoidClaim, findClaimIds } from '@medbill/server';
import type { CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

export function registerClaimReplacement(claims: Command, io: CliIO): void {
  for (const kind of ['correct', 'void'] as const)
    claims
      .command(`${kind} <claim>`)
      .description(
        kind === 'correct'
          ? 'Make the corrected claim (frequency 7) of a claim the payer holds; re-code the encounter, scrub and send it'
          : 'Void a claim the payer holds (a frequency 8 claim naming its payer claim number), to scrub and send',
      )
      .option('--reason <text>', 'why (kept in both claims’ histories)')
      .option('--tenant <slug>', 'tenant (default: the only one)')
      .option('--json', 'JSON output (as the API answers)')
      .action(async (ref: string, opts: { tenant?: string; json?: boolean; reason?: string }) => {
        await withClaims(io, `claims ${kind}`, opts, async (deps, actor) => {
          const [claimId] = await findClaimIds(deps, actor, [ref]);
          const made = await correctOrVoidClaim(deps, actor, { claimId, kind, reason: opts.reason });
          if (opts.json) return io.out(`${JSON.stringify(made)}\n`);
          io.out(
            `${made.claimNumber} (frequency ${made.frequencyCode}) ${kind === 'correct' ? 'replaces' : 'voids'} ${made.replacesClaimNumber}, payer claim number ${made.originalPayerClaimNumber}\n`,
          );
          if (kind === 'correct')
            io.out(`Re-code the encounter if needed, then: medbill claims scrub ${made.claimNumber}\n`);
          else io.out(`Send it: medbill claims scrub ${made.claimNumber}, then batch and submit\n`);
        });
      });
}
