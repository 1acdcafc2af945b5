import type { ImportIssue, ImportOptions, ImportProgress, ImportResult, TextSource } from '../types.ts';

/** Yields the lines of a text source without line terminators (handles CRLF and chunk splits). */
export async function* readLines(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield* splitText(source);
    return;
  }
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) yield stripCr(p);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield stripCr(rest);
}

/** Yields text chunks (for the XML parser) from any text source. */
export async function* readChunks(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function* splitText(text: string): Generator<string> {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    yield stripCr(text.slice(start, end));
    start = end + 1;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Collects records and issues for one import, with progress reporting and an issue cap. */
export class ImportCollector<T> {
  readonly records: T[] = [];
  readonly issues: ImportIssue[] = [];
  lines = 0;
  private readonly every: number;
  private readonly maxIssues: number;

  constructor(private readonly options: ImportOptions = {}) {
    this.every = options.progressEvery ?? 10_000;
    this.maxIssues = options.maxIssues ?? 200;
  }

  tick(): void {
    this.lines++;
    if (this.options.onProgress && this.lines % this.every === 0) {
      this.options.onProgress(this.progress());
    }
  }

  error(code: string, message: string, line: number, column?: number, field?: string): void {
    this.add({ code, severity: 'error', message, location: { line, column, field } });
  }

  warn(code: string, message: string, line: number, column?: number, field?: string): void {
    this.add({ code, severity: 'warning', message, location: { line, column, field } });
  }

  private add(issue: ImportIssue): void {
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
  }

  get errorCount(): number {
    return this.issues.filter((i) => i.severity === 'error').length;
  }

  progress(): ImportProgress {
    return { lines: this.lines, records: this.records.length };
  }

  finish(): ImportResult<T> {
    this.options.onProgress?.(this.progress());
    return { ok: this.errorCount === 0, records: this.records, issues: this.issues, lines: this.lines };
  }
}
