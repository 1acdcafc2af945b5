/**
 * A worker thread doing long background work (posting an 835, parsing one) asks the OS to run it after the server's
 * own thread: on a busy machine the threads of one process share the cores equally, so without this the event loop
 * waits for a core behind its own workers and /api/health slows while an 835 is posted (issue 8 item 4). On Linux a
 * thread has a nice value of its own (setpriority on its thread id); elsewhere, or when refused, nothing changes.
 */
import fs from 'node:fs';
import os from 'node:os';

/** nice value of background worker threads (0 normal, 19 lowest) */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's priority; true when done. */
export function runThisThreadInBackground(nice = BACKGROUND_NICE): boolean {
  try {
    // "/proc/thread-self" → "<pid>/task/<tid>"
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0 || tid === process.pid) return false;
    os.setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
