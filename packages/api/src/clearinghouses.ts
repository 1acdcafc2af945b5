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
const folderConfig = z.strictObject({
  root: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'is a folder name under the data folder')
    .optional(),
  phone,
});
const sftpConfig = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1).max(100),
  hostKeySha256: z.string().trim().min(20).max(100),
  outboundDir: z.string().max(200).default('/outbound'),
  inboundDir: z.string().max(200).default('/inbound'),
  processedDir: z.string().max(200).default('/processed'),
  passwordEnv: z
    .string()
    .regex(
      /^[A-Z][A-Z0-9_]{2,60}$/,
      'names the environment variable that holds the password (secrets never go in the database)',
    ),
  phone,
});
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
  z.strictObject({ transport: z.literal('sftp'), ...common, config: sftpConfig }),
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
});
export type ClearinghouseListItem = z.infer<typeof clearinghouseListItem>;
export const clearinghouseList = z.object({ items: z.array(clearinghouseListItem) });
export const createdClearinghouse = z.object({ id: z.number().int(), name: z.string(), transport: z.enum(TRANSPORTS) });
