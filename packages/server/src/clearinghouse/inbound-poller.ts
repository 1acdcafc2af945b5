/**
 * Picks up inbound files (999, 277CA, 835) from any ClearinghouseAdapter: download, let the caller
 * store them (as received, with their hash), and only then move them to the processed folder.
 * A file whose `store` fails stays in the inbound folder and is tried again on the next poll.
 */
import type { ClearinghouseAdapter, RemoteFile } from './clearinghouse-adapter.ts';

export type StoreInboundFile = (file: RemoteFile, bytes: Uint8Array) => Promise<void>;

export interface InboundPollResult {
  stored: string[];
  failed: Array<{ name: string; error: Error }>;
}

export async function pollInboundOnce(
  adapter: ClearinghouseAdapter,
  store: StoreInboundFile,
): Promise<InboundPollResult> {
  const result: InboundPollResult = { stored: [], failed: [] };
  for (const file of await adapter.listInbound()) {
    try {
      const bytes = await adapter.download(file);
      await store(file, bytes);
      await adapter.markProcessed(file);
      result.stored.push(file.name);
    } catch (err) {
      result.failed.push({ name: file.name, error: err as Error });
    }
  }
  return result;
}

export interface InboundPolling {
  /** Polls now (after any poll under way) and resolves with its result. */
  pollNow(): Promise<InboundPollResult>;
  stop(): Promise<void>;
}

export function startInboundPolling(options: {
  adapter: ClearinghouseAdapter;
  store: StoreInboundFile;
  intervalMs: number;
  onResult?: (result: InboundPollResult) => void;
  onError?: (err: Error) => void;
}): InboundPolling {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const pollNow = () => {
    const next = running.then(() => pollInboundOnce(options.adapter, options.store));
    running = next.catch(() => undefined);
    return next;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      pollNow()
        .then((result) => options.onResult?.(result))
        .catch((err: Error) => options.onError?.(err))
        .finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    pollNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
