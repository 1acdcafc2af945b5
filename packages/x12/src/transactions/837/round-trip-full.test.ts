import { describe, expect, it } from 'vitest';
import { parseX12File } from '../../parse-file.ts';
import { buildInterchange, type InterchangeSpec } from '../../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Delimiters } from '../../syntax/types.ts';
import { build837, write837Body } from './build-837.ts';
import { fullInstitutionalFile, fullProfessionalFile } from './claim-full.test-util.ts';
import { IMPLEMENTATION_VERSION, type ClaimFile837 } from './claim-model.ts';
import { toTransactionSpec } from '../common/transaction-spec.ts';
import { read837File, read837Stream } from './read-837-file.ts';

/** Dotted paths of every value that is undefined (or an empty array) anywhere in `v`. */
function holes(v: unknown, path = ''): string[] {
  if (v === undefined) return [path];
  if (Array.isArray(v)) return v.length === 0 ? [path] : v.flatMap((x, i) => holes(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => holes(x, path ? `${path}.${k}` : k));
  return [];
}

function spec(file: ClaimFile837, body: InterchangeSpec['groups'][number]['transactions'][number]): InterchangeSpec {
  return {
    sender: 'CLINIC',
    receiver: 'PAYER',
    controlNumber: '11',
    date: '20260115',
    time: '1200',
    usage: 'T',
    groups: [
      {
        functionalId: 'HC',
        appSender: 'CLINIC',
        appReceiver: 'PAYER',
        controlNumber: '11',
        version: IMPLEMENTATION_VERSION[file.kind],
        transactions: [body],
      },
    ],
  };
}

/** Odd separators, so a value that slipped past the writer's checks would show. */
const ODD: Delimiters = { element: '|', component: '>', repetition: '!', segment: '\n' };

describe('837 round trip of a claim file with every field set', () => {
  for (const [kind, make] of [
    ['professional', fullProfessionalFile],
    ['institutional', fullInstitutionalFile],
  ] as const) {
    const file = make();

    it(`${kind}: the fixture leaves no field empty`, () => {
      expect(holes(file)).toEqual([]);
    });

    for (const d of [DEFAULT_DELIMITERS, ODD]) {
      it(`${kind}: built, then read by read837File, read837Stream and parseX12File, every field comes back (separators ${JSON.stringify(d.element + d.component + d.repetition + d.segment)})`, async () => {
        const streamed = buildInterchange(
          spec(file, { controlNumber: '0001', body: (out) => write837Body(file, out, { delimiters: d }) }),
          d,
        );
        const fromSegments = buildInterchange(spec(file, toTransactionSpec(build837(file, { delimiters: d }))), d);
        expect(streamed).toBe(fromSegments);

        const onePass = read837File(streamed, { file: 'full.837' });
        expect(onePass.issues).toEqual([]);
        expect(onePass.transactions).toHaveLength(1);
        expect(onePass.transactions[0]!.value).toEqual(file);

        const chunks = streamed.match(/[\s\S]{1,97}/g)!;
        const fromStream = await read837Stream(chunks, { file: 'full.837' });
        expect(fromStream.issues).toEqual([]);
        expect(fromStream.transactions[0]!.value).toEqual(file);

        const whole = parseX12File(streamed, { file: 'full.837' });
        expect(whole.issues).toEqual([]);
        expect(whole.transactions[0]!.value).toEqual(file);

        // and what was read writes the same text again
        const again = onePass.transactions[0]!.value;
        const rewritten = buildInterchange(
          spec(again, { controlNumber: '0001', body: (out) => write837Body(again, out, { delimiters: d }) }),
          d,
        );
        expect(rewritten).toBe(streamed);
      });
    }
  }
});
