/**
 * The clearinghouse's side of the SFTP exchange, for the demo and tests (`medbill payer-sim`):
 * watches the folder the SFTP server exposes as outbound, hands each new complete file (never a
 * `.part`) to `respond` once, and writes the answers (999, 277CA, 835 ...) into the inbound folder
 * atomically (`<name>.part`, then a no-clobber link to `<name>`).
 *
 * What was answered is kept in a small state file (by name and SHA-256), written atomically after
 * the answers, so a restart does not answer twice. A crash between writing answers and saving the
 * state re-runs `respond` for that file; identical answers already in the inbound folder are
 * skipped, so a deterministic responder causes no duplicates.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertSafeFileName, isSafeFileName, PART_SUFFIX } from './clearinghouse-adapter.ts';

export interface DropBoxResponse {
  name: string;
  text: string;
}

export interface PayerDropBoxOptions {
  /** The SFTP server's root folder (local path). */
  rootDir: string;
  /** Outbound folder as the SFTP client sees it, e.g. `/outbound` (resolved inside rootDir). */
  outboundDir: string;
  /** Inbound folder as the SFTP client sees it, e.g. `/inbound`. */
  inboundDir: string;
  respond: (fileName: string, text: string) => Promise<DropBoxResponse[]>;
  /** Poll interval; 0 means no timer (call `pollOnce` yourself). Default 500 ms. */
  pollMs?: number;
  /** Default: `<rootDir>/.payer-drop-box-state.json`. */
  stateFile?: string;
  /** Called with each failure (the file is tried again on the next poll). Default: console.error. */
  onError?: (err: Error) => void;
}

export interface AnsweredFile {
  sha256: string;
  answeredAt: string;
  responses: string[];
}

export interface PayerDropBox {
  /** Answers every new outbound file now; resolves to the names answered in this pass. */
  pollOnce(): Promise<string[]>;
  answered(): ReadonlyMap<string, AnsweredFile>;
  close(): Promise<void>;
}

interface StateFileShape {
  version: 1;
  answered: Record<string, AnsweredFile>;
}

/** `dir` as a client sees it, mapped inside `rootDir` (`..` cannot climb out). */
function insideRoot(rootDir: string, dir: string): string {
  return path.join(rootDir, ...path.posix.resolve('/', dir).split('/').filter(Boolean));
}

async function loadState(stateFile: string): Promise<Map<string, AnsweredFile>> {
  let text: string;
  try {
    text = await fs.readFile(stateFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const parsed = JSON.parse(text) as StateFileShape;
  if (parsed.version !== 1)
    throw new Error(`payer drop box: ${stateFile} has unknown version ${String(parsed.version)}`);
  return new Map(Object.entries(parsed.answered));
}

async function writeAtomically(filePath: string, data: string | Uint8Array, noClobber: boolean): Promise<void> {
  const part = filePath + PART_SUFFIX;
  const handle = await fs.open(part, 'w', 0o640);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (noClobber) {
    await fs.link(part, filePath);
    await fs.rm(part);
  } else {
    await fs.rename(part, filePath);
  }
}

/** Writes one answer into the inbound folder; an identical file already there counts as written. */
async function deliver(inbound: string, response: DropBoxResponse): Promise<void> {
  assertSafeFileName(response.name);
  const target = path.join(inbound, response.name);
  try {
    await writeAtomically(target, response.text, true);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await fs.rm(target + PART_SUFFIX, { force: true });
    if ((await fs.readFile(target, 'utf8')) !== response.text) {
      throw new Error(`payer drop box: ${target} already exists with different content`);
    }
  }
}

export async function runPayerDropBox(options: PayerDropBoxOptions): Promise<PayerDropBox> {
  const outbound = insideRoot(options.rootDir, options.outboundDir);
  const inbound = insideRoot(options.rootDir, options.inboundDir);
  const stateFile = options.stateFile ?? path.join(options.rootDir, '.payer-drop-box-state.json');
  const onError = options.onError ?? ((err: Error) => console.error(err.message));
  await fs.mkdir(outbound, { recursive: true });
  await fs.mkdir(inbound, { recursive: true });
  const answered = await loadState(stateFile);

  const saveState = () => {
    const shape: StateFileShape = { version: 1, answered: Object.fromEntries(answered) };
    return writeAtomically(stateFile, JSON.stringify(shape, null, 2), false);
  };

  async function answerOne(name: string): Promise<boolean> {
    const bytes = await fs.readFile(path.join(outbound, name));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (answered.get(name)?.sha256 === sha256) return false;
    const responses = await options.respond(name, bytes.toString('utf8'));
    for (const response of responses) await deliver(inbound, response);
    answered.set(name, { sha256, answeredAt: new Date().toISOString(), responses: responses.map((r) => r.name) });
    await saveState();
    return true;
  }

  async function pass(): Promise<string[]> {
    const done: string[] = [];
    const entries = await fs.readdir(outbound, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isFile() || entry.name.endsWith(PART_SUFFIX) || !isSafeFileName(entry.name)) continue;
      try {
        if (await answerOne(entry.name)) done.push(entry.name);
      } catch (err) {
        onError(
          new Error(`payer drop box: answering ${path.join(outbound, entry.name)} failed: ${(err as Error).message}`, {
            cause: err,
          }),
        );
      }
    }
    return done;
  }

  let running: Promise<unknown> = Promise.resolve();
  const pollOnce = (): Promise<string[]> => {
    const next = running.then(pass);
    running = next.catch(() => undefined);
    return next;
  };

  const pollMs = options.pollMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = () => {
    if (closed || pollMs <= 0) return;
    timer = setTimeout(() => {
      pollOnce()
        .catch((err: Error) => onError(new Error(`payer drop box: polling ${outbound} failed: ${err.message}`)))
        .finally(schedule);
    }, pollMs);
  };
  schedule();

  return {
    pollOnce,
    answered: () => answered,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
