import type { Actor } from '../../platform/auth/policy';
import { da } from '../../platform/i18n/da';
import type { Db } from '../../platform/db/client';
import { toIsoWithOffset } from '../../platform/i18n/format';
import { getMeetingDetail } from '../meetings/index';
import { attendanceGroups, readMinutesAttendance, type MinutesAttendance } from '../minutes/index';
import { getPaper, loadPaperDocument, richTextToPlain } from '../papers/index';
import type { publicationKinds } from './enums';

export type PublicationKind = (typeof publicationKinds)[number];

export type PublicAttachment = {
  id: string;
  number: number;
  title: string;
  /** "Punkt 4, Bilag 1: Sammen om Opgaven" */
  label: string;
  fileName: string | null;
  mediaType: string | null;
  sha256: string | null;
};

export type PublicItem = {
  id: string;
  parentId: string | null;
  /** "4" or "4.A" */
  number: string;
  /** 1-based position in the whole agenda, for OParl's `order`. */
  order: number;
  isPublic: boolean;
  /** A closed item's neutral title. */
  title: string;
  start: string | null;
  end: string | null;
  purpose: string | null;
  method: string | null;
  responsible: string[];
  /** Only in published minutes; a closed item's only by setting or per-item choice. */
  decision: string | null;
  minutes: string | null;
  paper: {
    id: string;
    kindLabel: string;
    title: string;
    sections: Array<{ heading: string; html: string }>;
  } | null;
  attachments: PublicAttachment[];
};

/** A meeting as the public sees it: what a publication stores, and all the portal and OParl show. */
export type PublicMeeting = {
  meetingId: string;
  kind: PublicationKind;
  organization: { id: string; name: string };
  title: string;
  start: string;
  end: string;
  location: string | null;
  items: PublicItem[];
  /** Published minutes only: who was present and absent (no afbud reasons). */
  attendance?: MinutesAttendance;
  /**
   * What earlier publications of this meeting showed and this one no longer does, by id, so
   * OParl can answer for it with a deleted object.
   */
  removed?: { itemIds: string[]; paperIds: string[]; fileIds: string[] };
};

const reader: Actor = { kind: 'system', label: 'offentliggørelse' };
const releasedPaperStatuses: readonly string[] = ['approved', 'on_agenda', 'treated'];

/**
 * The public view of a meeting's agenda or minutes. Open items show what the agenda shows (and,
 * for minutes, what was said and decided); closed items show their neutral title only, and their
 * decision when the organization (or the item) says so. Nothing else of a closed item is read.
 */
export async function buildPublicMeeting(
  tx: Db,
  meetingId: string,
  kind: PublicationKind,
  publishClosedDecisions: boolean,
): Promise<PublicMeeting> {
  // The agenda as released to the members (later edits reach the public with the next release);
  // the minutes as they were released, which is the meeting as it is.
  const detail = await getMeetingDetail({
    actor: reader,
    tx,
    meetingId,
    options: kind === 'agenda' ? { asReleased: true } : { asItIs: true },
  });
  const { meeting } = detail;
  const isMinutes = kind === 'minutes';
  const items: PublicItem[] = [];
  const closedIds = new Set(
    detail.plan.items.filter((item) => !item.isPublic).map((item) => item.id),
  );
  const parentTitle = new Map(
    detail.plan.items.map((item) => [item.id, item.publicTitle ?? da.items.closed]),
  );
  for (const [index, item] of detail.plan.items.entries()) {
    const slot = item.slot
      ? { start: toIsoWithOffset(item.slot.start), end: toIsoWithOffset(item.slot.end) }
      : { start: null, end: null };
    // A sub-item of a closed item is closed too, whatever it says itself.
    const parentIsClosed = item.parentId !== null && closedIds.has(item.parentId);
    if (!item.isPublic || parentIsClosed) {
      const showsDecision = item.publishClosedDecision ?? publishClosedDecisions;
      items.push({
        id: item.id,
        parentId: item.parentId,
        number: item.number,
        order: index + 1,
        isPublic: false,
        title: item.isPublic
          ? (parentTitle.get(item.parentId ?? '') ?? da.items.closed)
          : (item.publicTitle ?? da.items.closed),
        ...slot,
        purpose: null,
        method: null,
        responsible: [],
        decision: isMinutes && showsDecision ? item.decision : null,
        minutes: null,
        paper: null,
        attachments: [],
      });
      continue;
    }
    // Only a memo that has been approved onto an agenda is public with it; a draft never is.
    const paper = item.paperId
      ? await getPaper({ actor: reader, tx, paperId: item.paperId })
      : null;
    const isReleased = paper !== null && releasedPaperStatuses.includes(paper.paper.status);
    const document =
      item.paperId && isReleased
        ? await loadPaperDocument({ actor: reader, tx }, item.paperId)
        : null;
    items.push({
      id: item.id,
      parentId: item.parentId,
      number: item.number,
      order: index + 1,
      isPublic: true,
      title: item.title,
      ...slot,
      purpose: item.purpose,
      method: item.method,
      responsible: item.responsible,
      decision: isMinutes ? item.decision : null,
      minutes: isMinutes ? item.minutesText : null,
      paper:
        document && item.paperId
          ? {
              id: item.paperId,
              kindLabel: document.kindLabel,
              title: document.title,
              sections: document.sections,
            }
          : null,
      // A paper's bilag go with its memo: not while the paper is (back) in draft.
      attachments: item.attachments
        .filter((attachment) => !attachment.fromPaper || isReleased)
        .map((attachment) => ({
          id: attachment.id,
          number: attachment.position,
          title: attachment.title,
          label: `Punkt ${item.number}, Bilag ${attachment.position}: ${attachment.title}`,
          fileName: attachment.fileName,
          mediaType: attachment.mediaType,
          sha256: attachment.sha256,
        })),
    });
  }
  return {
    meetingId,
    kind,
    organization: { id: meeting.organizationId, name: meeting.organizationName },
    title: meeting.title,
    start: toIsoWithOffset(meeting.startsAt),
    end: toIsoWithOffset(meeting.endsAt),
    location: meeting.locationDescription,
    items,
    ...(isMinutes ? { attendance: await readMinutesAttendance({ tx }, meetingId) } : {}),
  };
}

/** Every text of a public meeting with where it is, for the CPR guard. */
export function publicTexts(
  meeting: PublicMeeting,
): Array<{ where: string; text: string; fileSha256?: string }> {
  const texts: Array<{ where: string; text: string; fileSha256?: string }> = [
    { where: 'Mødets titel', text: meeting.title },
    { where: 'Organisation', text: meeting.organization.name },
  ];
  if (meeting.location) texts.push({ where: 'Mødested', text: meeting.location });
  if (meeting.attendance) {
    for (const group of attendanceGroups(meeting.attendance)) {
      texts.push({
        where: `${da.minutes.attendance.title}: ${group.label}`,
        text: group.names.join(', '),
      });
    }
  }
  for (const item of meeting.items) {
    const at = `Punkt ${item.number}`;
    texts.push({ where: `${at}: titel`, text: item.title });
    for (const [label, value] of [
      ['formål', item.purpose],
      ['metode', item.method],
      ['beslutning', item.decision],
      ['referat', item.minutes],
    ] as const) {
      if (value) texts.push({ where: `${at}: ${label}`, text: value });
    }
    if (item.responsible.length > 0) {
      texts.push({ where: `${at}: ansvarlig`, text: item.responsible.join(', ') });
    }
    if (item.paper) {
      texts.push({ where: `${at}: sagens titel`, text: item.paper.title });
      for (const section of item.paper.sections) {
        texts.push({ where: `${at}: overskrift`, text: section.heading });
        // The text as read, and the HTML itself: a link's address is published too.
        texts.push({ where: `${at}: ${section.heading}`, text: richTextToPlain(section.html) });
        texts.push({ where: `${at}: ${section.heading} (HTML)`, text: section.html });
      }
    }
    for (const attachment of item.attachments) {
      texts.push({ where: `${attachment.label}: titel`, text: attachment.title });
      if (attachment.fileName) {
        texts.push({ where: `${attachment.label}: filnavn`, text: attachment.fileName });
      }
      if (attachment.sha256) {
        texts.push({
          where: `${attachment.label}: indhold`,
          text: '',
          fileSha256: attachment.sha256,
        });
      }
    }
  }
  return texts;
}

/** The ids a publication shows: items, papers and bilag files. */
function idsOf(meeting: PublicMeeting) {
  const items = meeting.items;
  return {
    itemIds: items.map((item) => item.id),
    paperIds: items.flatMap((item) => (item.paper ? [item.paper.id] : [])),
    fileIds: items.flatMap((item) =>
      item.attachments.flatMap((attachment) => (attachment.sha256 ? [attachment.id] : [])),
    ),
  };
}

/**
 * What was public before and is not in `next`: the earlier removals and what `previous` showed,
 * less what `next` shows again.
 */
export function removedSince(
  previous: PublicMeeting | undefined,
  next: PublicMeeting,
): NonNullable<PublicMeeting['removed']> {
  const now = idsOf(next);
  const before = previous ? idsOf(previous) : { itemIds: [], paperIds: [], fileIds: [] };
  const earlier = previous?.removed ?? { itemIds: [], paperIds: [], fileIds: [] };
  const gone = (key: 'itemIds' | 'paperIds' | 'fileIds') =>
    [...new Set([...earlier[key], ...before[key]])].filter((id) => !now[key].includes(id));
  return { itemIds: gone('itemIds'), paperIds: gone('paperIds'), fileIds: gone('fileIds') };
}
