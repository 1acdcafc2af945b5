/**
 * The one way a test finds the reference data: `../shared/data` beside the repository root (so a clean clone
 * with `../shared` beside it and every worktree resolve it alike), never an absolute path.
 *
 *   const samples = testData('x12-samples/835');
 *   describe.skipIf(!samples.present)(samples.title('835 samples'), () => { ... samples.files() ... });
 *
 * The title carries `[needs ../shared/data/…]`, so a skipped test says what it waited for, and the summary
 * reporter fails the run when such a test or suite is skipped although what it names is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const DATA_ROOT = path.resolve(REPO_ROOT, '../shared/data');
const MARK = /\[needs \.\.\/shared\/data\/([^\]\s]+)\]/;

export interface TestData {
  /** the path under ../shared/data, e.g. 'x12-samples/835' */
  rel: string;
  /** absolute path of the file or folder */
  path: string;
  present: boolean;
  /** `name [needs ../shared/data/rel]` */
  title(name: string): string;
  /** text of the file, or of `sub` inside the folder; .gz files are unzipped */
  text(sub?: string): string;
  /** file names in the folder, sorted, dot files left out ([] when absent) */
  files(): string[];
}

export function testData(rel: string): TestData {
  const full = path.join(DATA_ROOT, rel);
  const present = fs.existsSync(full);
  return {
    rel,
    path: full,
    present,
    title: (name) => `${name} [needs ../shared/data/${rel}]`,
    text(sub) {
      const file = sub ? path.join(full, sub) : full;
      const buf = fs.readFileSync(file);
      return (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
    },
    files: () =>
      present
        ? fs
            .readdirSync(full)
            .filter((f) => !f.startsWith('.'))
            .sort()
        : [],
  };
}

/** The data a skipped test or suite named (by its own title) when that data is in fact present, else null. */
export function skippedWithDataPresent(name: string): string | null {
  const m = MARK.exec(name);
  return m && fs.existsSync(path.join(DATA_ROOT, m[1])) ? m[1] : null;
}
