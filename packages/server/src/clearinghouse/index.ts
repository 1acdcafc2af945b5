/** The clearinghouse file exchange: adapters, inbound polling, and the payer-side test site. */
export {
  assertSafeFileName,
  isSafeFileName,
  unsafeFileNameReason,
  UnsafeFileNameError,
  UploadConflictError,
  type ClearinghouseAdapter,
  type RemoteFile,
  type UploadResult,
} from './clearinghouse-adapter.ts';
export { FolderAdapter, type FolderAdapterConfig } from './folder-adapter.ts';
export { SftpAdapter, type SftpAdapterConfig } from './sftp-adapter.ts';
export {
  HostKeyMismatchError,
  SftpLoginError,
  sshKeyFingerprint,
  type SftpConnectionConfig,
} from './sftp-connection.ts';
export {
  pollInboundOnce,
  startInboundPolling,
  type InboundPollResult,
  type StoreInboundFile,
} from './inbound-poller.ts';
export {
  runPayerDropBox,
  type DropBoxResponse,
  type PayerDropBox,
  type PayerDropBoxOptions,
} from './payer-drop-box.ts';
export {
  generateSshKey,
  startSftpServer,
  type SftpFault,
  type SftpTestServer,
  type SftpTestServerOptions,
} from './sftp-test-server.ts';
export { startPayerSftpSite, type PayerSftpSite, type PayerSftpSiteOptions } from './payer-sftp-site.ts';
