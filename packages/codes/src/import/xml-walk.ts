import { SaxesParser } from 'saxes';
import type { TextSource } from '../types.ts';
import type { ImportCollector } from './lines.ts';
import { readChunks } from './lines.ts';

/** A start tag as the walker reports it, with its 1-based file line. */
export interface XmlOpen {
  name: string;
  attrs: Record<string, string>;
  line: number;
  column: number;
}

export interface XmlHandler {
  open(tag: XmlOpen, stack: readonly string[]): void;
  /** Called with the element's own collected text (children's text excluded). */
  close(name: string, text: string, stack: readonly string[]): void;
}

/**
 * Streams an XML source through saxes (well kept, no dependencies), keeping an element stack and each
 * element's direct text. Syntax errors and truncation become positioned issues in `out`, never throws.
 * Returns the number of elements seen.
 */
export async function walkXml(source: TextSource, handler: XmlHandler, out: ImportCollector<unknown>): Promise<number> {
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  const texts: string[] = [];
  let elements = 0;
  let failed = false;
  parser.on('error', (err) => {
    failed = true;
    const msg = err.message.replace(/^[^:]*:\d+:\d+: /, '');
    out.error('xml.syntax', `XML is not well formed: ${msg}`, parser.line, parser.column + 1);
  });
  parser.on('opentag', (tag) => {
    elements++;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    handler.open({ name: tag.name, attrs, line: parser.line, column: parser.column + 1 }, stack);
    stack.push(tag.name);
    texts.push('');
  });
  parser.on('text', (t) => {
    if (texts.length > 0) texts[texts.length - 1] += t;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    const text = texts.pop() ?? '';
    handler.close(tag.name, text.replace(/\s+/g, ' ').trim(), stack);
  });
  let lines = 0;
  for await (const chunk of readChunks(source)) {
    if (failed && out.errorCount > 20) break;
    parser.write(chunk);
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
      lines++;
      out.tick();
    }
  }
  parser.close();
  void lines;
  if (elements === 0 && !failed) out.error('xml.empty', 'no XML elements found', parser.line);
  return elements;
}
