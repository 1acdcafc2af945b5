/**
 * The one model of people, organizations and their addresses for every transaction: 837 (NM1 loops), 270/271,
 * 276/277, 277CA and 835 (N1 payer/payee loops and the 2100 NM1 names). Read and written in party.ts (837 side)
 * and transactions/835/segments.ts.
 */

export interface EntityName {
  /** NM102: '1' person, '2' non-person entity */
  entityType: '1' | '2';
  /** NM103: last name or organization name ('' when not sent, e.g. pay-to address 2010AB) */
  lastName: string;
  firstName?: string;
  middleName?: string;
  prefix?: string;
  suffix?: string;
  /** NM108, e.g. 'XX' NPI, 'MI' member id, 'PI' payer id, '46' ETIN */
  idQualifier?: string;
  /** NM109 */
  id?: string;
}

/** N3/N4. '' for a line or city that was not sent (a built N3/N4 is written only when it has a value). */
export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface Reference {
  qualifier: string;
  value: string;
  /** REF03 (835 references; rarely sent elsewhere) */
  description?: string;
}

export interface Contact {
  /** PER01, usually 'IC' */
  functionCode: string;
  name?: string;
  /** PER03/04, PER05/06, PER07/08: qualifier TE/EM/FX/EX/UR and number */
  numbers?: ContactNumber[];
}

export interface ContactNumber {
  qualifier: string;
  value: string;
}

export interface Demographics {
  /** DMG02 with DMG01 = D8 (CCYYMMDD) */
  birthDate?: string;
  /** DMG03: F, M, U */
  gender?: string;
}

/** PRV: provider code (BI billing, PE performing, AT attending, ...) and NUCC taxonomy (PRV03, qualifier PXC). */
export interface Specialty {
  code: string;
  taxonomy: string;
}

export interface Party {
  name: EntityName;
  address?: Address;
  demographics?: Demographics;
  specialty?: Specialty;
  refs?: Reference[];
  contacts?: Contact[];
}

/** NM101 (or N101) with the party it names: 2310/2420 providers, 2330 other payers, 835 payer and payee. */
export interface CodedParty extends Party {
  entityCode: string;
}

/** NM101 with a name alone: the 835 claim loop's patient, insured, corrected patient, rendering provider, payers. */
export interface CodedName extends EntityName {
  entityCode: string;
}
