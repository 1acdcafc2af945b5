/**
 * Who does a use case: a logged-in user (HTTP), the OS user running the CLI (`cli:<name>`, no address) or the
 * system (demo seeding, jobs). Every use case takes one and writes it into its audit row and claim events.
 */
export interface Actor {
  /** every actor works inside one tenant: the wall no data crosses */
  tenantId: number;
  userId: number | null;
  username: string | null;
  /** the caller's address (null outside HTTP) */
  sourceIp: string | null;
}

/** The part of an actor a claim event or a state change records. */
export type Who = Pick<Actor, 'userId' | 'username'>;

export const systemActor = (tenantId: number): Actor => ({
  tenantId,
  userId: null,
  username: 'system',
  sourceIp: null,
});
