/** The user's own Security page: turn two-step log-in (TOTP) on or off, and replace recovery codes. */
import { useState } from 'react';
import type { RecoveryCodes as RecoveryCodesAnswer } from '@medbill/api';
import { api, describeError } from '../api/client.ts';
import { Alert, Field } from '../components/field.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { useApi } from '../components/use-api.ts';
import { codeError, EnrolmentCode, RecoveryCodes, type Enrolment } from './mfa-parts.tsx';

interface MfaStatus {
  enabled: boolean;
  pending: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

function CodeForm({
  label,
  submitLabel,
  onSubmit,
  danger,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (code: string) => Promise<void>;
  danger?: boolean;
}) {
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await onSubmit(code.trim());
    setCode('');
  }, codeError);
  return (
    <form onSubmit={submit} className="inline-form">
      <Alert>{error}</Alert>
      <Field
        label={label}
        value={code}
        onChange={setCode}
        required
        size="m"
        inputProps={{ autoComplete: 'one-time-code', maxLength: 40 }}
      />
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy || code.trim().length < 6}>
        {submitLabel}
      </button>
    </form>
  );
}

export function SecurityPage() {
  const status = useApi(() => api.get<MfaStatus>('/api/account/mfa'), []);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = status.data;

  const start = async () => {
    setError(null);
    setMessage(null);
    setCodes(null);
    try {
      setEnrolment(await api.post<Enrolment>('/api/account/mfa/enrol', {}));
    } catch (e) {
      setError(describeError(e));
    }
  };
  /** moving to a new phone replaces the seed: the server asks for the current code or a recovery code */
  const move = async (code: string) => {
    setMessage(null);
    setCodes(null);
    setEnrolment(await api.post<Enrolment>('/api/account/mfa/enrol', { code }));
  };
  const confirm = async (code: string) => {
    const res = await api.post<RecoveryCodesAnswer>('/api/account/mfa/confirm', { code });
    setEnrolment(null);
    setCodes(res.recoveryCodes);
    setMessage('Two-step log-in is on. From your next log-in you will be asked for a code.');
    status.reload();
  };
  const disable = async (code: string) => {
    await api.post('/api/account/mfa/disable', { code });
    setCodes(null);
    setMessage('Two-step log-in is off.');
    status.reload();
  };
  const regenerate = async (code: string) => {
    const res = await api.post<RecoveryCodesAnswer>('/api/account/mfa/recovery-codes', { code });
    setCodes(res.recoveryCodes);
    setMessage('New recovery codes made; the old ones no longer work.');
    status.reload();
  };

  return (
    <section>
      <h1>Security</h1>
      <Alert>{status.error ?? error}</Alert>
      <Alert kind="ok">{message}</Alert>
      {codes ? <RecoveryCodes codes={codes} /> : null}
      {s ? (
        <div className="panel">
          <h2>Two-step log-in</h2>
          <p data-testid="mfa-status">
            {s.enabled ? <span className="tag tag-ok">on</span> : <span className="tag tag-bad">off</span>}{' '}
            {s.enabled
              ? `${s.recoveryCodesLeft} recovery code${s.recoveryCodesLeft === 1 ? '' : 's'} left.`
              : 'After your password you will only need a code from your phone.'}
            {s.required ? ' Your organisation requires it.' : null}
          </p>
          {enrolment ? (
            <>
              <EnrolmentCode enrolment={enrolment} />
              <CodeForm label="Code from the app" submitLabel="Turn on" onSubmit={confirm} />
              <button type="button" onClick={() => setEnrolment(null)}>
                Cancel
              </button>
            </>
          ) : s.enabled ? (
            <>
              <h3>Move to a new phone</h3>
              <CodeForm
                label="Current code or a recovery code (to move to a new phone)"
                submitLabel="Move to a new phone"
                onSubmit={move}
              />
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void start()}>
              Set up two-step log-in
            </button>
          )}
          {s.enabled && !enrolment ? (
            <>
              <h3>Recovery codes</h3>
              <CodeForm
                label="Current code or a recovery code (to make new recovery codes)"
                submitLabel="Make new recovery codes"
                onSubmit={regenerate}
              />
              {!s.required ? (
                <>
                  <h3>Turn off</h3>
                  <CodeForm
                    label="Current code or a recovery code (to turn off)"
                    submitLabel="Turn off two-step log-in"
                    onSubmit={disable}
                    danger
                  />
                </>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
