import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { ImportCollector } from './lines.ts';
import { walkXml, type XmlOpen } from './xml-walk.ts';

/**
 * One Alphabetic Index term (main term or subterm) with its full path, e.g.
 * path ["Diabetes, diabetic", "type 2", "with", "neuropathy"] code "E11.40".
 */
export interface IndexTerm {
  path: string[];
  /** Nonessential modifiers (parenthesized words that may be present or absent). */
  nemod?: string;
  code?: string;
  /** Manifestation code printed in brackets after the code (code it too, second). */
  manif?: string;
  see?: string;
  seeAlso?: string;
  /** Table columns (Table of Drugs, Table of Neoplasms): column heading -> code. */
  cells?: Record<string, string>;
  /** Which index: main Alphabetic Index, External Cause Index, Drugs, Neoplasms. */
  source: IndexSource;
  line: number;
}

export type IndexSource = 'index' | 'eindex' | 'drug' | 'neoplasm';

interface OpenTerm {
  term: IndexTerm;
  title: string;
}

/**
 * ICD-10-CM Alphabetic Index XML and the Table of Drugs / Table of Neoplasms / External Cause Index
 * XML (same schema: letter > mainTerm > term[level], with title/nemod/see/seeAlso/code/manif/cell).
 */
export async function importIndexXml(
  source: TextSource,
  options?: ImportOptions & { source?: IndexSource },
): Promise<ImportResult<IndexTerm> & { version: string; headings: Record<string, string> }> {
  const out = new ImportCollector<IndexTerm>(options);
  const kind = options?.source ?? 'index';
  const open: OpenTerm[] = [];
  const headings: Record<string, string> = {};
  let version = '';
  let cellCol = '';
  let sawRoot = false;
  await walkXml(
    source,
    {
      open(tag: XmlOpen, stack) {
        if (tag.name === 'ICD10CM.index') sawRoot = true;
        if (tag.name === 'mainTerm' || tag.name === 'term') {
          const level = tag.name === 'mainTerm' ? 0 : Number(tag.attrs.level);
          if (tag.name === 'term' && !(level >= 1 && level <= 9)) {
            out.error(
              'index.level',
              `<term> needs level="1".."9", found "${tag.attrs.level ?? ''}"`,
              tag.line,
              tag.column,
              'level',
            );
          }
          if (tag.name === 'term' && stack.indexOf('mainTerm') < 0) {
            out.error('index.nesting', '<term> outside a <mainTerm>', tag.line, tag.column);
          }
          const parentPath = open.length ? open[open.length - 1].term.path : [];
          open.push({ term: { path: [...parentPath], source: kind, line: tag.line }, title: '' });
        } else if (tag.name === 'cell' || tag.name === 'head') {
          cellCol = tag.attrs.col ?? '';
        }
      },
      close(name, text, stack) {
        const cur = open[open.length - 1];
        const parent = stack[stack.length - 1];
        if (name === 'version' && parent === 'ICD10CM.index') version = text;
        else if (name === 'head') headings[cellCol] = text;
        else if (!cur) return;
        else if (name === 'title') {
          cur.title = text || cur.term.nemod || '';
          cur.term.path.push(cur.title);
        } else if (name === 'nemod') cur.term.nemod = text;
        else if (name === 'code' || name === 'see' || name === 'seeAlso' || name === 'manif') cur.term[name] = text;
        else if (name === 'cell' && text && text !== '--') (cur.term.cells ??= {})[headings[cellCol] ?? cellCol] = text;
        else if (name === 'mainTerm' || name === 'term') {
          open.pop();
          if (!cur.title) out.error('index.title', `<${name}> has no <title>`, cur.term.line, undefined, 'title');
          else out.records.push(cur.term);
        }
      },
    },
    out,
  );
  if (!sawRoot && out.errorCount === 0) out.error('index.root', 'expected root element <ICD10CM.index>', 1);
  if (open.length > 0)
    out.error(
      'index.truncated',
      `file ended inside the term "${open[open.length - 1].term.path.join(', ')}" opened at line ${open[open.length - 1].term.line}`,
      out.lines,
    );
  out.records.sort((a, b) => a.line - b.line); // document order (children close before parents)
  return { ...out.finish(), version, headings };
}
