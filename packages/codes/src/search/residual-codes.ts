import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { tokens } from './normalize.ts';
import type { Pace } from './search-docs.ts';

/** "Other specified disorders of brain", "Other diseases of larynx", "Other specified noninflammatory disorders of cervix uteri" */
const OTHER_OF =
  /^Other (?:specified )?(?:[a-z-]+ )?(?:diseases?|disorders?|conditions?)(?: and [a-z-]+)? (?:of|in) (?:the )?([^,(;[]+)/i;
/** "Unspecified disorder of conjunctiva", "Disorder of facial nerve, unspecified", "Disease of pericardium, unspecified" */
const UNSPECIFIED_OF = /^(?:Unspecified )?(?:diseases?|disorders?)(?: of| in) (?:the )?([^,(;[]+)(?:, unspecified)?$/i;

/** "Other congenital malformations of vagina", "Other specified congenital malformations of eye" */
const CONGENITAL_OF = /^Other (?:specified )?congenital malformations? of (?:the )?([^,(;[]+)/i;

/** The Index's own words for a condition in general, answered with a site's unspecified code, not its "Other ..." one. */
const GENERAL = new Set(['disease', 'diseased', 'disorder', 'disturbance', 'illness']);

/** Words that follow a main term in the Index but name a patient or a kind, not a site. */
const NOT_SITE = new Set([
  'newborn',
  'fetus',
  'infant',
  'child',
  'maternal',
  'syndrome',
  'nervous',
  'chronic',
  'acute',
]);

/**
 * A site's residual codes in the Tabular: a condition the Index lists under its main term but not at this site
 * ("Cicatrix, brain") is coded, as the Index does for most such pairs, to the site's "Other (specified) disorders of
 * <site>" code (G93.89), a disease or disorder of the site named no further to its unspecified one ("Disease,
 * conjunctiva" H11.9), and a congenital one to the site's "Other congenital malformations of <site>" code
 * ("Deformity, vagina, congenital" Q52.4). Read from the code titles only.
 */
export class ResidualCodes {
  /** site word -> [code, site word count, ...] for "Other ... of <site>" titles */
  private readonly other = new Map<string, Array<{ code: string; site: string[] }>>();
  /** the same for "Disorder of <site>, unspecified" titles */
  private readonly unspecified = new Map<string, Array<{ code: string; site: string[] }>>();
  /** the same for "Other congenital malformations of <site>" titles */
  private readonly congenital = new Map<string, Array<{ code: string; site: string[] }>>();

  static *build(catalog: CodeCatalog, pace: Pace): Generator<void, ResidualCodes> {
    const r = new ResidualCodes();
    const codes = catalog.codesOn('icd10cm');
    if (!codes) return r;
    for (const e of codes.values()) {
      if (pace.due()) yield;
      if (!e.billable) continue;
      const c = CONGENITAL_OF.exec(e.longTitle);
      if (c) {
        const site = [...new Set(tokens(c[1]))];
        if (site.length > 0 && site.length <= 3)
          for (const w of site) {
            let list = r.congenital.get(w);
            if (!list) r.congenital.set(w, (list = []));
            list.push({ code: e.code, site });
          }
        continue;
      }
      const o = OTHER_OF.exec(e.longTitle);
      const u = o ? null : UNSPECIFIED_OF.exec(e.longTitle);
      const m = o ?? u;
      if (!m) continue;
      if (u && !/unspecified/i.test(e.longTitle)) continue;
      const site = [...new Set(tokens(m[1]))];
      if (site.length === 0 || site.length > 3) continue;
      const map = o ? r.other : r.unspecified;
      for (const w of site) {
        let list = map.get(w);
        if (!list) map.set(w, (list = []));
        list.push({ code: e.code, site });
      }
    }
    return r;
  }

  /**
   * The residual code for a query read as a main term (its first words) and a site (the rest): every site word of
   * the query in the title's site, at most one title site word more. undefined when no title fits.
   */
  codeFor(main: readonly string[], site: readonly string[]): string | undefined {
    if (main.length === 0 || site.length === 0) return undefined;
    // "Deformity, vagina, congenital": the site's "Other congenital malformations of vagina" (Q52.4).
    if (site.includes('congenital')) {
      const rest = site.filter((w) => w !== 'congenital');
      return rest.length > 0 && rest.length <= 3 && !rest.some((w) => NOT_SITE.has(w))
        ? find(this.congenital, rest)
        : undefined;
    }
    if (site.length > 3) return undefined;
    // "Hurst disease", "Anasarca, newborn": the second word names no site
    if (site.some((w) => GENERAL.has(w) || NOT_SITE.has(w))) return undefined;
    const general = main.some((w) => GENERAL.has(w));
    const found = find(general ? this.unspecified : this.other, site);
    return found ?? (general ? find(this.other, site) : undefined);
  }
}

function find(map: Map<string, Array<{ code: string; site: string[] }>>, site: readonly string[]): string | undefined {
  let best: { code: string; site: string[] } | undefined;
  for (const c of map.get(site[0]) ?? []) {
    if (c.site.length > site.length + 1 || !site.every((w) => c.site.includes(w))) continue;
    if (!best || c.site.length < best.site.length || (c.site.length === best.site.length && c.code < best.code))
      best = c;
  }
  return best?.code;
}
