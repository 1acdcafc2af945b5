/** medbill codes import | search | valid | releases | diff — code sets as CMS publishes them. */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import type { CodeCatalog, CodeFileKind, CodeSet } from '@medbill/codes';
import { normalizeCode } from '@medbill/codes';
import {
  codeCacheDir,
  diffCodeReleases,
  importCodeFile,
  listCodeReleases,
  loadCatalog,
  loadCatalogFromCache,
  loadCodesService,
  removeManifest,
  searchCodes,
  unpack,
  type SearchKind,
} from '@medbill/server/codes';
import { loadConfig } from '@medbill/server/config';
import { EXIT, type CliIO } from '../io.ts';

// The store (and with it the database driver) is loaded only when a command needs it: `codes valid` answers from
// the cache without one.
const withStore: typeof import('./with-store.ts').withStore = async (...a) =>
  (await import('./with-store.ts')).withStore(...a);

const KINDS = [
  'icd10cm-order',
  'icd10pcs-order',
  'icd10cm-tabular',
  'icd10cm-index',
  'icd10cm-index-csv',
  'hcpcs',
  'cpt',
  'ncci-ptp',
  'ncci-ptp-hospital',
  'mue',
  'pfs-rvu',
  'carc',
  'rarc',
  'pos',
  'taxonomy',
];

export function registerCodesCommands(program: Command, io: CliIO): void {
  const codes = program
    .command('codes')
    .description('Code sets: import official files, search, check validity on a date');

  codes
    .command('import')
    .description(
      `Import a code-set file as CMS/CDC/NUCC/X12 publish it (.gz accepted). KIND: ${KINDS.join(', ')}; "auto" guesses from the file name`,
    )
    .argument('<kind>', 'the kind of file, or auto')
    .argument('<file>', 'the file')
    .option(
      '--effective <date>',
      'first day the release is in force (for NCCI, MUE, CPT and files whose name has no date)',
    )
    .option('--release <id>', 'release name to record (default from the file name or the date)')
    .option('--json', 'print the result as JSON')
    .action(async (kind: string, file: string, opts: { effective?: string; release?: string; json?: boolean }) => {
      if (kind !== 'auto' && !KINDS.includes(kind)) {
        io.err(`medbill codes import: unknown kind "${kind}"; use one of ${KINDS.join(', ')} or auto\n`);
        return io.setExitCode(EXIT.usage);
      }
      if (opts.effective && !/^\d{4}-\d{2}-\d{2}$/.test(opts.effective)) {
        io.err('medbill codes import: --effective must be YYYY-MM-DD\n');
        return io.setExitCode(EXIT.usage);
      }
      if (!fs.existsSync(file)) {
        io.err(`medbill codes import: ${file}: no such file\n`);
        return io.setExitCode(EXIT.badInput);
      }
      const { progressBar } = await import('./progress.ts');
      const bytes = fs.readFileSync(file);
      const lines = io.isTTY && !opts.json ? unpack(file, bytes).split('\n').length : 0;
      await withStore(
        io,
        'codes import',
        async ({ store, cfg }) => {
          const cacheDir = codeCacheDir(cfg.dataDir);
          removeManifest(cacheDir); // until the catalog is loaded again below, readers go to the database
          const bar = progressBar(io, lines, `import ${path.basename(file)}`, !opts.json);
          const outcome = await importCodeFile(store.db, {
            fileName: path.basename(file),
            bytes,
            kind: kind === 'auto' ? undefined : (kind as CodeFileKind),
            effective: opts.effective,
            releaseId: opts.release,
            importedBy: process.env.USER ?? 'cli',
            cacheDir,
            onProgress: (p) => bar.update(p.lines),
          });
          bar.stop();
          // parse it once more into the snapshot cache, and say what it replaced (a demo list, an earlier import)
          const { notices } = await loadCatalog(store.db, { cacheDir });
          const said =
            outcome.status === 'imported'
              ? notices.filter(
                  (n) =>
                    n.includes(path.basename(file)) ||
                    (outcome.releaseId && n.includes(`imported ${outcome.releaseId}`)),
                )
              : [];
          if (opts.json) io.out(`${JSON.stringify({ ...outcome, notices: said })}\n`);
          else if (outcome.status === 'imported')
            io.out(
              `Imported ${outcome.records} ${outcome.kind} records${outcome.releaseId ? ` as release ${outcome.releaseId} (in force from ${outcome.effectiveFrom})` : ''}${outcome.warnings.length ? `, ${outcome.warnings.length} warning(s)` : ''}. Restart the server to use them.\n${said.map((n) => `${n}\n`).join('')}`,
            );
          else if (outcome.status === 'already-imported')
            io.out(`${file} was already imported (as ${outcome.fileName}); nothing to do.\n`);
          if (outcome.status === 'rejected') {
            if (!opts.json) {
              io.err(`medbill codes import: ${outcome.message}\n`);
              for (const i of outcome.issues.slice(0, 20))
                io.err(
                  `  ${path.basename(file)}:${i.location.line}${i.location.column ? `:${i.location.column}` : ''}${i.location.field ? ` ${i.location.field}` : ''}: ${i.severity}: ${i.message}\n`,
                );
            }
            io.setExitCode(EXIT.badInput);
          }
        },
        { quiet: opts.json, createsDataFolder: true },
      );
    });

  codes
    .command('search')
    .description(
      'Search codes as a coder would type (codes, words, abbreviations like CHF or DM2, index terms). With no query, reads one query per line from standard input and prints one result line per query',
    )
    .argument('[query...]', 'what to look for')
    .option('--kind <kind>', 'diagnosis, procedure, modifier, or a code set (icd10cm, hcpcs, cpt, …)')
    .option('--on <date>', 'only codes valid on this date of service')
    .option('--limit <n>', 'results per query', '10')
    .option('--json', 'JSON output')
    .action(async (words: string[], opts: { kind?: string; on?: string; limit: string; json?: boolean }) => {
      await withStore(
        io,
        'codes search',
        async ({ store, cfg }) => {
          const svc = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          const run = (q: string, limit: number) =>
            searchCodes(svc, { q, kind: opts.kind as SearchKind | undefined, on: opts.on, limit });
          if (words.length) {
            const { items: hits, notices } = await run(words.join(' '), Number(opts.limit));
            for (const n of notices) io.err(`${n}\n`);
            if (opts.json) return io.out(`${JSON.stringify(hits)}\n`);
            for (const h of hits)
              io.out(
                `${h.code.padEnd(9)} ${h.billable ? ' ' : 'H'} ${h.codeSet.padEnd(8)} ${h.title}${h.indexPath ? `   [${h.indexPath}]` : ''}\n`,
              );
            return;
          }
          const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
          for await (const line of rl) {
            const q = line.trim();
            const top = q ? (await run(q, 1)).items[0] : undefined;
            io.out(
              opts.json
                ? `${JSON.stringify({ query: q, code: top?.code ?? null, title: top?.title ?? null })}\n`
                : `${q}\t${top?.code ?? ''}\t${top?.title ?? ''}\n`,
            );
          }
        },
        { quiet: true },
      );
    });

  codes
    .command('valid')
    .description('Is a code valid on a date of service? Exit 0 if valid, 1 if not')
    .argument('<code>', 'the code')
    .requiredOption('--on <date>', 'date of service, YYYY-MM-DD')
    .option('--set <codeSet>', 'icd10cm, icd10pcs, hcpcs or cpt (guessed from the code when absent)')
    .option('--json', 'JSON output')
    .action(async (code: string, opts: { on: string; set?: string; json?: boolean }) => {
      const set = (opts.set ??
        (/^\d{4}[0-9FTU]$/.test(code) ? 'cpt' : /^[A-V]\d{4}$/.test(code) ? 'hcpcs' : 'icd10cm')) as CodeSet;
      // the release in force is named (its meta), not printed whole with every code it holds
      const named = (v: ReturnType<CodeCatalog['validity']>) => {
        if (!('release' in v)) return v;
        const { data, ...meta } = v.release;
        return { ...v, release: meta };
      };
      const answer = (catalog: CodeCatalog) => {
        const validity = catalog.validity(set, code, opts.on);
        const notice = catalog.coverageGap(set, opts.on)?.message;
        const ok = validity.status === 'valid';
        io.out(
          opts.json
            ? `${JSON.stringify({ code, codeSet: set, on: opts.on, valid: ok, validity: named(validity), notice: notice ?? null })}\n`
            : `${code} (${set}) on ${opts.on}: ${ok ? 'valid' : `NOT valid (${validity.status})`}${'release' in validity ? ` in ${validity.release.releaseId}` : ''}\n`,
        );
        if (notice && !opts.json) io.err(`${notice} (checked against the nearest release loaded).\n`);
        if (!ok) io.setExitCode(EXIT.badInput);
      };
      // the embedded database's parsed code sets answer without opening it (and while the server holds it)
      const cfg = loadConfig();
      const cached = cfg.databaseUrl
        ? undefined
        : loadCatalogFromCache(codeCacheDir(cfg.dataDir), set, normalizeCode(code));
      if (cached) return answer(cached.catalog);
      await withStore(
        io,
        'codes valid',
        async ({ store }) =>
          answer((await loadCatalog(store.db, { cacheDir: codeCacheDir(cfg.dataDir), only: set })).catalog),
        { quiet: true },
      );
    });

  codes
    .command('releases')
    .description('Loaded releases and their effective dates')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      await withStore(
        io,
        'codes releases',
        async ({ store, cfg }) => {
          const svc = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          const rows = listCodeReleases(svc).items.map(({ source: _source, ...r }) => r);
          io.out(
            opts.json
              ? `${JSON.stringify(rows)}\n`
              : `${rows.map((r) => `${r.codeSet.padEnd(10)} ${r.releaseId.padEnd(14)} ${r.effectiveFrom} → ${r.effectiveTo ?? 'open'}`).join('\n')}\n${svc.notices.map((n) => `${n}\n`).join('')}`,
          );
        },
        { quiet: true },
      );
    });

  codes
    .command('diff')
    .description('Codes added, deleted or retitled between two releases (the annual update a coder must learn)')
    .argument('<codeSet>', 'e.g. icd10cm')
    .argument('<from>', 'older release id, e.g. FY2025')
    .argument('<to>', 'newer release id, e.g. FY2026')
    .option('--json', 'JSON output')
    .action(async (codeSet: string, from: string, to: string, opts: { json?: boolean }) => {
      await withStore(
        io,
        'codes diff',
        async ({ store, cfg }) => {
          const svc = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          let d: ReturnType<typeof diffCodeReleases>;
          try {
            d = diffCodeReleases(svc, { codeSet: codeSet as CodeSet, from, to });
          } catch (e) {
            io.err(`medbill codes diff: ${(e as Error).message} (see medbill codes releases)\n`);
            return io.setExitCode(EXIT.badInput);
          }
          if (opts.json) return io.out(`${JSON.stringify(d)}\n`);
          io.out(
            `${codeSet} ${from} → ${to}: ${d.added.length} added, ${d.deleted.length} deleted, ${d.titleChanged.length} retitled, ${d.billableChanged.length} changed billable status\n`,
          );
          for (const e of d.added) io.out(`+ ${e.code.padEnd(8)} ${e.longTitle}\n`);
          for (const e of d.deleted) io.out(`- ${e.code.padEnd(8)} ${e.longTitle}\n`);
          for (const t of d.titleChanged) io.out(`~ ${JSON.stringify(t)}\n`);
        },
        { quiet: true },
      );
    });
}
