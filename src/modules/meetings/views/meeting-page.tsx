import { TextArea, type FieldErrors } from '../../../platform/http/form';
import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime, formatWeekdayDate } from '../../../platform/i18n/format';
import type { PackageState } from '../../packages/index';
import type { MeetingAbilities } from '../policy';
import type { AgendaItemView, MeetingDetail } from '../meeting-detail';
import type { PlannedItem } from '../time-plan';
import type { MeetingDeadlines } from '../deadlines';
import { releaseDueAt } from '../deadlines';
import {
  AttachmentLink,
  ItemTitleLink,
  ClosureReasonNote,
  LateReleaseNotes,
  PlanStatus,
  StandingFollowUps,
  slotText,
} from './agenda-parts';

const t = da.meetings;
const ti = da.items;
const tm = da.minutes;

function MeetingFacts({ detail }: { detail: MeetingDetail }) {
  const { meeting, secretariatContact } = detail;
  return (
    <dl class="meeting-facts">
      <dt>{t.organization}</dt>
      <dd>
        <a href={`/organisationer/${meeting.organizationId}/medlemmer`}>
          {meeting.organizationName}
        </a>
      </dd>
      <dt>{t.meetingDate}</dt>
      <dd>{formatWeekdayDate(meeting.startsAt)}</dd>
      <dt>{t.meetingTime}</dt>
      <dd>{`Kl. ${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</dd>
      <dt>{t.meetingPlace}</dt>
      <dd>{meeting.locationDescription ?? '–'}</dd>
      <dt>{t.caseNumber}</dt>
      <dd>{meeting.caseNumber ?? '–'}</dd>
      <dt>{t.status}</dt>
      <dd>{da.meetingStatuses[meeting.status]}</dd>
      <dt>{t.secretariatContact}</dt>
      <dd>
        {secretariatContact
          ? [secretariatContact.name, secretariatContact.phone, secretariatContact.email]
              .filter(Boolean)
              .join(', ')
          : '–'}
      </dd>
    </dl>
  );
}

/**
 * Where the meeting is in its cycle (planlagt → … → referat godkendt), the released versions
 * with their change notes, and for the secretariat the next step as a button.
 */
/** Styrelsesloven § 8 for the secretariat: when agenda and material are due, and if it is late. */
function ReleaseDeadlines(props: { deadlines: MeetingDeadlines; isOverdue: boolean }) {
  const td = da.law.deadlines;
  const when = (date: Date) => `${formatWeekdayDate(date)} kl. ${formatTime(date)}`;
  return (
    <div class="release-deadlines">
      <ul class="nobullet-list">
        <li>{td.agendaDue(when(props.deadlines.agendaDueAt))}</li>
        <li>{td.materialDue(when(props.deadlines.materialDueAt))}</li>
      </ul>
      {props.isOverdue ? (
        <div class="alert alert-warning" role="status">
          <div class="alert-body">
            <p class="alert-text">{td.overdue}</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function MeetingCycle(props: {
  ctx: PageContext;
  detail: MeetingDetail;
  mayConduct: boolean;
  deadlines?: MeetingDeadlines;
  releaseError?: 'changeNote' | 'lateReason';
}) {
  const { ctx, detail, mayConduct, deadlines, releaseError } = props;
  const { meeting, releases } = detail;
  const base = `/moeder/${meeting.id}`;
  const status = meeting.status;
  const mayRelease = mayConduct && (status === 'planned' || status === 'agenda_released');
  const nextDueAt = deadlines ? releaseDueAt(releases.length + 1, deadlines) : undefined;
  const isOverdue = nextDueAt !== undefined && Date.now() > nextDueAt.getTime();
  const releaseErrors: FieldErrors =
    releaseError === 'lateReason'
      ? { lateReason: da.law.deadlines.lateReasonRequired }
      : releaseError === 'changeNote'
        ? { changeNote: tm.changeNoteRequired }
        : {};
  return (
    <section aria-labelledby="cycle-heading" class="meeting-cycle">
      <h2 id="cycle-heading">{tm.conductTitle}</h2>
      {mayConduct ? <p>{tm.lifecycleHint[status]}</p> : null}
      {mayRelease && deadlines ? (
        <ReleaseDeadlines deadlines={deadlines} isOverdue={isOverdue} />
      ) : null}
      {releases.length === 0 ? <p>{tm.notReleased}</p> : null}
      {releases.length > 0 ? (
        <>
          <h3>{tm.releasesTitle}</h3>
          <ul class="release-list">
            {releases.map((release) => (
              <li key={release.version}>
                {tm.releaseVersion(
                  release.version,
                  `${formatDateLong(release.releasedAt)} kl. ${formatTime(release.releasedAt)}`,
                )}
                {release.changeNote ? (
                  <span class="release-note">{`: ${release.changeNote}`}</span>
                ) : null}
              </li>
            ))}
          </ul>
          {releases.length > 1 ? (
            <p>
              <a href={`${base}/versioner`}>{da.agendaComparison.link}</a>
            </p>
          ) : null}
        </>
      ) : null}
      <p class="button-row no-print">
        {status !== 'planned' ? (
          <a class="button button-secondary" href={`${base}/live`}>
            {tm.liveLink}
          </a>
        ) : null}
        {mayConduct || status === 'minutes_released' || status === 'minutes_approved' ? (
          <a class="button button-secondary" href={`${base}/referat`}>
            {tm.link}
          </a>
        ) : null}
        {mayConduct && status !== 'planned' ? (
          <a class="button button-secondary" href={`${base}/afvikling`}>
            {tm.run.link}
          </a>
        ) : null}
        {mayConduct ? (
          <a class="button button-secondary" href={`${base}/fremmoede`}>
            {tm.attendanceLink}
          </a>
        ) : null}
        {mayConduct && status !== 'planned' ? (
          <a class="button button-secondary" href={`${base}/offentliggoerelse`}>
            {da.publishing.link}
          </a>
        ) : null}
      </p>
      {mayRelease ? (
        <form method="post" action={`${base}/udsend`} class="no-print" id="udsend">
          <HiddenCsrf token={ctx.csrfToken} />
          {releases.length > 0 ? (
            <TextArea
              name="changeNote"
              label={tm.changeNote}
              hint={tm.changeNoteHint}
              value=""
              errors={releaseErrors}
              rows={2}
            />
          ) : null}
          {isOverdue || releaseError === 'lateReason' ? (
            <TextArea
              name="lateReason"
              label={da.law.deadlines.lateReason}
              hint={da.law.deadlines.lateReasonHint}
              value=""
              errors={releaseErrors}
              rows={2}
            />
          ) : null}
          <button type="submit" class="button button-primary">
            {releases.length > 0 ? tm.releaseAgain : tm.releaseAgenda}
          </button>
          <a class="button button-secondary" href={`${base}/udsend/forhaandsvisning`}>
            {da.releasePreview.link}
          </a>
        </form>
      ) : null}
      {mayConduct && status === 'agenda_released' ? (
        <CycleButton ctx={ctx} action={`${base}/start`} label={tm.startMeeting} />
      ) : null}
      {mayConduct && status === 'in_progress' ? (
        <CycleButton ctx={ctx} action={`${base}/afslut`} label={tm.endMeeting} />
      ) : null}
      {mayConduct && status === 'held' ? (
        <CycleButton ctx={ctx} action={`${base}/udsend-referat`} label={tm.releaseMinutes} />
      ) : null}
    </section>
  );
}

/**
 * The package's state in a line, with the package to open in the browser once one is built;
 * the package page (linked below it) has each audience's builds.
 */
function PackageStatus(props: { meetingId: string; state: PackageState }) {
  const tp = da.meetingPackage;
  const { state } = props;
  const base = `/moeder/${props.meetingId}/pakke`;
  const when = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;
  const open =
    state.kind === 'ready' || state.kind === 'stale' ? (
      <a href={`${base}/${state.audience}.pdf`}>{tp.open}</a>
    ) : null;
  return (
    <section aria-labelledby="package-heading" class="meeting-package no-print">
      <h2 id="package-heading">{tp.heading}</h2>
      {state.kind === 'none' ? <p>{tp.none}</p> : null}
      {state.kind === 'building' ? <p>{tp.building}</p> : null}
      {state.kind === 'ready' ? (
        <p>
          {tp.ready(when(state.finishedAt))} {open}
        </p>
      ) : null}
      {state.kind === 'stale' ? (
        <div class="alert alert-warning" role="status">
          <div class="alert-body">
            <p class="alert-heading">
              {state.isRebuilding ? da.packages.stale : da.packages.staleOnly}
            </p>
            <p class="alert-text">
              {tp.staleSince(when(state.finishedAt))} {open}
            </p>
          </div>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <div class="alert alert-error" role="status">
          <div class="alert-body">
            <p class="alert-text">{tp.failed}</p>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function CycleButton(props: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={props.action} class="no-print">
      <HiddenCsrf token={props.ctx.csrfToken} />
      <button type="submit" class="button button-primary">
        {props.label}
      </button>
    </form>
  );
}

/** The meeting page: facts, time-plan status and the agenda with its computed slots. */
export function MeetingPage(props: {
  ctx: PageContext;
  detail: MeetingDetail;
  abilities: MeetingAbilities;
  /** The § 8 deadlines, for the secretariat. */
  deadlines?: MeetingDeadlines;
  releaseError?: 'changeNote' | 'lateReason';
  /** The package as the actor may have it. */
  packageState: PackageState;
}) {
  const { ctx, detail, abilities } = props;
  const { meeting, plan } = detail;
  const mayEdit = abilities.mayEditAgenda;
  const base = `/moeder/${meeting.id}`;
  const siblingsOf = (item: PlannedItem<AgendaItemView>) =>
    plan.items.filter((other) => other.parentId === item.parentId);
  return (
    <Layout ctx={ctx} title={meeting.title} scripts={mayEdit ? ['/static/app/agenda.js'] : []}>
      <h1>{meeting.title}</h1>
      <MeetingFacts detail={detail} />
      <MeetingCycle
        ctx={ctx}
        detail={detail}
        mayConduct={abilities.mayConduct}
        deadlines={props.deadlines}
        releaseError={props.releaseError}
      />
      <PackageStatus meetingId={meeting.id} state={props.packageState} />
      <p class="button-row no-print">
        <a class="button button-secondary" href={`${base}/udskrift`}>
          {t.print}
        </a>
        <a class="button button-secondary" href={`${base}/pakke`}>
          {da.packages.link}
        </a>
        <a class="button button-secondary" href={`${base}/kalender.ics`}>
          {da.calendar.addToCalendar}
        </a>
        {abilities.maySendRegrets ? (
          <a class="button button-secondary" href={`${base}/afbud`}>
            {da.minutes.regrets.title}
          </a>
        ) : null}
        {mayEdit ? (
          <>
            <a class="button button-secondary" href={`${base}/rediger`}>
              {t.edit}
            </a>
            <a class="button button-secondary" href={`${base}/indsendelser`}>
              {da.submissions.queueTitle}
            </a>
            <a class="button button-secondary" href={`${base}/planlagte-emner`}>
              {da.annualPlan.plannedTopicsLink}
            </a>
          </>
        ) : null}
      </p>
      <h2>{t.agenda}</h2>
      {abilities.isLocked && abilities.mayConduct ? (
        <p class="no-print">{tm.agendaLocked}</p>
      ) : null}
      <LateReleaseNotes releases={detail.releases} />
      <PlanStatus detail={detail} />
      {plan.items.length === 0 ? <p>{t.noItems}</p> : null}
      {plan.items.length > 0 ? (
        // Scrolls sideways on a phone rather than widening the page; focusable for keyboard users.
        <div class="table--responsive-scroll" tabIndex={0} role="region" aria-label={t.agenda}>
          <table class="table agenda-table" data-meeting-id={meeting.id} data-csrf={ctx.csrfToken}>
            <caption class="sr-only">{`${t.agenda} – ${t.timePlan}`}</caption>
            <thead>
              <tr>
                <th scope="col">{ti.number}</th>
                <th scope="col">{ti.title}</th>
                <th scope="col">{ti.slot}</th>
                <th scope="col">{ti.method}</th>
                <th scope="col">{ti.responsible}</th>
                {mayEdit ? <th scope="col">{ti.actions}</th> : null}
              </tr>
            </thead>
            <tbody>
              {plan.items.map((item) => {
                const siblings = siblingsOf(item);
                const index = siblings.findIndex((sibling) => sibling.id === item.id) + 1;
                return (
                  <tr
                    key={item.id}
                    id={`punkt-${item.id}`}
                    class={`agenda-row${item.depth === 1 ? ' agenda-item--sub' : ''}`}
                    data-item-id={item.id}
                    data-parent-id={item.parentId ?? ''}
                    data-position={index}
                  >
                    <td>{item.label}</td>
                    <td>
                      <ItemTitleLink item={item} />
                      {!item.isPublic ? <span class="tag">{` ${ti.closed}`}</span> : null}
                      <ClosureReasonNote item={item} />
                      {item.attachments.length > 0 ? (
                        <ul class="nobullet-list">
                          {item.attachments.map((attachment) => (
                            <li key={attachment.id}>
                              <AttachmentLink
                                item={item}
                                attachment={attachment}
                                text={`${ti.attachments} ${attachment.position}: ${attachment.title}`}
                              />
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {item.standingKind === 'follow_ups' ? (
                        <StandingFollowUps followUps={detail.standingFollowUps} />
                      ) : null}
                    </td>
                    <td class="agenda-slot">{slotText(item)}</td>
                    <td>{item.method ?? ''}</td>
                    <td>{item.responsible.join('/')}</td>
                    {mayEdit ? (
                      <td>
                        <div class="agenda-actions">
                          <a
                            class="button button-tertiary"
                            href={`${base}/punkter/${item.id}/rediger`}
                            aria-label={ti.editLabel(item.title)}
                          >
                            {ti.edit}
                          </a>
                          {index > 1 ? (
                            <MoveButton
                              ctx={ctx}
                              action={`${base}/punkter/${item.id}/flyt`}
                              position={index - 1}
                              label={ti.moveUp}
                              ariaLabel={ti.moveUpLabel(item.title)}
                            />
                          ) : null}
                          {index < siblings.length ? (
                            <MoveButton
                              ctx={ctx}
                              action={`${base}/punkter/${item.id}/flyt`}
                              position={index + 1}
                              label={ti.moveDown}
                              ariaLabel={ti.moveDownLabel(item.title)}
                            />
                          ) : null}
                          <form
                            method="post"
                            action={`${base}/punkter/${item.id}/slet`}
                            data-confirm={ti.deleteConfirm}
                          >
                            <HiddenCsrf token={ctx.csrfToken} />
                            <button
                              type="submit"
                              class="button button-tertiary"
                              aria-label={ti.deleteLabel(item.title)}
                            >
                              {ti.delete}
                            </button>
                          </form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {mayEdit ? (
        <>
          <p class="no-print">{ti.dragHint}</p>
          <p class="button-row no-print">
            <a class="button button-primary" href={`${base}/punkter/ny`}>
              {ti.add}
            </a>
          </p>
        </>
      ) : null}
    </Layout>
  );
}

function MoveButton(props: {
  ctx: PageContext;
  action: string;
  position: number;
  label: string;
  ariaLabel: string;
}) {
  return (
    <form method="post" action={props.action}>
      <HiddenCsrf token={props.ctx.csrfToken} />
      <input type="hidden" name="position" value={String(props.position)} />
      <button type="submit" class="button button-tertiary" aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </form>
  );
}
