/** One user in the admin list: pick a role and apply it, or disable / enable the account. */
import { useState } from 'react';
import type { ManagedUser, Role } from '../api/types.ts';
import { formatDateTime } from '../components/format.ts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  coder: 'Coder',
  biller: 'Biller',
  claims_analyst: 'Claims analyst',
  account_rep: 'Account rep',
};
/** every role of the contract (ROLE_LABELS names each), in that order */
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Props {
  user: ManagedUser;
  isMe: boolean;
  manage: boolean;
  onChange: (u: ManagedUser, body: { role?: Role; disabled?: boolean }, what: string) => Promise<void>;
  onResetMfa: (u: ManagedUser) => Promise<void>;
}

export function UserRow({ user: u, isMe, manage, onChange, onResetMfa }: Props) {
  const [role, setRole] = useState<Role>(u.role);
  const [busy, setBusy] = useState(false);
  const run = async (body: { role?: Role; disabled?: boolean }, what: string) => {
    setBusy(true);
    try {
      await onChange(u, body, what);
    } finally {
      setBusy(false);
    }
  };
  const editable = manage && !isMe;
  return (
    <tr className={u.disabled ? 'disabled' : undefined}>
      <td className="mono">{u.username}</td>
      <td>{u.displayName}</td>
      <td>
        {editable ? (
          <span className="inline">
            <select
              aria-label={`Role of ${u.username}`}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              disabled={busy}
            >
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {role !== u.role ? (
              <>
                <button
                  type="button"
                  className="small primary"
                  disabled={busy}
                  onClick={() => void run({ role }, `role changed to ${ROLE_LABELS[role]}; their sessions were ended`)}
                >
                  Change role
                </button>
                <button type="button" className="small" disabled={busy} onClick={() => setRole(u.role)}>
                  Keep
                </button>
              </>
            ) : null}
          </span>
        ) : (
          (ROLE_LABELS[u.role] ?? u.role)
        )}
      </td>
      <td>{u.disabled ? <span className="tag tag-bad">disabled</span> : <span className="tag tag-ok">active</span>}</td>
      <td>
        {u.mfaEnabled ? <span className="tag tag-ok">on</span> : <span className="tag">off</span>}
        {manage && u.mfaEnabled ? (
          <>
            {' '}
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => {
                if (
                  window.confirm(
                    `Reset two-step log-in of ${u.username}? They are logged out and must set it up again.`,
                  )
                ) {
                  setBusy(true);
                  void onResetMfa(u).finally(() => setBusy(false));
                }
              }}
            >
              Reset MFA of {u.username}
            </button>
          </>
        ) : null}
      </td>
      <td className="mono">{formatDateTime(u.createdAt)}</td>
      {manage ? (
        <td>
          {isMe ? (
            <span className="muted">you</span>
          ) : (
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => {
                if (
                  u.disabled ||
                  window.confirm(`Disable ${u.username}? They are logged out at once and cannot log in.`)
                ) {
                  void run({ disabled: !u.disabled }, u.disabled ? 'enabled' : 'disabled and logged out');
                }
              }}
            >
              {u.disabled ? `Enable ${u.username}` : `Disable ${u.username}`}
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}
