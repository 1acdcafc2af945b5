/** Starts the loopback SFTP test server over a fresh temporary root, with the three folders. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ContractFixture } from './clearinghouse-contract.test-util.ts';
import { SftpAdapter, type SftpAdapterConfig } from './sftp-adapter.ts';
import { startSftpServer, type SftpTestServer } from './sftp-test-server.ts';

export interface SftpFixture extends ContractFixture {
  adapter: SftpAdapter;
  server: SftpTestServer;
  config: SftpAdapterConfig;
}

export async function startSftpFixture(overrides: Partial<SftpAdapterConfig> = {}): Promise<SftpFixture> {
  const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medbill-ch-sftp-'));
  for (const dir of ['outbound', 'inbound', 'processed']) await fs.mkdir(path.join(rootDir, dir));
  const server = await startSftpServer({ rootDir, username: 'office1', password: 'correct horse' });
  const config: SftpAdapterConfig = {
    host: server.host,
    port: server.port,
    username: 'office1',
    password: 'correct horse',
    hostKeySha256: server.hostKeySha256,
    outboundDir: '/outbound',
    inboundDir: '/inbound',
    processedDir: '/processed',
    senderId: 'worker1',
    ...overrides,
  };
  return {
    adapter: new SftpAdapter(config),
    server,
    config,
    rootDir,
    outboundDir: path.join(rootDir, 'outbound'),
    inboundDir: path.join(rootDir, 'inbound'),
    processedDir: path.join(rootDir, 'processed'),
    cleanup: async () => {
      await server.close();
      await fs.rm(rootDir, { recursive: true, force: true });
    },
  };
}
