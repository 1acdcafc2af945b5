/**
 * Adjective forms of anatomical sites and of common conditions, read as the noun the Alphabetic Index lists them
 * by ("Detachment, retina" for "retinal detachment"; "Cardiomyopathy, alcoholic" beside "Alcohol, alcoholic";
 * "Defect, septal, heart" beside "cardiac septa"). Shared by code search (normalize.ts) and the note suggester
 * (term-normalize.ts); applied to both sides of a match, so it only ever adds matches.
 */
export const SITE_ADJECTIVES: Readonly<Record<string, string>> = {
  corneal: 'cornea',
  retinal: 'retina',
  urethral: 'urethra',
  mucosal: 'mucosa',
  conjunctival: 'conjunctiva',
  uveal: 'uvea',
  scleral: 'sclera',
  gingival: 'gingiva',
  mandibular: 'mandible',
  scapular: 'scapula',
  orbital: 'orbit',
  peritoneal: 'peritoneum',
  pericardial: 'pericardium',
  vesical: 'bladder',
  ureteral: 'ureter',
  septal: 'septum',
  septa: 'septum',
  alcoholic: 'alcohol',
  syphilitic: 'syphilis',
  stenotic: 'stenosis',
  necrotic: 'necrosis',
  sclerotic: 'sclerosis',
  arteriosclerotic: 'arteriosclerosis',
  anomalous: 'anomaly',
};
