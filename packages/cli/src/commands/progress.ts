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
