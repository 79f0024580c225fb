import { recordAudit } from '../../platform/audit/record-audit';
import { actorUserId, can } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import {
  addAgendaItem,
  assertMeetingOpen,
  getMeetingDetail,
  readMeetingRows,
  updateAgendaItem,
} from '../meetings/index';
import { getPaper, paperRulesFor, readPaperHeadings, setPaperStatus } from '../papers/index';
import { initialSubmissionStatus } from './approval';
import { submissionDeadline } from './deadline';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

const methodFor = {
  beslutning: 'Beslutning',
  droeftelse: 'Drøftelse',
  orientering: 'Orientering',
} as const;

/** Sends a paper to a meeting of its organization; late submissions are marked, not refused. */
export async function submitPaper({
  paperId,
  input,
  now = new Date(),
  ...ctx
}: WriteContext & {
  paperId: string;
  input: { meetingId: string; durationMinutes: number };
  now?: Date;
}): Promise<repo.SubmissionRow> {
  const { actor, tx } = ctx;
  const { paper } = await getPaper({ ...ctx, paperId });
  if (!can(actor, 'paper.write', { organizationId: paper.organizationId }))
    throw new AppError('FORBIDDEN');
  const meeting = await getMeetingDetail({ ...ctx, meetingId: input.meetingId }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError('VALIDATION_FAILED', {
          details: [{ field: 'meetingId', message: da.submissions.unknownMeeting }],
        });
      }
      throw error;
    },
  );
  if (meeting.meeting.organizationId !== paper.organizationId) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        { field: 'meetingId', message: da.submissions.otherOrganization(paper.organizationName) },
      ],
    });
  }
  // A held meeting's agenda is locked, so a paper sent to it could never be put on it.
  assertMeetingOpen(meeting.meeting);
  const rules = await paperRulesFor(tx, paper.organizationId);
  const hasCover = Boolean(paper.coverPurpose) && paper.coverKeyMessages.length > 0;
  if (rules.coverRequired && !hasCover) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ field: 'cover', message: da.submissions.coverRequired(paper.organizationName) }],
    });
  }
  await setPaperStatus({ ...ctx, paperId, status: 'submitted' });
  const deadline = submissionDeadline(
    meeting.meeting.startsAt,
    rules.submissionDeadlineWorkingDays,
  );
  const submission = await repo.insertSubmission(tx, {
    paperId,
    meetingId: input.meetingId,
    durationMinutes: input.durationMinutes,
    submittedAt: now,
    submittedByUserId: actorUserId(actor),
    status: await initialSubmissionStatus(tx, paper.organizationId),
    deadline,
    isLate: now.getTime() > deadline.getTime(),
  });
  await recordAudit(tx, {
    actor,
    action: 'submission.create',
    entityType: 'submission',
    entityId: submission.id,
    after: submission,
  });
  return submission;
}

async function requirePending(ctx: ServiceContext, submissionId: string) {
  const submission = await repo.selectSubmission(ctx.tx, submissionId);
  if (!submission) throw new AppError('NOT_FOUND');
  const meeting = await getMeetingDetail({ ...ctx, meetingId: submission.meetingId });
  if (!can(ctx.actor, 'agendaItem.write', { organizationId: meeting.meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  if (submission.status !== 'pending')
    throw new AppError('CONFLICT', { message: da.submissions.alreadyDecided });
  return submission;
}

/** The secretary sends a paper back with a comment; the author can fix it and submit again. */
export async function returnSubmission({
  submissionId,
  comment,
  ...ctx
}: WriteContext & { submissionId: string; comment: string }): Promise<repo.SubmissionRow> {
  const before = await requirePending(ctx, submissionId);
  await setPaperStatus({ ...ctx, paperId: before.paperId, status: 'returned' });
  const after = await repo.updateSubmission(ctx.tx, submissionId, {
    status: 'returned',
    decisionComment: comment,
    decidedAt: new Date(),
    decidedByUserId: actorUserId(ctx.actor),
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'submission.return',
    entityType: 'submission',
    entityId: submissionId,
    before,
    after,
  });
  return after;
}

/**
 * The secretary approves a paper: it becomes an item at the end of the meeting's agenda with
 * the paper's title, cover purpose, requested action as method, case officers and the time asked for.
 * A late submission needs the secretary's explicit acceptance.
 */
export async function approveSubmission({
  submissionId,
  options,
  ...ctx
}: WriteContext & {
  submissionId: string;
  options: { acceptLate: boolean };
}): Promise<repo.SubmissionRow> {
  const before = await requirePending(ctx, submissionId);
  if (before.isLate && !options.acceptLate)
    throw new AppError('CONFLICT', { message: da.submissions.lateNeedsAcceptance });
  const { paper } = await getPaper({ ...ctx, paperId: before.paperId });
  const fromPaper = {
    title: paper.title,
    durationMinutes: before.durationMinutes,
    purpose: paper.coverPurpose,
    method: paper.coverRequestedAction ? methodFor[paper.coverRequestedAction] : null,
    responsible: paper.caseOfficers,
  };
  // A corrected paper that is already on this agenda keeps its item (and place); it is updated.
  const meeting = await getMeetingDetail({ ...ctx, meetingId: before.meetingId });
  const existing = meeting.plan.items.find((candidate) => candidate.paperId === paper.id);
  const item = existing
    ? await updateAgendaItem({
        ...ctx,
        meetingId: before.meetingId,
        itemId: existing.id,
        input: fromPaper,
      })
    : await addAgendaItem({
        ...ctx,
        meetingId: before.meetingId,
        input: {
          ...fromPaper,
          isPublic: true,
          publicTitle: null,
          note: null,
          parentId: null,
          attachments: [],
          paperId: paper.id,
        },
      });
  await setPaperStatus({ ...ctx, paperId: paper.id, status: 'on_agenda' });
  const after = await repo.updateSubmission(ctx.tx, submissionId, {
    status: 'approved',
    decidedAt: new Date(),
    decidedByUserId: actorUserId(ctx.actor),
    agendaItemId: item.id,
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'submission.approve',
    entityType: 'submission',
    entityId: submissionId,
    before,
    after,
  });
  return after;
}

export type QueueRow = repo.SubmissionRow & { paperTitle: string; caseOfficers: string[] };

/** A meeting's queue of submitted papers, for the secretariat. */
export async function meetingQueue({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<QueueRow[]> {
  const meeting = await getMeetingDetail({ ...ctx, meetingId });
  if (!can(ctx.actor, 'agendaItem.write', { organizationId: meeting.meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  const submissions = await repo.selectMeetingSubmissions(ctx.tx, meetingId);
  const headings = await readPaperHeadings(
    ctx,
    submissions.map((submission) => submission.paperId),
  );
  return submissions.map((submission) => {
    const paper = headings.get(submission.paperId)!;
    return { ...submission, paperTitle: paper.title, caseOfficers: paper.caseOfficers };
  });
}

/**
 * The submissions waiting for the secretariat in several meetings at once (the start page's
 * queue): a fixed number of queries however many meetings. Meetings the actor does not run
 * (agendaItem.write in their organization) or may not see are left out.
 */
export async function pendingSubmissionsOf({
  meetingIds,
  ...ctx
}: ServiceContext & { meetingIds: readonly string[] }): Promise<QueueRow[]> {
  const run = new Set(
    (await readMeetingRows(ctx, meetingIds))
      .filter((meeting) =>
        can(ctx.actor, 'agendaItem.write', {
          organizationId: meeting.organizationId,
          meetingId: meeting.id,
        }),
      )
      .map((meeting) => meeting.id),
  );
  const submissions = await repo.selectPendingSubmissionsOf(ctx.tx, [...run]);
  const headings = await readPaperHeadings(
    ctx,
    submissions.map((submission) => submission.paperId),
  );
  return submissions.map((submission) => {
    const paper = headings.get(submission.paperId)!;
    return { ...submission, paperTitle: paper.title, caseOfficers: paper.caseOfficers };
  });
}

/** A paper's submissions, newest first, with the secretary's comments. */
export async function paperSubmissions({
  paperId,
  ...ctx
}: ServiceContext & { paperId: string }): Promise<repo.SubmissionRow[]> {
  await getPaper({ ...ctx, paperId });
  return repo.selectPaperSubmissions(ctx.tx, paperId);
}

/** The meeting a submission belongs to, for the secretariat's pages. */
export async function submissionMeeting({
  submissionId,
  ...ctx
}: ServiceContext & { submissionId: string }): Promise<{ meetingId: string }> {
  const submission = await repo.selectSubmission(ctx.tx, submissionId);
  if (!submission) throw new AppError('NOT_FOUND');
  await meetingQueue({ ...ctx, meetingId: submission.meetingId });
  return { meetingId: submission.meetingId };
}
