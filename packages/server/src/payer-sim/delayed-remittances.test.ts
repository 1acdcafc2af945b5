import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDelayedRemittances } from './delayed-remittances.ts';

describe('delayed remittances', () => {
  it('answers 999 and 277CA at once and writes the 835 into inbound after the delay', async () => {
    const inbound = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-remit-'));
    const d = withDelayedRemittances(
      async () => [
        { name: 'a.999.x12', text: 'ISA 999', kind: '999' },
        { name: 'a.277ca.x12', text: 'ISA 277', kind: '277CA' },
        { name: 'a.835-1.x12', text: 'ISA 835', kind: '835' },
      ],
      { delayMs: 150, inboundDir: inbound },
    );
    const now = await d.respond('a.x12', 'ISA 837');
    expect(now.map((f) => f.kind)).toEqual(['999', '277CA']);
    expect(d.pending()).toBe(1);
    expect(fs.readdirSync(inbound)).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    expect(fs.readdirSync(inbound)).toEqual(['a.835-1.x12']);
    expect(fs.readFileSync(path.join(inbound, 'a.835-1.x12'), 'utf8')).toBe('ISA 835');
    expect(d.pending()).toBe(0);
  });

  it('with no delay passes everything through', async () => {
    const d = withDelayedRemittances(async () => [{ name: 'b.835.x12', text: 'x', kind: '835' }], {
      delayMs: 0,
      inboundDir: os.tmpdir(),
    });
    expect((await d.respond('b', 'x')).map((f) => f.kind)).toEqual(['835']);
  });
});
