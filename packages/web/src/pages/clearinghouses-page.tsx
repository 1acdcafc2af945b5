/**
 * Admin: the clearinghouses this office sends claims to. An SFTP clearinghouse's password or private key is
 * write-only: the form sends it once, and the page only ever shows when it was set.
 */
import { useState, type FormEvent } from 'react';
import { fieldLabel } from '@medbill/api/field-words';
import { ApiError, api, describeError } from '../api/client.ts';
import type { ClearinghouseList, CreatedClearinghouse } from '@medbill/api';
import type { Clearinghouse } from '../api/claim-types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert, Field } from '../components/field.tsx';
import { formatDateTime } from '../components/format.ts';
import { useApi } from '../components/use-api.ts';

type Note = { kind: 'ok' | 'error'; text: string } | null;

const FIELD_WORDS: Record<string, string> = {
  'config.root': 'Folder name',
  'config.host': 'Host',
  'config.port': 'Port',
  'config.username': 'SFTP user name',
  'config.hostKeySha256': 'Host key fingerprint',
};

/** This form has nested fields the generic message cannot point at: name each problem in words. */
function problemText(err: unknown): string {
  if (!(err instanceof ApiError) || !err.issues.length) return describeError(err);
  return err.issues
    .map((i) => {
      const sentence = i.message;
      const label = fieldLabel(i.location.field);
      const words = FIELD_WORDS[i.location.field];
      // the server names the field by its key ("Root"); this form's label says it better ("Folder name")
      return words && sentence.startsWith(`${label} `) ? `${words}${sentence.slice(label.length)}` : sentence;
    })
    .join('; ');
}

export function ClearinghousesPage() {
  const { can } = useAuth();
  const list = useApi(() => api.get<ClearinghouseList>('/api/clearinghouses'), []);
  const [creating, setCreating] = useState(false);
  const [secretFor, setSecretFor] = useState<Clearinghouse | null>(null);
  const [note, setNote] = useState<Note>(null);
  const manage = can('practice:write');
  const done = (text: string) => {
    setNote({ kind: 'ok', text });
    setCreating(false);
    setSecretFor(null);
    list.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>Clearinghouses</h1>
        {manage ? (
          <button type="button" onClick={() => setCreating(true)} disabled={creating}>
            New clearinghouse
          </button>
        ) : null}
      </div>
      <Alert kind={note?.kind ?? 'ok'}>{note?.text}</Alert>
      <Alert>{list.error}</Alert>
      {creating ? <NewClearinghouse onDone={done} onCancel={() => setCreating(false)} /> : null}
      {secretFor ? <SecretForm clearinghouse={secretFor} onDone={done} onCancel={() => setSecretFor(null)} /> : null}
      {list.data ? (
        <table className="grid" aria-label="Clearinghouses">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Transport</th>
              <th scope="col">Submitter ID</th>
              <th scope="col">Receiver ID</th>
              <th scope="col">Password or key</th>
              {manage ? (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.transport === 'sftp' ? 'SFTP' : 'Folder'}</td>
                <td className="mono">{c.submitterId}</td>
                <td className="mono">{c.receiverId}</td>
                <td data-testid={`secret-${c.id}`}>{secretText(c)}</td>
                {manage ? (
                  <td>
                    {c.transport === 'sftp' ? (
                      <button type="button" onClick={() => setSecretFor(c)}>
                        {c.secret ? 'Replace password or key' : 'Set password or key'}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function secretText(c: Clearinghouse): string {
  if (c.transport !== 'sftp') return 'none needed';
  if (!c.secret) return 'not set';
  return `${c.secret.kind === 'password' ? 'Password' : 'Private key'} set on ${formatDateTime(c.secret.setAt)}`;
}

type Secret = { password: string } | { privateKey: string; passphrase?: string };

/** The write-only secret fields: a password, or a private key (with its passphrase). Never filled in. */
function SecretFields({ onChange }: { onChange: (s: Secret | null) => void }) {
  const [kind, setKind] = useState<'password' | 'key'>('password');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const emit = (k = kind, p = password, pk = key, pp = passphrase) =>
    onChange(
      k === 'password'
        ? p
          ? { password: p }
          : null
        : pk
          ? { privateKey: pk, ...(pp ? { passphrase: pp } : {}) }
          : null,
    );
  return (
    <fieldset>
      <legend>Password or private key (write-only: never shown again)</legend>
      <Field
        label="Log in with"
        kind="select"
        required
        value={kind}
        options={[
          { value: 'password', label: 'Password' },
          { value: 'key', label: 'Private key' },
        ]}
        onChange={(v) => {
          setKind(v as 'password' | 'key');
          emit(v as 'password' | 'key');
        }}
      />
      {kind === 'password' ? (
        <Field
          label="SFTP password"
          kind="password"
          value={password}
          inputProps={{ autoComplete: 'new-password' }}
          onChange={(v) => {
            setPassword(v);
            emit(kind, v);
          }}
        />
      ) : (
        <>
          <div className="field field-l">
            <label htmlFor="ch-private-key">Private key (PEM or OpenSSH)</label>
            <textarea
              id="ch-private-key"
              rows={6}
              value={key}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setKey(e.target.value);
                emit(kind, password, e.target.value);
              }}
            />
          </div>
          <Field
            label="Key passphrase (if any)"
            kind="password"
            value={passphrase}
            inputProps={{ autoComplete: 'new-password' }}
            onChange={(v) => {
              setPassphrase(v);
              emit(kind, password, key, v);
            }}
          />
        </>
      )}
    </fieldset>
  );
}

function SecretForm(props: { clearinghouse: Clearinghouse; onDone: (t: string) => void; onCancel: () => void }) {
  const [secret, setSecret] = useState<Secret | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!secret) return setError('Enter a password or a private key');
    try {
      await api.put(`/api/clearinghouses/${props.clearinghouse.id}/secret`, secret);
      props.onDone(`${props.clearinghouse.name}: the new password or key is stored.`);
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label={`Secret of ${props.clearinghouse.name}`}>
      <h2>{props.clearinghouse.name}</h2>
      <SecretFields onChange={setSecret} />
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        Store
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

const TEXT_FIELDS = [
  ['name', 'Name'],
  ['submitterId', 'Submitter ID (ISA06)'],
  ['submitterName', 'Submitter name'],
  ['receiverId', 'Receiver ID (ISA08)'],
  ['receiverName', 'Receiver name'],
] as const;
const SFTP_FIELDS = [
  ['host', 'Host'],
  ['port', 'Port'],
  ['username', 'SFTP user name'],
  ['hostKeySha256', 'Host key fingerprint (SHA256:…)'],
] as const;

function NewClearinghouse(props: { onDone: (t: string) => void; onCancel: () => void }) {
  const [transport, setTransport] = useState<'sftp' | 'folder'>('sftp');
  const [v, setV] = useState<Record<string, string>>({ port: '22' });
  const [secret, setSecret] = useState<Secret | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const common = Object.fromEntries(TEXT_FIELDS.map(([k]) => [k, v[k] ?? '']));
    const body =
      transport === 'folder'
        ? { ...common, transport, config: v.root ? { root: v.root } : {} }
        : {
            ...common,
            transport,
            config: {
              host: v.host ?? '',
              port: Number(v.port),
              username: v.username ?? '',
              hostKeySha256: v.hostKeySha256 ?? '',
            },
            ...(secret ? { secret } : {}),
          };
    try {
      const made = await api.post<CreatedClearinghouse>('/api/clearinghouses', body);
      props.onDone(`Created the clearinghouse ${made.name}.`);
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label="New clearinghouse">
      <h2>New clearinghouse</h2>
      <Field
        label="Transport"
        kind="select"
        required
        value={transport}
        options={[
          { value: 'sftp', label: 'SFTP' },
          { value: 'folder', label: 'Folder on this server' },
        ]}
        onChange={(t) => setTransport(t as 'sftp' | 'folder')}
      />
      {TEXT_FIELDS.map(([k, label]) => (
        <Field key={k} label={label} required value={v[k] ?? ''} onChange={set(k)} />
      ))}
      {transport === 'folder' ? (
        <Field
          label="Folder name"
          value={v.root ?? ''}
          onChange={set('root')}
          hint="A name, kept in this office's own folder"
        />
      ) : (
        <>
          {SFTP_FIELDS.map(([k, label]) => (
            <Field key={k} label={label} required value={v[k] ?? ''} onChange={set(k)} />
          ))}
          <SecretFields onChange={setSecret} />
        </>
      )}
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        Create
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
