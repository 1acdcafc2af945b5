/**
 * medbill clearinghouse set-secret — store an SFTP clearinghouse's password or private key in the tenant's
 * secret store (sealed, never shown again). The secret comes from a file or an environment variable, never
 * from the command line, where other users of the machine could read it.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { ClearinghouseSecretInput } from '@medbill/api';
import { storeClearinghouseSecret } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

interface SecretOptions {
  tenant?: string;
  clearinghouse: string;
  passwordFile?: string;
  privateKeyFile?: string;
}

function readSecret(opts: SecretOptions): ClearinghouseSecretInput | string {
  const passphrase = process.env.MEDBILL_CLEARINGHOUSE_PASSPHRASE || undefined;
  if (opts.privateKeyFile) {
    const privateKey = fs.readFileSync(opts.privateKeyFile, 'utf8');
    if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(privateKey))
      return `${opts.privateKeyFile} is not a PEM or OpenSSH private key`;
    return passphrase ? { privateKey, passphrase } : { privateKey };
  }
  const password = opts.passwordFile
    ? fs.readFileSync(opts.passwordFile, 'utf8').replace(/\r?\n$/, '')
    : process.env.MEDBILL_CLEARINGHOUSE_PASSWORD;
  if (!password) return 'give --password-file, --private-key-file or MEDBILL_CLEARINGHOUSE_PASSWORD';
  if (password.length > 256) return 'the password may have at most 256 characters';
  return { password };
}

export function registerClearinghouseCommands(program: Command, io: CliIO): void {
  const clearinghouse = program.command('clearinghouse').description("A tenant's clearinghouse connections");
  clearinghouse
    .command('set-secret')
    .description(
      "Store an SFTP clearinghouse's password (--password-file or MEDBILL_CLEARINGHOUSE_PASSWORD) or private key (--private-key-file, passphrase in MEDBILL_CLEARINGHOUSE_PASSPHRASE); it is never shown again",
    )
    .option('--tenant <slug>', 'the tenant (needed when there are several)')
    .requiredOption('--clearinghouse <id>', 'clearinghouse id')
    .option('--password-file <file>', 'a file holding the password (one line)')
    .option('--private-key-file <file>', 'a file holding the private key')
    .action(async (opts: SecretOptions) => {
      const secret = readSecret(opts);
      if (typeof secret === 'string') {
        io.err(`medbill clearinghouse set-secret: ${secret}\n`);
        return io.setExitCode(EXIT.usage);
      }
      if (!/^[1-9][0-9]{0,15}$/.test(opts.clearinghouse)) {
        io.err('medbill clearinghouse set-secret: --clearinghouse is a clearinghouse id (a number)\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'clearinghouse set-secret', opts, async (deps, actor) => {
        const { secret: status } = await storeClearinghouseSecret(deps, actor, {
          clearinghouseId: Number(opts.clearinghouse),
          secret,
        });
        io.out(
          `The ${status.kind === 'password' ? 'password' : 'private key'} of clearinghouse ${opts.clearinghouse} is set (${status.setAt}); it is never shown again.\n`,
        );
      });
    });
}
