import type { Actor } from '../../platform/auth/policy';
import type { BlobStore } from '../../platform/blobs/blob-store';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatSlot, formatTime, toLocalDate } from '../../platform/i18n/format';
import { closureReasonSentence, getMeetingDetail } from '../meetings/index';
import { membershipRoleOrder, readParticipantsOn } from '../organizations/index';
import { loadPaperDocuments, paperToPdf, type PaperDocument } from '../papers/index';
import type { ItemContent } from './assemble-package';
import type { PackageItem, PackagePlan } from './front-matter';
import { contentKey, sharedPartCache } from './part-cache';
import { selectPackageInputStates } from './repository';

export const audiences = ['full', 'public'] as const;
/** Who a package is for: members (everything the builder may see) or the public (open items only). */
export type Audience = (typeof audiences)[number];

export const isAudience = (value: string): value is Audience =>
  (audiences as readonly string[]).includes(value);

type Ctx = { actor: Actor; tx: Db; blobs: BlobStore };

const t = da.packages;
const collator = new Intl.Collator('da');

export type BuiltPackage = {
  pdf: Uint8Array;
  pageCount: number;
  fileName: string;
  /** The input key of the rows it was built from (see packageInputKeysQuery). */
  inputKey: string;
};

/** What a package is made of, before anything is typeset or read from the blob store. */
type PackageInputs = {
  plan: PackagePlan;
  items: Array<{
    document: PaperDocument | null;
    attachments: Array<{
      number: number;
      title: string;
      file: { sha256: string; mediaType: string; fileName: string } | null;
    }>;
  }>;
  fileName: string;
};

/**
 * Gathers a meeting's package for an audience. The builder's own access applies on top: a closed
 * item the actor may not read is redacted before it gets here, so no audience can reveal it.
 */
export async function collectPackageInputs(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
  forPersonId: string | null = null,
): Promise<PackageInputs> {
  const detail = await getMeetingDetail({ ...ctx, meetingId });
  const { meeting } = detail;
  const today = toLocalDate(meeting.startsAt);
  // The participants on the meeting day (no substitutes), the chair first; a plain member's
  // role goes without saying.
  const participants = (await readParticipantsOn(ctx, meeting.organizationId, today))
    .sort(
      (a, b) =>
        membershipRoleOrder(a.role) - membershipRoleOrder(b.role) ||
        collator.compare(a.personName, b.personName),
    )
    .map((membership) => ({
      name: membership.personName,
      role: membership.role === 'member' ? null : da.membershipRoles[membership.role],
    }));

  const shown = detail.plan.items.map((item) => {
    const isDisqualified = forPersonId !== null && item.disqualifiedPersonIds.includes(forPersonId);
    const isClosed = item.isRedacted || (audience === 'public' && !item.isPublic) || isDisqualified;
    return { item, isDisqualified, isClosed };
  });
  // Every memo the package shows, in one batch rather than a load per item.
  const documents = await loadPaperDocuments(
    ctx,
    shown.flatMap(({ item, isClosed }) => (!isClosed && item.paperId ? [item.paperId] : [])),
  );
  const planItems: PackageItem[] = [];
  const items: PackageInputs['items'] = [];
  for (const { item, isDisqualified, isClosed } of shown) {
    planItems.push({
      number: item.number,
      label: item.label,
      depth: item.depth,
      title: isDisqualified
        ? `${item.isPublic ? item.title : (item.publicTitle ?? da.items.closed)} (${t.disqualified})`
        : isClosed
          ? (item.publicTitle ?? da.items.closed)
          : item.title,
      slotText: item.slot ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes) : null,
      purpose: isClosed ? null : item.purpose,
      method: isClosed ? null : item.method,
      responsible: isClosed ? [] : item.responsible,
      isClosed,
      closedReason: isClosed || audience === 'public' ? null : closureReasonSentence(item),
      attachments: isClosed
        ? []
        : item.attachments.map((attachment) => ({
            number: attachment.position,
            title: attachment.title,
          })),
    });
    if (isClosed) {
      items.push({ document: null, attachments: [] });
      continue;
    }
    items.push({
      document: item.paperId ? (documents.get(item.paperId) ?? null) : null,
      attachments: item.attachments.map((attachment) => ({
        number: attachment.position,
        title: attachment.title,
        file:
          attachment.sha256 && attachment.mediaType && attachment.fileName
            ? {
                sha256: attachment.sha256,
                mediaType: attachment.mediaType,
                fileName: attachment.fileName,
              }
            : null,
      })),
    });
  }

  const dateText = formatDateLong(meeting.startsAt);
  return {
    plan: {
      documentTitle: t.documentTitle(meeting.title, dateText),
      organizationName: meeting.organizationName,
      meetingTitle: meeting.title,
      dateText,
      timeText: `${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`,
      place: meeting.locationDescription,
      caseNumber: meeting.caseNumber,
      participants,
      audienceNote: audience === 'public' ? t.publicNote : null,
      // The members' package says when it came late and why; the public one is the public's.
      lateReleaseNotes:
        audience === 'public'
          ? []
          : detail.releases
              .filter((release) => release.lateReason !== null && release.dueAt !== null)
              .map((release) =>
                da.law.deadlines.releasedLate(
                  `${formatDateLong(release.dueAt!)} kl. ${formatTime(release.dueAt!)}`,
                  release.lateReason!,
                ),
              ),
      items: planItems,
    },
    items,
    fileName: t.fileName(meeting.title, toLocalDate(meeting.startsAt), audience),
  };
}

/** The agenda as the package plans it, for the actor (closed items as the actor may see them). */
export async function loadAgendaPlan(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
): Promise<{ plan: PackagePlan; fileName: string }> {
  const { plan, fileName } = await collectPackageInputs(ctx, meetingId, audience);
  return { plan, fileName: fileName.replace(/\.pdf$/, '.docx') };
}

/**
 * The package's input key as the source rows are now (see packageInputKeysQuery). Read before
 * the inputs, so a change made while a build runs leaves the build out of date, never current.
 */
async function currentInputKey(tx: Db, meetingId: string): Promise<string> {
  const state = (await selectPackageInputStates(tx, [meetingId])).get(meetingId);
  if (!state) throw new AppError('NOT_FOUND');
  return state.inputKey;
}

/** Builds a meeting's package for an audience, reusing unchanged parts from the cache. */
export async function buildMeetingPackage(
  ctx: Ctx,
  meetingId: string,
  audience: Audience,
  options: {
    onProgress?: (fraction: number) => void | Promise<void>;
    /** A member's own package: items where the member is inhabil are left out. */
    forPersonId?: string;
  } = {},
): Promise<BuiltPackage> {
  const inputKey = await currentInputKey(ctx.tx, meetingId);
  const inputs = await collectPackageInputs(ctx, meetingId, audience, options.forPersonId ?? null);
  if (inputs.plan.items.length === 0) throw new AppError('CONFLICT', { message: t.emptyAgenda });
  const contents: ItemContent[] = [];
  for (const item of inputs.items) {
    const { document } = item;
    const memo = document
      ? await sharedPartCache.get(
          contentKey('memo', document),
          () => paperToPdf(document, { pageFooter: false }),
          (pdf) => pdf.byteLength,
        )
      : null;
    const attachments: ItemContent['attachments'] = [];
    for (const attachment of item.attachments) {
      const { file } = attachment;
      attachments.push({
        number: attachment.number,
        title: attachment.title,
        file: file
          ? {
              bytes: await ctx.blobs.read(file.sha256),
              mediaType: file.mediaType,
              fileName: file.fileName,
            }
          : null,
      });
    }
    contents.push({ memo, attachments });
  }
  // The converters and PDF libraries load with the first package built, not at start-up.
  const { assemblePackage } = await import('./assemble-package');
  const assembled = await assemblePackage(
    inputs.plan,
    contents,
    sharedPartCache,
    options.onProgress,
  );
  return {
    pdf: assembled.pdf,
    pageCount: assembled.pageCount,
    fileName: inputs.fileName,
    inputKey,
  };
}
