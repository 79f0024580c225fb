import { recordAudit } from '../../platform/audit/record-audit';
import { can, type Actor } from '../../platform/auth/policy';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { readExtractedTexts } from '../files/index';
import { getMeetingDetail, type MeetingDetail } from '../meetings/index';
import { readOrganization } from '../organizations/index';
import { findCprNumbers, maskCprFinding } from './cpr';
import {
  buildPublicMeeting,
  publicTexts,
  removedSince,
  type PublicationKind,
  type PublicMeeting,
} from './public-meeting';
import { publicationKinds } from './enums';
import * as repo from './repository';
import type { ServiceContext, WriteContext } from '../../platform/service-context';

/** The live-events topic published after a publication changes: public caches empty on it. */
export const publicationsTopic = 'publications';
const t = da.publishing;

/** A likely CPR number in what would be published, with where it is. */
export type CprHit = { where: string; text: string; digits: string; confidence: 'high' | 'low' };

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

async function requirePublisher(ctx: ServiceContext, meetingId: string): Promise<MeetingDetail> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  if (!can(ctx.actor, 'meeting.conduct', { organizationId: detail.meeting.organizationId })) {
    throw new AppError('FORBIDDEN');
  }
  return detail;
}

/** Which statuses allow publishing what: the agenda once released, the minutes once released. */
const publishableFrom: Record<
  PublicationKind,
  ReadonlyArray<MeetingDetail['meeting']['status']>
> = {
  agenda: ['agenda_released', 'in_progress', 'held', 'minutes_released', 'minutes_approved'],
  minutes: ['minutes_released', 'minutes_approved'],
};

/** The public view as it would be published now, and the CPR-like numbers in it. */
export async function previewPublication({
  meetingId,
  kind,
  ...ctx
}: ServiceContext & { meetingId: string; kind: PublicationKind }): Promise<Preview> {
  return previewFor(ctx, await requirePublisher(ctx, meetingId), kind);
}

type Preview = { meeting: PublicMeeting; hits: CprHit[]; blocking: CprHit[]; unchecked: string[] };

async function previewFor(
  ctx: ServiceContext,
  detail: MeetingDetail,
  kind: PublicationKind,
): Promise<Preview> {
  const meetingId = detail.meeting.id;
  const closedDecisions = await repo.selectPublishClosedDecisions(
    ctx.tx,
    detail.meeting.organizationId,
  );
  const meeting = await buildPublicMeeting(ctx.tx, meetingId, kind, closedDecisions);
  const { hits, unchecked } = await scanForCpr(ctx.tx, meeting);
  const cleared = await repo.selectClearedDigits(ctx.tx, meetingId);
  const blocking = hits.filter((hit) => hit.confidence === 'high' && !cleared.has(hit.digits));
  return { meeting, hits, blocking, unchecked };
}

/**
 * The CPR-like numbers in every public text, and the bilag whose text could not be read (images,
 * scanned PDFs): those a person must look at, so the page names them.
 */
async function scanForCpr(
  tx: Db,
  meeting: PublicMeeting,
): Promise<{ hits: CprHit[]; unchecked: string[] }> {
  const texts = publicTexts(meeting);
  const fileTexts = await readExtractedTexts(
    { tx },
    texts.flatMap((entry) => (entry.fileSha256 ? [entry.fileSha256] : [])),
  );
  const unchecked = texts.flatMap((entry) =>
    entry.fileSha256 && !(fileTexts.get(entry.fileSha256) ?? '').trim()
      ? [entry.where.replace(/: indhold$/, '')]
      : [],
  );
  const hits = texts.flatMap((entry) => {
    const text = entry.fileSha256 ? (fileTexts.get(entry.fileSha256) ?? '') : entry.text;
    return findCprNumbers(text).map((finding) => ({
      where: entry.where,
      // Never the whole number on a page or in a log: the serial is masked.
      text: maskCprFinding(finding),
      digits: finding.text.replace(/\D/g, ''),
      confidence: finding.confidence,
    }));
  });
  return { hits, unchecked };
}

/**
 * Offentliggør: publishes the agenda or the minutes as they are now. A likely CPR number that a
 * secretary has not cleared blocks it (409 CPR_NUMBER_FOUND, with where each one is).
 */
export async function publishMeeting({
  meetingId,
  kind,
  ...ctx
}: WriteContext & { meetingId: string; kind: PublicationKind }): Promise<repo.PublicationRow> {
  const detail = await requirePublisher(ctx, meetingId);
  if (!publishableFrom[kind].includes(detail.meeting.status)) {
    throw new AppError('MEETING_STATUS_INVALID', { message: t.notYet[kind] });
  }
  const { meeting, blocking } = await previewFor(ctx, detail, kind);
  if (blocking.length > 0) {
    throw new AppError('CPR_NUMBER_FOUND', {
      message: da.errors.CPR_NUMBER_FOUND,
      details: blocking.map((hit) => ({ field: hit.where, message: t.cprAt(hit.text) })),
    });
  }
  const previous = await repo.selectPublication(ctx.tx, meetingId, kind);
  const publication = await repo.upsertPublication(ctx.tx, {
    meetingId,
    kind,
    snapshot: { ...meeting, removed: removedSince(previous?.snapshot, meeting) },
    userId: userIdOf(ctx.actor),
  });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: `publication.publish.${kind}`,
    entityType: 'meeting',
    entityId: meetingId,
    after: { publicationId: publication.id, items: meeting.items.length },
  });
  return publication;
}

/** Tilbagetræk: the public no longer sees it; OParl shows it as deleted. */
export async function withdrawPublication({
  meetingId,
  kind,
  ...ctx
}: WriteContext & { meetingId: string; kind: PublicationKind }): Promise<repo.PublicationRow> {
  await requirePublisher(ctx, meetingId);
  const publication = await repo.selectPublication(ctx.tx, meetingId, kind);
  if (!publication || publication.withdrawnAt) throw new AppError('NOT_FOUND');
  const after = await repo.markWithdrawn(ctx.tx, publication, userIdOf(ctx.actor));
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: `publication.withdraw.${kind}`,
    entityType: 'meeting',
    entityId: meetingId,
    after: { publicationId: publication.id },
  });
  return after;
}

/** A secretary has checked a number and found it is not a CPR number; audited. */
export async function clearCprNumber({
  meetingId,
  digits,
  ...ctx
}: WriteContext & { meetingId: string; digits: string }): Promise<void> {
  await requirePublisher(ctx, meetingId);
  await repo.insertClearance(ctx.tx, { meetingId, digits, userId: userIdOf(ctx.actor) });
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'publication.clearCpr',
    entityType: 'meeting',
    entityId: meetingId,
    after: { digits: `${digits.slice(0, 6)}-****` },
  });
}

/** The meeting's publications, for the secretariat. */
export async function listMeetingPublications({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<repo.PublicationRow[]> {
  await requirePublisher(ctx, meetingId);
  return repo.selectPublicationsOfMeeting(ctx.tx, meetingId);
}

export type PublishingOverview = {
  meeting: MeetingDetail['meeting'];
  publishClosedDecisions: boolean;
  states: Array<
    { kind: PublicationKind; publication: repo.PublicationRow | undefined } & Omit<
      Preview,
      'meeting'
    >
  >;
};

/** The publishing page: each kind's publication and, where it may be published now, its CPR check. */
export async function getPublishingOverview({
  meetingId,
  ...ctx
}: ServiceContext & { meetingId: string }): Promise<PublishingOverview> {
  const detail = await requirePublisher(ctx, meetingId);
  const publications = await repo.selectPublicationsOfMeeting(ctx.tx, meetingId);
  const states: PublishingOverview['states'] = [];
  for (const kind of publicationKinds) {
    const preview = publishableFrom[kind].includes(detail.meeting.status)
      ? await previewFor(ctx, detail, kind)
      : { hits: [], blocking: [], unchecked: [] };
    states.push({
      kind,
      publication: publications.find((publication) => publication.kind === kind),
      hits: preview.hits,
      blocking: preview.blocking,
      unchecked: preview.unchecked,
    });
  }
  return {
    meeting: detail.meeting,
    publishClosedDecisions: await repo.selectPublishClosedDecisions(
      ctx.tx,
      detail.meeting.organizationId,
    ),
    states,
  };
}

/** Whether closed items show their decision in public, per organization (administrators and secretaries). */
export async function setPublishClosedDecisions({
  organizationId,
  value,
  ...ctx
}: WriteContext & { organizationId: string; value: boolean }): Promise<void> {
  if (!(await readOrganization(ctx, organizationId))) throw new AppError('NOT_FOUND');
  if (!can(ctx.actor, 'meeting.conduct', { organizationId })) throw new AppError('FORBIDDEN');
  await repo.upsertPublishClosedDecisions(ctx.tx, organizationId, value);
  await recordAudit(ctx.tx, {
    actor: ctx.actor,
    action: 'publishing.settings',
    entityType: 'organization',
    entityId: organizationId,
    after: { publishClosedDecisions: value },
  });
}

// ---- What the public reads: only publications in effect, never the live data. ----

/** Every publication, withdrawn ones too (OParl lists deleted objects as such). */
export async function readAllPublications({ tx }: { tx: Db }): Promise<repo.PublicationRow[]> {
  return repo.selectAllPublications(tx);
}

/** Published meetings (agenda or minutes in effect), one entry per meeting, newest first. */
/** A published meeting as the portal shows it, with its publication's times. */
export type PublishedMeeting = { meeting: PublicMeeting; publishedAt: Date; updatedAt: Date };

/**
 * Every published meeting (optionally of one organization), newest first: its minutes if
 * published, otherwise its agenda. One query for them all.
 */
export async function listPublishedMeetings(
  tx: Db,
  filter: { organizationId?: string } = {},
): Promise<PublishedMeeting[]> {
  const byMeeting = new Map<string, PublishedMeeting>();
  for (const publication of await repo.selectLivePublications(tx, filter)) {
    const known = byMeeting.get(publication.meetingId);
    // The minutes, when published, say more than the agenda.
    if (!known || publication.kind === 'minutes') {
      byMeeting.set(publication.meetingId, {
        meeting: publication.snapshot,
        publishedAt: publication.publishedAt,
        updatedAt: publication.updatedAt,
      });
    }
  }
  return [...byMeeting.values()];
}

/** Every published meeting (optionally of one organization), newest first. */
export async function listPublicMeetings(
  tx: Db,
  filter: { organizationId?: string } = {},
): Promise<PublicMeeting[]> {
  return (await listPublishedMeetings(tx, filter)).map(({ meeting }) => meeting);
}

/** The published meetings that start within a window, by what names them (no items read). */
export async function listPublicMeetingKeys(
  tx: Db,
  window: { from: Date; before: Date },
): Promise<repo.PublicMeetingKey[]> {
  return repo.selectLiveMeetingKeys(tx, window);
}

/** A published meeting: its minutes if published, otherwise its agenda; undefined if neither. */
export async function getPublicMeeting(
  tx: Db,
  meetingId: string,
): Promise<{ meeting: PublicMeeting; publishedAt: Date; updatedAt: Date } | undefined> {
  const live = (await repo.selectPublicationsOfMeeting(tx, meetingId)).filter(
    (publication) => publication.withdrawnAt === null,
  );
  const chosen = live.find((publication) => publication.kind === 'minutes') ?? live[0];
  if (!chosen) return undefined;
  return { meeting: chosen.snapshot, publishedAt: chosen.publishedAt, updatedAt: chosen.updatedAt };
}

/** A meeting's publications in effect by kind: the agenda and the minutes, each if published. */
export async function getPublicDocuments(
  tx: Db,
  meetingId: string,
): Promise<Partial<Record<PublicationKind, PublicMeeting>>> {
  const documents: Partial<Record<PublicationKind, PublicMeeting>> = {};
  for (const publication of await repo.selectPublicationsOfMeeting(tx, meetingId)) {
    if (publication.withdrawnAt === null) documents[publication.kind] = publication.snapshot;
  }
  return documents;
}

/** A bilag the public may download: one listed in a publication in effect. */
export async function findPublicAttachment(
  tx: Db,
  attachmentId: string,
): Promise<{ sha256: string; fileName: string; mediaType: string } | undefined> {
  for (const publication of await repo.selectLivePublications(tx)) {
    for (const item of publication.snapshot.items) {
      const attachment = item.attachments.find((candidate) => candidate.id === attachmentId);
      if (attachment?.sha256 && attachment.fileName && attachment.mediaType) {
        return {
          sha256: attachment.sha256,
          fileName: attachment.fileName,
          mediaType: attachment.mediaType,
        };
      }
    }
  }
  return undefined;
}
