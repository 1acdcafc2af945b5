/** Reads the evaluation notes: CodiEsp-EN splits (../shared/data) and medbill's outpatient notes (in the repo). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifiedBlindSet } from '../../packages/codes/test/blind-sets.ts';
import { DATA_DIR } from '../../packages/codes/test/shared-data.ts';

export interface EvalNote {
  id: string;
  text: string;
  /** Each gold code with its acceptable alternatives. */
  gold: string[][];
  on: string;
  age?: number;
  sex?: 'F' | 'M';
}

export type CodiEspSplit = 'train' | 'dev' | 'test';
export const CODIESP_DIR = path.join(DATA_DIR, 'coding-eval/codiesp');

/** CodiEsp-EN: the English machine translation of each case report and its diagnosis codes (D track). */
export function readCodiEsp(split: CodiEspSplit, on: string): EvalNote[] {
  const dir = path.join(CODIESP_DIR, split);
  const gold = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(dir, `${split}D.tsv`), 'utf8').split('\n')) {
    const [id, code] = line.trim().split('\t');
    if (!id || !code) continue;
    const set = gold.get(id) ?? new Set<string>();
    set.add(code.toUpperCase());
    gold.set(id, set);
  }
  const textDir = path.join(dir, 'text_files_en');
  return readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.txt$/, '');
      return {
        id,
        text: readFileSync(path.join(textDir, f), 'utf8'),
        gold: [...(gold.get(id) ?? [])].map((c) => [c]),
        on,
      };
    })
    .filter((n) => n.gold.length > 0);
}

/** Code counts of CodiEsp splits (the prior a ranking may use; never the split being scored). */
export function codiEspCounts(splits: CodiEspSplit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of splits) {
    for (const line of readFileSync(path.join(CODIESP_DIR, s, `${s}D.tsv`), 'utf8').split('\n')) {
      const code = line.trim().split('\t')[1];
      if (!code) continue;
      const k = code.replace(/\./g, '').toUpperCase();
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

/** medbill's US-style outpatient notes (a blind set: read only after its committed hash checks out). */
export function readOutpatientNotes(): EvalNote[] {
  const dir = verifiedBlindSet('fixtures/outpatient-notes');
  const rows = readFileSync(path.join(dir, 'gold.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  return rows.map((row) => {
    const [id, codes, on, age, sex] = row.split('\t');
    return {
      id,
      text: readFileSync(path.join(dir, `${id}.txt`), 'utf8'),
      gold: codes.split(' ').map((c) => c.split('|')),
      on,
      age: Number(age),
      sex: sex as 'F' | 'M',
    };
  });
}
