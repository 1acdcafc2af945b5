/** What user requests hold: a user name, a role, a password that passes the strength rules. */
import { z } from 'zod';
import { passwordProblem } from './password.ts';
import { ROLES, type Role } from './permissions.ts';

const password = z.string().superRefine((v, ctx) => {
  const p = passwordProblem(v);
  if (p) ctx.addIssue({ code: 'custom', message: p });
});
export const userCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{2,60}$/, 'A user name is 2–60 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password,
});
export const userPatch = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
export type UserCreate = z.infer<typeof userCreate>;
export type UserPatch = z.infer<typeof userPatch>;

export const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'disabled', 'created_at'] as const;

export const userView = (u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  disabled: boolean;
  created_at: Date;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  disabled: u.disabled,
  createdAt: new Date(u.created_at).toISOString(),
});
