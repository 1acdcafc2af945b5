import type { Command } from 'commander';
import { DataFolderLockedError, loadConfig, startServer } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';

export function registerServeCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description(
      'Start the server (web UI at /, API at /api, docs at /api/docs). Reads PORT, HOST, MEDBILL_DATA, DATABASE_URL.',
    )
    .option('--demo', 'create demo data when the database is empty')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .action(async (opts: { demo?: boolean; port?: string }) => {
      const cfg = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      try {
        const server = await startServer(cfg, { demo: Boolean(opts.demo), log: (l) => io.out(`${l}\n`) });
        const stop = () => {
          io.out('Stopping medbill…\n');
          server.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // run by `medbill serve`'s own process (bin/server-process.mjs): when that one is gone, so is the server
        if (process.channel) {
          process.channel.unref();
          process.once('disconnect', stop);
        }
      } catch (e) {
        if (e instanceof DataFolderLockedError) {
          io.err(`medbill: ${e.message}\n`);
          return io.setExitCode(EXIT.badInput);
        }
        throw e;
      }
    });
}
