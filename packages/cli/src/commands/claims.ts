/**
 * medbill claims status | scrub | batch | submit | poll | export-837 | pdf — the billing specialist's day
 * from the command line. Each command that reads or changes claims writes its audit row as the OS user
 * (`cli:<user>`, no address): in the transaction of the change, or before the data leaves (stdout, a file,
 * the clearinghouse). Rows on many claims name them and their patients in details (claims-audit.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { recordAudit, type AuditRecord } from '@medbill/server/audit/record-audit.ts';
import { buildBatches } from '@medbill/server/claims/build-batches.ts';
import { claimPdfFor } from '@medbill/server/claims/claim-pdf-file.ts';
import { recordClaimsAudit } from '@medbill/server/claims/claims-audit.ts';
import { defaultClaimServices } from '@medbill/server/claims/claim-services.ts';
import { processInbound } from '@medbill/server/claims/process-inbound.ts';
import { scrubClaims } from '@medbill/server/claims/scrub-claims.ts';
import { submitBatches } from '@medbill/server/claims/submit-batches.ts';
import { codeCacheDir } from '@medbill/server/codes/code-cache.ts';
import { loadCodesService } from '@medbill/server/codes/codes-service.ts';
import { withTenant, type Db } from '@medbill/server/db/open-database.ts';
import { EXIT, type CliIO } from '../io.ts';
import { cliActor, cliAuditActor } from './cli-actor.ts';
import { resolveTenant } from './tenant-option.ts';
import { withStore } from './with-store.ts';
import { registerClaimShow } from './claim-show.ts';

const money = (c: number) => (c / 100).toFixed(2);

/** Writes a file whose export is already audited; if writing fails, a `failure` row says so and the error goes on. */
async function writeAudited(
  db: Db,
  auditKey: Buffer,
  tenantId: number,
  file: string,
  bytes: string | Uint8Array,
  rec: AuditRecord,
): Promise<void> {
  try {
    fs.writeFileSync(file, bytes);
  } catch (e) {
    await withTenant(db, tenantId, (tx) =>
      recordAudit(tx, auditKey, cliAuditActor(tenantId), {
        ...rec,
        outcome: 'failure',
        details: { ...rec.details, error: (e as Error).message.slice(0, 300) },
      }),
    ).catch(() => {});
    throw e;
  }
}

export function registerClaimsCommands(program: Command, io: CliIO): void {
  const claims = program
    .command('claims')
    .description('Claims: scrub, batch into 837s, submit, pick up 999/277CA/835, print');
  registerClaimShow(claims, io);
  const common = (c: Command) =>
    c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(
    claims
      .command('status')
      .description('Claims by state, or the claims in one state')
      .option('--state <state>', 'only this state')
      .option('--limit <n>', 'at most this many', '100'),
  ).action(async (opts: { tenant?: string; json?: boolean; state?: string; limit: string }) => {
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      io.err('medbill claims status: --limit is a whole number of at least 1\n');
      return io.setExitCode(EXIT.usage);
    }
    await withStore(
      io,
      'claims status',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const counts = await withTenant(store.db, t.id, (tx) =>
          tx
            .selectFrom('claim')
            .select('state')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', t.id)
            .groupBy('state')
            .execute(),
        );
        // counts alone name no one; the claim list (--state, --json) is a search, audited before it is shown
        const rows =
          !opts.state && !opts.json
            ? []
            : await withTenant(store.db, t.id, async (tx) => {
                let q = tx
                  .selectFrom('claim')
                  .select([
                    'id',
                    'claim_number',
                    'state',
                    'total_charge_cents',
                    'payer_id',
                    'batch_id',
                    'rejection_reason',
                  ])
                  .where('tenant_id', '=', t.id);
                if (opts.state) q = q.where('state', '=', opts.state);
                const found = await q.orderBy('id').limit(limit).execute();
                await recordClaimsAudit(
                  tx,
                  auditKey,
                  cliAuditActor(t.id),
                  {
                    action: 'query',
                    resourceType: 'claim',
                    dataCategory: 'claim',
                    details: { state: opts.state ?? null, limit },
                  },
                  found.map((r) => r.id),
                );
                return found;
              });
        if (opts.json)
          return io.out(
            `${JSON.stringify({ counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])), claims: rows })}\n`,
          );
        io.out(`${counts.map((c) => `${c.state}: ${c.n}`).join('  ')}\n`);
        if (opts.state)
          for (const r of rows)
            io.out(
              `${String(r.id).padStart(6)} ${r.claim_number}  ${r.state.padEnd(12)} ${money(r.total_charge_cents).padStart(10)}${r.batch_id ? `  batch ${r.batch_id}` : ''}${r.rejection_reason ? `  ${r.rejection_reason}` : ''}\n`,
            );
      },
      { auditKey: 'require', quiet: true },
    );
  });

  common(
    claims
      .command('scrub')
      .description('Scrub claims (given ids, or every draft and ready claim)')
      .argument('[ids...]', 'claim ids'),
  ).action(async (ids: string[], opts: { tenant?: string; json?: boolean }) => {
    await withStore(
      io,
      'claims scrub',
      async ({ store, cfg, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
        const svc = defaultClaimServices(cfg.dataDir, { coding: codes.check });
        const outcomes = await withTenant(store.db, t.id, async (tx) => {
          const claimIds = ids.length
            ? ids.map(Number)
            : (
                await tx
                  .selectFrom('claim')
                  .select('id')
                  .where('tenant_id', '=', t.id)
                  .where('state', 'in', ['draft', 'ready'])
                  .execute()
              ).map((c) => c.id);
          const scrubbed = await scrubClaims(
            tx,
            t.id,
            claimIds,
            { today: svc.today, coding: svc.coding, payerRules: svc.payerRules },
            cliActor(),
          );
          if (scrubbed.length) {
            await recordClaimsAudit(
              tx,
              auditKey,
              cliAuditActor(t.id),
              {
                action: 'update',
                resourceType: 'claim',
                dataCategory: 'claim',
                details: { scrubbed: scrubbed.length, ready: scrubbed.filter((o) => o.state === 'ready').length },
              },
              scrubbed.map((o) => o.claimId),
            );
          }
          return scrubbed;
        });
        if (opts.json) return io.out(`${JSON.stringify(outcomes)}\n`);
        const ready = outcomes.filter((o) => o.state === 'ready').length;
        io.out(`${outcomes.length} claim(s) scrubbed: ${ready} ready, ${outcomes.length - ready} with errors\n`);
        for (const o of outcomes.filter((o) => o.state === 'draft'))
          for (const e of o.edits.filter((e) => e.severity === 'error'))
            io.out(`  ${o.claimNumber} ${e.field}: ${e.message}\n`);
      },
      { auditKey: 'require', quiet: true },
    );
  });

  common(
    claims
      .command('batch')
      .description('Put ready claims into batches, one 837 per payer and kind')
      .requiredOption('--clearinghouse <id>', 'clearinghouse id')
      .argument('[ids...]', 'only these claim ids'),
  ).action(async (ids: string[], opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
    await withStore(
      io,
      'claims batch',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const built = await withTenant(store.db, t.id, async (tx) => {
          const batches = await buildBatches(tx, t.id, {
            clearinghouseId: Number(opts.clearinghouse),
            claimIds: ids.length ? ids.map(Number) : undefined,
            now: new Date(),
            actor: cliActor(),
          });
          for (const b of batches) {
            await recordClaimsAudit(
              tx,
              auditKey,
              cliAuditActor(t.id),
              {
                action: 'create',
                resourceType: 'batch',
                resourceId: b.batchId,
                dataCategory: 'claim',
                details: { fileId: b.fileId, fileName: b.fileName, clearinghouseId: Number(opts.clearinghouse) },
              },
              b.claimIds,
            );
          }
          return batches;
        });
        io.out(
          opts.json
            ? `${JSON.stringify(built)}\n`
            : built.length
              ? `${built.map((b) => `batch ${b.batchId}: ${b.claimIds.length} claim(s), ${b.fileName}`).join('\n')}\n`
              : 'No ready claims to batch.\n',
        );
      },
      { auditKey: 'require', quiet: true },
    );
  });

  for (const [name, description] of [
    ['submit', 'Send built batches to the clearinghouse'],
    ['poll', 'Fetch and process 999, 277CA and 835 files from the clearinghouse'],
  ] as const) {
    common(
      claims.command(name).description(description).requiredOption('--clearinghouse <id>', 'clearinghouse id'),
    ).action(async (opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
      await withStore(
        io,
        `claims ${name}`,
        async ({ store, cfg, auditKey }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const ch = await withTenant(store.db, t.id, (tx) =>
            tx
              .selectFrom('clearinghouse')
              .selectAll()
              .where('tenant_id', '=', t.id)
              .where('id', '=', Number(opts.clearinghouse))
              .executeTakeFirst(),
          );
          if (!ch) throw new Error(`No clearinghouse ${opts.clearinghouse}`);
          const adapter = defaultClaimServices(cfg.dataDir).adapterFor(ch);
          // submitBatches and processInbound write their own rows (per batch sent, per file received)
          const audit = { key: auditKey, sourceIp: null };
          try {
            // only the batches built for this clearinghouse go to it
            const batchIds = async () =>
              (
                await withTenant(store.db, t.id, (tx) =>
                  tx
                    .selectFrom('batch')
                    .select('id')
                    .where('tenant_id', '=', t.id)
                    .where('clearinghouse_id', '=', ch.id)
                    .where('state', '=', 'built')
                    .execute(),
                )
              ).map((b) => b.id);
            const result =
              name === 'submit'
                ? await submitBatches(store.db, t.id, adapter, {
                    batchIds: await batchIds(),
                    actor: cliActor(),
                    now: new Date(),
                    audit,
                  })
                : await processInbound(store.db, t.id, adapter, { clearinghouseId: ch.id, actor: cliActor(), audit });
            io.out(
              opts.json
                ? `${JSON.stringify(result)}\n`
                : `${result.length} file(s) ${name === 'submit' ? 'sent' : 'processed'}\n`,
            );
          } finally {
            await adapter.close();
          }
        },
        { auditKey: 'require', quiet: true },
      );
    });
  }

  common(
    claims
      .command('export-837')
      .description('Write the 837 of a batch, byte for byte as sent')
      .argument('<batch>', 'batch id')
      .requiredOption('-o, --output <file>', 'where to write'),
  ).action(async (batch: string, opts: { tenant?: string; output: string }) => {
    await withStore(
      io,
      'claims export-837',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const to = path.resolve(opts.output);
        const found = await withTenant(store.db, t.id, async (tx) => {
          const row = await tx
            .selectFrom('batch as b')
            .innerJoin('edi_file as f', (j) =>
              j.onRef('f.tenant_id', '=', 'b.tenant_id').onRef('f.id', '=', 'b.file_id'),
            )
            .select(['b.id', 'f.id as file_id', 'f.content', 'f.file_name'])
            .where('b.tenant_id', '=', t.id)
            .where('b.id', '=', Number(batch))
            .executeTakeFirst();
          if (!row) return null;
          const claims = await tx
            .selectFrom('claim')
            .select('id')
            .where('tenant_id', '=', t.id)
            .where('batch_id', '=', row.id)
            .execute();
          const rec = {
            action: 'export',
            resourceType: 'batch',
            resourceId: row.id,
            dataCategory: 'claim',
            details: { fileId: row.file_id, fileName: row.file_name, to },
          } satisfies AuditRecord;
          await recordClaimsAudit(
            tx,
            auditKey,
            cliAuditActor(t.id),
            rec,
            claims.map((c) => c.id),
          );
          return { row, rec };
        });
        if (!found) {
          io.err(`medbill claims export-837: no batch ${batch}\n`);
          return io.setExitCode(EXIT.badInput);
        }
        await writeAudited(store.db, auditKey, t.id, to, found.row.content, found.rec);
        io.out(`Wrote ${found.row.file_name} to ${opts.output}\n`);
      },
      { auditKey: 'require', quiet: true },
    );
  });

  common(
    claims
      .command('pdf')
      .description('Print a claim on CMS-1500 (02/12) or UB-04 as PDF')
      .argument('<claim>', 'claim id')
      .requiredOption('-o, --output <file>', 'where to write')
      .option('--mode <mode>', 'full (draws the form) or overlay (data only, for the red form)', 'full'),
  ).action(async (claim: string, opts: { tenant?: string; output: string; mode: string }) => {
    if (opts.mode !== 'full' && opts.mode !== 'overlay') {
      io.err('medbill claims pdf: --mode is full or overlay\n');
      return io.setExitCode(EXIT.usage);
    }
    await withStore(
      io,
      'claims pdf',
      async ({ store, auditKey }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const to = path.resolve(opts.output);
        // `print`, as GET /api/claims/:id/pdf: the same claim form, here written to a file
        const { printed, rec } = await withTenant(store.db, t.id, async (tx) => {
          const p = await claimPdfFor(
            tx,
            t.id,
            Number(claim),
            opts.mode as 'full',
            new Date().toISOString().slice(0, 10),
          );
          const r = {
            action: 'print',
            resourceType: 'claim',
            resourceId: Number(claim),
            patientId: p.patientId,
            dataCategory: 'claim',
            details: { form: p.form, mode: opts.mode, to },
          } satisfies AuditRecord;
          await recordAudit(tx, auditKey, cliAuditActor(t.id), r);
          return { printed: p, rec: r };
        });
        await writeAudited(store.db, auditKey, t.id, to, printed.pdf, rec);
        io.out(`Wrote ${printed.form} for ${printed.claimNumber} to ${opts.output}\n`);
      },
      { auditKey: 'require', quiet: true },
    );
  });
}
