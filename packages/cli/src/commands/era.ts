/**
 * medbill era post FILE | list | show ID | release ID | dismiss ID — remittances (835) from the command line;
 * medbill era unmatched | match ITEM --claim C | --line N | dismiss-unmatched ITEM — the unmatched worklist.
 * `post` exits 0 when the file was posted and 1 when it was held, refused or already posted, saying why.
 * The use cases write their own audit rows as the OS user (`cli:<user>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatCents } from '@medbill/core/ledger';
import type { PostRemittanceResultBody, UnmatchedActionResult, UnmatchedItem } from '@medbill/api';
import {
  dismissUnmatched,
  getEra,
  listEras,
  listUnmatched,
  matchUnmatched,
  postEraFile,
  postUnmatchedLine,
  postUnmatchedServices,
  applyClaimDifference,
  releaseEra,
} from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { progressBar } from './progress.ts';
import { withClaims } from './with-store.ts';

const $ = formatCents;

function printResult(io: CliIO, r: PostRemittanceResultBody, json?: boolean): void {
  if (json) io.out(`${JSON.stringify(r)}\n`);
  else {
    io.out(`${r.message}\n`);
    if (r.status === 'posted')
      io.out(
        `  ${r.claimsPosted} claims posted, ${r.denials} denials to work, ${r.secondaryClaims} secondary claims made, ${r.unmatched} items not matched\n`,
      );
    for (const h of r.holdReasons.slice(0, 20))
      io.out(`  - ${h.message}${h.equation ? `: ${h.equation}` : ''}${h.where ? ` (${h.where})` : ''}\n`);
    if (r.holdReasons.length > 20) io.out(`  … and ${r.holdReasons.length - 20} more\n`);
  }
  io.setExitCode(r.status === 'posted' ? EXIT.ok : EXIT.badInput);
}

function unmatchedLines(i: UnmatchedItem): string[] {
  const out = [
    `#${i.id}  ${i.kind.padEnd(5)} ${i.status.padEnd(9)} ${$(i.amountCents).padStart(10)}  ERA #${i.remittanceId} TRN ${i.traceNumber}  ${
      i.kind === 'claim'
        ? `CLP01 ${i.patientControlNumber} ${i.patientName ?? ''} ${i.serviceDate ?? ''}`.trimEnd()
        : `claim ${i.claimNumber ?? '?'}: ${i.description}`
    }`,
  ];
  if (i.status !== 'open') out.push(`      ${i.resolution ?? ''} (${i.resolvedBy ?? '?'})`);
  else {
    if (i.service)
      out.push(
        `      SVC ${i.service.procedure}${i.service.submittedProcedure ? ` (billed ${i.service.submittedProcedure})` : ''} ${i.service.serviceDate ?? ''} billed ${$(i.service.billedCents)} paid ${$(i.service.paidCents)}${i.service.adjustments.map((a) => ` ${a.group}-${a.reason} ${$(a.amountCents)}`).join('')}`,
      );
    for (const s of i.suggestions)
      out.push(
        `      maybe claim ${s.claimNumber}: ${s.patientName ?? ''} ${s.serviceDate ?? ''} ${s.chargeCents === null ? '' : $(s.chargeCents)} (${s.why.join(', ')})`,
      );
    for (const s of i.lineSuggestions)
      out.push(
        `      maybe line ${s.lineNumber}: ${s.procedure} ${s.serviceDate} ${$(s.chargeCents)} (${s.why.join(', ')})`,
      );
    for (const v of i.services) {
      out.push(
        `      SVC ${v.svcIndex + 1}: ${v.procedure}${v.submittedProcedure ? ` (billed ${v.submittedProcedure})` : ''} ${v.serviceDate ?? ''} billed ${$(v.billedCents)} paid ${$(v.paidCents)}${v.adjustments.map((a) => ` ${a.group}-${a.reason} ${$(a.amountCents)}`).join('')}`,
      );
      for (const s of v.lineSuggestions)
        out.push(
          `        maybe line ${s.lineNumber}: ${s.procedure} ${s.serviceDate} ${$(s.chargeCents)} (${s.why.join(', ')})`,
        );
    }
    for (const l of i.claimLines)
      out.push(
        `      line ${l.lineNumber}: ${l.procedure} ${l.serviceDate} charge ${$(l.chargeCents)}, the payer owes ${$(l.payerBalanceCents)}`,
      );
    if (i.heldAs === 'services') out.push(`      post with: era match ${i.id} --service 1=LINE --service 2=LINE …`);
    if (i.heldAs === 'difference')
      out.push(`      apply with: era match ${i.id} --apply LINE=AMOUNT … (adding up to ${$(i.amountCents)})`);
  }
  return out;
}

function printAction(io: CliIO, r: UnmatchedActionResult, json?: boolean): void {
  io.out(json ? `${JSON.stringify(r)}\n` : `${r.message}\n`);
}

const collect = (v: string, all: string[]) => [...all, v];

/** `5`, `5.5`, `-5.05` dollars → cents, exactly (no floating point) */
function dollarsToCents(text: string): number {
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const c = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return text.startsWith('-') ? -c : c;
}

const itemId = (raw: string): number | null => (/^#?\d{1,12}$/.test(raw) ? Number(raw.replace(/^#/, '')) : null);

export function registerEraCommands(program: Command, io: CliIO): void {
  const era = program
    .command('era')
    .description('Remittances (835): post, list, show, release or dismiss a held one; the unmatched worklist');
  const common = (c: Command) =>
    c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(
    era.command('post <file>').description('Post an 835 file to the ledger (held for review if it does not balance)'),
  ).action(async (file: string, opts: { tenant?: string; json?: boolean }) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`medbill era post: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return io.setExitCode(EXIT.badInput);
    }
    await withClaims(io, 'era post', { tenant: opts.tenant }, async (deps, actor) => {
      let bar: ReturnType<typeof progressBar> | null = null;
      const r = await postEraFile(deps, actor, { fileName: path.basename(file), text }, (p) => {
        bar ??= progressBar(io, p.total, 'Posting', !opts.json);
        bar.update(p.done, p.phase);
      });
      (bar as ReturnType<typeof progressBar> | null)?.stop();
      printResult(io, r, opts.json);
    });
  });

  common(
    era
      .command('list')
      .description('Remittances: payer, check/EFT trace, amount, posted or held')
      .option('--status <status>', 'posted, held or dismissed')
      .option('--limit <n>', 'at most this many', '50'),
  ).action(async (opts: { tenant?: string; json?: boolean; status?: string; limit: string }) => {
    if (opts.status && !['posted', 'held', 'dismissed'].includes(opts.status)) {
      io.err('medbill era list: --status is posted, held or dismissed\n');
      return io.setExitCode(EXIT.usage);
    }
    await withClaims(io, 'era list', { tenant: opts.tenant }, async (deps, actor) => {
      const list = await listEras(deps, actor, {
        ...(opts.status ? { status: opts.status as 'posted' | 'held' | 'dismissed' } : {}),
        limit: Number(opts.limit) || 50,
      });
      if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
      io.out(`${list.total} remittance${list.total === 1 ? '' : 's'}\n`);
      for (const r of list.items)
        io.out(
          `#${r.id}  ${r.status.padEnd(9)} ${(r.paymentDate ?? '').padEnd(10)} ${r.payerName.slice(0, 28).padEnd(28)} ${r.paymentMethod.padEnd(4)} ${r.traceNumber.padEnd(16)} ${$(r.paymentCents).padStart(12)}  ${r.claimCount} claims${r.denied ? `, ${r.denied} denied` : ''}${r.unmatched ? `, ${r.unmatched} unmatched` : ''}${r.status === 'held' ? `  — ${r.holdReasons[0]?.message ?? ''}` : ''}\n`,
        );
    });
  });

  common(
    era.command('show <id>').description("An ERA's posting view: each claim and line, adjustments in words"),
  ).action(async (id: string, opts: { tenant?: string; json?: boolean }) => {
    if (!/^\d+$/.test(id.replace(/^#/, ''))) {
      io.err('medbill era show: give the ERA number (as in era list)\n');
      return io.setExitCode(EXIT.usage);
    }
    await withClaims(io, 'era show', { tenant: opts.tenant }, async (deps, actor) => {
      const v = await getEra(deps, actor, { remittanceId: Number(id.replace(/^#/, '')) });
      if (opts.json) return io.out(`${JSON.stringify(v)}\n`);
      io.out(
        `ERA #${v.id} ${v.status}: ${v.payerName}, TRN ${v.traceNumber}, ${v.paymentMethod} ${$(v.paymentCents)} on ${v.paymentDate ?? '?'} (${v.fileName})\n`,
      );
      for (const h of v.holdReasons) io.out(`  held: ${h.message}${h.equation ? ` — ${h.equation}` : ''}\n`);
      for (const c of v.claims) {
        io.out(`\n${c.claimNumber ?? `(not ours: ${c.patientControlNumber})`} ${c.patientName ?? ''} — ${c.summary}\n`);
        for (const l of c.lines) {
          io.out(
            `   ${l.procedure.padEnd(14)} billed ${$(l.billedCents)} allowed ${l.allowedCents === null ? '—' : $(l.allowedCents)} paid ${$(l.paidCents)}\n`,
          );
          for (const a of l.adjustments)
            io.out(`      ${a.group}-${a.reason} ${$(a.amountCents)} ${a.text} [${a.posted}]\n`);
          for (const r of l.remarks) io.out(`      ${r.code} ${r.text}\n`);
        }
      }
      for (const p of v.providerAdjustments)
        io.out(`\nPLB ${p.reason}${p.reference ? ` ${p.reference}` : ''} ${$(p.amountCents)}\n`);
      for (const s of v.voidsSettled)
        io.out(`\nVoid ${s.voidClaimNumber} of ${s.originalClaimNumber} ${s.state}: ${s.description}\n`);
    });
  });

  for (const action of ['release', 'dismiss'] as const)
    common(
      era
        .command(`${action} <id>`)
        .description(
          action === 'release'
            ? 'Post a held ERA anyway (its difference stays visible)'
            : 'Dismiss a held ERA (nothing posted)',
        )
        .requiredOption('--reason <text>', 'why (kept with the remittance)'),
    ).action(async (id: string, opts: { tenant?: string; json?: boolean; reason: string }) => {
      await withClaims(io, `era ${action}`, { tenant: opts.tenant }, async (deps, actor) => {
        const r = await releaseEra(deps, actor, {
          remittanceId: Number(id.replace(/^#/, '')),
          action: action === 'release' ? 'post' : 'dismiss',
          reason: opts.reason,
        });
        if (action === 'dismiss') {
          if (opts.json) io.out(`${JSON.stringify(r)}\n`);
          else io.out(`${r.message}\n`);
          return;
        }
        printResult(io, r, opts.json);
      });
    });

  common(
    era
      .command('unmatched')
      .description('Unmatched worklist: 835 claims and lines that matched none of ours, with suggested matches')
      .option('--status <status>', 'open, matched or dismissed', 'open')
      .option('--kind <kind>', 'claim or line')
      .option('--era <id>', 'one ERA only')
      .option('--limit <n>', 'at most this many', '50'),
  ).action(
    async (opts: { tenant?: string; json?: boolean; status: string; kind?: string; era?: string; limit: string }) => {
      if (
        !['open', 'matched', 'dismissed'].includes(opts.status) ||
        (opts.kind && !['claim', 'line'].includes(opts.kind))
      ) {
        io.err('medbill era unmatched: --status is open, matched or dismissed; --kind is claim or line\n');
        return io.setExitCode(EXIT.usage);
      }
      const era = opts.era === undefined ? undefined : itemId(opts.era);
      if (era === null) {
        io.err('medbill era unmatched: --era is an ERA number (as in era list)\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'era unmatched', { tenant: opts.tenant }, async (deps, actor) => {
        const list = await listUnmatched(deps, actor, {
          status: opts.status as 'open' | 'matched' | 'dismissed',
          ...(opts.kind ? { kind: opts.kind as 'claim' | 'line' } : {}),
          ...(era ? { remittanceId: era } : {}),
          limit: Math.min(Number(opts.limit) || 50, 500),
        });
        if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
        io.out(`${list.total} ${opts.status} item${list.total === 1 ? '' : 's'}\n`);
        for (const i of list.items) for (const l of unmatchedLines(i)) io.out(`${l}\n`);
      });
    },
  );

  common(
    era
      .command('match <item>')
      .description(
        "Post an unmatched item: an 835 claim to our claim (--claim), a service line to a line of its claim (--line), each service of a claim to its line (--service), or a claim's difference to lines (--apply)",
      )
      .option('--claim <claim>', 'our claim, by the number people see or its id')
      .option('--line <n>', "the line number of the item's claim")
      .option(
        '--service <svc=line>',
        'SVC number (as era unmatched lists it) = line number; once per service',
        collect,
        [],
      )
      .option(
        '--apply <line=amount>',
        'line number = dollars it takes (e.g. 2=5.00); amounts add up to the item',
        collect,
        [],
      ),
  ).action(
    async (
      item: string,
      opts: { tenant?: string; json?: boolean; claim?: string; line?: string; service: string[]; apply: string[] },
    ) => {
      const id = itemId(item);
      const line = opts.line === undefined ? undefined : Number(opts.line);
      const services = opts.service.map((x) => /^(\d{1,3})=(\d{1,3})$/.exec(x.trim()));
      const shares = opts.apply.map((x) => /^(\d{1,3})=(-?\d{1,9}(?:\.\d{1,2})?)$/.exec(x.trim()));
      const ways = [opts.claim, opts.line, opts.service.length || undefined, opts.apply.length || undefined];
      if (
        id === null ||
        ways.filter((w) => w !== undefined).length !== 1 ||
        (line !== undefined && !(Number.isInteger(line) && line > 0)) ||
        services.some((m) => !m || Number(m[1]) < 1 || Number(m[2]) < 1) ||
        shares.some((m) => !m || Number(m[1]) < 1)
      ) {
        io.err(
          'medbill era match: give the item number (as in era unmatched) and one of --claim CLAIM, --line N, --service SVC=LINE (each service) or --apply LINE=AMOUNT (each line)\n',
        );
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'era match', { tenant: opts.tenant }, async (deps, actor) => {
        const r = services.length
          ? await postUnmatchedServices(deps, actor, {
              unmatchedId: id,
              lines: services.map((m) => ({ svcIndex: Number(m![1]) - 1, lineNumber: Number(m![2]) })),
            })
          : shares.length
            ? await applyClaimDifference(deps, actor, {
                unmatchedId: id,
                lines: shares.map((m) => ({ lineNumber: Number(m![1]), amountCents: dollarsToCents(m![2]!) })),
              })
            : line !== undefined
              ? await postUnmatchedLine(deps, actor, { unmatchedId: id, lineNumber: line })
              : await matchUnmatched(deps, actor, { unmatchedId: id, claimNumber: opts.claim! });
        printAction(io, r, opts.json);
      });
    },
  );

  common(
    era
      .command('dismiss-unmatched <item>')
      .description('Dismiss an unmatched item with the reason (its money stays unapplied)')
      .requiredOption('--reason <text>', 'why (kept with the payment)'),
  ).action(async (item: string, opts: { tenant?: string; json?: boolean; reason: string }) => {
    const id = itemId(item);
    if (id === null) {
      io.err('medbill era dismiss-unmatched: give the item number (as in era unmatched)\n');
      return io.setExitCode(EXIT.usage);
    }
    await withClaims(io, 'era dismiss-unmatched', { tenant: opts.tenant }, async (deps, actor) => {
      printAction(io, await dismissUnmatched(deps, actor, { unmatchedId: id, reason: opts.reason }), opts.json);
    });
  });
}
