/**
 * medbill era post FILE | list | show ID | release ID | dismiss ID — remittances (835) from the command line.
 * `post` exits 0 when the file was posted and 1 when it was held, refused or already posted, saying why.
 * The use cases write their own audit rows as the OS user (`cli:<user>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatCents } from '@medbill/core/ledger/index.ts';
import { getRemittance } from '@medbill/server/remittance/get-remittance.ts';
import { listRemittances } from '@medbill/server/remittance/list-remittances.ts';
import { postRemittance } from '@medbill/server/remittance/post-remittance.ts';
import { releaseRemittance } from '@medbill/server/remittance/release-remittance.ts';
import type { PostRemittanceResult } from '@medbill/server/remittance/remittance-result.ts';
import { EXIT, type CliIO } from '../io.ts';
import { cliAuditActor, cliUser } from './cli-actor.ts';
import { progressBar } from './progress.ts';
import { resolveTenant } from './tenant-option.ts';
import { withStore } from './with-store.ts';

const $ = formatCents;

function printResult(io: CliIO, r: PostRemittanceResult, json?: boolean): void {
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

export function registerEraCommands(program: Command, io: CliIO): void {
  const era = program.command('era').description('Remittances (835): post, list, show, release or dismiss a held one');
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
    await withStore(
      io,
      'era post',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        let bar: ReturnType<typeof progressBar> | null = null;
        const r = await postRemittance(
          store.db,
          t.id,
          { fileName: path.basename(file), text },
          {
            actor: cliUser(),
            audit: { key: auditKey, sourceIp: null },
            onProgress: (p) => {
              bar ??= progressBar(io, p.total, 'Posting', !opts.json);
              bar.update(p.done, p.phase);
            },
          },
        );
        (bar as ReturnType<typeof progressBar> | null)?.stop();
        printResult(io, r, opts.json);
      },
      { auditKey: 'require', quiet: Boolean(opts.json) },
    );
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
    await withStore(
      io,
      'era list',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const ctx = { db: store.db, tenantId: t.id, actor: cliAuditActor(t.id), auditKey, now: () => new Date() };
        const list = await listRemittances(ctx, {
          status: opts.status as 'posted' | undefined,
          limit: Number(opts.limit) || 50,
        });
        if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
        io.out(`${list.total} remittance${list.total === 1 ? '' : 's'}\n`);
        for (const r of list.rows)
          io.out(
            `#${r.id}  ${r.status.padEnd(9)} ${(r.paymentDate ?? '').padEnd(10)} ${r.payerName.slice(0, 28).padEnd(28)} ${r.paymentMethod.padEnd(4)} ${r.traceNumber.padEnd(16)} ${$(r.paymentCents).padStart(12)}  ${r.claimCount} claims${r.denied ? `, ${r.denied} denied` : ''}${r.unmatched ? `, ${r.unmatched} unmatched` : ''}${r.status === 'held' ? `  — ${r.holdReasons[0]?.message ?? ''}` : ''}\n`,
          );
      },
      { auditKey: 'require', quiet: Boolean(opts.json) },
    );
  });

  common(
    era.command('show <id>').description("An ERA's posting view: each claim and line, adjustments in words"),
  ).action(async (id: string, opts: { tenant?: string; json?: boolean }) => {
    if (!/^\d+$/.test(id.replace(/^#/, ''))) {
      io.err('medbill era show: give the ERA number (as in era list)\n');
      return io.setExitCode(EXIT.usage);
    }
    await withStore(
      io,
      'era show',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const ctx = { db: store.db, tenantId: t.id, actor: cliAuditActor(t.id), auditKey, now: () => new Date() };
        const v = await getRemittance(ctx, Number(id.replace(/^#/, '')));
        if (opts.json) return io.out(`${JSON.stringify(v)}\n`);
        io.out(
          `ERA #${v.id} ${v.status}: ${v.payerName}, TRN ${v.traceNumber}, ${v.paymentMethod} ${$(v.paymentCents)} on ${v.paymentDate ?? '?'} (${v.fileName})\n`,
        );
        for (const h of v.holdReasons) io.out(`  held: ${h.message}${h.equation ? ` — ${h.equation}` : ''}\n`);
        for (const c of v.claims) {
          io.out(
            `\n${c.claimNumber ?? `(not ours: ${c.patientControlNumber})`} ${c.patientName ?? ''} — ${c.summary}\n`,
          );
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
      },
      { auditKey: 'require', quiet: Boolean(opts.json) },
    );
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
      await withStore(
        io,
        `era ${action}`,
        async ({ store, auditKey }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const r = await releaseRemittance(store.db, t.id, Number(id.replace(/^#/, '')), {
            action: action === 'release' ? 'post' : 'dismiss',
            reason: opts.reason,
            actor: cliUser(),
            audit: { key: auditKey, sourceIp: null },
          });
          if (action === 'dismiss') {
            if (opts.json) io.out(`${JSON.stringify(r)}\n`);
            else io.out(`${r.message}\n`);
            return;
          }
          printResult(io, r, opts.json);
        },
        { auditKey: 'require', quiet: Boolean(opts.json) },
      );
    });
}
