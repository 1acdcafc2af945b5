/** Clearinghouses an office sends to: a local folder (demo, tests) or SFTP. */
import { z } from 'zod';

const x12Id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 ]{2,15}$/, 'is 2–15 letters or digits (an ISA sender/receiver id)');
const phone = z
  .string()
  .regex(/^\d{10}$/, 'is a 10-digit phone number')
  .optional();
/** a folder clearinghouse's root: a plain name inside the tenant's own folder (never a path) */
export const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;
export const FOLDER_NAME_RULE = 'is a folder name (letters, digits, - and _; no slashes or dots)';
const folderConfig = z.strictObject({
  root: z.string().regex(FOLDER_NAME, FOLDER_NAME_RULE).optional(),
  phone,
});
const remoteDir = z
  .string()
  .max(200)
  .regex(/^\/?[A-Za-z0-9._/-]*$/, 'is a folder on the clearinghouse server (letters, digits, . _ - /)');
const sftpConfig = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1).max(100),
  hostKeySha256: z.string().trim().min(20).max(100),
  outboundDir: remoteDir.default('/outbound'),
  inboundDir: remoteDir.default('/inbound'),
  processedDir: remoteDir.default('/processed'),
  phone,
});
/** An SFTP password or private key: written once, never read back (answers say only which kind is set, and when). */
export const clearinghouseSecretBody = z.union([
  z.strictObject({ password: z.string().min(1).max(256) }),
  z.strictObject({
    privateKey: z
      .string()
      .max(16_384)
      .regex(
        /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]+-----END [A-Z0-9 ]*PRIVATE KEY-----\s*$/,
        'is a PEM or OpenSSH private key',
      ),
    passphrase: z.string().min(1).max(256).optional(),
  }),
]);
export type ClearinghouseSecretInput = z.infer<typeof clearinghouseSecretBody>;
export const secretStatus = z.object({ kind: z.enum(['password', 'private_key']), setAt: z.string() }).nullable();
const common = {
  name: z.string().trim().min(1).max(100),
  submitterId: x12Id,
  submitterName: z.string().trim().min(1).max(60),
  receiverId: x12Id,
  receiverName: z.string().trim().min(1).max(60),
  usageIndicator: z.enum(['P', 'T']).default('T'),
};
export const createClearinghouseBody = z.discriminatedUnion('transport', [
  z.strictObject({ transport: z.literal('folder'), ...common, config: folderConfig.default({}) }),
  z.strictObject({
    transport: z.literal('sftp'),
    ...common,
    config: sftpConfig,
    secret: clearinghouseSecretBody.optional(),
  }),
]);
export type CreateClearinghouseInput = z.infer<typeof createClearinghouseBody>;

export const TRANSPORTS = ['folder', 'sftp'] as const;
export const clearinghouseListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  transport: z.enum(TRANSPORTS),
  submitterId: z.string(),
  receiverId: z.string(),
  usageIndicator: z.enum(['P', 'T']),
  secret: secretStatus,
});
export type ClearinghouseListItem = z.infer<typeof clearinghouseListItem>;
export const clearinghouseList = z.object({ items: z.array(clearinghouseListItem) });
export type ClearinghouseList = z.infer<typeof clearinghouseList>;
export const createdClearinghouse = z.object({
  id: z.number().int(),
  name: z.string(),
  transport: z.enum(TRANSPORTS),
  secret: secretStatus,
});
export type CreatedClearinghouse = z.infer<typeof createdClearinghouse>;
export const storedClearinghouseSecret = z.object({ id: z.number().int(), secret: secretStatus.unwrap() });
