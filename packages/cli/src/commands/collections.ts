/**
 * medbill collections agencies | add-agency — the collection agencies the office places accounts with. Each command
 * parses, calls the same use case as GET/POST /api/collection-agencies (which writes its audit row as the OS user)
 * and prints its answer.
 */
import { type CollectionAgency, collectionAgencyInput } from '@medbill/api';
import { formatCents } from '@medbill/core/ledger';
import { createCollectionAgency, listCollectionAgencies } from '@medbill/server';
import type { Command } from 'commander';
import { EXIT, type CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

type Opts = { tenant?: string; json?: boolean };

/** "25" or "12.5" (percent) → basis points (2500, 1250), read as text; null when it is not a percentage. */
export function percentToBasisPoints(raw: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(raw.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const percent = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const agencyLine = (a: CollectionAgency) =>
  `#${String(a.id).padEnd(4)} ${a.code.padEnd(10)} ${a.name.padEnd(32)} fee ${percent(a.feeBasisPoints).padStart(6)}  ${a.placedAccounts} placed, ${formatCents(a.placedCents)}`;

export function registerCollectionsCommands(program: Command, io: CliIO): void {
  const c = program.command('collections').description('Collection agencies: list them, add one');
  const common = (cmd: Command) =>
    cmd.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(
    c.command('agencies').description('The collection agencies, with the accounts and balance placed with each'),
  ).action(async (opts: Opts) => {
    await withClaims(io, 'collections agencies', { tenant: opts.tenant }, async (deps, actor) => {
      const list = await listCollectionAgencies(deps, actor);
      if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
      io.out(`${list.items.length} collection agenc${list.items.length === 1 ? 'y' : 'ies'}\n`);
      for (const a of list.items) io.out(`${agencyLine(a)}\n`);
    });
  });

  common(c.command('add-agency').description('Add a collection agency: its name, the code on its files, its fee'))
    .requiredOption('--name <name>', "the agency's name")
    .requiredOption('--code <code>', 'the code its files carry (letters, digits, dashes)')
    .requiredOption('--fee-percent <percent>', 'its fee on what it collects, e.g. 25 or 12.5')
    .action(async (opts: Opts & { name: string; code: string; feePercent: string }) => {
      const feeBasisPoints = percentToBasisPoints(opts.feePercent);
      if (feeBasisPoints === null) {
        io.err(`medbill collections add-agency: --fee-percent is not a percentage: "${opts.feePercent}"\n`);
        return io.setExitCode(EXIT.usage);
      }
      const parsed = collectionAgencyInput.safeParse({ name: opts.name, code: opts.code, feeBasisPoints });
      if (!parsed.success) {
        const flag: Record<string, string> = { name: '--name', code: '--code', feeBasisPoints: '--fee-percent' };
        for (const i of parsed.error.issues)
          io.err(`medbill collections add-agency: ${flag[String(i.path[0])] ?? i.path.join('.')} ${i.message}\n`);
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'collections add-agency', { tenant: opts.tenant }, async (deps, actor) => {
        const made = await createCollectionAgency(deps, actor, parsed.data);
        if (opts.json) return io.out(`${JSON.stringify(made)}\n`);
        io.out(`Added ${agencyLine(made)}\n`);
      });
    });
}
