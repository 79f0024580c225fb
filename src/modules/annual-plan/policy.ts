import { can, type Actor } from '../../platform/auth/policy';
import type { PaperDetail } from '../papers/index';

/** Who may plan a paper's path, beyond the role table in platform/auth/policy.ts. */

/** Case officers plan their own papers' path; the secretariat plans any. */
export function mayPlanTreatments(actor: Actor, paper: PaperDetail['paper']): boolean {
  return (
    can(actor, 'annualPlan.manage') ||
    can(actor, 'paper.write', { organizationId: paper.organizationId })
  );
}
