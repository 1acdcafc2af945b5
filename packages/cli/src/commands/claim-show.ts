/**
 * medbill claims show CLAIM [--json] — a claim by the number people see (or its id): its lines, every ledger
 * entry and the totals (charge, paid, adjustments by group, patient responsibility, balance), and the ERAs
 * that paid it. Audited as a read of the claim by the OS user.
 */
import type { Command } from 'commander';
import { formatCents } from '@medbill/core/ledger';
import { getClaimLedger } from '@medbill/server';
import type { CliIO } from '../io.ts';
import { withClaims } from './with-store.ts';

const $ = (c: number) => formatCents(c).padStart(10);

export function registerClaimShow(claims: Command, io: CliIO): void {
  claims
    .command('show <claim>')
    .description('A claim with every ledger entry and its totals (by claim number or id)')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--json', 'JSON output')
    .action(async (ref: string, opts: { tenant?: string; json?: boolean }) => {
      await withClaims(io, 'claims show', { tenant: opts.tenant }, async (deps, actor) => {
        const ctx = { db: deps.db, tenantId: actor.tenantId, actor, auditKey: deps.auditKey, now: deps.claims.now };
        const c = await getClaimLedger(ctx, ref);
        if (opts.json) return io.out(`${JSON.stringify(c)}\n`);
        const k = c.claim;
        io.out(
          `Claim ${k.claimNumber} (${k.state}) — ${k.patientName}, ${k.payerName}, service ${k.serviceDate}${k.payerClaimNumber ? `, payer claim ${k.payerClaimNumber}` : ''}\n\nLines\n`,
        );
        for (const l of c.lines)
          io.out(
            `  ${String(l.lineNumber).padStart(2)} ${l.label.padEnd(16)} ${l.date}  charge ${$(l.chargeCents)}  balance ${$(l.balanceCents)}\n`,
          );
        io.out('\nLedger\n');
        for (const e of c.entries.filter(
          (x) => x.account === 'ar' || x.account === 'unapplied' || x.account === 'interest',
        ))
          io.out(
            `  #${String(e.postingId).padEnd(6)} ${e.effectiveDate} ${e.kind.padEnd(17)} ${(e.group ? `${e.group}-${e.reason}` : (e.reason ?? '')).padEnd(8)} ${(e.party?.kind === 'patient' ? 'patient' : e.party ? `payer ${e.party.payerId}` : e.account).padEnd(10)} ${$(e.amount)}  ${e.memo.slice(0, 60)}\n`,
          );
        const t2 = c.totals;
        io.out(
          `\nTotals\n  charges             ${$(t2.charges)}\n  insurance paid      ${$(t2.insurancePayments)}\n  patient paid        ${$(t2.patientPayments)}\n`,
        );
        for (const [g, v] of Object.entries(t2.adjustments)) if (v) io.out(`  adjustments ${g.padEnd(7)} ${$(v)}\n`);
        io.out(`  patient resp.       ${$(t2.patientResponsibility)}\n`);
        for (const f of c.forwarded)
          io.out(`  PR to next payer    ${$(f.amountCents)}  (${f.payerName}, claim ${f.claimNumber})\n`);
        io.out(
          `  written off         ${$(t2.writeOffs)}\n  refunded            ${$(t2.refunds)}\n  balance             ${$(t2.balance)}  (payer ${formatCents(t2.insuranceBalance)}, patient ${formatCents(t2.patientBalance)})\n`,
        );
        if (c.payments.length) io.out('\nRemittances\n');
        for (const p of c.payments)
          io.out(`  ERA #${p.remittanceId} ${p.paymentDate ?? ''} TRN ${p.traceNumber}: ${p.summary}\n`);
      });
    });
}
