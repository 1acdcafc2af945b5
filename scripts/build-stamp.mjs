/**
 * A build is current when none of the files it was made from changed since it started. Each build writes
 * a stamp (`{ startedAt, inputs }`, paths relative to the repository root); checking it is one `stat` per
 * input (a few milliseconds for the CLI's ~400 files), so every start can afford it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ startedAt: number, inputs: string[], [k: string]: unknown } | undefined} */
export function readStamp(file) {
  try {
    const stamp = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(stamp.inputs) && typeof stamp.startedAt === 'number' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Why the build is stale ('no build', 'changed: <file>', 'missing: <file>'), or undefined when current. */
export function staleReason(stamp, extraDirs = []) {
  if (!stamp) return 'no build';
  for (const rel of stamp.inputs) {
    let st;
    try {
      st = fs.statSync(path.join(REPO_ROOT, rel));
    } catch {
      return `missing: ${rel}`;
    }
    if (st.mtimeMs >= stamp.startedAt) return `changed: ${rel}`;
  }
  // a new file in a source folder (a new page) changes the build even before anything imports it
  for (const dir of extraDirs) {
    const newer = newestIn(path.join(REPO_ROOT, dir), stamp.startedAt);
    if (newer) return `changed: ${path.relative(REPO_ROOT, newer)}`;
  }
  return undefined;
}

function newestIn(dir, since) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = newestIn(p, since);
      if (found) return found;
    } else if (fs.statSync(p).mtimeMs >= since) return p;
  }
  return undefined;
}

/** Writes a file so that readers see the old or the new content, never half of it. */
export function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
