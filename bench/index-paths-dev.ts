/**
 * Development split for the held-out Index paths check (packages/codes/test/search-eval.ts `indexPathEval`): the
 * same draw (every 25th coded row of the main Index, first 2,000) at other offsets, so rules are tuned on paths the
 * reported sample (offset 0) never holds. Offset 0 is refused. Prints top-3 per offset and, with --misses, each miss
 * (path, expected code, the top 3 with how they matched).
 *   node --import tsx bench/index-paths-dev.ts 3,7,11,13,19 [--misses]
 */
import { CodeSearch } from '../packages/codes/src/search/code-search.ts';
import { hasData, loadAll, NO_DATA_MESSAGE } from '../packages/codes/test/shared-data.ts';

const offsets = (process.argv[2] ?? '3,7,11,13,19').split(',').map(Number);
const showMisses = process.argv.includes('--misses');
if (offsets.some((o) => !Number.isInteger(o) || o <= 0 || o >= 25)) {
  console.error('offsets 1-24 only: offset 0 is the reported held-out sample');
  process.exit(2);
}
if (!hasData) {
  console.log(`index paths dev ${NO_DATA_MESSAGE}`);
  process.exit(0);
}
const { catalog } = await loadAll({ pcs: false });
const all = catalog.index;
const coded = all.filter((t) => t.source === 'index' && t.code && !t.code.endsWith('-'));
const norm = (c: string) => c.replace(/[.-]/g, '');
for (const offset of offsets) {
  const held = new Set(coded.filter((_, i) => i % 25 === offset).slice(0, 2000));
  catalog.setIndexTerms(all.filter((t) => !held.has(t)));
  try {
    const search = new CodeSearch(catalog);
    let hit = 0;
    for (const t of held) {
      const got = search.search(`${t.path.join(' ')} `, { kind: 'diagnosis', limit: 3 });
      const want = norm(t.code ?? '');
      if (got.some((g) => norm(g.code).startsWith(want))) hit++;
      else if (showMisses)
        console.log(
          `${t.path.join(' > ')}\t${t.code}\t${got.map((g) => `${g.code} ${g.title.slice(0, 50)} [${g.matchedBy}|${g.indexPath ?? ''}]`).join(' ;; ')}`,
        );
    }
    console.log(`offset ${offset}: top-3 ${hit}/${held.size} = ${((100 * hit) / held.size).toFixed(2)}%`);
  } finally {
    catalog.setIndexTerms([...all]);
  }
}
