/**
 * Contracts: what each payer allows per procedure code (and modifier), effective-dated. An 835 line paid
 * below its contract's allowed amount is an underpayment on the denial worklist, with the difference.
 */
import { issueAt } from '@medbill/api';
import type { OurLine } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export interface ContractInput {
  payerId: number;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  rates: Array<{ procedureCode: string; modifier?: string; allowedCents: number }>;
}

type ContractDeps = Pick<Deps, 'db' | 'auditKey'>;

export async function savePayerContract(
  deps: ContractDeps,
  actor: Actor,
  input: ContractInput,
): Promise<{ contractId: number; rates: number }> {
  const seen = new Set<string>();
  for (const [i, r] of input.rates.entries()) {
    const key = `${r.procedureCode}|${r.modifier ?? ''}`;
    if (seen.has(key))
      throw new AppError(
        'validation',
        `rates[${i}]: ${r.procedureCode}${r.modifier ? `-${r.modifier}` : ''} is listed twice`,
        [issueAt(`rates[${i}].procedureCode`, 'duplicate', 'is listed twice')],
      );
    seen.add(key);
  }
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const payer = await tx
      .selectFrom('payer')
      .select('id')
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.payerId)
      .executeTakeFirst();
    if (!payer) throw notFound('Payer');
    const c = await tx
      .insertInto('payer_contract')
      .values({
        tenant_id: actor.tenantId,
        payer_id: input.payerId,
        name: input.name,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < input.rates.length; i += 2000)
      await tx
        .insertInto('payer_contract_rate')
        .values(
          input.rates.slice(i, i + 2000).map((r) => ({
            tenant_id: actor.tenantId,
            contract_id: c.id,
            procedure_code: r.procedureCode,
            modifier: r.modifier ?? '',
            allowed_cents: r.allowedCents,
          })),
        )
        .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'payer_contract',
      resourceId: c.id,
      details: { payerId: input.payerId, effectiveFrom: input.effectiveFrom, rates: input.rates.length },
    });
    return { contractId: c.id, rates: input.rates.length };
  });
}

export async function listPayerContracts(deps: ContractDeps, actor: Actor, input: { payerId?: number } = {}) {
  const payerId = input.payerId;
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    if (payerId) {
      const payer = await tx
        .selectFrom('payer')
        .select('id')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', payerId)
        .executeTakeFirst();
      if (!payer) throw notFound('Payer');
    }
    let q = tx
      .selectFrom('payer_contract as c')
      .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
      .select(['c.id', 'c.payer_id', 'p.name as payer_name', 'c.name', 'c.effective_from', 'c.effective_to'])
      .select((eb) =>
        eb
          .selectFrom('payer_contract_rate as r')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.tenant_id', '=', 'c.tenant_id')
          .whereRef('r.contract_id', '=', 'c.id')
          .as('rates'),
      )
      .where('c.tenant_id', '=', actor.tenantId);
    if (payerId) q = q.where('c.payer_id', '=', payerId);
    const rows = await q.orderBy('c.payer_id').orderBy('c.effective_from', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      payerId: r.payer_id,
      payerName: r.payer_name,
      name: r.name,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      rates: Number(r.rates ?? 0),
    }));
  });
}

/** One contract of a payer with what it allows per code and modifier. */
export async function getPayerContract(
  deps: ContractDeps,
  actor: Actor,
  input: { payerId?: number; contractId: number },
) {
  const [contract] = (
    await listPayerContracts(deps, actor, input.payerId === undefined ? {} : { payerId: input.payerId })
  ).filter((c) => c.id === input.contractId);
  if (!contract) throw notFound('Contract');
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const rates = await tx
      .selectFrom('payer_contract_rate')
      .select(['procedure_code', 'modifier', 'allowed_cents'])
      .where('tenant_id', '=', actor.tenantId)
      .where('contract_id', '=', contract.id)
      .orderBy('procedure_code')
      .orderBy('modifier')
      .execute();
    return {
      ...contract,
      items: rates.map((r) => ({
        procedureCode: r.procedure_code,
        modifier: r.modifier,
        allowedCents: r.allowed_cents,
      })),
    };
  });
}

/**
 * Sets what a contract allows for one code (and modifier: '' = any): a new rate, or a changed one (the old
 * amount is kept in the audit row). The contract's dates stay; a rate from another date is a new contract.
 */
export async function setContractRate(
  deps: ContractDeps,
  actor: Actor,
  /** the payer (the route's path names it; the CLI names the contract alone) */
  input: { payerId?: number; contractId: number; procedureCode: string; modifier?: string; allowedCents: number },
): Promise<{
  contractId: number;
  procedureCode: string;
  modifier: string;
  allowedCents: number;
  previousCents: number | null;
}> {
  const modifier = input.modifier ?? '';
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('payer_contract')
      .select(['id', 'payer_id'])
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.contractId);
    if (input.payerId !== undefined) q = q.where('payer_id', '=', input.payerId);
    const c = await q.executeTakeFirst();
    if (!c) throw notFound('Contract');
    const before = await tx
      .selectFrom('payer_contract_rate')
      .select('allowed_cents')
      .where('tenant_id', '=', actor.tenantId)
      .where('contract_id', '=', c.id)
      .where('procedure_code', '=', input.procedureCode)
      .where('modifier', '=', modifier)
      .forUpdate()
      .executeTakeFirst();
    if (before)
      await tx
        .updateTable('payer_contract_rate')
        .set({ allowed_cents: input.allowedCents })
        .where('tenant_id', '=', actor.tenantId)
        .where('contract_id', '=', c.id)
        .where('procedure_code', '=', input.procedureCode)
        .where('modifier', '=', modifier)
        .execute();
    else
      await tx
        .insertInto('payer_contract_rate')
        .values({
          tenant_id: actor.tenantId,
          contract_id: c.id,
          procedure_code: input.procedureCode,
          modifier,
          allowed_cents: input.allowedCents,
        })
        .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'payer_contract',
      resourceId: c.id,
      details: {
        payerId: c.payer_id,
        procedureCode: input.procedureCode,
        modifier,
        allowedCents: input.allowedCents,
        previousCents: before?.allowed_cents ?? null,
      },
    });
    return {
      contractId: c.id,
      procedureCode: input.procedureCode,
      modifier,
      allowedCents: input.allowedCents,
      previousCents: before?.allowed_cents ?? null,
    };
  });
}

/** The contracted allowed amount of a line from a payer on its date of service (× units), or null. */
export async function contractLookup(
  tx: Tx,
  tenantId: number,
  payerIds: number[],
): Promise<(line: OurLine, payerId: number) => number | null> {
  if (!payerIds.length) return () => null;
  const rows = await tx
    .selectFrom('payer_contract as c')
    .innerJoin('payer_contract_rate as r', (j) =>
      j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.contract_id', '=', 'c.id'),
    )
    .select(['c.payer_id', 'c.effective_from', 'c.effective_to', 'r.procedure_code', 'r.modifier', 'r.allowed_cents'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.payer_id', 'in', payerIds)
    .execute();
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.payer_id}|${r.procedure_code}`;
    byCode.set(k, [...(byCode.get(k) ?? []), r]);
  }
  return (line, payerId) => {
    const candidates = (byCode.get(`${payerId}|${line.code}`) ?? []).filter(
      (r) => r.effective_from <= line.date && (r.effective_to === null || r.effective_to >= line.date),
    );
    const exact = candidates.find((r) => r.modifier !== '' && line.modifiers.includes(r.modifier));
    const any = candidates.find((r) => r.modifier === '');
    const rate = exact ?? any;
    return rate ? Math.round(rate.allowed_cents * line.units) : null;
  };
}
