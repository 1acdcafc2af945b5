/**
 * Blind evaluation sets are measured only when their hash was committed first (blind-sets.sha256), so nobody can
 * tune a blind set's rows and keep calling it blind. Test/bench helper: reads files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MANIFEST = path.join(HERE, 'blind-sets.sha256');

/** SHA-256 of a file, or of a folder's file names and contents in name order. */
export function setHash(file: string): string {
  const h = createHash('sha256');
  if (statSync(file).isDirectory()) {
    for (const name of readdirSync(file).sort()) {
      const p = path.join(file, name);
      if (statSync(p).isDirectory()) continue;
      h.update(`${name}\n`);
      h.update(readFileSync(p));
    }
  } else h.update(readFileSync(file));
  return h.digest('hex');
}

function manifest(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(MANIFEST, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [hash, rel] = line.split('\t');
    out.set(rel, hash);
  }
  return out;
}

/**
 * The absolute path of a blind set (relative to packages/codes/test) after checking its committed hash.
 * Throws when the hash was never recorded or the set changed since.
 */
export function verifiedBlindSet(rel: string): string {
  const file = path.join(HERE, rel);
  const want = manifest().get(rel);
  if (!want)
    throw new Error(
      `${rel} is not a registered blind set: add its sha256 to blind-sets.sha256 and commit before measuring`,
    );
  const got = setHash(file);
  if (got !== want)
    throw new Error(
      `${rel} changed after its hash was committed (${want.slice(0, 12)} -> ${got.slice(0, 12)}): a measured blind set must not be edited; write a new one`,
    );
  return file;
}
