/**
 * medbill claims correct CLAIM [--reason TEXT] | void CLAIM --disposition rebill|write-off [--reason TEXT] — a corrected (frequency 7) or void (8) claim of a
 * claim the payer holds, naming its payer claim number (REF*F8). A correction is a draft: re-code the encounter
 * if needed, then `claims scrub` and send it like any claim. Same use case as POST /api/claims/:id/replacement.
 */
import type { Command } from 'commander';
import { correctOrVoidClaim, findClaimIds } from '@medbill/server';
import type { VoidDisposition } from '@medbill/core';
import type { CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

/** `--disposition rebill|write-off` as the API says it (`write_off`); anything else is passed on and refused there. */
export function voidDispositionOption(raw: string | undefined): VoidDisposition | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase().replace('-', '_');
  return v as VoidDisposition;
}

export const VOID_DISPOSITION_HELP =
  'what becomes of the balance once the payer takes the claim back: rebill (a claim to the next coverage active on the date of service, else the patient) or write-off (billed in error; needs --reason and the write-off permission)';

export function registerClaimReplacement(claims: Command, io: CliIO): void {
  for (const kind of ['correct', 'void'] as const) {
    const cmd = claims
      .command(`${kind} <claim>`)
      .description(
        kind === 'correct'
          ? 'Make the corrected claim (frequency 7) of a claim the payer holds; re-code the encounter, scrub and send it'
          : 'Void a claim the payer holds (a frequency 8 claim naming its payer claim number), to scrub and send',
      )
      .option('--reason <text>', 'why (kept in both claims’ histories)');
    if (kind === 'void') cmd.requiredOption('--disposition <rebill|write-off>', VOID_DISPOSITION_HELP);
    cmd
      .option('--tenant <slug>', 'tenant (default: the only one)')
      .option('--json', 'JSON output (as the API answers)')
      .action(async (ref: string, opts: { tenant?: string; json?: boolean; reason?: string; disposition?: string }) => {
        await withClaims(io, `claims ${kind}`, opts, async (deps, actor) => {
          const [claimId] = await findClaimIds(deps, actor, [ref]);
          const made = await correctOrVoidClaim(deps, actor, {
            claimId,
            kind,
            reason: opts.reason,
            ...(kind === 'void' ? { disposition: voidDispositionOption(opts.disposition) } : {}),
          });
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
}
