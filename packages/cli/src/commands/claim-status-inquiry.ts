/**
 * medbill claims follow-up | status-inquiry — missing payments from the command line: the follow-up worklist (claims
 * with no 277CA or 835 after their payer's follow-up days), and 276 claim status requests for those claims (or the
 * claims named) with the payers' 277 answers in words. Each calls the use case the HTTP route calls; `--json` prints
 * what the API answers.
 */
import type { Command } from 'commander';
import { followUpQuery, statusInquiryBody, type StatusInquiry } from '@medbill/api';
import { findClaimIds, listFollowUp, sendStatusInquiries } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

const money = (c: number) => (c / 100).toFixed(2);

function usage(io: CliIO, command: string, message: string) {
  io.err(`medbill claims ${command}: ${message}\n`);
  io.setExitCode(EXIT.usage);
}

/** One line for an inquiry: its answer in words, or that it waits for one. */
export function inquiryLine(i: StatusInquiry): string {
  if (i.status === 'failed') return `${i.claimNumber}  ${i.payerName}: not sent — ${i.problem ?? 'failed'}`;
  if (i.status === 'sent')
    return `${i.claimNumber}  ${i.payerName}: asked (trace ${i.traceNumber}); the answer is read at the next poll`;
  const paid = i.paidCents !== null && i.outcome !== 'pending' ? `, paid ${money(i.paidCents)}` : '';
  const trace = i.remittanceTrace ? ` (835 trace ${i.remittanceTrace})` : '';
  return `${i.claimNumber}  ${i.payerName}: ${i.words}${paid}${trace}\n    ${i.advice ?? ''}`;
}

export function registerClaimStatusInquiry(claims: Command, io: CliIO): void {
  claims
    .command('follow-up')
    .description("Claims with no 277CA or 835 after their payer's follow-up days, longest waiting first")
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output (as the API answers)')
    .option('--payer <id>', 'only this payer')
    .option('--limit <n>', 'at most this many (up to 500)', '100')
    .action(async (opts: { tenant?: string; json?: boolean; payer?: string; limit: string }) => {
      const q = followUpQuery.safeParse({ payerId: opts.payer, limit: opts.limit });
      if (!q.success)
        return usage(io, 'follow-up', q.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
      await withClaims(io, 'claims follow-up', opts, async (deps, actor) => {
        const list = await listFollowUp(deps, actor, q.data);
        if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
        if (!list.items.length)
          return io.out(`No claim is waiting on a payer past its follow-up days (${list.asOf})\n`);
        for (const c of list.items) {
          const last = c.lastInquiry
            ? (c.lastInquiry.words ?? `asked ${c.lastInquiry.sentAt.slice(0, 10)}, no answer yet`)
            : 'never asked';
          io.out(
            `${c.claimNumber}  ${c.payerName}  ${c.lastName}, ${c.firstName}  ${money(c.totalChargeCents)}  ${c.daysWaiting} days (no ${c.waitingFor})  ${last}\n`,
          );
        }
        io.out(`${list.total} claim(s) on the follow-up worklist\n`);
      });
    });

  claims
    .command('status-inquiry')
    .description('Ask payers where claims are: 276 for the claims named, or every claim on the follow-up worklist')
    .argument('[claims...]', 'claim numbers (C0000096) or ids; none: the follow-up worklist')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output (as the API answers)')
    .option('--wait <seconds>', 'how long to wait for the 277 answers (0-60)', '5')
    .action(async (refs: string[], opts: { tenant?: string; json?: boolean; wait: string }) => {
      const body = statusInquiryBody.safeParse({ waitSeconds: opts.wait });
      if (!body.success) return usage(io, 'status-inquiry', '--wait is a number of seconds from 0 to 60');
      await withClaims(io, 'claims status-inquiry', { ...opts, demoPayer: true }, async (deps, actor) => {
        const claimIds = refs.length ? await findClaimIds(deps, actor, refs) : undefined;
        const result = await sendStatusInquiries(deps, actor, { claimIds, waitSeconds: body.data.waitSeconds });
        if (opts.json) return io.out(`${JSON.stringify(result)}\n`);
        if (!result.inquiries.length && !result.skipped.length)
          return io.out('No claim is waiting on a payer past its follow-up days: nothing to ask\n');
        for (const f of result.files) io.out(`Sent ${f.fileName} to ${f.clearinghouse}\n`);
        for (const i of result.inquiries) io.out(`${inquiryLine(i)}\n`);
        for (const s of result.skipped) io.out(`${s.claimNumber}: not asked — ${s.reason}\n`);
        if (result.inquiries.some((i) => i.status === 'failed')) io.setExitCode(EXIT.badInput);
      });
    });
}
