/**
 * Tests find the reference data one way (`testData()` in test-data.ts): no other test or test helper under
 * packages/ or e2e/ computes a path to `shared/data`, and no test skips or returns early on data without saying so in its title.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, skippedWithDataPresent, testData } from '../test-data.ts';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const sources = ['packages', 'e2e']
  .flatMap((d) => files(path.join(REPO_ROOT, d)))
  .filter((f) => /\.test(-util)?\.tsx?$/.test(f) || f.includes(`${path.sep}test${path.sep}`));
const relative = (f: string) => path.relative(REPO_ROOT, f);

describe('reference data paths', () => {
  it('no test or test helper computes its own path to shared/data', () => {
    const own = sources.filter((f) =>
      /shared\/data|'shared', 'data'|"shared", "data"/.test(fs.readFileSync(f, 'utf8')),
    );
    // comments may name the folder; a path literal or a join may not
    const computing = own.filter((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .some((l) => !/^\s*(\*|\/\/|\/\*)/.test(l) && /['"`][^'"`]*shared\/data|'shared', 'data'/.test(l)),
    );
    expect(
      computing.map(relative).filter((f) => f !== relative(path.join(REPO_ROOT, 'e2e/test-data-paths.test.ts'))),
    ).toEqual([]);
  });

  it('no test returns early when the data is absent (it would pass without checking anything)', () => {
    const early = sources.filter(
      (f) =>
        /\.test\.tsx?$/.test(f) &&
        /if \(!(fs\.)?\w*(hasData|haveData|hasSamples|present|[eE]xists\w*)\b[^)]*\)+\s*return\s*;/.test(
          fs.readFileSync(f, 'utf8'),
        ),
    );
    expect(early.map(relative)).toEqual([]);
  });

  it('a title names its data, and a skip of present data is caught', () => {
    const d = testData('x12-samples');
    expect(d.title('samples')).toBe('samples [needs ../shared/data/x12-samples]');
    expect(skippedWithDataPresent(d.title('samples'))).toBe(d.present ? 'x12-samples' : null);
    expect(skippedWithDataPresent(testData('no-such-folder').title('x'))).toBeNull();
    expect(skippedWithDataPresent('an ordinary title')).toBeNull();
  });
});
