/** The cue words of the ConText-style trait scopes (authored for medbill from NegEx/ConText's published categories). */

/** Trait bits. */
export const NEGATED = 1;
export const UNCERTAIN = 2;
export const HYPOTHETICAL = 4;
export const FAMILY = 8;
export const HISTORY = 16;

/** 'either': backward when a finding precedes the cue in its clause ("PE ruled out"), else forward. */
export type Direction = 'forward' | 'backward' | 'both' | 'either';
export interface Cue {
  words: string[];
  trait: number;
  direction: Direction;
  /** Longest scope in words (whole clause when absent). */
  max?: number;
}

const cue = (phrase: string, trait: number, direction: Direction = 'forward', max?: number): Cue => ({
  words: phrase.split(' '),
  trait,
  direction,
  ...(max ? { max } : {}),
});

export const CUES: Cue[] = [
  ...[
    'no',
    'not',
    'denies',
    'denied',
    'deny',
    'denying',
    'without',
    'negative for',
    'neg for',
    'free of',
    'absence of',
    'absent',
    'never had',
    'no evidence of',
    'no signs of',
    'no sign of',
    'rules out',
    'nor',
    'unremarkable for',
    'resolution of',
  ].map((p) => cue(p, NEGATED)),
  ...[
    'was ruled out',
    'were ruled out',
    'is ruled out',
    'has been ruled out',
    'is negative',
    'was negative',
    'were negative',
    'is absent',
    'was absent',
    'are absent',
    'not seen',
    'not present',
    'not identified',
    'was excluded',
  ].map((p) => cue(p, NEGATED, 'backward')),
  ...['ruled out', 'negative', 'absent', 'unlikely', 'excluded'].map((p) => cue(p, NEGATED, 'either')),
  ...[
    'possible',
    'possibly',
    'probable',
    'probably',
    'likely',
    'suspect',
    'suspicious for',
    'suspicion of',
    'suspicion for',
    'rule out',
    'r/o',
    'questionable',
    'question of',
    'query',
    'concern for',
    'concerning for',
    'worrisome for',
    'consistent with',
    'compatible with',
    'suggestive of',
    'suggesting',
    'suggests',
    'presumed',
    'presumptive',
    'working diagnosis',
    'differential',
    'ddx',
    'evaluate for',
    'evaluation for',
    'may be',
    'may have',
    'could be',
    'cannot rule out',
    'cannot exclude',
    'cannot be excluded',
  ].map((p) => cue(p, UNCERTAIN)),
  ...['is suspected', 'cannot be excluded', 'not excluded', 'cannot be ruled out', 'to be ruled out'].map((p) =>
    cue(p, UNCERTAIN, 'backward'),
  ),
  cue('suspected', UNCERTAIN, 'either'),
  ...['versus', 'vs'].map((p) => cue(p, UNCERTAIN, 'both')),
  ...[
    'if',
    'should',
    'in case of',
    'in the event of',
    'precautions',
    'precaution',
    'monitor for',
    'watch for',
    'screening for',
    'screen for',
    'to prevent',
    'prevention of',
    'unless',
    'would',
  ].map((p) => cue(p, HYPOTHETICAL)),
  ...['risk of', 'risk for', 'at risk', 'risks of'].map((p) => cue(p, HYPOTHETICAL, 'forward', 4)),
  ...[
    'history of',
    'hx of',
    'h/o',
    'hx',
    'past history',
    'personal history',
    's/p',
    'status post',
    'prior',
    'previous',
    'previously',
    'former',
    'remote',
    'childhood',
    'treated for',
    'recovered from',
  ].map((p) => cue(p, HISTORY)),
  ...[
    'years ago',
    'year ago',
    'months ago',
    'in the past',
    'resolved',
    'now resolved',
    'healed',
    'in remission',
    'none since',
    'none in the last',
    'no active disease',
    'no evidence of disease',
    'no evidence of recurrence',
    'without recurrence',
    'no recurrence',
    'completed treatment',
  ].map((p) => cue(p, HISTORY, 'backward')),
  ...[
    'family history',
    'family hx',
    'fhx',
    'mother',
    'father',
    'mom',
    'dad',
    'brother',
    'brothers',
    'sister',
    'sisters',
    'sibling',
    'siblings',
    'son',
    'sons',
    'daughter',
    'daughters',
    'aunt',
    'uncle',
    'grandmother',
    'grandfather',
    'grandparent',
    'grandparents',
    'cousin',
    'parents',
    'maternal',
    'paternal',
    'niece',
    'nephew',
  ].map((p) => cue(p, FAMILY)),
  ...['in her mother', 'in his mother', 'in her father', 'in his father', 'in mother', 'in father'].map((p) =>
    cue(p, FAMILY, 'backward'),
  ),
];

/** Words that end any cue's scope: a new clause about something else. */
const STRONG = ['but', 'however', 'although', 'though', 'except', 'apart', 'aside', 'which', 'who'];
/** Verbs that start a new statement about the patient ("denies X, reports Y"). */
const NEW_STATEMENT = [
  'reports',
  'report',
  'reported',
  'reporting',
  'complains',
  'complaining',
  'presents',
  'presented',
  'notes',
  'endorses',
  'admits',
  'states',
  'patient',
  'pt',
];
export const TERMINATORS: Record<number, Set<string>> = {
  [NEGATED]: new Set([...STRONG, ...NEW_STATEMENT, 'now', 'currently', 'secondary', 'due', 'since']),
  [UNCERTAIN]: new Set([...STRONG, ...NEW_STATEMENT]),
  [HYPOTHETICAL]: new Set(STRONG),
  // "no family history of interest, personal history of asthma": the patient's own history starts a new scope.
  [FAMILY]: new Set([...STRONG, 'patient', 'pt', 'personal']),
  [HISTORY]: new Set([...STRONG, ...NEW_STATEMENT, 'now', 'currently', 'is']),
};
/** Words after which a relative is the informant, not the one with the condition ("mother denies"). */
/** "No chest pain, has cough": these verbs start a new statement only after a comma or "and". */
export const WEAK_TERMINATORS = new Set(['has', 'have', 'had', 'is', 'was']);
export const REPORTING = new Set(['denies', 'reports', 'states', 'says', 'notes', 'brings', 'brought', 'concerned']);
/** A clause that says the condition is present now cancels a history cue in it. */
export const CURRENT = new Set(['currently', 'current', 'now', 'ongoing', 'today', 'presently']);
