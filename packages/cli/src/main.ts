import type { ApiIssue } from '@medbill/api';
import { Command, CommanderError } from 'commander';
import { EXIT, processIO, type CliIO } from './io.ts';

type Register = (program: Command, io: CliIO) => void;

/**
 * The top-level commands, each loaded only when it is the one asked for: `medbill --help` loads commander and
 * this file, `medbill codes valid` loads the codes command and what it needs, never the server or the X12
 * guides. The summaries are what the top-level help lists; a test holds them equal to the commands' own.
 */
export const COMMANDS: Array<{ commands: Record<string, string>; load: () => Promise<Register> }> = [
  {
    commands: {
      serve:
        'Start the server (web UI at /, API at /api, docs at /api/docs). Reads PORT, HOST, MEDBILL_DATA, DATABASE_URL.',
    },
    load: async () => (await import('./commands/serve.ts')).registerServeCommand,
  },
  {
    commands: {
      migrate: 'Apply pending database migrations (also done on every start)',
      demo: 'Create demo data: a tenant, 2 practices, 4 providers, 5 payers, 200 synthetic patients, one user per role',
    },
    load: async () => (await import('./commands/database.ts')).registerDatabaseCommands,
  },
  {
    commands: { audit: 'The audit log' },
    load: async () => (await import('./commands/audit.ts')).registerAuditCommands,
  },
  {
    commands: { x12: 'X12 EDI files: parse, pretty-print, validate' },
    load: async () => {
      const [x12, validate] = await Promise.all([import('./commands/x12.ts'), import('./commands/x12-validate.ts')]);
      return (program, io) => {
        x12.registerX12Commands(program, io);
        validate.registerX12ValidateCommand(program, io);
      };
    },
  },
  {
    commands: { codes: 'Code sets: import official files, search, check validity on a date' },
    load: async () => (await import('./commands/codes.ts')).registerCodesCommands,
  },
  {
    commands: {
      'code-note':
        "Code suggestions for a clinician's note: ICD-10-CM and HCPCS (CPT by number) with the words that support them",
    },
    load: async () => (await import('./commands/code-note.ts')).registerCodeNoteCommand,
  },
  {
    commands: {
      coding: "Code suggestions learnt from the office's own coded notes: learn again, or see what they learnt",
    },
    load: async () => (await import('./commands/coding.ts')).registerCodingCommands,
  },
  {
    commands: {
      claims:
        'Claims: scrub, batch into 837s, submit, pick up 999/277CA/835, follow up missing payments (276/277), print',
    },
    load: async () => (await import('./commands/claims.ts')).registerClaimsCommands,
  },
  {
    commands: {
      era: 'Remittances (835): post, list, show, release or dismiss a held one; the unmatched worklist',
    },
    load: async () => (await import('./commands/era.ts')).registerEraCommands,
  },
  {
    commands: {
      denials: 'Denial worklist: list, show, write off, move to the patient, corrected or void claim, appeal letter',
    },
    load: async () => (await import('./commands/denials.ts')).registerDenialCommands,
  },
  {
    commands: { contracts: "Payer contracts: what each payer allows per code, effective-dated; set one code's rate" },
    load: async () => (await import('./commands/contracts.ts')).registerContractCommands,
  },
  {
    commands: { deposits: 'Bank deposits (EFT/check): record, list, reconcile to 835s by trace number' },
    load: async () => (await import('./commands/deposits.ts')).registerDepositCommands,
  },
  {
    commands: { eligibility: 'Eligibility and benefits: 270 to the payer, the 271 in words' },
    load: async () => (await import('./commands/eligibility.ts')).registerEligibilityCommands,
  },
  {
    commands: { statements: 'Patient statements: runs, PDFs and the print-vendor file' },
    load: async () => (await import('./commands/statements.ts')).registerStatementsCommands,
  },
  {
    commands: { collections: 'Collection agencies: list them, add one' },
    load: async () => (await import('./commands/collections.ts')).registerCollectionsCommands,
  },
  {
    commands: {
      estimate: 'Estimate a planned visit: what insurance pays and the patient owes, or a Good Faith Estimate',
    },
    load: async () => (await import('./commands/estimate.ts')).registerEstimateCommand,
  },
  {
    commands: {
      'payer-sim':
        'Run a payer simulator behind an SFTP server on 127.0.0.1: upload 837s to /outbound, pick up 999, 277CA and 835 files from /inbound',
    },
    load: async () => (await import('./commands/payer-sim.ts')).registerPayerSimCommand,
  },
  {
    commands: { clearinghouse: "A tenant's clearinghouse connections" },
    load: async () => (await import('./commands/clearinghouse.ts')).registerClearinghouseCommands,
  },
  {
    commands: { user: "A tenant's users: reset a locked-out user's two-step log-in" },
    load: async () => (await import('./commands/user.ts')).registerUserCommands,
  },
  {
    commands: { tenant: 'Tenants: the billing companies or offices whose data never mixes' },
    load: async () => (await import('./commands/tenant.ts')).registerTenantCommands,
  },
];

/** The command a command line names (`medbill help codes` names codes), if any. */
export function commandNamed(argv: string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** The program with `wanted` commands loaded for real (all when undefined) and the others listed by summary. */
export async function buildProgram(io: CliIO, wanted?: string[]): Promise<Command> {
  const program = new Command('medbill')
    .description('Medical billing and coding: registration, code sets, X12 claims and remittances')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  for (const entry of COMMANDS) {
    const names = Object.keys(entry.commands);
    if (!wanted || names.some((n) => wanted.includes(n))) (await entry.load())(program, io);
    else for (const n of names) program.command(n).description(entry.commands[n]);
  }
  return program;
}

/**
 * What a failed command prints: a database error in words (never the driver's text with its SQL, table or column:
 * issue 8 item 16), anything else as it says. The server is loaded already when the database answered.
 */
async function errorInWords(e: unknown): Promise<string> {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const { databaseErrorInWords } = await import('@medbill/server');
    const words = databaseErrorInWords(e);
    if (words) return words;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * The problems a refused command names (an AppError's issues, the one issue shape the API answers too): one line
 * each under the message, with the field a person fixes and the stable code a script can test.
 */
export function issueLines(e: unknown): string {
  const issues = (e as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return '';
  return (issues as ApiIssue[])
    .filter((i) => i?.location?.field !== undefined)
    .map((i) => `  ${i.location.field}: ${i.message} (${i.code})\n`)
    .join('');
}

/** Runs one command line; exit codes: 0 success, 1 a problem with the input, 2 a usage error. */
export async function run(argv: string[], io: CliIO): Promise<void> {
  const name = commandNamed(argv);
  const known = COMMANDS.some((c) => name !== undefined && Object.hasOwn(c.commands, name));
  try {
    const program = await buildProgram(io, known ? [name!] : []);
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return io.setExitCode(EXIT.ok);
      return io.setExitCode(EXIT.usage);
    }
    io.err(`medbill: ${await errorInWords(e)}\n${issueLines(e)}`);
    io.setExitCode(EXIT.badInput);
  }
}

export async function main(argv: string[]): Promise<void> {
  await run(argv, processIO());
}
