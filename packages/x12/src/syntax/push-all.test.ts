import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pushAll } from './push-all.ts';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('pushAll', () => {
  it('appends 500,000 items where out.push(...items) overflows the call stack', () => {
    const items = Array.from({ length: 500_000 }, (_, i) => i);
    expect(() => [].push(...(items as never[]))).toThrow(RangeError);
    const out = pushAll([-1], items);
    expect(out).toHaveLength(500_001);
    expect(out.at(-1)).toBe(499_999);
  });

  it('is used instead of spread calls into push/unshift everywhere in packages/x12', () => {
    const offenders = sources(pkg).flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\.(push|unshift)\(\s*\.\.\./.test(line) ? [`${path.relative(pkg, f)}:${i + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
