/**
 * Claims-stage data for browser tests and UI work, for when the demo seed has none: a folder-transport
 * clearinghouse (there is no API to add one, so straight into the database) and encounters with draft
 * claims made through the API, as a biller would.
 */
import type { Store } from '../packages/server/src/db/open-database.ts';
import { withTenant } from '../packages/server/src/db/open-database.ts';

interface Json {
  [k: string]: any;
}

export class ApiSession {
  private constructor(
    readonly base: string,
    private cookie: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''])
      .map((c) => c.split(';')[0])
      .join('; ');
    return new ApiSession(base, cookie);
  }

  async call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        Cookie: this.cookie,
        Accept: 'application/json',
        ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }),
      },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/** The id of a clearinghouse of the (first) demo tenant, adding a folder one when there is none. */
export async function ensureClearinghouse(store: Store): Promise<number> {
  const tenant = await store.db.selectFrom('tenant').select('id').orderBy('id').executeTakeFirstOrThrow();
  return withTenant(store.db, tenant.id, async (tx) => {
    const have = await tx
      .selectFrom('clearinghouse')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .executeTakeFirst();
    if (have) return have.id;
    const ch = await tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: tenant.id,
        name: 'Demo clearinghouse',
        transport: 'folder',
        submitter_id: 'DEMOSUB01',
        submitter_name: 'Demo Billing Office',
        receiver_id: 'DEMOCH01',
        receiver_name: 'Demo Clearinghouse',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return ch.id;
  });
}

const VISITS = [
  {
    dx: ['E119', 'I10'],
    cpt: '99213',
    cents: 15000,
    note: 'Follow-up of type 2 diabetes and hypertension. A1c 7.1. BP 132/84 on lisinopril. Continue metformin.',
  },
  {
    dx: ['J069'],
    cpt: '99212',
    cents: 9500,
    note: 'Three days of sore throat and cough, no fever. Lungs clear. Viral URI; supportive care.',
  },
  {
    dx: ['M545', 'Z6830'],
    cpt: '99214',
    cents: 21000,
    note: 'Low back pain for two weeks after lifting. No red flags. BMI 30. Physical therapy referral.',
  },
  {
    dx: ['Z0000'],
    cpt: '99396',
    cents: 25000,
    note: 'Annual preventive visit, age 45. No complaints. Counselled on diet and exercise.',
  },
];

/**
 * Makes `count` encounters with claims (draft) for patients with a primary coverage, and `toCode` encounters
 * still waiting for a coder. Returns the new claim ids.
 */
export async function createDraftClaims(
  api: ApiSession,
  count: number,
  toCode = 0,
): Promise<{ claimIds: number[]; encounterIds: number[] }> {
  const practices = await api.call<{ items: Array<{ id: number }> }>('GET', '/api/practices?limit=5');
  const providers = await api.call<{ items: Array<{ id: number; practiceId: number }> }>(
    'GET',
    '/api/providers?limit=50',
  );
  const practiceId = practices.items[0].id;
  const provider = providers.items.find((p) => p.practiceId === practiceId) ?? providers.items[0];
  const patients = await api.call<{ items: Array<{ id: number }> }>('GET', '/api/patients?limit=60');
  const claimIds: number[] = [];
  const encounterIds: number[] = [];
  const day = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  for (const p of patients.items) {
    if (claimIds.length >= count && encounterIds.length >= count + toCode) break;
    const detail = await api.call<{ coverages: Array<{ coverageOrder: number; payerCode?: string }> }>(
      'GET',
      `/api/patients/${p.id}`,
    );
    if (!detail.coverages.some((c) => c.coverageOrder === 1 && c.payerCode !== 'SELFPAY')) continue;
    const v = VISITS[encounterIds.length % VISITS.length];
    const coded = claimIds.length < count;
    const enc = await api.call<{ id: number }>('POST', '/api/encounters', {
      patientId: p.id,
      practiceId,
      renderingProviderId: provider.id,
      placeOfService: '11',
      serviceDateFrom: day,
      noteText: v.note,
      diagnoses: coded ? v.dx : [],
      lines: coded
        ? [
            {
              procedureCode: v.cpt,
              units: 1,
              chargeCents: v.cents,
              chargeOverrideReason: 'test data: no fee schedule loaded',
              diagnosisPointers: v.dx.map((_, i) => i + 1),
            },
          ]
        : [],
    });
    encounterIds.push(enc.id);
    if (coded) claimIds.push((await api.call<{ id: number }>('POST', `/api/encounters/${enc.id}/claims`, {})).id);
  }
  if (claimIds.length < count) throw new Error(`only ${claimIds.length} patients with a primary coverage`);
  return { claimIds, encounterIds };
}
