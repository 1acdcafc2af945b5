/**
 * medbill code-note NOTE.txt — ICD-10-CM code suggestions for a clinician's note from the command line: each code
 * with the note's words that support it, the Alphabetic Index path and Tabular checks, traits and a confidence.
 * Calls the coding stage's use case (audited as the OS user, without the note's content).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { suggestCodesBody, type SuggestCodesResponse } from '@medbill/api';
import { codeCacheDir, loadCodesService, resolveTenant, suggestCodes } from '@medbill/server';
import { EXIT, type CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';
import { withStore } from './with-store.ts';

interface Options {
  json?: boolean;
  on?: string;
  age?: string;
  sex?: string;
  limit: string;
  tenant?: string;
}

export function registerCodeNoteCommand(program: Command, io: CliIO): void {
  program
    .command('code-note')
    .description(
      "Code suggestions for a clinician's note: ICD-10-CM and HCPCS (CPT by number) with the words that support them",
    )
    .argument('<file>', 'the note, a text file')
    .option('--on <YYYY-MM-DD>', 'date of service: the code set in force that day (default: today)')
    .option('--age <years>', "the patient's age (age conflicts are flagged)")
    .option('--sex <F|M>', "the patient's sex (sex conflicts are flagged)")
    .option('--limit <n>', 'most suggestions to show', '20')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'print what POST /api/coding/suggest answers')
    .action(async (file: string, opts: Options) => {
      const usage = problem(opts);
      if (usage) {
        io.err(`medbill code-note: ${usage}\n`);
        return io.setExitCode(EXIT.usage);
      }
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        io.err(`medbill code-note: ${file}: no such file\n`);
        return io.setExitCode(EXIT.badInput);
      }
      const note = fs.readFileSync(file, 'utf8');
      if (!note.trim()) {
        io.err(`medbill code-note: ${file} is empty\n`);
        return io.setExitCode(EXIT.badInput);
      }
      const input = suggestCodesBody.safeParse({
        note,
        on: opts.on,
        age: opts.age === undefined ? undefined : Number(opts.age),
        sex: opts.sex,
        limit: Number(opts.limit),
      });
      if (!input.success) {
        const i = input.error.issues[0];
        io.err(`medbill code-note: ${i.path.join('.') || 'note'}: ${i.message}\n`);
        return io.setExitCode(EXIT.badInput);
      }
      await withStore(
        io,
        'code-note',
        async ({ store, auditKey, cfg }) => {
          const t = await resolveTenant(store.db, opts.tenant);
          const codes = await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) });
          const result = await suggestCodes({ db: store.db, auditKey, codes }, cliActor(t.id), input.data);
          io.out(opts.json ? `${JSON.stringify(result)}\n` : describe(result));
        },
        { auditKey: 'require', quiet: true },
      );
    });
}

function problem(opts: Options): string | undefined {
  if (opts.on && !/^\d{4}-\d{2}-\d{2}$/.test(opts.on)) return '--on is a date, YYYY-MM-DD';
  if (opts.age && !(/^\d{1,3}$/.test(opts.age) && Number(opts.age) <= 124)) return '--age is whole years, 0 to 124';
  if (opts.sex && opts.sex !== 'F' && opts.sex !== 'M') return '--sex is F or M';
  if (!/^\d{1,3}$/.test(opts.limit) || Number(opts.limit) < 1 || Number(opts.limit) > 100)
    return '--limit is a number from 1 to 100';
  return undefined;
}

/** The suggestions as a coder reads them: code, confidence, title, then the evidence and why. */
export function describe(r: SuggestCodesResponse): string {
  const lines: string[] = [`ICD-10-CM ${r.release}, date of service ${r.on}`];
  for (const n of r.notices) lines.push(`Note: ${n}`);
  if (r.demo)
    lines.push('Note: only the demo code list is loaded; import the official ICD-10-CM files for suggestions.');
  lines.push(
    r.office
      ? `Adapted to this office: learned from ${r.office.notes} coded notes, built ${r.office.builtAt}`
      : 'Not yet adapted to this office (medbill coding learn)',
  );
  if (r.suggestions.length === 0) lines.push('No codes suggested.');
  for (const s of r.suggestions) {
    lines.push(`${s.code.padEnd(9)} ${s.confidence.toFixed(2)}  ${s.title}`);
    lines.push(`          evidence: ${s.spans.map((x) => `"${x.text}" (${x.start}-${x.end})`).join(', ')}`);
    lines.push(`          why: ${s.reason.indexPath}`);
    const traits = Object.entries(s.traits)
      .filter(([k, v]) => v && k !== 'laterality')
      .map(([k]) => k);
    if (s.traits.laterality) traits.push(s.traits.laterality);
    if (traits.length) lines.push(`          traits: ${traits.join(', ')}`);
    for (const n of s.needs) lines.push(`          needs: ${n}`);
    for (const p of s.pairs) lines.push(`          ${p.rule} ${p.code}: ${p.note}`);
    for (const x of s.excludes) lines.push(`          excludes1 ${x.code}: ${x.note}`);
    for (const w of s.warnings) lines.push(`          warning: ${w}`);
  }
  if (r.procedures.length) lines.push('Procedures, supplies and drugs (HCPCS; CPT by code number):');
  for (const p of r.procedures) {
    lines.push(`${p.code.padEnd(9)} ${p.confidence.toFixed(2)}  ${p.codeSet.toUpperCase()}  ${p.title}`);
    lines.push(`          evidence: ${p.spans.map((x) => `"${x.text}" (${x.start}-${x.end})`).join(', ')}`);
    lines.push(`          why: ${p.reason.checks.join('; ')}`);
    if (p.units) lines.push(`          units: ${p.units}`);
  }
  if (r.notCoded.length) {
    lines.push('Not coded (outpatient rules):');
    const seen = new Set<string>();
    for (const n of r.notCoded) {
      const k = `${n.why}|${n.text}`;
      if (seen.has(k)) continue;
      seen.add(k);
      lines.push(`  ${n.why.padEnd(12)} "${n.text}"${n.code ? ` (${n.code})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
