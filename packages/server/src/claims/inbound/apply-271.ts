/** Eligibility answers (271) arrive among the other files when nobody waited for them (accounts stage). */
import { applyEligibilityResponse } from '../../eligibility/apply-eligibility-response.ts';
import { fileProblem, type ApplyContext } from './apply-context.ts';

export async function apply271(c: ApplyContext, text: string): Promise<void> {
  const answered = await applyEligibilityResponse(
    c.tx,
    c.tenantId,
    { id: c.fileId, fileName: c.fileName, text },
    { key: c.auditKey, actor: c.actor },
    new Date(),
  );
  if (!answered.length) fileProblem(c, 'not-ours', `${c.fileName}: a 271 that answers no eligibility check we sent`);
}
