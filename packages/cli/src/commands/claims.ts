/**
 * medbill claims status | show | scrub | correct | void | batch | submit | poll | follow-up | status-inquiry | export-837 | pdf — the billing specialist's day from
 * the command line. Each command parses its arguments, calls the claims stage's use case (the same function the
 * HTTP route calls, which writes the audit row as `cli:<OS user>`), and prints the result; `--json` prints it
 * exactly as the API answers. Claims are named by their number (C0000096) or id.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { id as idField, listClaimsQuery, type ClaimListItem } from '@medbill/api';
import {
  buildClaimBatches,
  claimSummary,
  exportBatchFile,
  findClaimIds,
  listClaims,
  pollClearinghouse,
  printClaim,
  recordFailure,
  scrubOpenClaims,
  submitBatches,
  type Actor,
  type AuditRecord,
  type ClaimsDeps,
} from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { registerClaimReplacement } from './claim-replace.ts';
import { registerClaimShow } from './claim-show.ts';
import { registerClaimStatusInquiry } from './claim-status-inquiry.ts';
import { pollProgress } from './progress.ts';
import { withClaims } from './with-store.ts';

const money = (c: number) => (c / 100).toFixed(2);
/** the most one page of the claim list holds (the API's limit) */
const PAGE = 500;

/** Writes a file whose export is already audited; if writing fails, a `failure` row says so and the error goes on. */
async function writeAudited(
  deps: ClaimsDeps,
  actor: Actor,
  file: string,
  bytes: string | Uint8Array,
  rec: AuditRecord,
) {
  try {
    fs.writeFileSync(file, bytes);
  } catch (e) {
    await recordFailure(deps, actor, rec, e).catch(() => {});
    throw e;
  }
}

/** A usage error: the message names the option. */
function usage(io: CliIO, command: string, message: string) {
  io.err(`medbill claims ${command}: ${message}\n`);
  io.setExitCode(EXIT.usage);
}

const clearinghouseId = (v: string) => idField.safeParse(v).data;

export function registerClaimsCommands(program: Command, io: CliIO): void {
  const claims = program
    .command('claims')
    .description(
      'Claims: scrub, batch into 837s, submit, pick up 999/277CA/835, follow up missing payments (276/277), print',
    );
  registerClaimShow(claims, io);
  registerClaimReplacement(claims, io);
  registerClaimStatusInquiry(claims, io);
  const common = (c: Command) =>
    c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output (as the API answers)');

  common(
    claims
      .command('status')
      .description('Claims by state, or the claims in one state (newest change first)')
      .option('--state <state>', 'only this state')
      .option('--limit <n>', `at most this many (up to ${PAGE})`, '100')
      .option('--offset <n>', 'skip this many first', '0')
      .option('--all', 'every claim, page after page'),
  ).action(
    async (opts: { tenant?: string; json?: boolean; state?: string; limit: string; offset: string; all?: boolean }) => {
      const parsed = listClaimsQuery.safeParse({
        state: opts.state,
        limit: opts.all ? PAGE : opts.limit,
        offset: opts.offset,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const option = String(issue.path[0] ?? 'state');
        const why =
          option === 'state'
            ? `is one of ${listClaimsQuery.shape.state.unwrap().options.join(', ')}`
            : option === 'limit'
              ? `is a whole number from 1 to ${PAGE} (use --all for more)`
              : 'is a whole number of at least 0';
        return usage(io, 'status', `--${option} ${why}`);
      }
      await withClaims(io, 'claims status', opts, async (deps, actor) => {
        const { counts } = await claimSummary(deps, actor);
        // counts alone name no one; the claim list (--state, --json) is a search, audited before it is shown
        const listed = opts.state || opts.json || opts.all;
        const claimsShown: ClaimListItem[] = [];
        let total = 0;
        let offset = parsed.data.offset;
        while (listed) {
          const page = await listClaims(deps, actor, { ...parsed.data, offset });
          claimsShown.push(...page.items);
          total = page.total;
          offset += page.items.length;
          if (!opts.all || !page.items.length || offset >= total) break;
        }
        const truncated = Boolean(listed) && parsed.data.offset + claimsShown.length < total;
        if (truncated)
          io.err(
            `Showing ${claimsShown.length} of ${total} claims (from ${parsed.data.offset + 1}); --all lists every one, --offset ${parsed.data.offset + claimsShown.length} the next page.\n`,
          );
        if (opts.json)
          return io.out(
            `${JSON.stringify({ counts, total, offset: parsed.data.offset, truncated, claims: claimsShown })}\n`,
          );
        io.out(
          `${Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([state, n]) => `${state}: ${n}`)
            .join('  ')}\n`,
        );
        for (const r of claimsShown)
          io.out(
            `${String(r.id).padStart(6)} ${r.claimNumber}  ${r.state.padEnd(12)} ${money(r.totalChargeCents).padStart(10)}${r.batchId ? `  batch ${r.batchId}` : ''}${r.rejectionReason ? `  ${r.rejectionReason}` : ''}\n`,
          );
      });
    },
  );

  common(
    claims
      .command('scrub')
      .description('Scrub claims (given ones, or every draft and ready claim)')
      .argument('[claims...]', 'claim numbers (C0000096) or ids'),
  ).action(async (refs: string[], opts: { tenant?: string; json?: boolean }) => {
    await withClaims(io, 'claims scrub', { ...opts, codes: true }, async (deps, actor) => {
      const claimIds = refs.length ? await findClaimIds(deps, actor, refs) : undefined;
      const result = await scrubOpenClaims(deps, actor, { claimIds });
      if (opts.json) return io.out(`${JSON.stringify(result)}\n`);
      const { outcomes } = result;
      const ready = outcomes.filter((o) => o.state === 'ready').length;
      io.out(`${outcomes.length} claim(s) scrubbed: ${ready} ready, ${outcomes.length - ready} with errors\n`);
      for (const o of outcomes.filter((o) => o.state === 'draft'))
        for (const e of o.edits.filter((e) => e.severity === 'error'))
          io.out(`  ${o.claimNumber} ${e.location.field}: ${e.message}\n`);
    });
  });

  common(
    claims
      .command('batch')
      .description('Put ready claims into batches, one 837 per payer and kind')
      .requiredOption('--clearinghouse <id>', 'clearinghouse id')
      .argument('[claims...]', 'only these claims (numbers or ids)'),
  ).action(async (refs: string[], opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
    const chId = clearinghouseId(opts.clearinghouse);
    if (!chId) return usage(io, 'batch', '--clearinghouse is a clearinghouse id (a whole number)');
    await withClaims(io, 'claims batch', opts, async (deps, actor) => {
      const claimIds = refs.length ? await findClaimIds(deps, actor, refs) : undefined;
      const result = await buildClaimBatches(deps, actor, { clearinghouseId: chId, claimIds });
      io.out(
        opts.json
          ? `${JSON.stringify(result)}\n`
          : result.batches.length
            ? `${result.batches.map((b) => `batch ${b.batchId}: ${b.claimIds.length} claim(s), ${b.fileName}`).join('\n')}\n`
            : 'No ready claims to batch.\n',
      );
    });
  });

  common(
    claims
      .command('submit')
      .description('Send built batches to the clearinghouse')
      .requiredOption('--clearinghouse <id>', 'clearinghouse id'),
  ).action(async (opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
    const chId = clearinghouseId(opts.clearinghouse);
    if (!chId) return usage(io, 'submit', '--clearinghouse is a clearinghouse id (a whole number)');
    await withClaims(io, 'claims submit', opts, async (deps, actor) => {
      const result = await submitBatches(deps, actor, { clearinghouseId: chId });
      io.out(opts.json ? `${JSON.stringify(result)}\n` : `${result.sent.length} file(s) sent\n`);
    });
  });

  common(
    claims
      .command('poll')
      .description('Fetch and process 999, 277CA and 835 files from the clearinghouse')
      .requiredOption('--clearinghouse <id>', 'clearinghouse id'),
  ).action(async (opts: { tenant?: string; json?: boolean; clearinghouse: string }) => {
    const chId = clearinghouseId(opts.clearinghouse);
    if (!chId) return usage(io, 'poll', '--clearinghouse is a clearinghouse id (a whole number)');
    await withClaims(io, 'claims poll', { ...opts, demoPayer: true }, async (deps, actor) => {
      // a large 835 is read and posted with a bar: file n of m, claims done of all
      const bar = pollProgress(io, !opts.json);
      const result = await pollClearinghouse(deps, actor, { clearinghouseId: chId, onProgress: bar.update }).finally(
        bar.stop,
      );
      if (opts.json) return io.out(`${JSON.stringify(result)}\n`);
      io.out(`${result.files.length} file(s) processed\n`);
      for (const f of result.files) for (const p of f.problems) io.out(`  ${f.fileName}: ${p}\n`);
      for (const q of result.quarantined) io.out(`  ${q.fileName}: held (quarantine #${q.id}): ${q.reason}\n`);
      for (const k of result.skipped) io.out(`  ${k.name}: not picked up: ${k.reason}\n`);
    });
  });

  common(
    claims
      .command('export-837')
      .description('Write the 837 of a batch, byte for byte as sent')
      .argument('<batch>', 'batch id')
      .requiredOption('-o, --output <file>', 'where to write'),
  ).action(async (batch: string, opts: { tenant?: string; output: string }) => {
    const batchId = idField.safeParse(batch).data;
    if (!batchId) return usage(io, 'export-837', 'the batch is a batch id (a whole number)');
    await withClaims(io, 'claims export-837', opts, async (deps, actor) => {
      const to = path.resolve(opts.output);
      const file = await exportBatchFile(deps, actor, { batchId, destination: to });
      await writeAudited(deps, actor, to, file.content, file.audit);
      io.out(`Wrote ${file.fileName} to ${opts.output}\n`);
    });
  });

  common(
    claims
      .command('pdf')
      .description('Print a claim on CMS-1500 (02/12) or UB-04 as PDF')
      .argument('<claim>', 'claim number (C0000096) or id')
      .requiredOption('-o, --output <file>', 'where to write')
      .option('--mode <mode>', 'full (draws the form) or overlay (data only, for the red form)', 'full'),
  ).action(async (claim: string, opts: { tenant?: string; output: string; mode: string }) => {
    const mode = opts.mode;
    if (mode !== 'full' && mode !== 'overlay') return usage(io, 'pdf', '--mode is full or overlay');
    await withClaims(io, 'claims pdf', opts, async (deps, actor) => {
      const to = path.resolve(opts.output);
      const [claimId] = await findClaimIds(deps, actor, [claim]);
      const printed = await printClaim(deps, actor, { claimId, mode, destination: to });
      await writeAudited(deps, actor, to, printed.pdf, printed.audit);
      io.out(`Wrote ${printed.form} for ${printed.claimNumber} to ${opts.output}\n`);
    });
  });
}
