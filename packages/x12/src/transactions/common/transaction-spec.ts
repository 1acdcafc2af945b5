/** Hand a built ST..SE transaction to the envelope writer (which writes ST and SE itself). */
import type { TransactionSpec } from '../../syntax/envelope-writer.ts';
import type { Segment } from '../../syntax/types.ts';

/** ST..SE segments → the envelope writer's TransactionSpec (ST01, ST02 and the body between ST and SE). */
export function toTransactionSpec(stToSe: readonly Segment[]): TransactionSpec {
  const st = stToSe[0];
  const hasSe = stToSe.at(-1)?.id === 'SE';
  return { id: st?.elements[0], controlNumber: st?.elements[1] ?? '', body: stToSe.slice(1, hasSe ? -1 : undefined) };
}

/** ST03 of ST..SE segments: the implementation guide version to put in GS08. */
export function versionOf(stToSe: readonly Segment[]): string {
  return stToSe[0]?.elements[2] ?? '';
}
