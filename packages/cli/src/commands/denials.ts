/**
 * medbill denials list | show ID | write-off ID | transfer ID | correct ID | void ID | appeal ID — the denial
 * worklist from the command line. Each command parses, calls the denial use case (which writes its own audit
 * row as the OS user) and prints its answer.
 */
import fs from 'node:fs';
import type { DenialActionResult, DenialStatus } from '@medbill/api';
import {
  appealDenial,
  getDenial,
  listDenials,
  replaceDeniedClaim,
  transferDenialToPatient,
  writeOffDenial,
  type Actor,
  type ClaimsDeps,
} from '@medbill/server';
import { formatCents } from '@medbill/core/ledger';
import type { Command } from 'commander';
import { EXIT, type CliIO } from '../io.ts';
import { VOID_DISPOSITION_HELP, voidDispositionOption } from './claim-replace.ts';
import { withClaims } from './with-store.ts';

type Opts = { tenant?: string; json?: boolean };
const $ = formatCents;

function denialId(io: CliIO, cmd: string, raw: string): number | null {
  const s = raw.replace(/^#/, '');
  if (/^[1-9][0-9]{0,15}$/.test(s)) return Number(s);
  io.err(`medbill denials ${cmd}: give the denial number (as in denials list), not "${raw}"\n`);
  io.setExitCode(EXIT.usage);
  return null;
}

function printAction(io: CliIO, r: DenialActionResult, json?: boolean) {
  io.out(json ? `${JSON.stringify(r)}\n` : `${r.message}\n`);
}

export function registerDenialCommands(program: Command, io: CliIO): void {
  const d = program
    .command('denials')
    .description('Denial worklist: list, show, write off, move to the patient, corrected or void claim, appeal letter');
  const common = (c: Command) =>
    c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');
  const run = (opts: Opts, purpose: string, work: (deps: ClaimsDeps, actor: Actor) => Promise<void>) =>
    withClaims(io, `denials ${purpose}`, { tenant: opts.tenant }, work);

  common(d.command('list').description('Open denials and underpayments, highest priority first'))
    .option('--status <list>', 'statuses, comma-separated (default: open,appealed)')
    .option('--cause <cause>', 'root cause (eligibility, authorization, coding, …)')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: Opts & { status?: string; cause?: string; limit: string }) => {
      await run(opts, 'list', async (deps, actor) => {
        const status = opts.status?.split(',').filter(Boolean) as DenialStatus[] | undefined;
        const list = await listDenials(deps, actor, {
          ...(status ? { status } : {}),
          ...(opts.cause ? { cause: opts.cause } : {}),
          limit: Math.max(1, Math.min(500, Number(opts.limit) || 50)),
        });
        if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
        io.out(`${list.total} denial${list.total === 1 ? '' : 's'} to work\n`);
        for (const c of list.byCause)
          io.out(`  ${c.label.padEnd(34)} ${String(c.count).padStart(4)}  ${$(c.amountCents).padStart(12)}\n`);
        if (list.items.length) io.out('\n');
        for (const r of list.items)
          io.out(
            `#${String(r.id).padEnd(5)} ${r.claimNumber.padEnd(10)} ${r.patientName.slice(0, 22).padEnd(22)} ${r.payerName.slice(0, 18).padEnd(18)} ${(r.procedure ?? 'claim').padEnd(10)} ${$(r.amountCents).padStart(10)}  ${r.group ?? ''}${r.reason ? `-${r.reason}` : ''} ${r.reasonText}${r.remarks.length ? ` [${r.remarks.map((x) => x.code).join(' ')}]` : ''}  ${r.daysLeft === null ? '' : `appeal in ${r.daysLeft} d`}${r.status === 'open' ? '' : ` (${r.status})`}\n`,
          );
        if (list.total > list.items.length) io.out(`… ${list.total - list.items.length} more: --limit\n`);
      });
    });

  common(d.command('show <id>').description('One denial: its reason and remarks in words, its notes')).action(
    async (raw: string, opts: Opts) => {
      const id = denialId(io, 'show', raw);
      if (id === null) return;
      await run(opts, 'show', async (deps, actor) => {
        const v = await getDenial(deps, actor, { denialId: id });
        if (opts.json) return io.out(`${JSON.stringify(v)}\n`);
        io.out(
          `Denial #${v.id} (${v.status}) — claim ${v.claimNumber}, ${v.patientName}, ${v.payerName}\n  ${v.procedure ?? 'whole claim'} ${v.serviceDate ?? ''}: ${$(v.amountCents)} ${v.group ?? ''}-${v.reason ?? ''} ${v.reasonText} (${v.causeLabel})\n`,
        );
        for (const r of v.remarks) io.out(`  ${r.code} ${r.text}\n`);
        io.out(
          `  denied ${v.deniedOn}${v.appealDeadline ? `, appeal by ${v.appealDeadline} (${v.daysLeft} days)` : ''}\n`,
        );
        for (const n of v.history) io.out(`  ${n.at.slice(0, 16)} ${n.username ?? ''}: ${n.note}\n`);
      });
    },
  );

  const act = (
    name: string,
    description: string,
    call: (deps: ClaimsDeps, actor: Actor, id: number, reason: string) => Promise<DenialActionResult>,
  ) =>
    common(d.command(`${name} <id>`).description(description))
      .requiredOption('--reason <text>', 'why (kept in the denial notes and the audit log)')
      .action(async (raw: string, opts: Opts & { reason: string }) => {
        const id = denialId(io, name, raw);
        if (id === null) return;
        await run(opts, name, async (deps, actor) =>
          printAction(io, await call(deps, actor, id, opts.reason), opts.json),
        );
      });
  act('write-off', 'Write off what the payer still owes for the denial', (deps, actor, denialId, reason) =>
    writeOffDenial(deps, actor, { denialId, reason }),
  );
  act('transfer', "Move the denied amount to the patient's responsibility", (deps, actor, denialId, reason) =>
    transferDenialToPatient(deps, actor, { denialId, reason }),
  );
  act('correct', 'Make a corrected claim (frequency 7) for the denied claim', (deps, actor, denialId, reason) =>
    replaceDeniedClaim(deps, actor, { denialId, kind: 'correct', reason }),
  );
  common(d.command('void <id>').description('Make a void claim (frequency 8) for the denied claim'))
    .requiredOption('--reason <text>', 'why (kept in the denial notes and the audit log)')
    .requiredOption('--disposition <rebill|write-off>', VOID_DISPOSITION_HELP)
    .action(async (raw: string, opts: Opts & { reason: string; disposition: string }) => {
      const id = denialId(io, 'void', raw);
      if (id === null) return;
      await run(opts, 'void', async (deps, actor) =>
        printAction(
          io,
          await replaceDeniedClaim(deps, actor, {
            denialId: id,
            kind: 'void',
            reason: opts.reason,
            disposition: voidDispositionOption(opts.disposition),
          }),
          opts.json,
        ),
      );
    });

  common(d.command('appeal <id>').description('Print the appeal letter (PDF) and mark the denial appealed'))
    .requiredOption('--argument <text>', 'why the payer should pay')
    .option('--attach <name...>', 'attachments to list in the letter')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(async (raw: string, opts: Opts & { argument: string; attach?: string[]; out: string }) => {
      const id = denialId(io, 'appeal', raw);
      if (id === null) return;
      await run(opts, 'appeal', async (deps, actor) => {
        const r = await appealDenial(deps, actor, {
          denialId: id,
          argument: opts.argument,
          attachments: opts.attach ?? [],
        });
        fs.writeFileSync(opts.out, r.pdf);
        const { pdf: _pdf, ...rest } = r;
        printAction(io, { ...rest, message: `${r.message}: ${opts.out}` }, opts.json);
      });
    });
}
