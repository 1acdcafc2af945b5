import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeClearinghouseContract } from './clearinghouse-contract.test-util.ts';
import { FolderAdapter } from './folder-adapter.ts';

describeClearinghouseContract('local folder', async () => {
  const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medbill-ch-folder-'));
  const dirs = {
    outboundDir: path.join(rootDir, 'outbound'),
    inboundDir: path.join(rootDir, 'inbound'),
    processedDir: path.join(rootDir, 'processed'),
  };
  for (const dir of Object.values(dirs)) await fs.mkdir(dir);
  return {
    adapter: new FolderAdapter(dirs),
    rootDir,
    ...dirs,
    cleanup: () => fs.rm(rootDir, { recursive: true, force: true }),
  };
});
