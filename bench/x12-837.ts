/** 837P part of the x12 benchmark: build 20,000 claims with the 837 builder, then read them back. */
import { writeSegments } from '../packages/x12/src/syntax/writer.ts';
import { tokenize } from '../packages/x12/src/syntax/tokenizer.ts';
import { readEnvelopes, allTransactions } from '../packages/x12/src/syntax/envelope.ts';
import { interchangeSegments } from '../packages/x12/src/syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Segment } from '../packages/x12/src/syntax/types.ts';
import { text837 } from './x12-generate.ts';

export interface Bench837Result {
  claims: number;
  bytes: number;
  /** claims built per second (null when the 837 builder is not available) */
  buildClaimsPerSec: number | null;
  readMs: number;
  readClaimsPerSec: number;
  /** 'builder' when the text came from build837, 'text' when generated directly */
  source: 'builder' | 'text';
  reader: 'read837' | 'tokenize+envelopes';
  issues: number;
}

type Build837 = (file: unknown) => Segment[];
type Read837 = (segments: readonly Segment[], opts: { delimiters?: unknown }) => { issues: unknown[] };

async function loadModules(): Promise<{ build?: Build837; read?: Read837; file?: (n: number) => unknown }> {
  try {
    const b = (await import('../packages/x12/src/transactions/837/build-837.ts')) as { build837: Build837 };
    const r = (await import('../packages/x12/src/transactions/837/read-837.ts')) as { read837: Read837 };
    const f = (await import('../packages/x12/src/transactions/837/claim-fixtures.test-util.ts')) as {
      professionalFile: () => { billingProviders: { subscribers: { claims: unknown[]; patients: unknown[] }[] }[] };
      officeVisit: (id: string) => unknown;
    };
    // one claim per subscriber, as in real batches (build837 also takes 50,000 claims in one subscriber: build-837.test.ts)
    const file = (n: number) => {
      const pf = f.professionalFile();
      const sub = pf.billingProviders[0].subscribers[0];
      pf.billingProviders[0].subscribers = Array.from({ length: n }, (_, i) => ({ ...sub, claims: [f.officeVisit(`BENCH-${i}`)], patients: [] }));
      return pf;
    };
    return { build: b.build837, read: r.read837, file };
  } catch {
    return {};
  }
}

/** Build the 837 text (timed). Its own function, so the claim model and segments are garbage before the read is timed. */
function buildText(m: Awaited<ReturnType<typeof loadModules>>, claims: number): { text: string; buildClaimsPerSec: number | null } {
  if (!m.build || !m.file) return { text: text837(claims), buildClaimsPerSec: null };
  const file = m.file(claims);
  const t0 = performance.now();
  const body = m.build(file);
  const text = writeSegments(interchangeSegments({
    sender: 'BENCHCLINIC', receiver: 'BENCHPAYER', controlNumber: '2', date: '20260115', time: '1200', usage: 'T',
    groups: [{ functionalId: 'HC', appSender: 'BENCHCLINIC', appReceiver: 'BENCHPAYER', controlNumber: '2', version: '005010X222A1', transactions: [{ controlNumber: '0001', body: body.slice(1, -1) }] }],
  }, DEFAULT_DELIMITERS), DEFAULT_DELIMITERS, { lineBreak: true });
  return { text, buildClaimsPerSec: claims / ((performance.now() - t0) / 1000) };
}

export async function bench837(claims = 20_000): Promise<Bench837Result> {
  const m = await loadModules();
  const { text, buildClaimsPerSec } = buildText(m, claims);
  const t1 = performance.now();
  const t = tokenize(text);
  const env = readEnvelopes(t.segments);
  let issues = t.issues.length + env.issues.length;
  if (m.read) for (const tx of allTransactions(env)) issues += m.read(tx.segments, { delimiters: t.delimiters ?? undefined }).issues.length;
  const readMs = performance.now() - t1;
  return {
    claims, bytes: text.length, buildClaimsPerSec, readMs, readClaimsPerSec: claims / (readMs / 1000),
    source: m.build ? 'builder' : 'text', reader: m.read ? 'read837' : 'tokenize+envelopes', issues,
  };
}
