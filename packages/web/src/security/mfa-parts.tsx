/** Pieces shared by the log-in enrolment step and the Security page: the QR code with its key, and recovery codes. */
import { QRCodeSVG } from 'qrcode.react';
import { ApiError, describeError } from '../api/client.ts';

export interface Enrolment {
  otpauthUri: string;
  secret: string;
}

export function EnrolmentCode({ enrolment }: { enrolment: Enrolment }) {
  const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <div className="mfa-enrol">
      <p>Scan this with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …):</p>
      <div className="qr" role="img" aria-label="QR code of the authenticator set-up key">
        <QRCodeSVG value={enrolment.otpauthUri} size={184} marginSize={2} title="Authenticator set-up QR code" />
      </div>
      <p>
        Or type this key: <code data-testid="mfa-secret">{grouped}</code>
      </p>
    </div>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="panel recovery-codes">
      <h2>Your recovery codes</h2>
      <p>
        Each code logs you in once if you lose your phone. Store them somewhere safe now:{' '}
        <strong>they are not shown again</strong>.
      </p>
      <ul className="mono" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** A code form has one field: say what is wrong with the code itself rather than "correct the fields below". */
export function codeError(e: unknown): string {
  if (e instanceof ApiError && e.status === 400 && e.issues.length) return e.issues.map((i) => i.message).join('; ');
  return describeError(e);
}
