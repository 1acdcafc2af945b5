/**
 * The claim page's payment history: the totals (charge, paid, adjustments by group, patient responsibility,
 * balance), each ERA that paid or denied the claim with its lines as the payer adjudicated them, and every
 * ledger entry — payments, each adjustment with its CARC in words and the line's RARC remarks, patient
 * responsibility moved to the patient or the next payer.
 */
import type { ClaimLedgerView, LedgerEntryView } from '@medbill/api';
import { Fragment } from 'react';
import { api } from '../api/client.ts';
import { AdjudicatedLines } from '../components/adjudicated-lines.tsx';
import { formatCents } from '../components/billing-format.ts';
import { Alert } from '../components/field.tsx';
import { useApi } from '../components/use-api.ts';
import { Link } from '../router.tsx';

const ENTRY_WORDS: Record<string, string> = {
  charge: 'Charge',
  insurance_payment: 'Insurance payment',
  patient_payment: 'Patient payment',
  adjustment: 'Adjustment',
  transfer: 'Moved',
  write_off: 'Write-off',
  refund: 'Refund',
  interest: 'Interest',
  unapplied: 'Unapplied',
};

const GROUP_WORDS: Record<string, string> = {
  CO: 'contractual',
  OA: 'other',
  PI: 'payer-initiated',
  CR: 'correction',
  PR: 'patient responsibility',
};

function who(e: LedgerEntryView, payers: Map<number, string>): string {
  if (e.party === 'patient') return 'patient';
  if (e.party === 'payer') return e.payerId ? (payers.get(e.payerId) ?? `payer #${e.payerId}`) : 'payer';
  return e.account;
}

function what(e: LedgerEntryView): string {
  const base = ENTRY_WORDS[e.kind] ?? e.kind;
  if (e.kind === 'transfer' && e.group === 'PR')
    return e.amountCents > 0 ? 'Patient responsibility' : 'Patient responsibility (from the payer)';
  return base;
}

/** the entries a person reads: what each party owes and how it changed, and interest; cash and its mirror are left out */
const shown = (e: LedgerEntryView) => e.account === 'ar' || e.account === 'interest';

export function PaymentHistory({ claimId }: { claimId: number }) {
  const ledger = useApi(() => api.get<ClaimLedgerView>(`/api/claims/${claimId}/ledger`), [claimId]);
  if (ledger.error) return <Alert>{ledger.error}</Alert>;
  if (!ledger.data) return <p className="muted">Loading payments…</p>;
  const l = ledger.data;
  const t = l.totals;
  const payers = new Map<number, string>([[l.claim.payerId, l.claim.payerName]]);
  const lineOf = new Map(l.lines.map((x) => [x.id, x]));
  const entries = l.entries.filter(shown);
  const adjustments = Object.entries(t.adjustments).filter(([, v]) => v !== 0);
  return (
    <section className="panel payment-history" aria-label="Payment history">
      <h2>Payment history</h2>
      <dl className="facts cols ledger-totals" data-testid="ledger-totals">
        <dt>Charges</dt>
        <dd className="num">{formatCents(t.charges)}</dd>
        <dt>Insurance paid</dt>
        <dd className="num">{formatCents(t.insurancePayments)}</dd>
        {t.patientPayments ? (
          <>
            <dt>Patient paid</dt>
            <dd className="num">{formatCents(t.patientPayments)}</dd>
          </>
        ) : null}
        {adjustments.map(([g, v]) => (
          <Fragment key={g}>
            <dt>
              Adjusted {g} ({GROUP_WORDS[g] ?? g})
            </dt>
            <dd className="num">{formatCents(v)}</dd>
          </Fragment>
        ))}
        <dt>Patient responsibility</dt>
        <dd className="num">{formatCents(t.patientResponsibility)}</dd>
        {l.forwarded.map((f) => (
          <Fragment key={`${f.claimId}-${f.payerId}`}>
            <dt>
              Patient responsibility sent to {f.payerName} (claim{' '}
              <Link to={`/claims/${f.claimId}`}>{f.claimNumber}</Link>)
            </dt>
            <dd className="num">{formatCents(f.amountCents)}</dd>
          </Fragment>
        ))}
        {t.writeOffs ? (
          <>
            <dt>Written off</dt>
            <dd className="num">{formatCents(t.writeOffs)}</dd>
          </>
        ) : null}
        {t.refunds ? (
          <>
            <dt>Refunded</dt>
            <dd className="num">{formatCents(t.refunds)}</dd>
          </>
        ) : null}
        <dt>Balance</dt>
        <dd className="num total" data-testid="ledger-balance">
          {formatCents(t.balance)}{' '}
          <span className="muted">
            (insurance {formatCents(t.insuranceBalance)}, patient {formatCents(t.patientBalance)})
          </span>
        </dd>
      </dl>
      {l.payments.length === 0 ? (
        <p className="muted">No ERA has paid or denied this claim yet.</p>
      ) : (
        l.payments.map((p) => (
          <section
            key={`${p.remittanceId}-${p.clpIndex}`}
            className="era-payment"
            aria-label={`ERA #${p.remittanceId} on this claim`}
          >
            <h3>
              <Link to={`/eras/${p.remittanceId}`}>ERA #{p.remittanceId}</Link> {p.payerName} · TRN {p.traceNumber}
              {p.paymentDate ? ` · ${p.paymentDate}` : ''} · paid {formatCents(p.paidCents)}
              {p.patientResponsibilityCents ? ` · patient ${formatCents(p.patientResponsibilityCents)}` : ''}
              {p.matchedBy === 'person' ? <span className="tag">matched by a person</span> : null}
            </h3>
            <p className="muted">{p.summary}</p>
            <AdjudicatedLines claim={p} label={`Lines of ERA #${p.remittanceId}`} />
          </section>
        ))
      )}
      <h3>Ledger entries</h3>
      <table className="grid ledger-entries" aria-label="Ledger entries">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Entry</th>
            <th scope="col">Line</th>
            <th scope="col">Owed by</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const line = e.lineId ? lineOf.get(e.lineId) : undefined;
            return (
              <tr key={e.id} data-kind={e.kind}>
                <td className="mono">{e.effectiveDate}</td>
                <td>{what(e)}</td>
                <td className="mono">{line ? `${line.lineNumber} ${line.label}` : ''}</td>
                <td>{who(e, payers)}</td>
                <td>
                  {e.group ? (
                    <>
                      <span className="mono">
                        {e.group}-{e.reason}
                      </span>{' '}
                      {e.reasonText}
                    </>
                  ) : (
                    (e.reason ?? '')
                  )}
                  {e.remarks.map((r) => (
                    <div key={r.code} className="muted">
                      <span className="mono">{r.code}</span> {r.text}
                    </div>
                  ))}
                </td>
                <td className="num">{formatCents(e.amountCents)}</td>
                <td className="muted">
                  {e.remittanceId ? <Link to={`/eras/${e.remittanceId}`}>ERA #{e.remittanceId}</Link> : e.postingKind}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
