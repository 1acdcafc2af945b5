import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.ts';

describe('listMigrations', () => {
  it('the shipped migrations have one file per version, in order', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses two migrations under one version (two branches that each took "the next" number)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-migrations-'));
    try {
      fs.writeFileSync(path.join(dir, '0001_first.sql'), 'SELECT 1;');
      fs.writeFileSync(path.join(dir, '0002_posting.sql'), 'SELECT 2;');
      fs.writeFileSync(path.join(dir, '0002_statements.sql'), 'SELECT 3;');
      expect(() => listMigrations(dir)).toThrow(/posting and statements share version 2/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
