/** medbill payer-sim: a payer on this machine, over real SFTP, answering 837s with 999, 277CA and 835 files. */
import path from 'node:path';
import type { Command } from 'commander';
import {
  createPayerSimResponder,
  demoPayerContracts,
  startPayerSftpSite,
  withDelayedRemittances,
} from '@medbill/server';
import type { CliIO } from '../io.ts';

export function registerPayerSimCommand(program: Command, io: CliIO): void {
  program
    .command('payer-sim')
    .description(
      'Run a payer simulator behind an SFTP server on 127.0.0.1: upload 837s to /outbound, pick up 999, 277CA and 835 files from /inbound',
    )
    .option('--root <dir>', 'folder the SFTP server serves', '.medbill/payer-sim')
    .option('--port <port>', 'port (0 picks a free one)', '2222')
    .option('--user <name>', 'SFTP user name', 'medbill')
    .option('--password <password>', 'SFTP password (or MEDBILL_PAYER_SIM_PASSWORD)')
    .option('--reject-rate <share>', 'share of claims rejected on the 277CA', '0.05')
    .option('--seed <seed>', 'seed for reproducible answers', 'medbill')
    .option('--remit-delay <seconds>', 'how long after the 277CA the 835 arrives', '30')
    .action(
      async (opts: {
        root: string;
        port: string;
        user: string;
        password?: string;
        rejectRate: string;
        seed: string;
        remitDelay: string;
      }) => {
        const password = opts.password ?? process.env.MEDBILL_PAYER_SIM_PASSWORD ?? 'payer-sim-password';
        const root = path.resolve(opts.root);
        const delayed = withDelayedRemittances(
          createPayerSimResponder({
            contracts: demoPayerContracts(),
            seed: opts.seed,
            rejectRate: Number(opts.rejectRate),
            stateFile: path.join(root, '.payer-state.json'),
          }),
          {
            delayMs: Number(opts.remitDelay) * 1000,
            inboundDir: path.join(root, 'inbound'),
            onError: (e) => io.err(`payer-sim: ${e.message}\n`),
          },
        );
        const site = await startPayerSftpSite({
          rootDir: root,
          username: opts.user,
          password,
          port: Number(opts.port),
          respond: delayed.respond,
          onError: (e) => io.err(`payer-sim: ${e.message}\n`),
        });
        const c = site.clientConfig;
        io.out(
          `Payer simulator on sftp://${c.username}@${c.host}:${c.port} (host key ${c.hostKeySha256}), serving ${root}\n`,
        );
        io.out(
          `Clearinghouse config: ${JSON.stringify({ host: c.host, port: c.port, username: c.username, hostKeySha256: c.hostKeySha256, outboundDir: c.outboundDir, inboundDir: c.inboundDir, processedDir: c.processedDir })}\n`,
        );
        const stop = () => {
          delayed.stop();
          void site.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
