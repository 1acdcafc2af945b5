/**
 * Why an insurer paid less than was billed, in a sentence a patient understands: CARC (with its group) and RARC
 * turned into plain words. The wording is ours; codes not listed fall back to the group's meaning.
 */
const CARC_WORDS: Record<string, string> = {
  '1': 'This went toward your deductible, the amount you pay each year before your plan starts paying.',
  '2': 'This is your coinsurance, your share of the cost after the deductible.',
  '3': 'This is your copay for the visit.',
  '4': 'The insurer said the service and its modifier do not match; our office will correct and resend the claim.',
  '5': 'The insurer said the service does not match the place it was given; our office is reviewing it.',
  '11': 'The insurer said the diagnosis does not support this service; our office is reviewing it.',
  '16': 'The insurer needs more information from our office before it can pay.',
  '18': 'The insurer already received this claim; this copy was not paid again.',
  '22': 'The insurer says another insurance should pay first.',
  '23': 'Another insurer already paid part of this, so this insurer paid less.',
  '26': 'The service was before your coverage started.',
  '27': 'The service was after your coverage ended.',
  '29': 'The claim reached the insurer after its filing deadline; you are not billed for this.',
  '31': 'The insurer could not find you as a member; please check your insurance information with us.',
  '45': 'This is the discount your insurer negotiated with our office. You do not owe this amount.',
  '49': 'Your plan does not cover routine exams like this one.',
  '50': 'The insurer decided this service was not medically necessary.',
  '59': 'When several procedures are done together, the insurer pays less for the additional ones.',
  '96': 'Your plan does not cover this service.',
  '97': 'The insurer pays for this as part of another service on the same day.',
  '109': 'This claim went to the wrong insurer; our office will send it to the right one.',
  '119': 'You have reached the plan’s limit for this benefit.',
  '197': 'This service needed approval from your insurer in advance, and none was on file.',
  '204': 'Your plan does not cover this service.',
  '242': 'The service was from a provider outside your plan’s network.',
  '253': 'This is a small federal reduction (sequestration) on Medicare payments. You do not owe this amount.',
};

const GROUP_WORDS: Record<string, string> = {
  CO: 'The insurer reduced this under its contract with our office; you do not owe this amount.',
  PR: 'This part is yours to pay under your plan.',
  OA: 'The insurer adjusted this amount for another reason.',
  PI: 'The insurer reduced this on its own decision; you do not owe this amount.',
  CR: 'The insurer corrected an earlier payment.',
};

const RARC_WORDS: Record<string, string> = {
  N130: 'Your plan’s benefit limits apply to this service.',
  M15: 'Separately billed services were combined into one payment.',
  M76: 'The insurer needs a diagnosis that supports the service.',
  N30: 'The insurer says you were not eligible for this benefit on that date.',
  N382: 'The insurer could not match the member information.',
  N290: 'The insurer is missing the provider’s identifier.',
  MA130: 'The claim was incomplete; our office will correct and resend it.',
  N115: 'The insurer decided this under its local coverage rules for the service.',
  M86: 'The insurer already paid for this service, or a similar one, within its time limit.',
  MA18: 'The insurer sent this claim on to your other insurance for the rest.',
  MA01: 'If you disagree with the insurer’s decision, you may appeal it.',
  N19: 'The insurer counts this service as part of the main procedure that day.',
  N362: 'You had more of this service than your plan allows in the period.',
  N425: 'The law does not let the insurer pay for this service.',
  M80: 'The insurer does not pay for this service on the same day as the other one.',
  N20: 'The insurer does not pay for this service on the same day as the other one.',
  N4: 'The insurer is missing or could not read information it needs.',
};

/** A remark code (RARC) in the patient's words; undefined when we have no wording for it. */
export function explainRemark(code: string): string | undefined {
  return RARC_WORDS[code];
}

/** One sentence for an adjustment (group + CARC), plus the remarks' sentences. */
export function explainAdjustment(
  group: string | null | undefined,
  carc: string | null | undefined,
  rarcs: readonly string[] = [],
): string {
  const main = (carc && CARC_WORDS[carc]) || (group && GROUP_WORDS[group]) || 'The insurer adjusted this amount.';
  const extra = rarcs.map((r) => RARC_WORDS[r]).filter(Boolean);
  // contractual write-offs are never the patient's, whatever the reason code says on its own
  const owes = group === 'CO' && carc && !['45', '253'].includes(carc) ? ' You do not owe this amount.' : '';
  return [main + owes, ...extra].join(' ');
}
