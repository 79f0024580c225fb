import type { Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatSlot, formatTime, toLocalDate } from '../../platform/i18n/format';
import { getMeetingDetail } from '../meetings/index';
import { selectMembershipsOfOrganization } from '../organizations/index';
import { loadPaperDocument, paperToPdf } from '../papers/index';
import { assemblePackage, type ItemContent } from './assemble-package';
import type { PackageItem, PackagePlan } from './front-matter';
import { contentKey, sharedPartCache } from './part-cache';

export const audiences = ['full', 'public'] as const;
/** Who a package is for: members (everything the builder may see) or the public (open items only). */
export type Audience = (typeof audiences)[number];

export const isAudience = (value: string): value is Audience =>
  (audiences as readonly string[]).includes(value);

type Ctx = { actor: Actor; tx: Db; blobs: BlobStore };

const t = da.packages;
const collator = new Intl.Collator('da');

export type BuiltPackage = { pdf: Uint8Array; pageCount: number; fileName: string };

/**
 * Builds a meeting's package for an audience. The builder's own access applies on top: a closed
 * item the actor may not read is redacted before it gets here, so no audience can reveal it.
 */
export async function buildMeetingPackage(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
  onProgress?: (fraction: number) => void | Promise<void>,
): Promise<BuiltPackage> {
  const detail = await getMeetingDetail(ctx, meetingId);
  const { meeting } = detail;
  const today = toLocalDate(meeting.startsAt);
  const participants = (await selectMembershipsOfOrganization(ctx.tx, meeting.organizationId))
    .filter(
      (membership) =>
        (membership.startDate === null || membership.startDate <= today) &&
        (membership.endDate === null || membership.endDate >= today),
    )
    .map((membership) => ({ name: membership.personName, role: membership.role }))
    .sort((a, b) => collator.compare(a.name, b.name));

  const items: PackageItem[] = [];
  const contents: ItemContent[] = [];
  for (const item of detail.plan.items) {
    const isClosed = item.isRedacted || (audience === 'public' && !item.isPublic);
    items.push({
      number: item.number,
      label: item.label,
      depth: item.depth,
      title: isClosed ? (item.publicTitle ?? da.items.closed) : item.title,
      slotText: item.slot ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes) : null,
      purpose: isClosed ? null : item.purpose,
      method: isClosed ? null : item.method,
      responsible: isClosed ? [] : item.responsible,
      isClosed,
      attachments: isClosed
        ? []
        : item.attachments.map((attachment) => ({
            number: attachment.position,
            title: attachment.title,
          })),
    });
    if (isClosed) {
      contents.push({ memo: null, attachments: [] });
      continue;
    }
    const document = item.paperId ? await loadPaperDocument(ctx, item.paperId) : null;
    const memo = document
      ? await sharedPartCache.get(
          contentKey('memo', document),
          () => paperToPdf(document, { pageFooter: false }),
          (pdf) => pdf.byteLength,
        )
      : null;
    const attachments: ItemContent['attachments'] = [];
    for (const attachment of item.attachments) {
      attachments.push({
        number: attachment.position,
        title: attachment.title,
        file:
          attachment.sha256 && attachment.mediaType && attachment.fileName
            ? {
                bytes: await ctx.blobs.read(attachment.sha256),
                mediaType: attachment.mediaType,
                fileName: attachment.fileName,
              }
            : null,
      });
    }
    contents.push({ memo, attachments });
  }

  const dateText = formatDateLong(meeting.startsAt);
  const plan: PackagePlan = {
    documentTitle: t.documentTitle(meeting.title, dateText),
    organizationName: meeting.organizationName,
    meetingTitle: meeting.title,
    dateText,
    timeText: `${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`,
    place: meeting.locationDescription,
    caseNumber: meeting.caseNumber,
    participants,
    audienceNote: audience === 'public' ? t.publicNote : null,
    items,
  };
  if (plan.items.length === 0) throw new AppError('CONFLICT', { message: t.emptyAgenda });
  const assembled = await assemblePackage(plan, contents, sharedPartCache, onProgress);
  return {
    pdf: assembled.pdf,
    pageCount: assembled.pageCount,
    fileName: t.fileName(meeting.title, toLocalDate(meeting.startsAt), audience),
  };
}
