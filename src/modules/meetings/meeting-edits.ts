import { recordAudit } from '../../platform/audit/record-audit';
import { can } from '../../platform/auth/policy';
import { AppError, validationError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readOrganization } from '../organizations/index';
import * as repo from './repository';
import type { MeetingCreateInput, MeetingUpdateInput } from './schemas';
import type { WriteContext } from '../../platform/service-context';
import {
  requireMeeting,
  assertEndsAfterStart,
  resolveLocationId,
  assertPersonExists,
  assertMeetingOpen,
} from './meeting-checks';
import { addAgendaItem } from './agenda-items';

/** Creates a meeting, with the standing items of a template when one is given. */
export async function createMeeting({
  input,
  ...ctx
}: WriteContext & { input: MeetingCreateInput }): Promise<repo.MeetingRow> {
  const { actor, tx } = ctx;
  const organization = await readOrganization({ tx }, input.organizationId);
  if (!organization) throw validationError('organizationId', da.validation.unknownOrganization);
  if (!can(actor, 'meeting.create', { organizationId: organization.id }))
    throw new AppError('FORBIDDEN');
  assertEndsAfterStart(input.start, input.end);
  await assertPersonExists(tx, input.secretariatContactId);
  const template = input.templateId ? await repo.selectTemplate(tx, input.templateId) : undefined;
  if (input.templateId && (!template || template.organizationId !== organization.id)) {
    throw validationError('templateId', da.validation.unknownTemplate);
  }
  const meeting = await repo.insertMeeting(tx, {
    organizationId: organization.id,
    title: input.title,
    startsAt: input.start,
    endsAt: input.end,
    locationId: (await resolveLocationId(ctx, input.location)) ?? null,
    caseNumber: input.caseNumber,
    secretariatContactId: input.secretariatContactId ?? null,
  });
  await recordAudit(tx, {
    actor,
    action: 'meeting.create',
    entityType: 'meeting',
    entityId: meeting.id,
    after: meeting,
  });
  if (template) {
    for (const standing of await repo.selectTemplateItems(tx, template.id)) {
      await addAgendaItem({
        ...ctx,
        meetingId: meeting.id,
        input: {
          title: standing.title,
          durationMinutes: standing.durationMinutes,
          purpose: standing.purpose,
          method: standing.method,
          responsible: standing.responsible,
          isPublic: true,
          publicTitle: null,
          note: null,
          parentId: null,
          attachments: [],
          paperId: null,
          standingKind: standing.standingKind,
          placement: standing.placement,
        },
      });
    }
  }
  return meeting;
}

/** Changes a meeting's title, time, place, case number or contact. */
export async function updateMeeting({
  meetingId,
  input,
  ...ctx
}: WriteContext & { meetingId: string; input: MeetingUpdateInput }): Promise<repo.MeetingRow> {
  const { actor, tx } = ctx;
  const before = await requireMeeting(ctx, meetingId, 'meeting.update');
  // A held meeting's title and place may be corrected; its times are part of the minutes.
  const changesTimes =
    (input.start !== undefined && input.start.getTime() !== before.startsAt.getTime()) ||
    (input.end !== undefined && input.end.getTime() !== before.endsAt.getTime());
  if (changesTimes) assertMeetingOpen(before);
  assertEndsAfterStart(input.start ?? before.startsAt, input.end ?? before.endsAt);
  await assertPersonExists(tx, input.secretariatContactId);
  const after = await repo.updateMeeting(tx, meetingId, {
    title: input.title,
    startsAt: input.start,
    endsAt: input.end,
    locationId: await resolveLocationId(ctx, input.location),
    caseNumber: input.caseNumber,
    secretariatContactId: input.secretariatContactId,
  });
  await recordAudit(tx, {
    actor,
    action: 'meeting.update',
    entityType: 'meeting',
    entityId: meetingId,
    before,
    after,
  });
  return after;
}

/** Deletes a meeting and its agenda. */
export async function deleteMeeting({
  meetingId,
  ...ctx
}: WriteContext & { meetingId: string }): Promise<void> {
  const before = await requireMeeting(ctx, meetingId, 'meeting.delete');
  // Deleting a held meeting would delete the items its minutes record.
  assertMeetingOpen(before);
  const items = await repo.selectItems(ctx.tx, meetingId);
  await repo.deleteMeeting(ctx.tx, meetingId);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'meeting.delete',
    entityType: 'meeting',
    entityId: meetingId,
    before: { ...before, items },
  });
}
