/** Read rendered PDFs back with poppler-utils (pdftotext, pdftoppm) in tests; absent tools skip the checks. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const POPPLER_MISSING_MESSAGE =
  'poppler-utils (pdftotext, pdftoppm) is not installed: skipping PDF text and position checks (apt-get install -y poppler-utils)';

export function hasPoppler(): boolean {
  const probe = (cmd: string) => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
  return probe('pdftotext') && probe('pdftoppm');
}

function withPdf<T>(pdf: Uint8Array, run: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-print-'));
  try {
    const file = path.join(dir, 'claim.pdf');
    fs.writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Outputs by PDF (identity) and arguments, so several assertions on one page spawn poppler once. */
const cache = new WeakMap<Uint8Array, Map<string, string>>();

function cached(pdf: Uint8Array, key: string, produce: () => string): string {
  const byKey = cache.get(pdf) ?? new Map<string, string>();
  cache.set(pdf, byKey);
  if (!byKey.has(key)) byKey.set(key, produce());
  return byKey.get(key)!;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** `pdftotext -layout` of one page (1-based). */
export function pageText(pdf: Uint8Array, page: number): string {
  return cached(pdf, `layout ${page}`, () =>
    withPdf(pdf, (file) => run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])),
  );
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words with their boxes in points from the top-left of the page (`pdftotext -bbox`). */
export function pageWords(pdf: Uint8Array, page: number): Word[] {
  const html = cached(pdf, `bbox ${page}`, () =>
    withPdf(pdf, (file) => run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'])),
  );
  const words: Word[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: decode(m[5]!) });
  }
  return words;
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Render one page to PNG at the resolution given; returns the PNG bytes. */
export function pagePng(pdf: Uint8Array, page: number, dpi = 60): Buffer {
  return withPdf(pdf, (file, dir) => {
    run('pdftoppm', [
      '-r',
      String(dpi),
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      path.join(dir, 'page'),
    ]);
    return fs.readFileSync(path.join(dir, 'page.png'));
  });
}
