import { Command, CommanderError } from 'commander';
import { EXIT, processIO, type CliIO } from './io.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerX12Commands } from './commands/x12.ts';
import { registerX12ValidateCommand } from './commands/x12-validate.ts';
import { registerCodesCommands } from './commands/codes.ts';
import { registerClaimsCommands } from './commands/claims.ts';
import { registerEligibilityCommands } from './commands/eligibility.ts';
import { registerPayerSimCommand } from './commands/payer-sim.ts';
import { registerTenantCommands } from './commands/tenant.ts';

export function buildProgram(io: CliIO): Command {
  const program = new Command('medbill')
    .description('Medical billing and coding: registration, code sets, X12 claims and remittances')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerServeCommand(program, io);
  registerDatabaseCommands(program, io);
  registerAuditCommands(program, io);
  registerX12Commands(program, io);
  registerX12ValidateCommand(program, io);
  registerCodesCommands(program, io);
  registerClaimsCommands(program, io);
  registerEligibilityCommands(program, io);
  registerPayerSimCommand(program, io);
  registerTenantCommands(program, io);
  return program;
}

/** Runs one command line; exit codes: 0 success, 1 a problem with the input, 2 a usage error. */
export async function run(argv: string[], io: CliIO): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return io.setExitCode(EXIT.ok);
      return io.setExitCode(EXIT.usage);
    }
    io.err(`medbill: ${(e as Error).message}\n`);
    io.setExitCode(EXIT.badInput);
  }
}

export async function main(argv: string[]): Promise<void> {
  await run(argv, processIO());
}
