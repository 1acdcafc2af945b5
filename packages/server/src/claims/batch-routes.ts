import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { recordClaimsAudit } from './claims-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { App, AppDeps } from '../http/app.ts';
import { notFound } from '../http/errors.ts';
import { actorOf } from '../http/request-context.ts';
import { toCamel } from '../registration/case.ts';
import { id, idParams } from '../registration/fields.ts';
import { buildBatches } from './build-batches.ts';
import { processInbound } from './process-inbound.ts';
import { submitBatches } from './submit-batches.ts';

const x12Id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 ]{2,15}$/, 'is 2–15 letters or digits (an ISA sender/receiver id)');
const folderConfig = z.strictObject({
  root: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'is a folder name under the data folder')
    .optional(),
  phone: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
});
const sftpConfig = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1).max(100),
  hostKeySha256: z.string().trim().min(20).max(100),
  outboundDir: z.string().max(200).default('/outbound'),
  inboundDir: z.string().max(200).default('/inbound'),
  processedDir: z.string().max(200).default('/processed'),
  passwordEnv: z
    .string()
    .regex(
      /^[A-Z][A-Z0-9_]{2,60}$/,
      'names the environment variable that holds the password (secrets never go in the database)',
    ),
  phone: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
});
const clearinghouseBody = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('folder'),
    name: z.string().trim().min(1).max(100),
    submitterId: x12Id,
    submitterName: z.string().trim().min(1).max(60),
    receiverId: x12Id,
    receiverName: z.string().trim().min(1).max(60),
    usageIndicator: z.enum(['P', 'T']).default('T'),
    config: folderConfig.default({}),
  }),
  z.strictObject({
    transport: z.literal('sftp'),
    name: z.string().trim().min(1).max(100),
    submitterId: x12Id,
    submitterName: z.string().trim().min(1).max(60),
    receiverId: x12Id,
    receiverName: z.string().trim().min(1).max(60),
    usageIndicator: z.enum(['P', 'T']).default('T'),
    config: sftpConfig,
  }),
]);

export function registerBatchRoutes(app: App, deps: AppDeps): void {
  const db = deps.store.db;
  const clearinghouse = (tenantId: number, chId: number) =>
    withTenant(db, tenantId, (tx) =>
      tx
        .selectFrom('clearinghouse')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', chId)
        .executeTakeFirst(),
    ).then((ch) => {
      if (!ch) throw notFound('Clearinghouse');
      return ch;
    });

  app.get(
    '/api/clearinghouses',
    {
      schema: { tags: ['claims'], summary: 'Clearinghouses this office sends to' },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => ({
        items: (
          await tx
            .selectFrom('clearinghouse')
            .select(['id', 'name', 'transport', 'submitter_id', 'receiver_id', 'usage_indicator'])
            .where('tenant_id', '=', u.tenantId)
            .orderBy('id')
            .execute()
        ).map(toCamel),
      }));
    },
  );

  app.post(
    '/api/clearinghouses',
    {
      schema: { tags: ['claims'], summary: 'Set up a clearinghouse (SFTP or a local folder)', body: clearinghouseBody },
      config: { permission: 'practice:write' },
    },
    async (req, reply) => {
      const u = req.user!;
      const b = req.body;
      const row = await withTenant(db, u.tenantId, async (tx) => {
        const ch = await tx
          .insertInto('clearinghouse')
          .values({
            tenant_id: u.tenantId,
            name: b.name,
            transport: b.transport,
            config: JSON.stringify(b.config),
            submitter_id: b.submitterId,
            submitter_name: b.submitterName,
            receiver_id: b.receiverId,
            receiver_name: b.receiverName,
            usage_indicator: b.usageIndicator,
          })
          .returning(['id', 'name', 'transport'])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'create',
          resourceType: 'clearinghouse',
          resourceId: ch.id,
          details: { name: b.name, transport: b.transport },
        });
        return ch;
      });
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/batches',
    {
      schema: { tags: ['claims'], summary: 'Batches with their acknowledgment state' },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => ({
        items: (
          await tx
            .selectFrom('batch as b')
            .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'b.tenant_id').onRef('p.id', '=', 'b.payer_id'))
            .selectAll('b')
            .select('p.name as payer_name')
            .where('b.tenant_id', '=', u.tenantId)
            .orderBy('b.id', 'desc')
            .limit(500)
            .execute()
        ).map(toCamel),
      }));
    },
  );

  app.get(
    '/api/batches/:id',
    {
      schema: { tags: ['claims'], summary: 'One batch: its claims and files', params: idParams },
      config: { permission: 'claim:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => {
        const batch = await tx
          .selectFrom('batch')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!batch) throw notFound('Batch');
        const claims = await tx
          .selectFrom('claim')
          .select(['id', 'claim_number', 'state', 'total_charge_cents', 'rejection_reason'])
          .where('tenant_id', '=', u.tenantId)
          .where('batch_id', '=', batch.id)
          .orderBy('id')
          .execute();
        const fileIds = [batch.file_id, batch.ack_file_id].filter((f): f is number => f !== null);
        const files = fileIds.length
          ? await tx
              .selectFrom('edi_file')
              .select(['id', 'direction', 'kind', 'file_name', 'status', 'created_at'])
              .where('tenant_id', '=', u.tenantId)
              .where('id', 'in', fileIds)
              .execute()
          : [];
        await recordClaimsAudit(
          tx,
          deps.auditKey,
          actorOf(req),
          { action: 'read', resourceType: 'batch', resourceId: batch.id, dataCategory: 'claim' },
          claims.map((c) => c.id),
        );
        return { ...toCamel(batch), claims: claims.map(toCamel), files: files.map(toCamel) };
      });
    },
  );

  app.post(
    '/api/batches',
    {
      schema: {
        tags: ['claims'],
        summary: 'Put ready claims into batches (one 837 per payer and kind)',
        body: z.strictObject({ clearinghouseId: id, claimIds: z.array(id).max(5000).optional() }),
      },
      config: { permission: 'claim:submit' },
    },
    async (req, reply) => {
      const u = req.user!;
      const built = await withTenant(db, u.tenantId, async (tx) => {
        const b = await buildBatches(tx, u.tenantId, {
          clearinghouseId: req.body.clearinghouseId,
          claimIds: req.body.claimIds,
          now: deps.claims.now(),
          actor: { userId: u.userId, username: u.username },
        });
        await recordClaimsAudit(
          tx,
          deps.auditKey,
          actorOf(req),
          {
            action: 'create',
            resourceType: 'batch',
            dataCategory: 'claim',
            details: { batches: b.map((x) => x.batchId) },
          },
          b.flatMap((x) => x.claimIds),
        );
        return b;
      });
      return reply.status(201).send({ batches: built });
    },
  );

  app.post(
    '/api/clearinghouses/:id/submit',
    {
      schema: {
        tags: ['claims'],
        summary: 'Send built batches to this clearinghouse',
        params: idParams,
        body: z.strictObject({ batchIds: z.array(id).max(1000).optional() }),
      },
      config: { permission: 'claim:submit' },
    },
    async (req) => {
      const u = req.user!;
      const ch = await clearinghouse(u.tenantId, req.params.id);
      const adapter = deps.claims.adapterFor(ch);
      try {
        const ids =
          req.body.batchIds ??
          (
            await withTenant(db, u.tenantId, (tx) =>
              tx
                .selectFrom('batch')
                .select('id')
                .where('tenant_id', '=', u.tenantId)
                .where('clearinghouse_id', '=', ch.id)
                .where('state', '=', 'built')
                .execute(),
            )
          ).map((b) => b.id);
        const sent = await submitBatches(db, u.tenantId, adapter, {
          batchIds: ids,
          actor: { userId: u.userId, username: u.username },
          now: deps.claims.now(),
          audit: { key: deps.auditKey, sourceIp: actorOf(req).sourceIp },
        });
        await withTenant(db, u.tenantId, (tx) =>
          recordAudit(tx, deps.auditKey, actorOf(req), {
            action: 'export',
            resourceType: 'batch',
            dataCategory: 'claim',
            details: { sent: sent.map((s) => s.batchId), to: ch.name },
          }),
        );
        return { sent };
      } finally {
        await adapter.close();
      }
    },
  );

  app.post(
    '/api/clearinghouses/:id/poll',
    {
      schema: {
        tags: ['claims'],
        summary: 'Fetch and process 999, 277CA and 835 files from this clearinghouse',
        params: idParams,
        body: z.strictObject({}),
      },
      config: { permission: 'claim:submit' },
    },
    async (req) => {
      const u = req.user!;
      const ch = await clearinghouse(u.tenantId, req.params.id);
      const adapter = deps.claims.adapterFor(ch);
      try {
        // each file writes its own audit row (file, claims, patients) as it is processed; this row is the poll itself
        const files = await processInbound(db, u.tenantId, adapter, {
          clearinghouseId: ch.id,
          actor: { userId: u.userId, username: u.username },
          audit: { key: deps.auditKey, sourceIp: actorOf(req).sourceIp },
        });
        await withTenant(db, u.tenantId, (tx) =>
          recordAudit(tx, deps.auditKey, actorOf(req), {
            action: 'create',
            resourceType: 'edi_file',
            dataCategory: 'claim',
            details: {
              from: ch.name,
              files: files.map((f) => ({
                fileName: f.fileName,
                kind: f.kind,
                duplicate: f.duplicate,
                claimsMoved: f.claimsMoved,
              })),
            },
          }),
        );
        return { files };
      } finally {
        await adapter.close();
      }
    },
  );

  app.get(
    '/api/edi-files/:id',
    {
      schema: { tags: ['claims'], summary: 'An X12 file as sent or received', params: idParams },
      config: { permission: 'edi:read' },
    },
    async (req) => {
      const u = req.user!;
      return withTenant(db, u.tenantId, async (tx) => {
        const f = await tx
          .selectFrom('edi_file')
          .selectAll()
          .where('tenant_id', '=', u.tenantId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!f) throw notFound('File');
        await recordAudit(tx, deps.auditKey, actorOf(req), {
          action: 'read',
          resourceType: 'edi_file',
          resourceId: f.id,
          dataCategory: 'claim',
        });
        return toCamel(f);
      });
    },
  );
}
