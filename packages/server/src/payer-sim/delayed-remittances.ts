/**
 * Payers answer the 999 and 277CA within minutes but pay days later: this wraps a responder so the
 * 835 files are held back and written into the inbound folder (atomically) after `delayMs`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ResponseFile } from './payer-sim-responder.ts';

export type Responder = (fileName: string, text: string) => Promise<ResponseFile[]>;

export function withDelayedRemittances(
  respond: Responder,
  opts: { delayMs: number; inboundDir: string; onError?: (e: Error) => void },
) {
  const pending = new Set<NodeJS.Timeout>();
  const wrapped: Responder = async (fileName, text) => {
    const files = await respond(fileName, text);
    if (opts.delayMs <= 0) return files;
    for (const f of files.filter((x) => x.kind === '835')) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        const target = path.join(opts.inboundDir, f.name);
        fs.writeFile(`${target}.remit.part`, f.text)
          .then(() => fs.rename(`${target}.remit.part`, target))
          .catch((e: Error) => opts.onError?.(e));
      }, opts.delayMs);
      pending.add(timer);
    }
    return files.filter((x) => x.kind !== '835');
  };
  return {
    respond: wrapped,
    /** 835s still held back */
    pending: () => pending.size,
    stop: () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
