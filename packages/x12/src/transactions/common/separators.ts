/** Before building: every string of a model must be free of the separators it will be written with. */
import { SYNTAX_CODES, syntaxIssue } from '../../syntax/issues.ts';
import type { Delimiters, X12Issue } from '../../syntax/types.ts';

/** Issues naming the path of each string value (e.g. "billingProviders[0].provider.name.lastName") holding a separator. */
export function findSeparators(value: unknown, d: Delimiters, path = ''): X12Issue[] {
  if (typeof value === 'string') {
    const seps = [d.element, d.segment, d.component, d.repetition].filter((s) => s !== '' && value.includes(s));
    return seps.length === 0
      ? []
      : [
          syntaxIssue(
            SYNTAX_CODES.dataContainsSeparator,
            `${path || 'value'} ${JSON.stringify(value)} holds the separator ${JSON.stringify(seps[0])}`,
            {},
          ),
        ];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSeparators(v, d, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => findSeparators(v, d, path ? `${path}.${k}` : k));
  return [];
}
