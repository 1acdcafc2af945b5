/**
 * medbill deposits add | list | reconcile — bank deposits (EFT or check) and their reconciliation to the 835s by
 * trace number (TRN02). Each command parses, calls the deposit use case (which writes its own audit row as the OS
 * user) and prints its answer; `reconcile` exits 1 while anything is left unmatched or differs.
 */
import { depositBody, type DepositItem, type DepositReconciliation, type DepositRemittance } from '@medbill/api';
import { formatCents } from '@medbill/core/ledger';
import { listDeposits, reconcileDeposits, recordDeposit } from '@medbill/server';
import type { Command } from 'commander';
import { EXIT, type CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

type Opts = { tenant?: string; json?: boolean };
const $ = formatCents;

/** "1,234.5" → 123450 cents, read as text (never through a float); null when it is not an amount. */
export function dollarsToCents(raw: string): number | null {
  const m = /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(raw.trim());
  if (!m) return null;
  return Number(m[1].replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const depositLine = (d: DepositItem) =>
  `#${String(d.id).padEnd(5)} ${d.depositedOn} ${d.method} ${d.traceNumber.padEnd(18)} ${$(d.amountCents).padStart(12)}  ${d.status}${d.status === 'difference' ? ` (835s ${$(d.remittedCents)}, difference ${$(d.differenceCents)})` : ''}${d.remittances.length ? `  ERA ${d.remittances.map((r) => `#${r.id}`).join(' ')}` : ''}${d.payerName ? `  ${d.payerName}` : ''}`;
const remittanceLine = (r: DepositRemittance) =>
  `ERA #${String(r.id).padEnd(5)} ${(r.paymentDate ?? '').padEnd(10)} ${r.paymentMethod.padEnd(4)} ${r.traceNumber.padEnd(18)} ${$(r.paymentCents).padStart(12)}  ${r.payerName}`;

function printReconciliation(io: CliIO, r: DepositReconciliation, json?: boolean): void {
  if (json) io.out(`${JSON.stringify(r)}\n`);
  else {
    io.out(`${r.matched} deposit${r.matched === 1 ? '' : 's'} matched by this run\n`);
    io.out(`Deposits with no 835 (${r.unmatchedDeposits.length}, ${$(r.totals.unmatchedDepositCents)}):\n`);
    for (const d of r.unmatchedDeposits) io.out(`  ${depositLine(d)}\n`);
    io.out(`835s with no deposit (${r.unmatchedRemittances.length}, ${$(r.totals.unmatchedRemittanceCents)}):\n`);
    for (const x of r.unmatchedRemittances) io.out(`  ${remittanceLine(x)}\n`);
    io.out(`Amounts that differ (${r.differences.length}):\n`);
    for (const d of r.differences) io.out(`  ${depositLine(d)}\n`);
  }
  const clean = !r.unmatchedDeposits.length && !r.unmatchedRemittances.length && !r.differences.length;
  io.setExitCode(clean ? EXIT.ok : EXIT.badInput);
}

export function registerDepositCommands(program: Command, io: CliIO): void {
  const d = program
    .command('deposits')
    .description('Bank deposits (EFT/check): record, list, reconcile to 835s by trace number');
  const common = (c: Command) =>
    c.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(d.command('add').description('Record a bank deposit; it is matched to its 835 at once when one is here'))
    .requiredOption('--date <YYYY-MM-DD>', 'the day the bank credited it')
    .requiredOption('--amount <dollars>', 'the amount, e.g. 1234.56')
    .requiredOption('--trace <number>', 'the EFT trace or check number (the 835 TRN02)')
    .option('--method <EFT|CHK>', 'EFT or CHK', 'EFT')
    .option('--payer <id>', 'the payer (its number, as on the Payers page)')
    .option('--memo <text>', 'a note (the bank line, say)')
    .action(
      async (
        opts: Opts & { date: string; amount: string; trace: string; method: string; payer?: string; memo?: string },
      ) => {
        const amountCents = dollarsToCents(opts.amount);
        if (amountCents === null) {
          io.err(`medbill deposits add: --amount is not an amount in dollars and cents: "${opts.amount}"\n`);
          return io.setExitCode(EXIT.usage);
        }
        const parsed = depositBody.safeParse({
          depositedOn: opts.date,
          amountCents,
          method: opts.method.toUpperCase(),
          traceNumber: opts.trace,
          ...(opts.payer === undefined ? {} : { payerId: opts.payer }),
          ...(opts.memo === undefined ? {} : { memo: opts.memo }),
        });
        if (!parsed.success) {
          const flag: Record<string, string> = {
            depositedOn: '--date',
            amountCents: '--amount',
            method: '--method',
            traceNumber: '--trace',
            payerId: '--payer',
            memo: '--memo',
          };
          for (const i of parsed.error.issues)
            io.err(`medbill deposits add: ${flag[String(i.path[0])] ?? i.path.join('.')} ${i.message}\n`);
          return io.setExitCode(EXIT.usage);
        }
        await withClaims(io, 'deposits add', { tenant: opts.tenant }, async (deps, actor) => {
          const r = await recordDeposit(deps, actor, parsed.data);
          if (opts.json) return io.out(`${JSON.stringify(r)}\n`);
          io.out(`Recorded deposit ${depositLine(r)}\n`);
          if (r.status === 'unmatched')
            io.out('  No 835 with this trace yet: `medbill deposits reconcile` when it comes\n');
        });
      },
    );

  common(d.command('list').description('Deposits with the 835s each one paid'))
    .option('--status <status>', 'unmatched, matched or difference')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: Opts & { status?: string; limit: string }) => {
      if (opts.status && !['unmatched', 'matched', 'difference'].includes(opts.status)) {
        io.err('medbill deposits list: --status is unmatched, matched or difference\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'deposits list', { tenant: opts.tenant }, async (deps, actor) => {
        const list = await listDeposits(deps, actor, {
          ...(opts.status ? { status: opts.status as 'matched' } : {}),
          limit: Math.max(1, Math.min(500, Number(opts.limit) || 50)),
        });
        if (opts.json) return io.out(`${JSON.stringify(list)}\n`);
        io.out(`${list.total} deposit${list.total === 1 ? '' : 's'}\n`);
        for (const x of list.items) io.out(`${depositLine(x)}\n`);
        if (list.total > list.items.length) io.out(`… ${list.total - list.items.length} more: --limit\n`);
      });
    });

  common(
    d
      .command('reconcile')
      .description('Match deposits to 835s by trace number, compare amounts, list what is unmatched on both sides'),
  ).action(async (opts: Opts) => {
    await withClaims(io, 'deposits reconcile', { tenant: opts.tenant }, async (deps, actor) =>
      printReconciliation(io, await reconcileDeposits(deps, actor), opts.json),
    );
  });
}
