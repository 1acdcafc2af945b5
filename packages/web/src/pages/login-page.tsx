import { useState, type FormEvent } from 'react';
import { describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert, Field } from '../components/field.tsx';

export function LoginPage() {
  const { login, notice } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">medbill</h1>
        <p className="muted">Log in to continue</p>
        <Alert kind="info">{!error ? notice : null}</Alert>
        <Alert>{error}</Alert>
        <Field label="User name" value={username} onChange={setUsername} required size="l" inputProps={{ autoFocus: true, autoComplete: 'username' }} />
        <Field label="Password" kind="password" value={password} onChange={setPassword} required size="l" inputProps={{ autoComplete: 'current-password' }} />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
