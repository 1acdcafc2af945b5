/**
 * @medbill/codes — code sets as CMS publishes them, versioned by effective date, instant search and
 * coding edits. Pure TypeScript: importers take text or an AsyncIterable of chunks; no I/O here.
 */
export * from './types.ts';

// Importers (each returns { ok, records, issues, lines }; issues carry line/column/field).
export { readLines } from './import/lines.ts';
export { importIcd10cmOrderFile, importIcd10pcsOrderFile, type OrderRecord } from './import/order-file.ts';
export { importAddendaFile, type AddendaRecord, type AddendaAction, type AddendaLayout } from './import/addenda.ts';
export {
  importTabularXml,
  NOTE_KINDS,
  type NoteKind,
  type TabularEntry,
  type TabularList,
} from './import/tabular-xml.ts';
export { importIndexXml, type IndexTerm, type IndexSource } from './import/index-xml.ts';
export { importIndexCsv } from './import/index-csv.ts';
export { importHcpcsCsv } from './import/hcpcs.ts';
export { importCptCsv } from './import/cpt.ts';
export { importNcciPtp, importMue, type PtpEdit, type MueLimit } from './import/ncci.ts';
export { importPfsRvu, type PfsIndicators } from './import/pfs.ts';
export { importAdjustmentCodes, importPlaceOfService, importNuccTaxonomy } from './import/code-lists.ts';
export {
  detectCodeFile,
  importIntoCatalog,
  type CodeFileKind,
  type DetectedFile,
  type FileImportResult,
} from './import/import-file.ts';

// Catalog and versioning.
export { CodeCatalog, normalizeCode, type Validity, type PtpTable } from './catalog/code-catalog.ts';
export {
  fiscalYearRelease,
  quarterlyRelease,
  type ReleaseMeta,
  type ReleaseData,
  type StoredRelease,
  type StoredReleaseData,
  type AddReleaseOutcome,
} from './catalog/release-types.ts';
export {
  CodeTable,
  CodeTableBuilder,
  CodeMap,
  extraOf,
  type CodeFields,
  type TableParts,
} from './catalog/code-table.ts';
export { releaseDiff, type ReleaseDiff, type TitleChange } from './catalog/release-diff.ts';
export {
  coverageGap,
  addDays,
  fiscalYearOf,
  CODE_SET_LABELS,
  type CoverageGap,
} from './catalog/coverage.ts';
export {
  serializeRelease,
  deserializeRelease,
  releaseToRows,
  rowsToEntries,
  releaseLines,
  ReleaseFormatError,
  type CodeRow,
} from './catalog/serialize-release.ts';
export { TabularRules, parseCodeRefs, withDot, type CodeRef, type AppliedNote } from './catalog/tabular-rules.ts';

// Search.
export { CodeSearch, type SearchHit, type SearchOptions, type SearchKind } from './search/code-search.ts';
export { SYNONYMS } from './search/synonyms.ts';

// Code suggestions from a clinician's note.
export { CodeSuggester, type SuggesterOptions } from './suggest/code-suggester.ts';
export {
  learnOfficeModel,
  learnOfficeModelSteps,
  officeModelCodes,
  officeModelFromJSON,
  officeModelToJSON,
  OfficeModelFormatError,
  type CodedNote,
  type LearnOfficeOptions,
  type LearnProgress,
  type OfficeModel,
  type OfficeModelJSON,
} from './suggest/office-model.ts';
export type {
  CodeSuggestion,
  CodePairing,
  Laterality,
  NotCoded,
  ProcedureSuggestion,
  NoteSpan,
  SuggestOptions,
  SuggestResult,
  SuggestionReason,
  SuggestionTraits,
} from './suggest/suggest-types.ts';
export { SECTION_KINDS, type SectionKind } from './suggest/sections.ts';

// Coding edits.
export { checkCoding } from './edits/check-coding.ts';
export {
  RULE_IDS,
  ageOn,
  type RuleId,
  type Edit,
  editIndex,
  type CodingInput,
  type ProcedureLine,
  type PatientSex,
} from './edits/edit-types.ts';
export { PTP_BYPASS_MODIFIERS } from './edits/ncci-edits.ts';

// Demo list (runs before any import).
export {
  createDemoCatalog,
  DEMO_RELEASE,
  DEMO_ICD10CM,
  DEMO_HCPCS,
  DEMO_MODIFIERS,
  DEMO_CPT_NUMBERS,
  DEMO_PTP,
  DEMO_MUE,
} from './demo/demo-codes.ts';
export { splitCsvLine } from './import/csv.ts';
