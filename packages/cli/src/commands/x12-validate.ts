import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { build999 } from '@medbill/x12/acks';
import { validateFile, type ValidateFileResult } from '@medbill/x12';
import type { X12Issue } from '@medbill/x12';
import { EXIT, type CliIO } from '../io.ts';
import { x12CommandGroup } from './x12.ts';

interface ValidateOptions {
  ack?: string;
  ackControl?: string;
  json?: boolean;
}

/** `FILE:LINE seg N SEGID elem E: message (expected …)` */
export function formatValidateIssue(issue: X12Issue, file: string): string {
  const l = issue.location;
  const where = [`${file}${l.line !== undefined ? `:${l.line}` : ''}`];
  if (l.segmentIndex !== undefined) where.push(`seg ${l.segmentIndex}`);
  else if (l.offset !== undefined) where.push(`offset ${l.offset}`);
  if (l.segmentId) where.push(l.segmentId);
  if (l.element !== undefined) where.push(`elem ${l.element}${l.component !== undefined ? `-${l.component}` : ''}`);
  const extra: string[] = [];
  if (issue.expected !== undefined) extra.push(`expected ${issue.expected}`);
  if (issue.found !== undefined && issue.found !== '') extra.push(`found ${JSON.stringify(issue.found)}`);
  const level = issue.severity === 'warning' ? 'warning: ' : '';
  const loop = l.loop && l.loop !== 'ST' ? ` [loop ${l.loop}]` : '';
  return `${where.join(' ')}: ${level}${issue.message}${extra.length ? ` (${extra.join(', ')})` : ''}${loop} [${issue.code}]`;
}

function summary(result: ValidateFileResult): { errors: number; warnings: number } {
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  return { errors, warnings: result.issues.length - errors };
}

function jsonReport(file: string, result: ValidateFileResult): unknown {
  return {
    file,
    ...summary(result),
    transactions: result.transactions.map((t) => ({
      st01: t.st01,
      st02: t.st02,
      gs08: t.gs08,
      guide: t.guide,
      issues: t.issues.length,
    })),
    issues: result.issues,
  };
}

function stamp(now: Date): { date: string; time: string } {
  const iso = now.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 16).replace(':', '') };
}

async function writeAck(result: ValidateFileResult, out: string, control: string, io: CliIO): Promise<boolean> {
  const text = build999(result, { controlNumber: control, ...stamp(new Date()), lineBreak: true });
  if (text === null) {
    io.err(`medbill: no functional group could be read, so no 999 was written (see the errors above)\n`);
    return false;
  }
  await writeFile(out, text);
  io.err(`999 written to ${out}\n`);
  return true;
}

async function validateCommand(file: string, opts: ValidateOptions, io: CliIO): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.err(`medbill: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return io.setExitCode(EXIT.badInput);
  }
  const result = validateFile(text, { file });
  const { errors, warnings } = summary(result);
  if (opts.json) {
    io.out(`${JSON.stringify(jsonReport(file, result), null, 2)}\n`);
  } else {
    for (const issue of result.issues) io.out(`${formatValidateIssue(issue, file)}\n`);
    io.out(`${file}: ${result.transactions.length} transaction(s), ${errors} error(s), ${warnings} warning(s)\n`);
  }
  if (opts.ack) {
    const control = opts.ackControl ?? '1';
    if (!/^\d{1,9}$/.test(control)) {
      io.err(`medbill: --ack-control must be 1-9 digits\n`);
      return io.setExitCode(EXIT.usage);
    }
    await writeAck(result, opts.ack, control, io);
  }
  io.setExitCode(errors > 0 ? EXIT.badInput : EXIT.ok);
}

/** `medbill x12 validate FILE [--ack OUT.999] [--json]` */
export function registerX12ValidateCommand(program: Command, io: CliIO): void {
  x12CommandGroup(program)
    .command('validate')
    .description(
      'Validate an X12 file against its HIPAA implementation guide (837P/837I/835/277/277CA/999/270/271/276)',
    )
    .argument('<file>', 'X12 file to validate')
    .option('--ack <out>', 'write a 999 implementation acknowledgment to this file')
    .option('--ack-control <n>', 'interchange control number of the 999 (default 1)')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: ValidateOptions) => validateCommand(file, opts, io));
}
