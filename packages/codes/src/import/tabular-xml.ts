import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { ImportCollector } from './lines.ts';
import { walkXml, type XmlOpen } from './xml-walk.ts';

export const NOTE_KINDS = [
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'includes',
  'inclusionTerm',
  'notes',
  'sevenChrNote',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One chapter, section or diag of the ICD-10-CM Tabular List with its instructional notes. */
export interface TabularEntry {
  kind: 'chapter' | 'section' | 'diag';
  /** diag: code without dot; section: "A00-A09"; chapter: its number. */
  id: string;
  /** First and last category covered (chapters and sections). */
  range?: { first: string; last: string };
  title: string;
  notes: Partial<Record<NoteKind, string[]>>;
  /** `<diag placeholder="true">`: a subcategory whose code carries the placeholder X (e.g. H21.1X). */
  placeholder?: boolean;
  /** sevenChrDef: 7th character -> meaning. */
  sevenChr?: Record<string, string>;
  line: number;
}

export interface TabularList {
  version: string;
  entries: TabularEntry[];
}

const NOTE_SET = new Set<string>(NOTE_KINDS);

/** ICD-10-CM Tabular List XML (CDC icd10cm_tabular_YYYY.xml, schema icd10cm_tabular.xsd). */
export async function importTabularXml(
  source: TextSource,
  options?: ImportOptions,
): Promise<ImportResult<TabularEntry> & { version: string }> {
  const out = new ImportCollector<TabularEntry>(options);
  const open: TabularEntry[] = [];
  let version = '';
  let noteKind: NoteKind | 'sevenChrDef' | undefined;
  let extChar: string | undefined;
  let sawRoot = false;
  const top = () => open[open.length - 1];
  await walkXml(
    source,
    {
      open(tag: XmlOpen) {
        if (tag.name === 'ICD10CM.tabular') sawRoot = true;
        if (tag.name === 'chapter' || tag.name === 'section' || tag.name === 'diag') {
          const entry: TabularEntry = { kind: tag.name, id: tag.attrs.id ?? '', title: '', notes: {}, line: tag.line };
          if (tag.name === 'section' && tag.attrs.id) entry.range = parseRange(tag.attrs.id);
          if (tag.name === 'diag' && tag.attrs.placeholder === 'true') entry.placeholder = true;
          open.push(entry);
        } else if (NOTE_SET.has(tag.name) || tag.name === 'sevenChrDef') {
          noteKind = tag.name as NoteKind | 'sevenChrDef';
        } else if (tag.name === 'extension') {
          extChar = tag.attrs.char;
        }
      },
      close(name, text, stack) {
        const cur = top();
        const parent = stack[stack.length - 1];
        if (name === 'version' && parent === 'ICD10CM.tabular') version = text;
        else if (!cur) return;
        else if (name === 'name' && parent === cur.kind) {
          cur.id = cur.kind === 'diag' ? text.replace('.', '').toUpperCase() : text;
        } else if (name === 'desc' && parent === cur.kind) {
          cur.title = text;
          const m = cur.kind === 'chapter' ? /\(([A-Z0-9]+)-([A-Z0-9]+)\)\s*$/.exec(text) : null;
          if (m) cur.range = { first: m[1], last: m[2] };
        } else if (name === 'note' && noteKind && noteKind !== 'sevenChrDef') {
          (cur.notes[noteKind] ??= []).push(text);
        } else if (name === 'extension' && noteKind === 'sevenChrDef' && extChar) {
          (cur.sevenChr ??= {})[extChar] = text;
        } else if (NOTE_SET.has(name) || name === 'sevenChrDef') {
          noteKind = undefined;
        } else if (name === cur.kind && (name === 'chapter' || name === 'section' || name === 'diag')) {
          finishEntry(open.pop()!, out);
        }
      },
    },
    out,
  );
  if (!sawRoot && out.errorCount === 0) out.error('tabular.root', 'expected root element <ICD10CM.tabular>', 1);
  if (open.length > 0)
    out.error(
      'tabular.truncated',
      `file ended inside <${open[open.length - 1].kind}> "${open[open.length - 1].id}" opened at line ${open[open.length - 1].line}`,
      out.lines,
    );
  out.records.sort((a, b) => a.line - b.line); // document order (children close before parents)
  return { ...out.finish(), version };
}

function finishEntry(entry: TabularEntry, out: ImportCollector<TabularEntry>): void {
  if (!entry.id) {
    out.error('tabular.name', `<${entry.kind}> has no <name>/id`, entry.line, undefined, 'name');
    return;
  }
  if (entry.kind === 'diag' && !/^[A-Z][0-9A-Z]{2,6}$/.test(entry.id)) {
    out.error('tabular.code', `<diag> name "${entry.id}" is not an ICD-10-CM code`, entry.line, undefined, 'name');
    return;
  }
  out.records.push(entry);
}

function parseRange(id: string): { first: string; last: string } {
  const [first, last] = id.split('-');
  return { first, last: last ?? first };
}
