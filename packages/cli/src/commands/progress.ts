/** A progress bar on a terminal, a quiet no-op elsewhere (CI, pipes, --json). */
import cliProgress from 'cli-progress';
import type { CliIO } from '../io.ts';

export interface Progress {
  update(value: number, label?: string): void;
  stop(): void;
}

export function progressBar(io: CliIO, total: number, label: string, enabled = true): Progress {
  if (!io.isTTY || !enabled || !total) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} {label}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return { update: (v, l) => bar.update(Math.min(v, total), { label: l ?? '' }), stop: () => bar.stop() };
}

/** The bar of a poll: which file of how many, and within a large 835 its claims read, planned and written. */
export function pollProgress(
  io: CliIO,
  enabled: boolean,
): {
  update: (p: { file: string; index: number; files: number; phase: string; done: number; total: number }) => void;
  stop: () => void;
} {
  let bar: Progress | undefined;
  let at = '';
  return {
    update(p) {
      if (!p.total) return;
      const key = `${p.index}/${p.phase}`;
      if (key !== at) {
        bar?.stop();
        bar = progressBar(io, p.total, `${p.file} (${p.index} of ${p.files}) ${p.phase}`, enabled);
        at = key;
      }
      bar?.update(p.done);
    },
    stop() {
      bar?.stop();
    },
  };
}
