/** Log-in, sessions and MFA: who is logged in, the second step, the user's own MFA and the admin's settings. */
import { z } from 'zod';
import { permission, role } from './admin.ts';

export const sessionUser = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  permissions: z.array(permission),
});
export type SessionUserView = z.infer<typeof sessionUser>;

/** A right password: the user (session started) or the MFA step to take next. */
export const loginAnswer = z.union([sessionUser, z.object({ mfa: z.enum(['verify', 'enrol']) })]);
export type LoginAnswer = z.infer<typeof loginAnswer>;
export const loggedOut = z.object({ ok: z.literal(true) });
/** What the log-in page says before anyone logs in (the demo office without two-step log-in), or null. */
export const loginNoticeView = z.object({ notice: z.string().nullable() });
export type LoginNoticeView = z.infer<typeof loginNoticeView>;

export const mfaSetup = z.object({ otpauthUri: z.string(), secret: z.string() });
export type MfaSetup = z.infer<typeof mfaSetup>;
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodes>;
export const enrolledAtLogin = sessionUser.extend({ recoveryCodes: z.array(z.string()) });
export const myMfa = z.object({
  enabled: z.boolean(),
  pending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean(),
});
export type MyMfa = z.infer<typeof myMfa>;
export const mfaDisabled = z.object({ enabled: z.literal(false) });
export const mfaReset = z.object({ id: z.number().int(), mfaEnabled: z.literal(false) });
export const tenantSecurity = z.object({ mfaRequired: z.boolean(), sessionsEnded: z.number().int() });
export type TenantSecurity = z.infer<typeof tenantSecurity>;
