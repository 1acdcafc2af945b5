import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { hasErrors, parseX12File, type ParsedTransaction } from '@medbill/x12';
import { prettySegments } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import { formatIssue } from '@medbill/x12';
import { centsToString } from '@medbill/x12';
import type { X12Issue } from '@medbill/x12';
import type { Remittance835 } from '@medbill/x12/835';
import { EXIT, type CliIO } from '../io.ts';

/** The `x12` command group (get-or-create by name), shared by parse/pretty and validate. */
export function x12CommandGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'x12');
  if (existing) return existing;
  return program.command('x12').description('X12 EDI files: parse, pretty-print, validate');
}

async function readInput(file: string, io: CliIO): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    io.err(`medbill: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    io.setExitCode(EXIT.badInput);
    return null;
  }
}

function reportIssues(issues: readonly X12Issue[], io: CliIO): void {
  for (const i of issues) io.err(`${formatIssue(i)}\n`);
}

/** One readable line per transaction. */
function describe(t: ParsedTransaction): string {
  const head = `${t.st01} ${t.controlNumber} (${t.version || 'no version'})`;
  if (t.st01 === '835' && t.value) {
    const r = t.value as Remittance835;
    const total = r.payment ? centsToString(r.payment.total) : '?';
    return `${head}: payer ${r.payer?.name.lastName || '?'} → payee ${r.payee?.name.lastName || '?'}, ${r.totals.claimCount} claims, payment ${total} (${r.payment?.method ?? '?'} ${r.trace?.checkOrEftNumber ?? ''})`.trimEnd();
  }
  return t.value === null ? `${head}: no reader` : head;
}

export function registerX12Commands(program: Command, io: CliIO): void {
  const x12 = x12CommandGroup(program);
  x12
    .command('parse')
    .description('read an X12 file into typed transactions; exits 1 with positioned errors on bad input')
    .argument('<file>', 'X12 file')
    .option('--json', 'print the typed transactions as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = await readInput(file, io);
      if (text === null) return;
      const r = parseX12File(text, { file });
      if (opts.json) {
        const out = { file, transactions: r.transactions, issues: r.issues };
        io.out(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const t of r.transactions) io.out(`${describe(t)}\n`);
      }
      reportIssues(r.issues, io);
      io.setExitCode(hasErrors(r.issues) ? EXIT.badInput : EXIT.ok);
    });
  x12
    .command('pretty')
    .description('print an X12 file one segment a line, indented by envelope and loop')
    .argument('<file>', 'X12 file')
    .action(async (file: string) => {
      const text = await readInput(file, io);
      if (text === null) return;
      const t = tokenize(text, { file });
      if (t.delimiters) io.out(prettySegments(t.segments, t.delimiters));
      reportIssues(t.issues, io);
      io.setExitCode(hasErrors(t.issues) ? EXIT.badInput : EXIT.ok);
    });
}
