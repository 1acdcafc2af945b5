/**
 * Prints one plain closing line, "database: N passed, N failed, N skipped", that CI reads; and fails the run
 * when a test or suite that names its reference data (`[needs ../shared/data/…]`, see test-data.ts) was
 * skipped although that data is there: a skip must never hide a test that could have run.
 */
import type { Reporter, TestModule } from 'vitest/node';
import { skippedWithDataPresent } from './test-data.ts';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const wronglySkipped: string[] = [];
    const check = (name: string, where: string) => {
      const rel = skippedWithDataPresent(name);
      if (rel) wronglySkipped.push(`${where}: "${name}" skipped although ../shared/data/${rel} is there`);
    };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          check(t.name, m.moduleId);
        }
      }
      for (const s of m.children.allSuites()) if (s.state() === 'skipped') check(s.name, m.moduleId);
      if (m.state() === 'failed' && ![...m.children.allTests()].length) failed++;
    }
    const db = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
    for (const line of wronglySkipped) process.stdout.write(`\n${line}`);
    if (wronglySkipped.length) process.exitCode = 1;
    process.stdout.write(`\n${db}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
