/**
 * Dev-time generator: reads the pyx12 XML maps (not shipped) and writes our compact guide definitions to
 * packages/x12/src/guides/defs/*.ts plus external-codes.ts.
 *
 *   npx tsx packages/x12/scripts/gen-guides.ts [/path/to/shared/data]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import type {
  DataType,
  ElementDef,
  GuideDef,
  GuideNode,
  LoopDef,
  SegmentDef,
  Trigger,
  Usage,
} from '../src/guides/types.ts';
import { pushAll } from '../src/syntax/push-all.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const dataDir = process.argv[2] ?? path.resolve(repoRoot, '../shared/data');
const mapsDir = path.join(dataDir, 'x12-specs/pyx12-maps');
const outDir = path.resolve(here, '../src/guides/defs');

interface GuideSpec {
  key: string;
  file: string;
  st01: string;
  gs01: string;
  versions: string[];
  constName: string;
  outFile: string;
}

const SPECS: GuideSpec[] = [
  {
    key: '837P',
    file: '837.5010.X222.A1.xml',
    st01: '837',
    gs01: 'HC',
    versions: ['005010X222A1', '005010X222', '005010X222A2'],
    constName: 'guide837P',
    outFile: '837p.ts',
  },
  {
    key: '837I',
    file: '837Q3.I.5010.X223.A1.xml',
    st01: '837',
    gs01: 'HC',
    versions: ['005010X223A2', '005010X223', '005010X223A1', '005010X223A3'],
    constName: 'guide837I',
    outFile: '837i.ts',
  },
  {
    key: '835',
    file: '835.5010.X221.A1.xml',
    st01: '835',
    gs01: 'HP',
    versions: ['005010X221A1', '005010X221'],
    constName: 'guide835',
    outFile: '835.ts',
  },
  {
    key: '277',
    file: '277.5010.X212.xml',
    st01: '277',
    gs01: 'HN',
    versions: ['005010X212'],
    constName: 'guide277',
    outFile: '277.ts',
  },
  {
    key: '277CA',
    file: '277.5010.X214.xml',
    st01: '277',
    gs01: 'HN',
    versions: ['005010X214'],
    constName: 'guide277CA',
    outFile: '277ca.ts',
  },
  {
    key: '999',
    file: '999.5010X231.A1.xml',
    st01: '999',
    gs01: 'FA',
    versions: ['005010X231A1', '005010X231'],
    constName: 'guide999',
    outFile: '999.ts',
  },
];

type XNode = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  parseTagValue: false,
  trimValues: true,
});

function tagOf(n: XNode): string {
  return Object.keys(n).find((k) => k !== ':@') ?? '';
}
function kids(n: XNode): XNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}
function attr(n: XNode, name: string): string | undefined {
  return (n[':@'] as Record<string, string> | undefined)?.[name];
}
function text(n: XNode, child: string): string {
  const c = kids(n).find((k) => tagOf(k) === child);
  if (!c) return '';
  return kids(c)
    .map((t) => String(t['#text'] ?? ''))
    .join('');
}
function all(n: XNode, child: string): XNode[] {
  return kids(n).filter((k) => tagOf(k) === child);
}

interface DataEle {
  type: DataType;
  min: number;
  max: number;
}
function loadDataElements(): Map<string, DataEle> {
  const doc = parser.parse(readFileSync(path.join(mapsDir, 'dataele.xml'), 'utf8')) as XNode[];
  const root = doc.find((n) => tagOf(n) === 'data_elements')!;
  const out = new Map<string, DataEle>();
  for (const d of all(root, 'data_ele')) {
    out.set(attr(d, 'ele_num')!, {
      type: attr(d, 'data_type') as DataType,
      min: Number(attr(d, 'min_len')),
      max: Number(attr(d, 'max_len')),
    });
  }
  return out;
}

function usage(n: XNode): Usage {
  const u = text(n, 'usage');
  return u === 'R' || u === 'S' || u === 'N' ? u : 'S';
}
function count(s: string): number {
  const t = s.replace('&gt;', '>').trim();
  return t === '>1' || t === '' ? 0 : Number(t);
}

function convertElement(n: XNode, des: Map<string, DataEle>): ElementDef {
  const de = text(n, 'data_ele');
  const base: ElementDef = {
    seq: Number(text(n, 'seq')),
    name: text(n, 'name'),
    usage: usage(n),
    type: 'AN',
    min: 0,
    max: 0,
    de,
  };
  if (tagOf(n) === 'composite') {
    return { ...base, parts: all(n, 'element').map((c) => convertElement(c, des)) };
  }
  const d = des.get(de) ?? { type: 'AN', min: 1, max: 80 };
  const out: ElementDef = { ...base, type: d.type, min: d.min, max: d.max };
  const vc = all(n, 'valid_codes')[0];
  if (vc) {
    const ext = attr(vc, 'external');
    if (ext) out.ext = ext;
    const codes = all(vc, 'code').map((c) =>
      kids(c)
        .map((t) => String(t['#text'] ?? ''))
        .join(''),
    );
    if (codes.length > 0) out.codes = codes;
  }
  const regex = text(n, 'regex');
  if (regex) out.regex = regex;
  return out;
}

function triggerFor(seg: SegmentDef): Trigger | undefined {
  if (seg.seg === 'HL') {
    const hl03 = seg.elements.find((e) => e.seq === 3);
    return hl03?.codes ? { element: 3, codes: hl03.codes } : undefined;
  }
  const first = seg.elements[0];
  if (first?.seq !== 1 || first.usage !== 'R') return undefined;
  if (first.parts) {
    const c = first.parts[0];
    return c && c.type === 'ID' && c.usage === 'R' && c.codes
      ? { element: 1, component: 1, codes: c.codes }
      : undefined;
  }
  return first.type === 'ID' && first.codes ? { element: 1, codes: first.codes } : undefined;
}

function pairDateFormats(elements: ElementDef[]): void {
  for (const e of elements) {
    if (e.de !== '1251') continue;
    const q = elements.find((x) => x.de === '1250' && x.seq < e.seq);
    if (q) e.fmt = q.seq;
  }
}

function convertSegment(n: XNode, des: Map<string, DataEle>): SegmentDef {
  const elements = kids(n)
    .filter((k) => tagOf(k) === 'element' || tagOf(k) === 'composite')
    .map((k) => convertElement(k, des));
  pairDateFormats(elements);
  const seg: SegmentDef = {
    seg: attr(n, 'xid')!,
    name: text(n, 'name'),
    usage: usage(n),
    max: count(text(n, 'max_use')),
    elements,
  };
  const syntax = all(n, 'syntax').map((s) =>
    kids(s)
      .map((t) => String(t['#text'] ?? ''))
      .join(''),
  );
  if (syntax.length > 0) seg.syntax = syntax;
  const trigger = triggerFor(seg);
  if (trigger) seg.trigger = trigger;
  return seg;
}

/** Children of a loop, with header/detail/footer wrapper loops flattened into their parent. */
function convertChildren(n: XNode, des: Map<string, DataEle>): GuideNode[] {
  const out: GuideNode[] = [];
  for (const k of kids(n)) {
    const tag = tagOf(k);
    if (tag === 'segment') out.push(convertSegment(k, des));
    else if (tag === 'loop' && attr(k, 'type') === 'wrapper') pushAll(out, convertChildren(k, des));
    else if (tag === 'loop') out.push(convertLoop(k, des));
  }
  return out;
}

function convertLoop(n: XNode, des: Map<string, DataEle>): LoopDef {
  return {
    loop: attr(n, 'xid')!,
    name: text(n, 'name'),
    usage: usage(n),
    repeat: count(text(n, 'repeat')),
    children: convertChildren(n, des),
  };
}

function findLoop(nodes: XNode[], xid: string): XNode | undefined {
  for (const n of nodes) {
    if (tagOf(n) === 'loop' && attr(n, 'xid') === xid) return n;
    const inner = findLoop(
      kids(n).filter((k) => tagOf(k) === 'loop' || tagOf(k) === 'transaction'),
      xid,
    );
    if (inner) return inner;
  }
  return undefined;
}

function findSegment(nodes: XNode[], xid: string): XNode | undefined {
  for (const n of nodes) {
    if (tagOf(n) === 'segment' && attr(n, 'xid') === xid) return n;
    const inner = findSegment(kids(n), xid);
    if (inner) return inner;
  }
  return undefined;
}

function buildGuide(spec: GuideSpec, des: Map<string, DataEle>): GuideDef {
  const doc = parser.parse(readFileSync(path.join(mapsDir, spec.file), 'utf8')) as XNode[];
  const stLoop = findLoop(doc, 'ST_LOOP');
  if (!stLoop) throw new Error(`${spec.file}: no ST_LOOP`);
  const body = convertLoop(stLoop, des);
  // ST03 is marked "not used" in some pyx12 maps (835) though 5010 senders routinely fill it with the
  // guide id; accept it as situational rather than reject most real 835s.
  const st = body.children.find((c): c is SegmentDef => 'seg' in c && c.seg === 'ST');
  const st03 = st?.elements.find((e) => e.seq === 3);
  if (st03 && st03.usage === 'N') st03.usage = 'S';
  const hasSE = body.children.some((c) => 'seg' in c && c.seg === 'SE');
  if (!hasSE) {
    // some maps (277 X212) keep the footer outside ST_LOOP; put SE back at the end of the body
    const se = findSegment(doc, 'SE');
    if (se) body.children = [...body.children, convertSegment(se, des)];
  }
  const name = text(doc.find((n) => tagOf(n) === 'transaction')!, 'name');
  return { key: spec.key, name, st01: spec.st01, gs01: spec.gs01, versions: spec.versions, body };
}

/** Loops whose whole subtree occurs more than once (837 2300 under 2000B and 2000C) become shared constants. */
function findShared(guide: GuideDef): Map<string, string> {
  const seen = new Map<string, number>();
  const visit = (l: LoopDef): void => {
    const key = JSON.stringify(l);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const c of l.children) if ('loop' in c) visit(c);
  };
  visit(guide.body);
  const shared = new Map<string, string>();
  for (const [key, n] of seen) {
    if (n < 2) continue;
    const l = JSON.parse(key) as LoopDef;
    shared.set(key, `loop${l.loop.replace(/[^A-Za-z0-9]/g, '')}_${shared.size}`);
  }
  return shared;
}

let sharedNames = new Map<string, string>();

/** One-line object literal with bare keys: { seq: 1, name: "…", … } */
function compact(o: Record<string, unknown>): string {
  return `{ ${Object.entries(o)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')} }`;
}

function emit(value: unknown, indent: string, top = false): string {
  if (!top && value && typeof value === 'object' && !Array.isArray(value) && 'loop' in value) {
    const name = sharedNames.get(JSON.stringify(value));
    if (name) return name;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return JSON.stringify(value);
    const inner = `${indent} `;
    return `[\n${value.map((v) => inner + emit(v, inner)).join(',\n')},\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.seq !== undefined && !o.parts) return compact(o);
    const inner = `${indent} `;
    const parts = Object.entries(o).map(([k, v]) => `${inner}${k}: ${emit(v, inner)}`);
    return `{\n${parts.join(',\n')},\n${indent}}`;
  }
  return JSON.stringify(value);
}

const HEADER = '// GENERATED by packages/x12/scripts/gen-guides.ts from the pyx12 maps — do not edit by hand.\n';

function writeGuide(spec: GuideSpec, des: Map<string, DataEle>): void {
  const guide = buildGuide(spec, des);
  sharedNames = findShared(guide);
  // emit shared loops innermost first so each constant is declared before use
  const consts = [...sharedNames.entries()]
    .sort((a, b) => a[0].length - b[0].length)
    .map(([key, name]) => `const ${name}: LoopDef = ${emit(JSON.parse(key), '', true)};\n`);
  const types = consts.length > 0 ? 'GuideDef, LoopDef' : 'GuideDef';
  const src = `${HEADER}import type { ${types} } from '../types.ts';\n\n${consts.join('\n')}${consts.length > 0 ? '\n' : ''}export const ${spec.constName}: GuideDef = ${emit(guide, '')};\n`;
  writeFileSync(path.join(outDir, spec.outFile), src);
  console.log(`${spec.outFile}: ${(src.length / 1024).toFixed(0)} KB`);
}

function writeExternalCodes(): void {
  const doc = parser.parse(readFileSync(path.join(mapsDir, 'codes.xml'), 'utf8')) as XNode[];
  const root = doc.find((n) => tagOf(n) === 'codesets')!;
  const lists: Record<string, string[]> = {};
  for (const cs of all(root, 'codeset')) {
    const id = text(cs, 'id');
    const version = all(cs, 'version')[0];
    lists[id] = version
      ? all(version, 'code').map((c) =>
          kids(c)
            .map((t) => String(t['#text'] ?? ''))
            .join(''),
        )
      : [];
  }
  const body = Object.entries(lists)
    .map(([id, codes]) => `  ${JSON.stringify(id)}: ${JSON.stringify(codes)},`)
    .join('\n');
  const src = `${HEADER}/** External code lists referenced by guide elements (\`ext\`), from pyx12 codes.xml. */\nexport const EXTERNAL_CODES: Record<string, readonly string[]> = {\n${body}\n};\n`;
  writeFileSync(path.join(outDir, 'external-codes.ts'), src);
  console.log(`external-codes.ts: ${(src.length / 1024).toFixed(0)} KB`);
}

function main(): void {
  mkdirSync(outDir, { recursive: true });
  const des = loadDataElements();
  for (const spec of SPECS) writeGuide(spec, des);
  writeExternalCodes();
}

main();
