/** The app shell: log-in gate, navigation by role, and the page for the current path. */
import { useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client.ts';
import type { Permission, Role } from './api/types.ts';
import { AccountsPage } from './accounts/accounts-page.tsx';
import { CollectionsPage } from './accounts/collections-page.tsx';
import { StatementRunPage, StatementRunsPage } from './accounts/statement-runs-page.tsx';
import { AuthProvider, useAuth } from './auth/auth-context.tsx';
import { BatchesPage, BatchPage } from './billing/batches-page.tsx';
import { BillingPage } from './billing/billing-page.tsx';
import { ClaimPage } from './billing/claim-page.tsx';
import { EdiFilePage } from './billing/edi-file-page.tsx';
import { DenialsPage } from './remit/denials-page.tsx';
import { FollowUpPage } from './billing/follow-up-page.tsx';
import { DepositsPage } from './remit/deposits-page.tsx';
import { EraPage, ErasPage } from './remit/eras-page.tsx';
import { UnmatchedPage } from './remit/unmatched-page.tsx';
import { AppealTemplatePage } from './remit/appeal-template-page.tsx';
import { CodingQueuePage } from './coding/coding-queue-page.tsx';
import { EncounterPage } from './coding/encounter-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { ClearinghousesPage } from './pages/clearinghouses-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { PatientPage } from './pages/patient-page.tsx';
import { NewPatientPage } from './pages/new-patient-page.tsx';
import { PatientSearchPage } from './pages/patient-search-page.tsx';
import { PayersPage } from './pages/payers-page.tsx';
import { PracticesPage } from './pages/practices-page.tsx';
import { ProvidersPage } from './pages/providers-page.tsx';
import { UsersPage } from './pages/users-page.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';
import { RecoveryCodes } from './security/mfa-parts.tsx';
import { SecurityPage } from './security/security-page.tsx';

export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}

interface NavItem {
  to: string;
  label: string;
  permission: Permission;
}

// Work queues need a write permission so that read-only roles (the account rep) keep a short menu.
const NAV: NavItem[] = [
  { to: '/patients', label: 'Patients', permission: 'patient:read' },
  { to: '/coding', label: 'Coding', permission: 'encounter:write' },
  { to: '/billing', label: 'Billing', permission: 'claim:write' },
  { to: '/follow-up', label: 'Follow-up', permission: 'claim:submit' },
  { to: '/batches', label: 'Batches', permission: 'edi:read' },
  { to: '/accounts', label: 'Accounts', permission: 'account:write' },
  { to: '/statement-runs', label: 'Statements', permission: 'account:write' },
  { to: '/collections', label: 'Collections', permission: 'account:write' },
  { to: '/eras', label: 'ERAs', permission: 'remittance:post' },
  { to: '/denials', label: 'Denials', permission: 'denial:work' },
  { to: '/deposits', label: 'Deposits', permission: 'remittance:post' },
  { to: '/unmatched', label: 'Unmatched', permission: 'remittance:post' },
  { to: '/practices', label: 'Practices', permission: 'practice:read' },
  { to: '/providers', label: 'Providers', permission: 'practice:read' },
  { to: '/payers', label: 'Payers', permission: 'payer:read' },
  { to: '/clearinghouses', label: 'Clearinghouses', permission: 'practice:write' },
  { to: '/users', label: 'Users', permission: 'user:read' },
  { to: '/audit', label: 'Audit log', permission: 'audit:read' },
];

interface Route {
  pattern: string;
  permission: Permission;
  render: (p: Record<string, string>) => ReactNode;
}

/** Where each role starts after logging in (else the first menu entry it may see). */
const LANDING: Partial<Record<Role, string>> = { coder: '/coding', biller: '/billing', claims_analyst: '/billing' };

const ROUTES: Route[] = [
  { pattern: '/coding', permission: 'encounter:read', render: () => <CodingQueuePage /> },
  {
    pattern: '/encounters/:id',
    permission: 'encounter:read',
    render: (p) => <EncounterPage key={p.id} id={Number(p.id)} />,
  },
  { pattern: '/billing', permission: 'claim:read', render: () => <BillingPage /> },
  { pattern: '/follow-up', permission: 'claim:read', render: () => <FollowUpPage /> },
  { pattern: '/claims/:id', permission: 'claim:read', render: (p) => <ClaimPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/batches', permission: 'claim:read', render: () => <BatchesPage /> },
  { pattern: '/batches/:id', permission: 'claim:read', render: (p) => <BatchPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/eras', permission: 'remittance:read', render: () => <ErasPage /> },
  { pattern: '/eras/:id', permission: 'remittance:read', render: (p) => <EraPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/denials', permission: 'remittance:read', render: () => <DenialsPage /> },
  { pattern: '/deposits', permission: 'remittance:read', render: () => <DepositsPage /> },
  { pattern: '/unmatched', permission: 'remittance:read', render: () => <UnmatchedPage /> },
  { pattern: '/appeal-template', permission: 'denial:work', render: () => <AppealTemplatePage /> },
  { pattern: '/edi-files/:id', permission: 'edi:read', render: (p) => <EdiFilePage key={p.id} id={Number(p.id)} /> },
  { pattern: '/accounts', permission: 'account:read', render: () => <AccountsPage /> },
  { pattern: '/statement-runs', permission: 'account:read', render: () => <StatementRunsPage /> },
  {
    pattern: '/statement-runs/:id',
    permission: 'account:read',
    render: (p) => <StatementRunPage key={p.id} id={Number(p.id)} />,
  },
  { pattern: '/collections', permission: 'account:read', render: () => <CollectionsPage /> },
  { pattern: '/patients', permission: 'patient:read', render: () => <PatientSearchPage /> },
  { pattern: '/patients/new', permission: 'patient:write', render: () => <NewPatientPage /> },
  { pattern: '/patients/:id', permission: 'patient:read', render: (p) => <PatientPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/practices', permission: 'practice:read', render: () => <PracticesPage /> },
  {
    pattern: '/practices/:id',
    permission: 'practice:read',
    render: (p) => <PracticesPage selectedId={Number(p.id)} />,
  },
  { pattern: '/providers', permission: 'practice:read', render: () => <ProvidersPage /> },
  { pattern: '/payers', permission: 'payer:read', render: () => <PayersPage /> },
  { pattern: '/clearinghouses', permission: 'practice:write', render: () => <ClearinghousesPage /> },
  { pattern: '/users', permission: 'user:read', render: () => <UsersPage /> },
  { pattern: '/audit', permission: 'audit:read', render: () => <AuditPage /> },
  { pattern: '/security', permission: 'account:self', render: () => <SecurityPage /> },
];

function Gate() {
  const { user, loading, freshRecoveryCodes, dismissRecoveryCodes } = useAuth();
  const { path } = useLocation();
  if (loading) return <p className="loading">Loading…</p>;
  if (!user) return <LoginPage />;
  if (freshRecoveryCodes) {
    return (
      <main className="login">
        <div className="login-box">
          <RecoveryCodes codes={freshRecoveryCodes} />
          <button type="button" className="primary" onClick={dismissRecoveryCodes}>
            I have saved them — continue
          </button>
        </div>
      </main>
    );
  }
  if (path === '/' || path === '/login') {
    const first = NAV.find((n) => user.permissions.includes(n.permission));
    return <Redirect to={LANDING[user.role] ?? first?.to ?? '/patients'} />;
  }
  return <Shell />;
}

function Shell() {
  const { user, logout, can } = useAuth();
  const { path } = useLocation();
  let page: ReactNode = <NotFound />;
  for (const r of ROUTES) {
    const params = match(r.pattern, path);
    if (!params) continue;
    page = can(r.permission) ? r.render(params) : <Forbidden />;
    break;
  }
  const [tenant, setTenant] = useState<string | null>(null);
  useEffect(() => {
    if (!can('practice:read')) return;
    api
      .get<{ name: string }>('/api/tenant')
      .then((t) => setTenant(t.name))
      .catch(() => setTenant(null));
  }, [can]);
  const section =
    NAV.find((n) => path === n.to || path.startsWith(`${n.to}/`)) ?? SECTION_OF.find(([p]) => path.startsWith(p))?.[1];
  useEffect(() => {
    document.title = section ? `${section.label} · medbill` : 'medbill';
  }, [section]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">medbill</span>
        {tenant ? <span className="tenant">{tenant}</span> : null}
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => can(n.permission)).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={section === n ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="current-user">
          {user?.displayName} <span className="role">({user?.role.replace('_', ' ')})</span>
        </span>
        {can('account:self') ? (
          <Link to="/security" className="account-link" aria-current={path === '/security' ? 'page' : undefined}>
            Security
          </Link>
        ) : null}
        <button type="button" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

/** Pages under another section's menu entry. */
const navTo = (to: string) => NAV.find((n) => n.to === to)!;
const SECTION_OF: Array<[string, NavItem]> = [
  ['/encounters/', navTo('/coding')],
  ['/claims/', navTo('/billing')],
  ['/edi-files/', navTo('/batches')],
  ['/statement-runs/', navTo('/statement-runs')],
  ['/eras/', navTo('/eras')],
  ['/appeal-template', navTo('/denials')],
];

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}

function Forbidden() {
  return (
    <section>
      <h1>Not allowed</h1>
      <p>Your role may not open this page.</p>
    </section>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
