import {
  readEnvelopes,
  type GroupEnvelope,
  type InterchangeEnvelope,
  type TransactionEnvelope,
} from '../syntax/envelope.ts';
import { tokenize } from '../syntax/tokenizer.ts';
import { pushAll } from '../syntax/push-all.ts';
import {
  DEFAULT_DELIMITERS,
  type Delimiters,
  type IssueSeverity,
  type Segment,
  type X12Issue,
} from '../syntax/types.ts';
import { guideIssue } from './guide-codes.ts';
import { selectGuide } from './select-guide.ts';
import type { GuideDef } from './types.ts';
import { walkTransaction } from './walk-transaction.ts';

export { GUIDES, guideByKey, selectGuide } from './select-guide.ts';

export interface ValidateContext {
  delimiters?: Delimiters;
  file?: string;
}

/** Validate one transaction set (ST … SE inclusive) against an implementation guide. Never throws. */
export function validateTransaction(
  segments: readonly Segment[],
  guide: GuideDef,
  ctx: ValidateContext = {},
): X12Issue[] {
  return walkTransaction(segments, guide, { delimiters: ctx.delimiters ?? DEFAULT_DELIMITERS, file: ctx.file });
}

export interface TransactionResult {
  st01: string;
  st02: string;
  st03: string;
  gs08: string;
  /** key of the guide used ('837P' …), null when no guide fits ST01 */
  guide: string | null;
  /** 1-based file position of the ST segment */
  stIndex: number;
  /** segments actually found from ST to SE */
  segmentCount: number;
  hasSE: boolean;
  /** guide issues plus the syntax/envelope issues positioned inside this transaction */
  issues: X12Issue[];
}

export interface GroupResult {
  gs01: string;
  gs06: string;
  gs08: string;
  gsIndex: number;
  hasGE: boolean;
  /** GE01 as sent (number of transaction sets), when readable */
  geCount?: number;
  /** GS02/GS03 application sender and receiver */
  appSender: string;
  appReceiver: string;
  transactions: TransactionResult[];
  /** GS/GE-level issues (GE count or control number, missing GE) */
  issues: X12Issue[];
}

export interface InterchangeResult {
  isa: Segment;
  controlNumber: string;
  hasIEA: boolean;
  delimiters: Delimiters;
  groups: GroupResult[];
  /** ISA/IEA-level issues */
  issues: X12Issue[];
}

export interface ValidateFileResult {
  /** every issue of the file, in file order */
  issues: X12Issue[];
  transactions: TransactionResult[];
  interchanges: InterchangeResult[];
  delimiters: Delimiters | null;
}

/** Separators of one interchange: ISA16 for components, ISA11 for repetitions (5010). */
function delimitersOf(isa: Segment, base: Delimiters): Delimiters {
  const comp = isa.elements[15] ?? '';
  const rep = isa.elements[10] ?? '';
  return {
    ...base,
    component: comp.length === 1 ? comp : base.component,
    repetition:
      rep.length === 1 && !/[A-Za-z0-9 ]/.test(rep) && rep !== comp && rep !== base.element && rep !== base.segment
        ? rep
        : '',
  };
}

function lastIndex(segs: readonly Segment[]): number {
  return segs[segs.length - 1]?.loc?.index ?? 0;
}

function validateEnvelopeTx(
  tx: TransactionEnvelope,
  gs08: string,
  delimiters: Delimiters,
  file: string | undefined,
): TransactionResult {
  const st03 = tx.st.elements[2] ?? '';
  const choice = selectGuide(tx.st01, gs08, st03);
  const issues: X12Issue[] = [];
  const where = {
    file,
    segmentIndex: tx.st.loc?.index,
    line: tx.st.loc?.line,
    offset: tx.st.loc?.offset,
    segmentId: 'ST',
  };
  if (!choice.guide) {
    issues.push(
      guideIssue(
        'TRANSACTION_NOT_SUPPORTED',
        choice.note ?? 'transaction set not supported',
        { ...where, element: 1 },
        { found: tx.st01 },
      ),
    );
  } else {
    if (choice.note)
      issues.push(
        guideIssue(
          'VERSION_MISMATCH',
          choice.note,
          { ...where, element: 3 },
          { severity: 'warning', found: st03 || gs08, expected: choice.guide.versions[0] },
        ),
      );
    pushAll(issues, walkTransaction(tx.segments, choice.guide, { delimiters, file }));
  }
  return {
    st01: tx.st01,
    st02: tx.controlNumber,
    st03,
    gs08,
    guide: choice.guide?.key ?? null,
    stIndex: tx.st.loc?.index ?? 0,
    segmentCount: tx.segments.length,
    hasSE: tx.se !== undefined,
    issues,
  };
}

function groupResult(g: GroupEnvelope, delimiters: Delimiters, file: string | undefined): GroupResult {
  return {
    gs01: g.functionalId,
    gs06: g.controlNumber,
    gs08: g.version,
    gsIndex: g.gs.loc?.index ?? 0,
    hasGE: g.ge !== undefined,
    geCount: g.ge && /^\d+$/.test(g.ge.elements[0] ?? '') ? Number(g.ge.elements[0]) : undefined,
    appSender: g.appSender,
    appReceiver: g.appReceiver,
    transactions: g.transactions.map((tx) => validateEnvelopeTx(tx, g.version, delimiters, file)),
    issues: [],
  };
}

function interchangeResult(ic: InterchangeEnvelope, base: Delimiters, file: string | undefined): InterchangeResult {
  const delimiters = delimitersOf(ic.isa, base);
  return {
    isa: ic.isa,
    controlNumber: ic.controlNumber,
    hasIEA: ic.iea !== undefined,
    delimiters,
    groups: ic.groups.map((g) => groupResult(g, delimiters, file)),
    issues: [],
  };
}

/** Attach each syntax issue to the innermost transaction, group or interchange that holds its segment. */
function distribute(
  issues: readonly X12Issue[],
  env: { interchanges: InterchangeEnvelope[] },
  results: InterchangeResult[],
): X12Issue[] {
  const fileLevel: X12Issue[] = [];
  for (const issue of issues) {
    const at = issue.location.segmentIndex;
    let placed = false;
    for (let i = 0; i < results.length && at !== undefined && !placed; i++) {
      const ic = env.interchanges[i];
      const end = ic.iea?.loc?.index ?? Infinity;
      const next = env.interchanges[i + 1]?.isa.loc?.index ?? Infinity;
      if (at < (ic.isa.loc?.index ?? 0) || at > Math.min(end, next - 1)) continue;
      placed = placeInGroups(issue, at, ic, results[i]);
      if (!placed) results[i].issues.push(issue);
      placed = true;
    }
    if (!placed) fileLevel.push(issue);
  }
  return fileLevel;
}

/** Envelope trailer codes belong to their level even when reported at a segment inside a transaction. */
function levelOf(code: string): 'interchange' | 'group' | 'any' {
  if (code.startsWith('IEA_') || code.startsWith('ISA_')) return 'interchange';
  return code.startsWith('GE_') ? 'group' : 'any';
}

function placeInGroups(issue: X12Issue, at: number, ic: InterchangeEnvelope, r: InterchangeResult): boolean {
  const level = levelOf(issue.code);
  if (level === 'interchange') return false;
  for (let gi = 0; gi < ic.groups.length; gi++) {
    const g = ic.groups[gi];
    const start = g.gs.loc?.index ?? 0;
    const end = g.ge?.loc?.index ?? (ic.groups[gi + 1]?.gs.loc?.index ?? Infinity) - 1;
    if (at < start || at > end) continue;
    const txs = level === 'group' ? [] : g.transactions;
    for (let ti = txs.length - 1; ti >= 0; ti--) {
      const tx = txs[ti];
      const txStart = tx.st.loc?.index ?? 0;
      const txEnd = tx.se?.loc?.index ?? lastIndex(tx.segments);
      const missingSE = issue.code === 'SE_MISSING' && at >= txStart;
      if ((at >= txStart && at <= txEnd) || missingSE) {
        r.groups[gi].transactions[ti].issues.push(issue);
        return true;
      }
    }
    r.groups[gi].issues.push(issue);
    return true;
  }
  return false;
}

export interface ValidateFileOptions {
  file?: string;
  /** per-code severity overrides (a trading partner's leniency), e.g. { NOT_USED_ELEMENT_PRESENT: 'warning' } */
  severity?: Partial<Record<string, IssueSeverity>>;
}

function overrideSeverities(issues: X12Issue[], table: Partial<Record<string, IssueSeverity>>): void {
  for (const i of issues) {
    const s = table[i.code];
    if (s) i.severity = s;
  }
}

function byPosition(a: X12Issue, b: X12Issue): number {
  const ai = a.location.segmentIndex ?? Infinity;
  const bi = b.location.segmentIndex ?? Infinity;
  if (ai !== bi) return ai - bi;
  return (a.location.offset ?? 0) - (b.location.offset ?? 0);
}

/**
 * Tokenize, check envelopes, and validate every transaction against the guide chosen by GS08 (falling
 * back on ST03/ST01 for mislabelled files). Never throws; everything found comes back as issues.
 */
export function validateFile(text: string, opts: ValidateFileOptions = {}): ValidateFileResult {
  const file = opts.file;
  const tok = tokenize(text, { file });
  const env = readEnvelopes(tok.segments, { file });
  const base = tok.delimiters ?? DEFAULT_DELIMITERS;
  const interchanges = env.interchanges.map((ic) => interchangeResult(ic, base, file));
  const fileLevel = distribute([...tok.issues, ...env.issues], env, interchanges);
  if (interchanges.length === 0 && !fileLevel.some((i) => i.severity === 'error')) {
    fileLevel.push(
      guideIssue('NO_INTERCHANGE', 'no ISA … IEA interchange found', { file, offset: 0, line: 1 }, { expected: 'ISA' }),
    );
  }
  const transactions = interchanges.flatMap((ic) => ic.groups.flatMap((g) => g.transactions));
  for (const t of transactions) t.issues.sort(byPosition);
  const all = [
    ...fileLevel,
    ...interchanges.flatMap((ic) => [
      ...ic.issues,
      ...ic.groups.flatMap((g) => [...g.issues, ...g.transactions.flatMap((t) => t.issues)]),
    ]),
  ];
  if (opts.severity) overrideSeverities(all, opts.severity);
  all.sort(byPosition);
  return { issues: all, transactions, interchanges, delimiters: tok.delimiters };
}
