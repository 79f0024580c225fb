// What the meeting page and its printable agenda both show of an agenda.
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatSlot, formatTime } from '../../../platform/i18n/format';
import { attachmentPagePath } from '../../papers/index';
import type { AttachmentSummary } from '../repository';
import { closureReasonSentence } from '../closure-reason';
import type { AgendaItemView, MeetingDetail } from '../meeting-detail';
import type { PlannedItem } from '../time-plan';

const t = da.meetings;
const tm = da.minutes;

/** "19.35 – 19.40 (5 min.)"; an item without a slot (0 minutes) gets none. */
export function slotText(item: PlannedItem<AgendaItemView>): string {
  return item.slot ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes) : '';
}

/** Whether the agenda runs past the meeting's end, or how many minutes it leaves spare. */
export function PlanStatus({ detail }: { detail: MeetingDetail }) {
  const { plan } = detail;
  if (plan.overrunMinutes > 0) {
    return (
      <div class="alert alert-warning" role="status">
        <div class="alert-body">
          <p class="alert-text">{t.overrun(plan.overrunMinutes)}</p>
        </div>
      </div>
    );
  }
  return plan.spareMinutes > 0 ? <p>{t.planFits(plan.spareMinutes)}</p> : null;
}

/** The follow-ups the "Opfølgning" item brings back from earlier meetings. */
export function StandingFollowUps(props: { followUps: MeetingDetail['standingFollowUps'] }) {
  const f = tm.followUps;
  if (props.followUps.length === 0) return <p class="form-hint">{f.none}</p>;
  return (
    <ul class="follow-up-list">
      {props.followUps.map((followUp) => (
        <li key={followUp.id}>
          <span class={`tag follow-up-${followUp.state}`}>{f.statuses[followUp.state]}</span>
          {` ${followUp.text} (${f.owner}: ${followUp.ownerName}, ${f.dueDate}: ${formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))}; ${f.origin} ${followUp.meetingTitle}, ${formatDateLong(followUp.meetingStartsAt)})`}
        </li>
      ))}
    </ul>
  );
}

/** Where an agenda item's own page is. */
export function itemPagePath(meetingId: string, itemId: string): string {
  return `/moeder/${meetingId}/punkter/${itemId}`;
}

/** An item's title, linked to its page; a closed item the reader may not read has none. */
export function ItemTitleLink({ item }: { item: AgendaItemView }) {
  if (item.isRedacted) return <>{item.title}</>;
  return <a href={itemPagePath(item.meetingId, item.id)}>{item.title}</a>;
}

/** A bilag with a file links to it; one listed by title only is plain text. */
export function AttachmentLink(props: {
  item: Pick<AgendaItemView, 'meetingId' | 'id'>;
  attachment: AttachmentSummary;
  text: string;
}) {
  const { item, attachment, text } = props;
  if (attachment.fileName === null) return <>{text}</>;
  const href = attachment.fromPaper
    ? attachmentPagePath(attachment.id)
    : `${itemPagePath(item.meetingId, item.id)}/bilag/${attachment.id}`;
  return <a href={href}>{text}</a>;
}

const at = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

/**
 * Why a closed item is closed (styrelsesloven § 10), for those who may read the item: a
 * redacted item has no reason (meeting-detail.ts blanks it), so nothing shows for the others.
 */
export function ClosureReasonNote({ item }: { item: AgendaItemView }) {
  const sentence = closureReasonSentence(item);
  return sentence ? <p class="closure-reason">{sentence}</p> : null;
}

/** The releases that went out after their § 8 deadline, each with the reason given. */
export function LateReleaseNotes({ releases }: { releases: MeetingDetail['releases'] }) {
  const late = releases.filter(
    (release) =>
      release.lateReason !== null &&
      release.dueAt !== null &&
      release.releasedAt.getTime() > release.dueAt.getTime(),
  );
  if (late.length === 0) return null;
  return (
    <div class="alert alert-warning late-release">
      <div class="alert-body">
        {late.map((release) => (
          <p class="alert-text" key={release.version}>
            {da.law.deadlines.releasedLate(at(release.dueAt!), release.lateReason!)}
          </p>
        ))}
      </div>
    </div>
  );
}
