/**
 * @medbill/server/codes — the code-set stage's public entry, apart from the main one so `medbill codes valid`
 * and `codes search` load the code sets without the HTTP server, the database driver or the other stages.
 */
export { codeCacheDir, removeManifest } from './code-cache.ts';
export { loadCatalogFromCache } from './catalog-from-files.ts';
export { importCodeFile, loadCatalog, unpack } from './code-files.ts';
export { loadCodesService, type CodesService } from './codes-service.ts';
export {
  checkCodes,
  diffCodeReleases,
  listCodeReleases,
  lookupCode,
  searchCodes,
  type SearchKind,
} from './code-set-queries.ts';
