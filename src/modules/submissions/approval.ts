import { recordAudit } from '../../platform/audit/record-audit';
import { can, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { enqueueMail } from '../../platform/mail/index';
import type { ServiceContext, WriteContext } from '../../platform/service-context';
import { readUserNames } from '../accounts/index';
import { readMeetingRows } from '../meetings/index';
import { readOrganization } from '../organizations/index';
import { readPaperHeadings, setPaperStatus } from '../papers/index';
import * as repo from './repository';

/**
 * Godkendelsestrin: where an organization asks for it, a case officer's submission goes to a
 * leader (one of the organization's approvers) before the secretariat. The submission's own
 * states carry the step: awaiting_approval → pending (approved on) or returned (with a comment,
 * mailed to the case officer). The paper stays "submitted" meanwhile, as for the secretariat.
 */

/** Roles an approver can have: those who read draft papers. */
export const approverRoles = ['administrator', 'secretary', 'case_officer'] as const;

export type ApprovalSettings = {
  organizationId: string;
  organizationName: string;
  isRequired: boolean;
  approverUserIds: string[];
};

async function requireConfigurable(ctx: ServiceContext, organizationId: string) {
  const organization = await readOrganization(ctx, organizationId);
  if (!organization) throw new AppError('NOT_FOUND');
  if (!can(ctx.actor, 'organization.configure', { organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  return organization;
}

/** An organization's approval step (off, without approvers, until set). */
export async function getApprovalSettings({
  organizationId,
  ...ctx
}: ServiceContext & { organizationId: string }): Promise<ApprovalSettings> {
  const organization = await requireConfigurable(ctx, organizationId);
  const row = await repo.selectApprovalSettings(ctx.tx, organizationId);
  return {
    organizationId,
    organizationName: organization.name,
    isRequired: row?.isRequired ?? false,
    approverUserIds: row?.approverUserIds ?? [],
  };
}

/** The users who may be chosen as approvers, by name. */
export async function listApproverCandidates(ctx: ServiceContext) {
  return readUserNames(ctx, { roles: approverRoles });
}

/** Switches the step on or off and names the approvers; on needs at least one. Audited. */
export async function saveApprovalSettings({
  organizationId,
  input,
  ...ctx
}: WriteContext & {
  organizationId: string;
  input: { isRequired: boolean; approverUserIds: string[] };
}): Promise<ApprovalSettings> {
  const before = await getApprovalSettings({ ...ctx, organizationId });
  const approverUserIds = [...new Set(input.approverUserIds)];
  const known = await readUserNames(ctx, { ids: approverUserIds });
  const allowed = new Set(
    known
      .filter((user) => (approverRoles as readonly string[]).includes(user.role))
      .map((u) => u.id),
  );
  if (approverUserIds.some((id) => !allowed.has(id))) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'approverUserIds', message: da.approvals.unknownApprover }],
    });
  }
  if (input.isRequired && approverUserIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'approverUserIds', message: da.approvals.approverRequired }],
    });
  }
  await repo.upsertApprovalSettings(ctx.tx, {
    organizationId,
    isRequired: input.isRequired,
    approverUserIds,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'submissionApprovalSettings.update',
    entityType: 'organization',
    entityId: organizationId,
    before: { isRequired: before.isRequired, approverUserIds: before.approverUserIds },
    after: { isRequired: input.isRequired, approverUserIds },
  });
  return { ...before, isRequired: input.isRequired, approverUserIds };
}

/** The status a new submission to this organization starts in. */
export async function initialSubmissionStatus(
  tx: Db,
  organizationId: string,
): Promise<'awaiting_approval' | 'pending'> {
  const settings = await repo.selectApprovalSettings(tx, organizationId);
  return settings?.isRequired && settings.approverUserIds.length > 0
    ? 'awaiting_approval'
    : 'pending';
}

export type ApprovalQueueRow = repo.SubmissionRow & {
  paperTitle: string;
  caseOfficers: string[];
  meetingTitle: string;
  meetingStartsAt: Date;
};

async function organizationsApprovedBy(ctx: ServiceContext): Promise<Set<string>> {
  if (ctx.actor.kind !== 'user') return new Set();
  return new Set(await repo.selectOrganizationsApprovedBy(ctx.tx, ctx.actor.userId));
}

/** The leader's queue: submissions awaiting approval in the organizations they approve for. */
export async function approvalQueue(ctx: ServiceContext): Promise<ApprovalQueueRow[]> {
  // Only the roles an approver may have read drafts; the queue is not for members and readers.
  if (ctx.actor.kind !== 'user' || !(approverRoles as readonly string[]).includes(ctx.actor.role))
    throw new AppError('FORBIDDEN');
  const approves = await organizationsApprovedBy(ctx);
  if (approves.size === 0) return [];
  const waiting = await repo.selectAwaitingApproval(ctx.tx);
  const papers = await readPaperHeadings(
    ctx,
    waiting.map((submission) => submission.paperId),
  );
  const theirs = waiting.filter((submission) => {
    const paper = papers.get(submission.paperId);
    return paper !== undefined && approves.has(paper.organizationId);
  });
  const meetings = new Map(
    (
      await readMeetingRows(
        ctx,
        theirs.map((submission) => submission.meetingId),
      )
    ).map((meeting) => [meeting.id, meeting]),
  );
  const rows: ApprovalQueueRow[] = [];
  for (const submission of theirs) {
    const paper = papers.get(submission.paperId)!;
    const meeting = meetings.get(submission.meetingId);
    if (!meeting) continue;
    rows.push({
      ...submission,
      paperTitle: paper.title,
      caseOfficers: paper.caseOfficers,
      meetingTitle: meeting.title,
      meetingStartsAt: meeting.startsAt,
    });
  }
  return rows;
}

/**
 * The submission if the actor approves for its organization; 404 otherwise (another leader's
 * submission is not theirs to see), 409 once decided.
 */
async function requireAwaitingApproval(ctx: ServiceContext, submissionId: string) {
  const submission = await repo.selectSubmission(ctx.tx, submissionId);
  if (!submission) throw new AppError('NOT_FOUND');
  const paper = (await readPaperHeadings(ctx, [submission.paperId])).get(submission.paperId);
  const approves = await organizationsApprovedBy(ctx);
  if (!paper || !approves.has(paper.organizationId)) throw new AppError('NOT_FOUND');
  if (submission.status !== 'awaiting_approval') {
    throw new AppError('CONFLICT', { message: da.submissions.alreadyDecided });
  }
  return { submission, paper };
}

/** The leader approves: the submission goes on to the secretariat's queue. Audited. */
export async function approveAsLeader({
  submissionId,
  ...ctx
}: WriteContext & { submissionId: string }): Promise<repo.SubmissionRow> {
  const { submission: before } = await requireAwaitingApproval(ctx, submissionId);
  const after = await repo.updateSubmission(ctx.tx, submissionId, {
    status: 'pending',
    leaderApprovedAt: new Date(),
    leaderApprovedByUserId: userIdOf(ctx.actor),
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'submission.leaderApprove',
    entityType: 'submission',
    entityId: submissionId,
    before,
    after,
  });
  return after;
}

/**
 * The leader returns the submission with a comment: the paper goes back to its case officer,
 * who is mailed the comment (through the outbox, in this transaction). Audited.
 */
export async function returnAsLeader({
  submissionId,
  comment,
  paperUrl,
  ...ctx
}: WriteContext & {
  submissionId: string;
  comment: string;
  /** The paper's page, for the mail. */
  paperUrl: (paperId: string) => string;
}): Promise<repo.SubmissionRow> {
  const { submission: before, paper } = await requireAwaitingApproval(ctx, submissionId);
  // The approver is no secretary, so the paper's step back is the workflow's, on their behalf.
  await setPaperStatus({
    actor: { kind: 'system', label: 'submission-approval', requestId: requestIdOf(ctx.actor) },
    tx: ctx.tx,
    paperId: before.paperId,
    status: 'returned',
  });
  const after = await repo.updateSubmission(ctx.tx, submissionId, {
    status: 'returned',
    decisionComment: comment,
    decidedAt: new Date(),
    decidedByUserId: userIdOf(ctx.actor),
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'submission.leaderReturn',
    entityType: 'submission',
    entityId: submissionId,
    before,
    after,
  });
  const [author] = before.submittedByUserId
    ? await readUserNames(ctx, { ids: [before.submittedByUserId] })
    : [];
  if (author) {
    const leader = ctx.actor.kind === 'user' ? ctx.actor.name : '';
    await enqueueMail(ctx.tx, {
      to: [author.email],
      subject: da.approvals.returnedMail.subject(paper.title),
      body: da.approvals.returnedMail.body({
        title: paper.title,
        leader,
        comment,
        url: paperUrl(paper.id),
      }),
    });
  }
  return after;
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const requestIdOf = (actor: Actor) => actor.requestId;
