/**
 * `medbill demo`: one tenant, three practices (one a hospital), six providers, five payers, 200 synthetic patients with
 * coverages and guarantors, and one user per role. Runs once, on an empty database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeNpi } from '@medbill/core';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../auth/permissions.ts';
import { allTenantIds, asOwner, withTenant, type Store, type Tx } from '../db/open-database.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import type { AccountsStory } from './seed-accounts-demo.ts';
import { seedClaimsDemo } from './seed-claims-demo.ts';
import type { RemittanceStory } from './seed-remittance-demo.ts';
import { CITIES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, pick, seededRandom, STREETS } from './demo-people.ts';

export const DEMO_USERS: Array<{ username: string; role: Role; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'Avery Admin' },
  { username: 'coder', role: 'coder', displayName: 'Casey Coder' },
  { username: 'biller', role: 'biller', displayName: 'Blake Biller' },
  { username: 'analyst', role: 'claims_analyst', displayName: 'Alex Analyst' },
  { username: 'rep', role: 'account_rep', displayName: 'Riley Rep' },
];

const CREDENTIALS_FILE = 'demo-credentials.json';

export function demoCredentials(
  dataDir: string,
  envPassword?: string,
): Array<{ username: string; password: string; role: Role }> {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  let saved: string | null = null;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')).password;
  } catch {
    /* no demo yet */
  }
  const password = envPassword ?? saved;
  return password ? DEMO_USERS.map((u) => ({ username: u.username, password, role: u.role })) : [];
}

export interface DemoResult {
  tenantId: number;
  practices: number;
  providers: number;
  payers: number;
  patients: number;
  users: number;
  claims: Record<string, number>;
  /** the patients of the accounts story (seed-accounts-demo.ts), when claims were made */
  accounts?: AccountsStory | null;
  /** the remittance work waiting (seed-remittance-demo.ts), when claims were made */
  remittances?: RemittanceStory;
}

export async function seedDemo(
  store: Store,
  auditKey: Buffer,
  opts: { password?: string; dataDir: string; onlyIfEmpty: boolean; patients?: number; claims?: ClaimServices },
): Promise<DemoResult | null> {
  const existing = await allTenantIds(store.db);
  if (existing.length && opts.onlyIfEmpty) return null;
  const slug = existing.length ? `demo-${crypto.randomBytes(3).toString('hex')}` : 'demo';
  const password = opts.password ?? crypto.randomBytes(12).toString('base64url');
  if (!opts.password) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(path.join(opts.dataDir, CREDENTIALS_FILE), JSON.stringify({ password }), { mode: 0o600 });
  }
  const passwordHash = await hashPassword(password);
  // an owner path: the tenant row is made before there is a tenant to set
  const tenant = await asOwner(store.db, (tx) =>
    tx
      .insertInto('tenant')
      .values({ name: 'Lone Star Billing Co. (demo)', slug })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const result = await withTenant(store.db, tenant.id, async (tx) => {
    const tenantId = tenant.id;
    for (const u of DEMO_USERS) {
      const username = slug === 'demo' ? u.username : `${u.username}.${slug}`;
      await tx
        .insertInto('app_user')
        .values({
          tenant_id: tenantId,
          username,
          display_name: u.displayName,
          role: u.role,
          password_hash: passwordHash,
        })
        .execute();
    }
    const practices = await seedPractices(tx, tenantId);
    const payers = await seedPayers(tx, tenantId);
    const patients = await seedPatients(tx, tenantId, payers, opts.patients ?? 200);
    await recordAudit(
      tx,
      auditKey,
      { tenantId, userId: null, username: 'system', sourceIp: null },
      {
        action: 'create',
        resourceType: 'demo_data',
        details: { practices: practices.practices, providers: practices.providers, payers: payers.length, patients },
      },
    );
    return {
      tenantId,
      practices: practices.practices,
      providers: practices.providers,
      payers: payers.length,
      patients,
      users: DEMO_USERS.length,
      claims: {} as Record<string, number>,
    } as DemoResult;
  });
  if (opts.claims) {
    const made = await seedClaimsDemo(store.db, result.tenantId, {
      dataDir: opts.dataDir,
      services: opts.claims,
      auditKey,
    });
    result.claims = made.claims;
    result.accounts = made.accounts;
    result.remittances = made.remittances;
  }
  return result;
}

async function seedPractices(tx: Tx, tenantId: number) {
  const practices = [
    {
      legal_name: 'Hill Country Family Medicine PA',
      npi: makeNpi('199900001'),
      tin: '741234567',
      taxonomy: '207Q00000X',
      phone: '5125550100',
      service_line1: '1200 Congress Ave Ste 300',
      service_city: 'Austin',
      service_state: 'TX',
      service_zip: '787012345',
      pay_to_line1: 'PO Box 4410',
      pay_to_city: 'Austin',
      pay_to_state: 'TX',
      pay_to_zip: '787654410',
      // the practice is also a rural health clinic (its UB-04 claims) and runs a CLIA-waived lab
      facility_taxonomy: '261QR1300X',
      clia_number: '45D0123456',
    },
    {
      legal_name: 'Pecan Valley Orthopedics PLLC',
      npi: makeNpi('199900002'),
      tin: '742345678',
      taxonomy: '207X00000X',
      phone: '5125550200',
      service_line1: '400 University Blvd',
      service_city: 'Round Rock',
      service_state: 'TX',
      service_zip: '786650400',
    },
    {
      // a community hospital: its inpatient stays are billed on the UB-04 (837I) under its facility taxonomy
      legal_name: 'Bluebonnet Community Hospital',
      npi: makeNpi('199900003'),
      tin: '743456789',
      taxonomy: '282N00000X',
      facility_taxonomy: '282N00000X',
      phone: '5125550300',
      service_line1: '2000 Hospital Dr',
      service_city: 'Austin',
      service_state: 'TX',
      service_zip: '787053000',
    },
  ];
  const ids: number[] = [];
  for (const p of practices)
    ids.push(
      (
        await tx
          .insertInto('practice')
          .values({ tenant_id: tenantId, ...p })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const providers = [
    {
      practice_id: ids[0],
      npi: makeNpi('188800001'),
      first_name: 'Elena',
      last_name: 'Marsh',
      credential: 'MD',
      taxonomy: '207Q00000X',
    },
    {
      practice_id: ids[0],
      npi: makeNpi('188800002'),
      first_name: 'Tobias',
      last_name: 'Reyes',
      credential: 'DO',
      taxonomy: '207Q00000X',
    },
    {
      practice_id: ids[0],
      npi: makeNpi('188800003'),
      first_name: 'Priya',
      last_name: 'Nandakumar',
      credential: 'NP',
      taxonomy: '363LF0000X',
    },
    {
      practice_id: ids[1],
      npi: makeNpi('188800004'),
      first_name: 'Grant',
      last_name: 'Holloway',
      credential: 'MD',
      taxonomy: '207X00000X',
    },
    {
      practice_id: ids[2],
      npi: makeNpi('188800005'),
      first_name: 'Marcus',
      last_name: 'Delacroix',
      credential: 'MD',
      taxonomy: '208M00000X', // hospitalist: the attending physician
    },
    {
      practice_id: ids[2],
      npi: makeNpi('188800006'),
      first_name: 'Ingrid',
      last_name: 'Solberg',
      credential: 'MD',
      taxonomy: '207RP1001X', // pulmonologist: the operating physician of a bronchoscopy
    },
  ];
  for (const p of providers)
    await tx
      .insertInto('provider')
      .values({ tenant_id: tenantId, ...p })
      .execute();
  return { practices: ids.length, providers: providers.length };
}

export interface DemoPayer {
  id: number;
  kind: 'medicare' | 'medicaid' | 'commercial' | 'self_pay';
}

async function seedPayers(tx: Tx, tenantId: number): Promise<DemoPayer[]> {
  const payers: Array<{
    kind: DemoPayer['kind'];
    name: string;
    payer_code: string;
    claim_filing_indicator: string;
    timely_filing_days: number;
    line1?: string;
    city?: string;
    state?: string;
    zip?: string;
  }> = [
    {
      kind: 'medicare',
      name: 'Medicare Part B (demo MAC)',
      payer_code: 'DEMOMCR',
      claim_filing_indicator: 'MB',
      timely_filing_days: 365,
      line1: 'PO Box 3100',
      city: 'Dallas',
      state: 'TX',
      zip: '752653100',
    },
    {
      kind: 'medicaid',
      name: 'Texas Medicaid (demo)',
      payer_code: 'DEMOMCD',
      claim_filing_indicator: 'MC',
      timely_filing_days: 95,
      line1: 'PO Box 200555',
      city: 'Austin',
      state: 'TX',
      zip: '787200555',
    },
    {
      kind: 'commercial',
      name: 'Acme Health PPO (demo)',
      payer_code: 'DEMOACME',
      claim_filing_indicator: 'CI',
      timely_filing_days: 90,
      line1: 'PO Box 8800',
      city: 'Plano',
      state: 'TX',
      zip: '750868800',
    },
    {
      kind: 'commercial',
      name: 'Bluebonnet Blue HMO (demo)',
      payer_code: 'DEMOBLUE',
      claim_filing_indicator: 'BL',
      timely_filing_days: 180,
      line1: 'PO Box 6600',
      city: 'Richardson',
      state: 'TX',
      zip: '750856600',
    },
    {
      kind: 'self_pay',
      name: 'Self-pay (patient responsibility)',
      payer_code: 'SELFPAY',
      claim_filing_indicator: '09',
      timely_filing_days: 3650,
    },
  ];
  const out: DemoPayer[] = [];
  for (const { kind, ...p } of payers)
    out.push({
      kind,
      id: (
        await tx
          .insertInto('payer')
          .values({ tenant_id: tenantId, ...p })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    });
  return out;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function seedPatients(tx: Tx, tenantId: number, payers: DemoPayer[], count: number): Promise<number> {
  const rand = seededRandom(20261123);
  const byKind = (k: DemoPayer['kind']) => payers.filter((p) => p.kind === k);
  for (let i = 1; i <= count; i++) {
    const sex = rand() < 0.52 ? 'F' : 'M';
    const first = pick(rand, sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M);
    const last = pick(rand, LAST_NAMES);
    const age = Math.floor(rand() * 90);
    const birth = new Date(Date.UTC(2026 - age - 1, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
    const [city, zip] = pick(rand, CITIES);
    const address = { line1: `${100 + Math.floor(rand() * 9800)} ${pick(rand, STREETS)}`, city, state: 'TX', zip };
    const phone = `512555${String(100 + Math.floor(rand() * 99)).padStart(4, '0')}`; // 555-01xx: reserved for fiction
    let guarantorId: number | null = null;
    const parentFirst = pick(rand, rand() < 0.5 ? FIRST_NAMES_F : FIRST_NAMES_M);
    if (age < 18) {
      guarantorId = (
        await tx
          .insertInto('guarantor')
          .values({ tenant_id: tenantId, first_name: parentFirst, last_name: last, phone, ...address })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const patient = await tx
      .insertInto('patient')
      .values({
        tenant_id: tenantId,
        account_number: `A${String(i).padStart(6, '0')}`,
        first_name: first,
        last_name: last,
        birth_date: iso(birth),
        sex,
        phone,
        guarantor_id: guarantorId,
        ...address,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plans = choosePlans(rand, age, byKind);
    for (const [order, payer] of plans.entries()) {
      // Medicare and Medicaid patients hold their own policy; a child on a commercial plan is a parent's dependent
      const self = age >= 18 || payer.kind === 'medicaid' || payer.kind === 'medicare';
      await tx
        .insertInto('coverage')
        .values({
          tenant_id: tenantId,
          patient_id: patient.id,
          payer_id: payer.id,
          coverage_order: order + 1,
          member_id: demoMemberId(rand, payer.kind, i),
          group_number: payer.kind === 'commercial' ? `G${1000 + Math.floor(rand() * 9000)}` : null,
          relationship_code: self ? '18' : '19',
          subscriber_first_name: self ? first : parentFirst,
          subscriber_last_name: last,
          subscriber_birth_date: self ? iso(birth) : null,
          subscriber_sex: self ? sex : null,
          effective_date: `${2024 + Math.floor(rand() * 2)}-01-01`,
          end_date: null,
        })
        .execute();
    }
  }
  return count;
}

function choosePlans(rand: () => number, age: number, byKind: (k: DemoPayer['kind']) => DemoPayer[]): DemoPayer[] {
  const r = rand();
  if (r < 0.08) return [];
  if (age >= 65)
    return r < 0.3
      ? [byKind('medicare')[0], byKind('medicaid')[0]]
      : r < 0.6
        ? [byKind('medicare')[0], pick(rand, byKind('commercial'))]
        : [byKind('medicare')[0]];
  if (age < 19 && r < 0.45) return [byKind('medicaid')[0]];
  return r < 0.2 ? [pick(rand, byKind('commercial')), byKind('medicaid')[0]] : [pick(rand, byKind('commercial'))];
}

/** MBI letters: A–Z without S, L, O, I, B and Z (CMS MBI format). */
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';

/** A well-formed (made-up) Medicare Beneficiary Identifier: C A AN N A AN N A A N N. */
export function demoMbi(rand: () => number): string {
  const digit = (from = 0) => String(from + Math.floor(rand() * (10 - from)));
  const letter = () => MBI_LETTERS[Math.floor(rand() * MBI_LETTERS.length)]!;
  const either = () => (rand() < 0.5 ? letter() : digit());
  return [
    digit(1),
    letter(),
    either(),
    digit(),
    letter(),
    either(),
    digit(),
    letter(),
    letter(),
    digit(),
    digit(),
  ].join('');
}

function demoMemberId(rand: () => number, kind: DemoPayer['kind'], i: number): string {
  if (kind === 'medicare') return demoMbi(rand);
  if (kind === 'medicaid') return String(500000000 + Math.floor(rand() * 99999999)); // 9 digits, like a Texas Medicaid ID
  return `M${String(100000 + Math.floor(rand() * 899999))}${String.fromCharCode(65 + (i % 26))}`;
}
