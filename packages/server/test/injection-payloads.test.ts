/**
 * SECURITY.md A4: at least 200 SQL-injection, XSS, traversal and odd-value payloads in every query
 * parameter (sort and filters included) and every path id of every GET route in the route table.
 * Pass: no 5xx, no database or stack text in any answer, sort columns only from the allow-list, and
 * the data and the audit chain intact afterwards.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/verify-audit.ts';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const SQL = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR "1"="1',
  '1; DROP TABLE patient; --',
  "'; DROP TABLE patient; --",
  "1' AND pg_sleep(5) IS NULL --",
  '1) UNION SELECT password_hash FROM app_user --',
  "' UNION SELECT NULL,NULL,NULL --",
  '1 OR pg_sleep(5) IS NULL',
  "'||pg_sleep(5)--",
  '$$; SELECT 1; $$',
  "E'\\x27'",
  '1::text',
  '(SELECT current_user)',
  'id desc; select 1',
  'last_name; DROP TABLE patient',
  'seq,(select 1)',
  'CASE WHEN 1=1 THEN seq END',
  "' AND 1=CAST((SELECT version()) AS int) --",
  "'; COPY patient TO '/tmp/x'; --",
  "'; SET ROLE postgres; --",
  "'; RESET ROLE; --",
  "set_config('app.tenant_id','1',false)",
  '1 AND 1=(SELECT count(*) FROM pg_tables)',
  "admin'--",
  "' OR username LIKE '%",
  "%' OR '1'='1",
  "1' ORDER BY 1--",
  'seq desc nulls first',
  'occurred_at; --',
  'tenant_id',
  'password_hash',
  '"seq"',
  'seq asc, (select 1)',
  "\\'; --",
  "' /*",
  '*/ OR 1=1 /*',
  "1' GROUP BY 1 HAVING 1=1 --",
  "'; INSERT INTO audit_event DEFAULT VALUES; --",
  "'; TRUNCATE audit_event; --",
];
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  "'-alert(1)-'",
  '</title><script>alert(1)</script>',
  '<iframe src=javascript:alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  '${alert(1)}',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;',
  '\\u003cscript\\u003e',
  '<img src=x:x onerror=alert(1)//',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '"onmouseover="alert(1)',
  "';alert(String.fromCharCode(88,83,83))//",
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<object data=javascript:alert(1)>',
];
const TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%252f..%252fetc%252fpasswd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '....//....//etc/passwd',
  'file:///etc/passwd',
  '\u0000../../etc/passwd',
  'x.x12%00.pdf',
  'claim.pdf.exe',
  '/proc/self/environ',
  '~/.ssh/id_rsa',
  '..',
  '.',
  '/',
  '\\\\server\\share',
  '%c0%ae%c0%ae/etc/passwd',
  '..;/..;/etc/passwd',
  'audit.key',
];
const ODD = [
  '',
  ' ',
  '\u0000',
  '\r\n',
  'a'.repeat(10_000),
  '%',
  '_',
  '\\',
  '[]',
  '{}',
  '{"$gt":""}',
  'null',
  'undefined',
  'true',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '0x1A',
  '1.5',
  '🙂',
  '\uFEFF',
  '\u202E',
  '=cmd|/c calc!A1',
  '+1',
  '@SUM(1)',
  '\t',
  '2024-02-30',
  '9999-99-99',
  '1970-01-01T00:00:00Z',
  'asc',
  'desc',
];

/** The base payloads and simple variants of each, deduplicated: at least 200. */
function payloads(): string[] {
  const base = [...SQL, ...XSS, ...TRAVERSAL, ...ODD];
  const all = new Set<string>();
  for (const p of base) for (const v of [p, p.toUpperCase(), `1${p}`, `${p}--`]) all.add(v);
  return [...all];
}

// database, driver and stack text that must never reach a client
const LEAK =
  /syntax error at or near|invalid input syntax|pg_catalog|relation "[a-z_]+" does not exist|column "[a-z_]+" does not exist|scrypt\$|node_modules|\/work\/|\bat [\w.<>]+ \(|DatabaseError|kysely/i;

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
const auditKey = crypto.randomBytes(32);

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store, { auditKey }));
  t = await createTenantFixture(store, 'inj');
  admin = await login(app, t.users.admin.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('injection payloads (A4)', () => {
  const list = payloads();

  it('has at least 200 distinct payloads', () => {
    expect(list.length).toBeGreaterThanOrEqual(200);
  });

  it('every query parameter and path id of every GET route: no 5xx, no database or stack text; sort only from the allow-list', async () => {
    const targets: Array<{ route: string; url: (p: string) => string; sort: boolean }> = [];
    for (const r of app.routeTable.filter((r) => r.method === 'GET' && !r.public)) {
      const path = r.url.replace(':id', String(t.patientId));
      for (const q of r.query)
        targets.push({
          route: `${r.url}?${q}`,
          url: (p) => `${path}?${q}=${encodeURIComponent(p)}`,
          sort: q === 'sort' || q === 'order',
        });
      if (r.url.includes(':id'))
        targets.push({ route: r.url, url: (p) => r.url.replace(':id', encodeURIComponent(p)), sort: false });
    }
    expect(targets.length).toBeGreaterThan(60);
    let sent = 0;
    const failures: string[] = [];
    for (const target of targets) {
      for (const p of list) {
        const res = await app.inject({ method: 'GET', url: target.url(p), headers: { cookie: admin } });
        sent++;
        const what = `${target.route} = ${JSON.stringify(p).slice(0, 60)}`;
        if (res.statusCode >= 500) failures.push(`${what}: ${res.statusCode}`);
        if (LEAK.test(res.body)) failures.push(`${what}: leaks ${res.body.slice(0, 120)}`);
        if (target.sort && !['asc', 'desc', 'ASC', 'DESC'].includes(p) && res.statusCode !== 400)
          failures.push(`${what}: sort/order not refused (${res.statusCode})`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(targets.length * 200);
  }, 600_000); // ~20k requests: about a minute on PGlite

  it('the data and the audit chain are intact afterwards', async () => {
    expect(
      await store.db.selectFrom('patient').select('id').where('tenant_id', '=', t.tenantId).execute(),
    ).toHaveLength(1);
    expect(
      await store.db.selectFrom('app_user').select('id').where('tenant_id', '=', t.tenantId).execute(),
    ).toHaveLength(5);
    const verified = await verifyAudit(store.db, auditKey, { tenantId: t.tenantId });
    expect(verified.problems).toEqual([]);
    expect(verified.entries).toBeGreaterThan(100);
  });
});
