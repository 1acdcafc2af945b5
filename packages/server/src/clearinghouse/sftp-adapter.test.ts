import { describeClearinghouseContract } from './clearinghouse-contract.test-util.ts';
import { startSftpFixture } from './sftp-fixture.test-util.ts';

describeClearinghouseContract('SFTP against the loopback test server', () => startSftpFixture());
