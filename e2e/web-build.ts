/** Build packages/web/dist when it is missing or older than the web sources (so the browser test sees current code). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(REPO_ROOT, 'packages/web');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

export function ensureWebBuilt(): void {
  const index = path.join(WEB, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((f) => path.join(WEB, f)).filter((f) => fs.existsSync(f));
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built && Math.max(...sources.map(newestMtime)) <= built) return;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
  if (!fs.existsSync(index)) throw new Error('npm run build:web did not produce packages/web/dist/index.html');
}
