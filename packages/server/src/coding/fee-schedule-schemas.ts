/** What a fee schedule request holds: codes with modifiers and charges, effective-dated. */
import { z } from 'zod';
import { id, isoDate } from '../registration/fields.ts';

export const feeItem = z.strictObject({
  procedureCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/, 'is not a CPT or HCPCS code'),
  modifier: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([0-9A-Z]{2})?$/, 'is a 2-character modifier or empty')
    .default(''),
  chargeCents: z.number().int().min(0).max(99_999_999),
});
export const feeItems = z
  .array(feeItem)
  .max(20_000)
  .refine((list) => new Set(list.map((i) => `${i.procedureCode}:${i.modifier}`)).size === list.length, {
    message: 'a code and modifier may appear once',
  });
export const feeScheduleBody = z
  .strictObject({
    practiceId: id,
    name: z.string().trim().min(1).max(100),
    effectiveFrom: isoDate('Effective from'),
    effectiveTo: isoDate('Effective to').nullable().optional(),
    items: feeItems,
  })
  .refine((s) => !s.effectiveTo || s.effectiveTo >= s.effectiveFrom, {
    path: ['effectiveTo'],
    message: 'cannot be before the effective date',
  });

export const feeScheduleQuery = z.strictObject({ practiceId: id.optional() });
export const feeItemsBody = z.strictObject({ items: feeItems });
export type FeeItem = z.infer<typeof feeItem>;
export type FeeScheduleInput = z.infer<typeof feeScheduleBody>;
