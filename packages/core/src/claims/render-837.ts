/** One batch of claims → one 837 interchange (ISA/GS/ST…SE/GE/IEA) with the control numbers given. */
import { claimFileFromClaims, write837Body, IMPLEMENTATION_VERSION, type ClaimToSend } from '@medbill/x12/837';
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';

export interface InterchangeParties {
  submitterId: string;
  submitterName: string;
  submitterContact: { name: string; phone: string };
  receiverId: string;
  receiverName: string;
}

export interface Render837Input {
  kind: 'professional' | 'institutional';
  claims: readonly ClaimToSend[];
  parties: InterchangeParties;
  interchangeControlNumber: number;
  groupControlNumber: number;
  /** the moment the file is made (UTC parts are used) */
  createdAt: Date;
  usage: 'P' | 'T';
  /** BHT03: our batch reference */
  batchReference: string;
}

export function render837Interchange(input: Render837Input): string {
  const p = input.parties;
  const iso = input.createdAt.toISOString();
  const file = claimFileFromClaims(
    {
      kind: input.kind,
      controlNumber: '0001',
      header: {
        purpose: '00',
        referenceId: input.batchReference,
        date: iso.slice(0, 10).replace(/-/g, ''),
        time: iso.slice(11, 16).replace(':', ''),
        claimType: 'CH',
      },
      submitter: {
        name: { entityType: '2', lastName: p.submitterName.toUpperCase(), idQualifier: '46', id: p.submitterId },
        contacts: [
          {
            functionCode: 'IC',
            name: p.submitterContact.name.toUpperCase(),
            numbers: [{ qualifier: 'TE', value: p.submitterContact.phone }],
          },
        ],
      },
      receiver: {
        name: { entityType: '2', lastName: p.receiverName.toUpperCase(), idQualifier: '46', id: p.receiverId },
      },
    },
    input.claims,
  );
  return buildInterchange(
    {
      sender: p.submitterId,
      receiver: p.receiverId,
      controlNumber: String(input.interchangeControlNumber),
      date: input.createdAt,
      usage: input.usage,
      ackRequested: '0',
      groups: [
        {
          functionalId: 'HC',
          appSender: p.submitterId,
          appReceiver: p.receiverId,
          controlNumber: String(input.groupControlNumber),
          version: IMPLEMENTATION_VERSION[input.kind],
          // written segment by segment straight into the text (no array of the batch's segments is made)
          transactions: [
            { controlNumber: '0001', body: (out) => write837Body(file, out, { delimiters: DEFAULT_DELIMITERS }) },
          ],
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}
