/**
 * medbill coding learn | status — the code suggester learning from this office's own coded encounters (issue 13):
 * `learn` reads the tenant's coded and billed encounters (note and diagnoses) and stores what they teach, which the
 * tenant's code suggestions then use; `status` says whether they are adapted, from how many notes, since when.
 * Calls the coding stage's use cases (the read is audited as the OS user).
 */
import type { Command } from 'commander';
import type { OfficeModelStatus } from '@medbill/api';
import {
  codeCacheDir,
  getOfficeModelStatus,
  loadCodesService,
  rebuildOfficeModel,
  resolveTenant,
} from '@medbill/server';
import type { CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';
import { progressBar } from './progress.ts';
import { withStore } from './with-store.ts';

interface Options {
  tenant?: string;
  json?: boolean;
}

export function registerCodingCommands(program: Command, io: CliIO): void {
  const coding = program
    .command('coding')
    .description("Code suggestions learnt from the office's own coded notes: learn again, or see what they learnt");
  coding
    .command('learn')
    .description(
      "Learn from the office's coded and billed encounters (their notes and diagnoses); prints what was counted",
    )
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'print what POST /api/coding/office-model answers')
    .action(async (opts: Options) => {
      await withStore(
        io,
        'coding learn',
        async ({ store, auditKey, cfg }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          let bar: ReturnType<typeof progressBar> | undefined;
          const status = await rebuildOfficeModel({ db: store.db, auditKey, codes }, cliActor(t.id), {
            onProgress: (done, total) => {
              bar ??= progressBar(io, total, 'Coded notes', !opts.json);
              bar.update(done);
            },
          });
          bar?.stop();
          io.out(opts.json ? `${JSON.stringify(status)}\n` : describeStatus(status));
        },
        { auditKey: 'require', quiet: true },
      );
    });
  coding
    .command('status')
    .description('Whether code suggestions are adapted to the office: notes and codes learnt, when, by whom')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'print what GET /api/coding/office-model answers')
    .action(async (opts: Options) => {
      await withStore(
        io,
        'coding status',
        async ({ store }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          // the status reads counts only: no code sets needed
          const status = await getOfficeModelStatus({ db: store.db }, cliActor(t.id));
          io.out(opts.json ? `${JSON.stringify(status)}\n` : describeStatus(status));
        },
        { quiet: true },
      );
    });
}

/** What the suggestions are adapted to, in words. */
export function describeStatus(s: OfficeModelStatus): string {
  if (!s.learned)
    return (
      `Code suggestions are not yet adapted to this office (not yet learned).\n` +
      `${s.available} coded notes are available: run \`medbill coding learn\`.\n`
    );
  const lines = [
    `Code suggestions learned from ${s.notes} coded notes (${s.patients} patients), built ${s.builtAt} by ${s.builtBy}` +
      (s.learnMs === null ? '' : ` in ${(s.learnMs / 1000).toFixed(1)} s`),
    `${s.codes} codes, ${s.phrases} of the office's phrases read as codes`,
  ];
  if (s.available !== s.notes)
    lines.push(`${s.available} coded notes available now: run \`medbill coding learn\` again`);
  return `${lines.join('\n')}\n`;
}
