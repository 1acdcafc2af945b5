/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  out(text: string): void; // one chunk of standard output (add '\n' yourself)
  err(text: string): void; // standard error
  /** the command's exit code is set here, never by process.exit inside a command */
  setExitCode(code: ExitCode): void;
  isTTY: boolean;
}

/** 0 success, 1 a problem with the input (the message says what and where), 2 a usage error. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    setExitCode: (c) => {
      process.exitCode = c;
    },
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** An IO that records everything, for tests. */
export function memoryIO(): CliIO & { stdout: string; stderr: string; exitCode: number } {
  const io = {
    stdout: '',
    stderr: '',
    exitCode: 0,
    isTTY: false,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    setExitCode(c: ExitCode) {
      io.exitCode = c;
    },
  };
  return io;
}
