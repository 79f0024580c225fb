import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import * as repo from './repository';
import { loadPaper } from './rows';
import type { WriteContext } from '../../platform/service-context';
import { statusTransitions } from './policy';
import { getPaper } from './paper-reading';

/** Moves a paper along its workflow; the system (demo, imports) may set any status. */
export async function setPaperStatus({
  actor,
  tx,
  paperId,
  status,
}: WriteContext & { paperId: string; status: repo.PaperRow['status'] }): Promise<void> {
  const before = await loadPaper(tx, paperId);
  if (!before) throw new AppError('NOT_FOUND');
  if (actor.kind !== 'system') {
    const action = statusTransitions[before.status][status];
    if (!action)
      throw new AppError('CONFLICT', {
        message: da.papers.wrongStatus(da.papers.statuses[before.status]),
      });
    if (!can(actor, action, { organizationId: before.organizationId }))
      throw new AppError('FORBIDDEN');
  }
  // Approval onto an agenda freezes the version approved.
  const approvedVersion =
    status === 'on_agenda' ? await repo.selectLatestVersionNumber(tx, paperId) : undefined;
  await repo.updatePaper(tx, paperId, { status, approvedVersion });
  await recordAudit(tx, {
    actor,
    action: 'paper.status',
    entityType: 'paper',
    entityId: paperId,
    before: { status: before.status, approvedVersion: before.approvedVersion },
    after: { status, approvedVersion: approvedVersion ?? before.approvedVersion },
  });
}

/**
 * The author takes an approved paper back to correct it. Its approved version stays on the
 * agenda for everyone else until the corrected paper is submitted and approved again.
 */
export async function reopenPaper({
  paperId,
  ...ctx
}: WriteContext & { paperId: string }): Promise<void> {
  await getPaper({ ...ctx, paperId });
  await setPaperStatus({ ...ctx, paperId, status: 'draft' });
}
