/** Admin: the tenant's users — create, change role, disable or enable. */
import { useState } from 'react';
import type { TenantSecurity, TenantView, UserList } from '@medbill/api';
import { api, describeError } from '../api/client.ts';
import type { ManagedUser } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { EntityForm, type FieldDef } from '../components/entity-form.tsx';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { ROLE_OPTIONS, UserRow } from './user-row.tsx';

const NEW_USER_FIELDS: FieldDef[] = [
  { name: 'username', label: 'User name', required: true },
  { name: 'displayName', label: 'Display name', required: true, size: 'l' },
  { name: 'role', label: 'Role', kind: 'select', options: ROLE_OPTIONS, required: true },
  { name: 'password', label: 'Initial password', required: true },
];

export function UsersPage() {
  const { can, user: me } = useAuth();
  const users = useApi(() => api.get<UserList>('/api/users'), []);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const manage = can('user:manage');

  const change = async (u: ManagedUser, body: Partial<Pick<ManagedUser, 'role' | 'disabled'>>, what: string) => {
    setMessage(null);
    try {
      await api.patch<ManagedUser>(`/api/users/${u.id}`, body);
      setMessage({ kind: 'ok', text: `${u.username}: ${what}.` });
      users.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: `${u.username}: ${describeError(e)}` });
    }
  };

  const resetMfa = async (u: ManagedUser) => {
    setMessage(null);
    try {
      await api.post(`/api/users/${u.id}/mfa/reset`, {});
      setMessage({ kind: 'ok', text: `${u.username}: two-step log-in reset; they were logged out.` });
      users.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: `${u.username}: ${describeError(e)}` });
    }
  };

  const create = async (body: Record<string, unknown>) => {
    const u = await api.post<ManagedUser>('/api/users', body);
    setCreating(false);
    setMessage({ kind: 'ok', text: `Created user ${u.username}.` });
    users.reload();
  };

  return (
    <section>
      <div className="page-head">
        <h1>Users</h1>
        {manage ? (
          <button type="button" onClick={() => setCreating(true)} disabled={creating}>
            New user
          </button>
        ) : null}
      </div>
      <Alert kind={message?.kind ?? 'ok'}>{message?.text}</Alert>
      <Alert>{users.error}</Alert>
      {can('tenant:manage') ? <TenantMfaSetting onChanged={users.reload} /> : null}
      {creating ? (
        <div className="panel">
          <EntityForm
            title="New user"
            fields={NEW_USER_FIELDS}
            record={null}
            onSubmit={create}
            onCancel={() => setCreating(false)}
            submitLabel="Create user"
          />
        </div>
      ) : null}
      {users.data ? (
        <table className="grid users" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Two-step log-in</th>
              <th scope="col">Created</th>
              {manage ? (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <UserRow
                key={`${u.id}-${u.role}-${u.disabled}`}
                user={u}
                isMe={u.id === me?.id}
                manage={manage}
                onChange={change}
                onResetMfa={resetMfa}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Tenant setting: require two-step log-in for every user (admins with tenant:manage). */
function TenantMfaSetting({ onChanged }: { onChanged: () => void }) {
  const tenant = useApi(() => api.get<TenantView>('/api/tenant'), []);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!tenant.data) return null;
  const toggle = async (on: boolean) => {
    if (
      on &&
      !window.confirm(
        'Require two-step log-in for everyone? Users without it are logged out and must set it up at their next log-in.',
      )
    )
      return;
    setBusy(true);
    setNote(null);
    try {
      const r = await api.patch<TenantSecurity>('/api/tenant/security', {
        mfaRequired: on,
      });
      setNote({
        kind: 'ok',
        text: on
          ? `Two-step log-in is now required (${r.sessionsEnded} session(s) ended).`
          : 'Two-step log-in is no longer required.',
      });
      tenant.reload();
      onChanged();
    } catch (e) {
      setNote({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={tenant.data.mfaRequired}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        Require two-step log-in (MFA) for all users
      </label>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
    </div>
  );
}
