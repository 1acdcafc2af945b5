/** Prints one plain closing line, "database: N passed, N failed, N skipped", that CI reads. */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (m.state() === 'failed' && ![...m.children.allTests()].length) failed++;
    }
    const db = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
    process.stdout.write(`\n${db}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
