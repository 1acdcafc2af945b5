/**
 * medbill contracts list | show ID | set-rate ID CODE AMOUNT — payer contracts: what each payer allows per
 * procedure code (and modifier), effective-dated; an 835 line paid below it is an underpayment on the denial
 * worklist. Each command parses, calls the contract use case the API calls (it writes its own audit row as the OS
 * user) and prints its answer.
 */
import { contractRateBody } from '@medbill/api';
import { formatCents } from '@medbill/core/ledger';
import { getPayerContract, listPayerContracts, setContractRate } from '@medbill/server';
import type { Command } from 'commander';
import { EXIT, type CliIO } from '../io.ts';
import { dollarsToCents } from './deposits.ts';
import { withClaims } from './with-store.ts';

type Opts = { tenant?: string; json?: boolean };
const $ = formatCents;
const idOf = (raw: string): number | null => (/^#?\d{1,12}$/.test(raw) ? Number(raw.replace(/^#/, '')) : null);

export function registerContractCommands(program: Command, io: CliIO): void {
  const c = program
    .command('contracts')
    .description("Payer contracts: what each payer allows per code, effective-dated; set one code's rate");
  const common = (x: Command) =>
    x.option('--tenant <slug>', 'tenant (default: the only one)').option('--json', 'JSON output');

  common(c.command('list').description('Contracts: payer, name, effective dates, how many codes each prices'))
    .option('--payer <id>', 'one payer (its number, as on the Payers page)')
    .action(async (opts: Opts & { payer?: string }) => {
      const payerId = opts.payer === undefined ? undefined : idOf(opts.payer);
      if (payerId === null) {
        io.err('medbill contracts list: --payer is the payer number (as on the Payers page)\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'contracts list', { tenant: opts.tenant }, async (deps, actor) => {
        const items = await listPayerContracts(deps, actor, payerId === undefined ? {} : { payerId });
        if (opts.json) return io.out(`${JSON.stringify({ items })}\n`);
        io.out(`${items.length} contract${items.length === 1 ? '' : 's'}\n`);
        for (const k of items)
          io.out(
            `#${String(k.id).padEnd(5)} ${k.payerName.slice(0, 28).padEnd(28)} ${k.name.slice(0, 30).padEnd(30)} ${k.effectiveFrom} – ${k.effectiveTo ?? 'open'}  ${k.rates} code${k.rates === 1 ? '' : 's'}\n`,
          );
      });
    });

  common(c.command('show <contract>').description('One contract: what the payer allows per code and modifier')).action(
    async (raw: string, opts: Opts) => {
      const contractId = idOf(raw);
      if (contractId === null) {
        io.err('medbill contracts show: give the contract number (as in contracts list)\n');
        return io.setExitCode(EXIT.usage);
      }
      await withClaims(io, 'contracts show', { tenant: opts.tenant }, async (deps, actor) => {
        const k = await getPayerContract(deps, actor, { contractId });
        if (opts.json) return io.out(`${JSON.stringify(k)}\n`);
        io.out(`Contract #${k.id} ${k.name}: ${k.payerName}, ${k.effectiveFrom} – ${k.effectiveTo ?? 'open'}\n`);
        for (const r of k.items)
          io.out(
            `  ${`${r.procedureCode}${r.modifier ? `-${r.modifier}` : ''}`.padEnd(9)} ${$(r.allowedCents).padStart(10)}\n`,
          );
      });
    },
  );

  common(
    c
      .command('set-rate <contract> <code> <amount>')
      .description('Set what a contract allows for one code (a new rate or a changed one), e.g. set-rate 3 99214 98.50')
      .option('--modifier <xx>', 'only with this modifier (default: any)'),
  ).action(async (raw: string, code: string, amount: string, opts: Opts & { modifier?: string }) => {
    const contractId = idOf(raw);
    const allowedCents = dollarsToCents(amount);
    const parsed = contractRateBody.safeParse({
      procedureCode: code.toUpperCase(),
      allowedCents: allowedCents ?? -1,
      ...(opts.modifier === undefined ? {} : { modifier: opts.modifier.toUpperCase() }),
    });
    if (contractId === null || allowedCents === null || !parsed.success) {
      const why = [
        contractId === null ? 'the contract number (as in contracts list)' : null,
        ...(parsed.success
          ? []
          : parsed.error.issues.map((i) =>
              i.path[0] === 'allowedCents'
                ? `the amount in dollars and cents, not "${amount}"`
                : `${i.path[0] === 'modifier' ? '--modifier' : 'the code'} ${i.message}`,
            )),
        allowedCents === null && parsed.success ? `the amount in dollars and cents, not "${amount}"` : null,
      ].filter(Boolean);
      io.err(`medbill contracts set-rate: ${why.join('; ')}\n`);
      return io.setExitCode(EXIT.usage);
    }
    await withClaims(io, 'contracts set-rate', { tenant: opts.tenant }, async (deps, actor) => {
      const r = await setContractRate(deps, actor, { contractId, ...parsed.data });
      if (opts.json) return io.out(`${JSON.stringify(r)}\n`);
      const what = `${r.procedureCode}${r.modifier ? `-${r.modifier}` : ''}`;
      io.out(
        r.previousCents === null
          ? `Contract #${r.contractId} now allows ${$(r.allowedCents)} for ${what} (new)\n`
          : `Contract #${r.contractId} allows ${$(r.allowedCents)} for ${what} (was ${$(r.previousCents)})\n`,
      );
    });
  });
}
