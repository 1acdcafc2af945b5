/**
 * A whole payer-side site for the demo and `medbill payer-sim`: the loopback SFTP server over
 * `rootDir` with `outbound/`, `inbound/` and `processed/` folders, plus the drop box that answers
 * each uploaded 837 through `respond`. `clientConfig` is what our SftpAdapter needs to reach it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { runPayerDropBox, type PayerDropBox, type PayerDropBoxOptions } from './payer-drop-box.ts';
import type { SftpAdapterConfig } from './sftp-adapter.ts';
import { startSftpServer, type SftpTestServer } from './sftp-test-server.ts';

export interface PayerSftpSiteOptions {
  rootDir: string;
  username: string;
  password: string;
  respond: PayerDropBoxOptions['respond'];
  /** Drop box poll interval (default 500 ms). */
  pollMs?: number;
  hostKey?: string;
  port?: number;
  onError?: (err: Error) => void;
}

export interface PayerSftpSite {
  server: SftpTestServer;
  dropBox: PayerDropBox;
  clientConfig: SftpAdapterConfig;
  close(): Promise<void>;
}

export async function startPayerSftpSite(options: PayerSftpSiteOptions): Promise<PayerSftpSite> {
  for (const dir of ['outbound', 'inbound', 'processed']) {
    await fs.mkdir(path.join(options.rootDir, dir), { recursive: true });
  }
  const server = await startSftpServer(options);
  let dropBox: PayerDropBox;
  try {
    dropBox = await runPayerDropBox({
      rootDir: options.rootDir,
      outboundDir: '/outbound',
      inboundDir: '/inbound',
      respond: options.respond,
      pollMs: options.pollMs ?? 500,
      onError: options.onError,
    });
  } catch (err) {
    await server.close();
    throw err;
  }
  const clientConfig: SftpAdapterConfig = {
    host: server.host,
    port: server.port,
    username: options.username,
    password: options.password,
    hostKeySha256: server.hostKeySha256,
    outboundDir: '/outbound',
    inboundDir: '/inbound',
    processedDir: '/processed',
  };
  return {
    server,
    dropBox,
    clientConfig,
    async close() {
      await dropBox.close();
      await server.close();
    },
  };
}
