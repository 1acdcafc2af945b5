/** medbill claims status | scrub | batch | submit | poll | export-837 | pdf — the billing specialist's day from the command line. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { buildBatches } from '@medbill/server/claims/build-batches.ts';
import { claimPdfFor } from '@medbill/server/claims/claim-pdf-file.ts';
import { defaultClaimServices } from '@medbill/server/claims/claim-services.ts';
import { processInbound } from '@medbill/server/claims/process-inbound.ts';
import { scrubClaims } from '@medbill/server/claims/scrub-claims.ts';
import { submitBatches } from '@medbill/server/claims/submit-batches.ts';
import { loadCodesService } from '@medbill/server/codes/codes-service.ts';
import { withTenant } from '@medbill/server/db/open-database.ts';
import { EXIT, type CliIO } from '../io.ts';
import { resolveTenant } from './tenant-option.ts';
import { withStore } from './with-store.ts';

const ACTOR = { userId: null, username: 'cli' };
const money = (c: number) => (c / 100).toFixed(2);

export function registerClaimsCommands(program: Command, io: CliIO): void {
  const claims = program.command('claims').description('Claims: scrub, batch into 837s, submit, pick up 999/277CA/835, print');
  const common = (c: Command) => c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(claims.command('status').description('Claims by state, or the claims in one state').option('--state <state>', 'only this state').option('--limit <n>', 'at most this many', '100'))
    .action(async (opts: { tenant?: string; json?: boolean; state?: string; limit: string }) => {
      await withStore(io, 'claims status', async ({ store }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const rows = await withTenant(store.db, t.id, async (tx) => {
          let q = tx.selectFrom('claim').select(['id', 'claim_number', 'state', 'total_charge_cents', 'payer_id', 'batch_id', 'rejection_reason']).where('tenant_id', '=', t.id);
          if (opts.state) q = q.where('state', '=', opts.state);
          return q.orderBy('id').limit(Number(opts.limit)).execute();
        });
        const counts = await withTenant(store.db, t.id, (tx) => tx.selectFrom('claim').select('state').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', t.id).groupBy('state').execute());
        if (opts.json) return io.out(JSON.stringify({ counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])), claims: rows }) + '\n');
        io.out(counts.map((c) => `${c.state}: ${c.n}`).join('  ') + '\n');
        if (opts.state) for (const r of rows) io.out(`${String(r.id).padStart(6)} ${r.claim_number}  ${r.state.padEnd(12)} ${money(r.total_charge_cents).padStart(10)}${r.batch_id ? `  batch ${r.batch_id}` : ''}${r.rejection_reason ? `  ${r.rejection_reason}` : ''}\n`);
      }, { quiet: true });
    });

  common(claims.command('scrub').description('Scrub claims (given ids, or every draft and ready claim)').argument('[ids...]', 'claim ids'))
    .action(async (ids: string[], opts: { tenant?: string; json?: boolean }) => {
      await withStore(io, 'claims scrub', async ({ store, cfg }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const codes = await loadCodesService(store.db);
        const svc = defaultClaimServices(cfg.dataDir, { coding: codes.check });
        const outcomes = await withTenant(store.db, t.id, async (tx) => {
          const claimIds = ids.length ? ids.map(Number) : (await tx.selectFrom('claim').select('id').where('tenant_id', '=', t.id).where('state', 'in', ['draft', 'ready']).execute()).map((c) => c.id);
          return scrubClaims(tx, t.id, claimIds, { today: svc.today, coding: svc.coding, payerRules: svc.payerRules }, ACTOR);
        });
        if (opts.json) return io.out(JSON.stringify(outcomes) + '\n');
        const ready = outcomes.filter((o) => o.state === 'ready').length;
        io.out(`${outcomes.length} claim(s) scrubbed: ${ready} ready, ${outcomes.length - ready} with errors\n`);
        for (const o of outcomes.filter((o) => o.state === 'draft')) for (const e of o.edits.filter((e) => e.severity === 'error')) io.out(`  ${o.claimNumber} ${e.field}: ${e.message}\n`);
      }, { quiet: true });
    });

  common(claims.command('batch').description('Put ready claims into batches, one 837 per payer and kind').requiredOption('--clearinghouse <id>', 'clearinghouse id').argument('[ids...]', 'only these claim ids'))
    .action(async (ids: string[], opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
      await withStore(io, 'claims batch', async ({ store }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const built = await withTenant(store.db, t.id, (tx) => buildBatches(tx, t.id, { clearinghouseId: Number(opts.clearinghouse), claimIds: ids.length ? ids.map(Number) : undefined, now: new Date(), actor: ACTOR }));
        io.out(opts.json ? JSON.stringify(built) + '\n' : built.length ? built.map((b) => `batch ${b.batchId}: ${b.claimIds.length} claim(s), ${b.fileName}`).join('\n') + '\n' : 'No ready claims to batch.\n');
      }, { quiet: true });
    });

  for (const [name, description] of [['submit', 'Send built batches to the clearinghouse'], ['poll', 'Fetch and process 999, 277CA and 835 files from the clearinghouse']] as const) {
    common(claims.command(name).description(description).requiredOption('--clearinghouse <id>', 'clearinghouse id'))
      .action(async (opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
        await withStore(io, `claims ${name}`, async ({ store, cfg }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const ch = await withTenant(store.db, t.id, (tx) => tx.selectFrom('clearinghouse').selectAll().where('tenant_id', '=', t.id).where('id', '=', Number(opts.clearinghouse)).executeTakeFirst());
          if (!ch) throw new Error(`No clearinghouse ${opts.clearinghouse}`);
          const adapter = defaultClaimServices(cfg.dataDir).adapterFor(ch);
          try {
            const result = name === 'submit'
              ? await submitBatches(store.db, t.id, adapter, { actor: ACTOR, now: new Date() })
              : await processInbound(store.db, t.id, adapter, { clearinghouseId: ch.id, actor: ACTOR });
            io.out(opts.json ? JSON.stringify(result) + '\n' : `${result.length} file(s) ${name === 'submit' ? 'sent' : 'processed'}\n`);
          } finally {
            await adapter.close();
          }
        }, { quiet: true });
      });
  }

  common(claims.command('export-837').description('Write the 837 of a batch, byte for byte as sent').argument('<batch>', 'batch id').requiredOption('-o, --output <file>', 'where to write'))
    .action(async (batch: string, opts: { tenant?: string; output: string }) => {
      await withStore(io, 'claims export-837', async ({ store }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const row = await withTenant(store.db, t.id, (tx) => tx.selectFrom('batch as b').innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'b.tenant_id').onRef('f.id', '=', 'b.file_id')).select(['f.content', 'f.file_name']).where('b.tenant_id', '=', t.id).where('b.id', '=', Number(batch)).executeTakeFirst());
        if (!row) {
          io.err(`medbill claims export-837: no batch ${batch}\n`);
          return io.setExitCode(EXIT.badInput);
        }
        fs.writeFileSync(opts.output, row.content);
        io.out(`Wrote ${row.file_name} to ${opts.output}\n`);
      }, { quiet: true });
    });

  common(claims.command('pdf').description('Print a claim on CMS-1500 (02/12) or UB-04 as PDF').argument('<claim>', 'claim id').requiredOption('-o, --output <file>', 'where to write').option('--mode <mode>', 'full (draws the form) or overlay (data only, for the red form)', 'full'))
    .action(async (claim: string, opts: { tenant?: string; output: string; mode: string }) => {
      if (opts.mode !== 'full' && opts.mode !== 'overlay') {
        io.err('medbill claims pdf: --mode is full or overlay\n');
        return io.setExitCode(EXIT.usage);
      }
      await withStore(io, 'claims pdf', async ({ store }) => {
        const t = await resolveTenant(store.db, opts.tenant);
        const printed = await withTenant(store.db, t.id, (tx) => claimPdfFor(tx, t.id, Number(claim), opts.mode as 'full', new Date().toISOString().slice(0, 10)));
        fs.writeFileSync(opts.output, printed.pdf);
        io.out(`Wrote ${printed.form} for ${printed.claimNumber} to ${opts.output}\n`);
      }, { quiet: true });
    });
}
