import { useEffect, useState } from 'react';
import type { LoginNoticeView } from '@medbill/api';
import { api, describeError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Alert, Field } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { useSubmit } from '../components/use-submit.ts';
import { codeError, EnrolmentCode, type Enrolment } from '../security/mfa-parts.tsx';

export function LoginPage() {
  const { mfaStep } = useAuth();
  if (mfaStep === 'verify') return <CodeStep />;
  if (mfaStep === 'enrol') return <EnrolStep />;
  return <PasswordStep />;
}

/** the office last logged in to on this browser, offered again (user names are unique per office only) */
const OFFICE_KEY = 'medbill.office';
const storedOffice = () =>
  new URLSearchParams(window.location.search).get('office') ?? localStorage.getItem(OFFICE_KEY) ?? '';

function PasswordStep() {
  const { login, notice } = useAuth();
  const [tenant, setTenant] = useState(storedOffice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await login(username, password, tenant);
    localStorage.setItem(OFFICE_KEY, tenant.trim());
  }, describeError);
  const office = useApi(() => api.get<LoginNoticeView>('/api/auth/notice'), []);

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">medbill</h1>
        <p className="muted">Log in to continue</p>
        <Alert kind="info">{!error ? notice : null}</Alert>
        <Alert>{error}</Alert>
        <Field
          label="Office"
          value={tenant}
          onChange={setTenant}
          size="l"
          hint="Your office's short name, e.g. lone-star-billing. Leave it empty for this server's main office."
          inputProps={{ autoComplete: 'organization', spellCheck: false, maxLength: 63 }}
        />
        <Field
          label="User name"
          value={username}
          onChange={setUsername}
          required
          size="l"
          inputProps={{ autoFocus: true, autoComplete: 'username' }}
        />
        <Field
          label="Password"
          kind="password"
          value={password}
          onChange={setPassword}
          required
          size="l"
          inputProps={{ autoComplete: 'current-password' }}
        />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {office.data?.notice ? (
          <p className="muted" data-testid="login-notice">
            {office.data.notice}
          </p>
        ) : null}
      </form>
    </main>
  );
}

/** One code field and a submit button; errors shown above; a refused code is cleared. */
function useCodeForm(send: (code: string) => Promise<void>) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(
    () => send(code.trim()),
    codeError,
    () => setCode(''),
  );
  return { code, setCode, error, busy, submit };
}

function CodeStep() {
  const { verifyCode, cancelLogin } = useAuth();
  const f = useCodeForm(verifyCode);
  return (
    <main className="login">
      <form onSubmit={f.submit} aria-labelledby="login-title">
        <h1 id="login-title">medbill</h1>
        <p className="muted">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
        <Alert>{f.error}</Alert>
        <Field
          label="Authentication code"
          value={f.code}
          onChange={f.setCode}
          required
          size="l"
          inputProps={{ autoFocus: true, autoComplete: 'one-time-code', inputMode: 'text', maxLength: 40 }}
        />
        <button type="submit" className="primary" disabled={f.busy || f.code.trim().length < 6}>
          {f.busy ? 'Checking…' : 'Verify'}
        </button>{' '}
        <button type="button" onClick={cancelLogin}>
          Cancel
        </button>
      </form>
    </main>
  );
}

function EnrolStep() {
  const { startSetup, confirmSetup, cancelLogin } = useAuth();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const f = useCodeForm(confirmSetup);
  useEffect(() => {
    startSetup().then(setEnrolment, (e: unknown) => setLoadError(describeError(e)));
  }, [startSetup]);
  return (
    <main className="login">
      <form onSubmit={f.submit} aria-labelledby="login-title">
        <h1 id="login-title">Set up two-step log-in</h1>
        <p className="muted">Your organisation requires a second step at log-in. Set it up now to continue.</p>
        <Alert>{loadError ?? f.error}</Alert>
        {enrolment ? (
          <EnrolmentCode enrolment={enrolment} />
        ) : !loadError ? (
          <p className="loading">Preparing…</p>
        ) : null}
        <Field
          label="Code from the app"
          value={f.code}
          onChange={f.setCode}
          required
          size="m"
          inputProps={{ autoComplete: 'one-time-code', inputMode: 'numeric', maxLength: 6 }}
        />
        <button type="submit" className="primary" disabled={f.busy || !enrolment || f.code.trim().length !== 6}>
          {f.busy ? 'Checking…' : 'Confirm and log in'}
        </button>{' '}
        <button type="button" onClick={cancelLogin}>
          Cancel
        </button>
      </form>
    </main>
  );
}
