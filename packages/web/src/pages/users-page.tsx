/** Admin: the tenant's users — create, change role, disable or enable. */
import { useState } from 'react';
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
  const users = useApi(() => api.get<{ items: ManagedUser[] }>('/api/users'), []);
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
      {creating ? (
        <div className="panel">
          <EntityForm title="New user" fields={NEW_USER_FIELDS} record={null} onSubmit={create} onCancel={() => setCreating(false)} submitLabel="Create user" />
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
              <th scope="col">Created</th>
              {manage ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <UserRow key={`${u.id}-${u.role}-${u.disabled}`} user={u} isMe={u.id === me?.id} manage={manage} onChange={change} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
