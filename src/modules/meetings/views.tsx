import type { PageContext } from '../../platform/http/layout';
import { ErrorSummary, HiddenCsrf, Layout } from '../../platform/http/layout';
import { Checkbox, Select, TextArea, TextField, type FieldErrors } from '../../platform/http/form';
import { can } from '../../platform/auth/policy';
import { da } from '../../platform/i18n/da';
import {
  formatDateLong,
  formatSlot,
  formatTime,
  formatWeekdayDate,
} from '../../platform/i18n/format';
import { attachmentPagePath } from '../papers/index';
import type { AttachmentSummary, MeetingSummaryRow } from './repository';
import type { AgendaItemView, MeetingDetail } from './service';
import type { TemplateWithItems } from './templates';
import type { PlannedItem } from './time-plan';

const t = da.meetings;
const ti = da.items;

type Option = { value: string; label: string };

export function MeetingListPage(props: {
  ctx: PageContext;
  meetings: MeetingSummaryRow[];
  organizations: Option[];
  selectedOrganizationId: string | undefined;
}) {
  const groups = new Map<string, MeetingSummaryRow[]>();
  for (const meeting of props.meetings) {
    const list = groups.get(meeting.organizationName) ?? [];
    list.push(meeting);
    groups.set(meeting.organizationName, list);
  }
  const collator = new Intl.Collator('da');
  const names = [...groups.keys()].sort(collator.compare);
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <form method="get" action="/moeder" class="no-print">
        <Select
          name="organisation"
          label={t.organization}
          errors={{}}
          value={props.selectedOrganizationId ?? ''}
          options={[{ value: '', label: t.allOrganizations }, ...props.organizations]}
        />
        <button type="submit" class="button button-secondary">
          {t.filter}
        </button>
      </form>
      {props.ctx.actor && can(props.ctx.actor, 'meeting.create') ? (
        <p class="no-print">
          <a class="button button-primary" href="/moeder/ny">
            {da.layout.newMeeting}
          </a>
        </p>
      ) : null}
      {names.length === 0 ? <p>{t.noMeetings}</p> : null}
      {names.map((name) => (
        <section key={name}>
          <h2>{name}</h2>
          <table class="table table--compact">
            <caption class="sr-only">{`${t.listTitle}: ${name}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t.date}</th>
                <th scope="col">{t.time}</th>
                <th scope="col">{t.title}</th>
                <th scope="col">{t.location}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {(groups.get(name) ?? []).map((meeting) => (
                <tr key={meeting.id}>
                  <td>{formatDateLong(meeting.startsAt)}</td>
                  <td class="agenda-slot">{`${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</td>
                  <td>
                    <a href={`/moeder/${meeting.id}`}>{meeting.title}</a>
                  </td>
                  <td>{meeting.locationDescription ?? ''}</td>
                  <td>{da.meetingStatuses[meeting.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}

function slotText(item: PlannedItem<AgendaItemView>): string {
  return item.slot ? formatSlot(item.slot.start, item.slot.end, item.durationMinutes) : '';
}

function MeetingFacts({ detail }: { detail: MeetingDetail }) {
  const { meeting, secretariatContact } = detail;
  return (
    <dl class="meeting-facts">
      <dt>{t.organization}</dt>
      <dd>{meeting.organizationName}</dd>
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

function PlanStatus({ detail }: { detail: MeetingDetail }) {
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

const tm = da.minutes;

/**
 * Where the meeting is in its cycle (planlagt → … → referat godkendt), the released versions
 * with their change notes, and for the secretariat the next step as a button.
 */
function MeetingCycle(props: { ctx: PageContext; detail: MeetingDetail }) {
  const { ctx, detail } = props;
  const { meeting, releases } = detail;
  const base = `/moeder/${meeting.id}`;
  const mayConduct =
    ctx.actor !== undefined &&
    can(ctx.actor, 'meeting.conduct', { organizationId: meeting.organizationId });
  const status = meeting.status;
  return (
    <section aria-labelledby="cycle-heading" class="meeting-cycle">
      <h2 id="cycle-heading">{tm.conductTitle}</h2>
      {mayConduct ? <p>{tm.lifecycleHint[status]}</p> : null}
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
      {mayConduct && (status === 'planned' || status === 'agenda_released') ? (
        <form method="post" action={`${base}/udsend`} class="no-print">
          <HiddenCsrf token={ctx.csrfToken} />
          {releases.length > 0 ? (
            <TextArea
              name="changeNote"
              label={tm.changeNote}
              hint={tm.changeNoteHint}
              value=""
              errors={{}}
              rows={2}
            />
          ) : null}
          <button type="submit" class="button button-primary">
            {releases.length > 0 ? tm.releaseAgain : tm.releaseAgenda}
          </button>
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

/** The follow-ups the "Opfølgning" item brings back from earlier meetings. */
function StandingFollowUps(props: { followUps: MeetingDetail['standingFollowUps'] }) {
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
export function MeetingPage(props: { ctx: PageContext; detail: MeetingDetail }) {
  const { ctx, detail } = props;
  const { meeting, plan } = detail;
  const mayEdit =
    ctx.actor !== undefined &&
    can(ctx.actor, 'agendaItem.write', { organizationId: meeting.organizationId });
  const base = `/moeder/${meeting.id}`;
  const siblingsOf = (item: PlannedItem<AgendaItemView>) =>
    plan.items.filter((other) => other.parentId === item.parentId);
  return (
    <Layout ctx={ctx} title={meeting.title} scripts={mayEdit ? ['/static/app/agenda.js'] : []}>
      <h1>{meeting.title}</h1>
      <MeetingFacts detail={detail} />
      <MeetingCycle ctx={ctx} detail={detail} />
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
      <PlanStatus detail={detail} />
      {plan.items.length === 0 ? <p>{t.noItems}</p> : null}
      {plan.items.length > 0 ? (
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
                    {item.title}
                    {!item.isPublic ? <span class="tag">{` ${ti.closed}`}</span> : null}
                    {item.attachments.length > 0 ? (
                      <ul class="nobullet-list">
                        {item.attachments.map((attachment) => (
                          <li key={attachment.id}>
                            <AttachmentLink
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

/** The agenda in the seed's committee layout: short agenda, then per item its fields. */
export function PrintableAgendaPage(props: { ctx: PageContext; detail: MeetingDetail }) {
  const { meeting, plan, secretariatContact } = props.detail;
  const topLevel = plan.items.filter((item) => item.depth === 0);
  return (
    <Layout ctx={props.ctx} title={`${t.agenda}: ${meeting.title}`}>
      <article class="printable-agenda">
        <p class="no-print">
          <a href={`/moeder/${meeting.id}`}>{`← ${meeting.title}`}</a>
        </p>
        <h1>{`${t.agenda}: ${meeting.title}`}</h1>
        <dl>
          <dt>{`${t.subject}:`}</dt>
          <dd>{meeting.title}</dd>
          <dt>{`${t.meetingDate}:`}</dt>
          <dd>{formatDateLong(meeting.startsAt)}</dd>
          <dt>{`${t.meetingTime}:`}</dt>
          <dd>{`Kl. ${formatTime(meeting.startsAt)} – ${formatTime(meeting.endsAt)}`}</dd>
          <dt>{`${t.meetingPlace}:`}</dt>
          <dd>{meeting.locationDescription ?? ''}</dd>
          {meeting.caseNumber ? (
            <>
              <dt>Sag:</dt>
              <dd>{meeting.caseNumber}</dd>
            </>
          ) : null}
          {secretariatContact ? (
            <>
              <dt>Sagsbehandler:</dt>
              <dd>
                {[secretariatContact.name, secretariatContact.phone, secretariatContact.email]
                  .filter(Boolean)
                  .join(', ')}
              </dd>
            </>
          ) : null}
        </dl>
        <h2>{`${t.agendaShort}:`}</h2>
        <ol class="agenda-short">
          {topLevel.map((item) => (
            <li key={item.id}>{item.title}</li>
          ))}
        </ol>
        <PlanStatus detail={props.detail} />
        {plan.items.map((item) =>
          item.depth === 0 ? (
            <section class="item" key={item.id}>
              <h2>{`${item.label} ${item.title}`}</h2>
              <ItemFields item={item} />
              {item.standingKind === 'follow_ups' ? (
                <StandingFollowUps followUps={props.detail.standingFollowUps} />
              ) : null}
            </section>
          ) : (
            <section class="item" key={item.id}>
              <h3>{`${item.label} ${item.title}`}</h3>
              <ItemFields item={item} />
              {item.standingKind === 'follow_ups' ? (
                <StandingFollowUps followUps={props.detail.standingFollowUps} />
              ) : null}
            </section>
          ),
        )}
      </article>
    </Layout>
  );
}

function ItemFields({ item }: { item: PlannedItem<AgendaItemView> }) {
  if (item.isRedacted) return <p>{ti.closed}</p>;
  return (
    <dl>
      <dt>{`${ti.purpose}:`}</dt>
      <dd>
        {(item.purpose ?? '').split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
        {item.note ? <p>{item.note}</p> : null}
      </dd>
      {item.method ? (
        <>
          <dt>{`${ti.method}:`}</dt>
          <dd>{item.method}</dd>
        </>
      ) : null}
      {item.responsible.length > 0 ? (
        <>
          <dt>{`${ti.responsible}:`}</dt>
          <dd>{item.responsible.join('/')}</dd>
        </>
      ) : null}
      {item.slot ? (
        <>
          <dt>{`${ti.slot}:`}</dt>
          <dd class="agenda-slot">{slotText(item)}</dd>
        </>
      ) : null}
      <dt>{`${ti.attachments}:`}</dt>
      <dd>
        {item.attachments.length > 0 ? (
          <ul>
            {item.attachments.map((attachment) => (
              <li key={attachment.id}>
                <AttachmentLink attachment={attachment} text={attachment.title} />
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </dl>
  );
}

export type MeetingFormValues = {
  organizationId?: string;
  templateId?: string;
  title?: string;
  date?: string;
  startTime?: string;
  endTime?: string;
  location?: string;
  caseNumber?: string;
  secretariatContactId?: string;
};

/** New meeting (with organization and template) or edit of an existing one. */
export function MeetingFormPage(props: {
  ctx: PageContext;
  mode: 'create' | 'edit';
  action: string;
  cancelHref: string;
  values: MeetingFormValues;
  errors: FieldErrors;
  organizations: Option[];
  templates: TemplateWithItems[];
  persons: Option[];
  locations: string[];
  deleteAction?: string;
}) {
  const { values, errors } = props;
  const heading = props.mode === 'create' ? da.layout.newMeeting : t.edit;
  return (
    <Layout
      ctx={props.ctx}
      title={heading}
      scripts={props.deleteAction ? ['/static/app/agenda.js'] : []}
    >
      <h1>{heading}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={props.action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.mode === 'create' ? (
          <>
            <Select
              name="organizationId"
              label={t.organization}
              errors={errors}
              value={values.organizationId}
              options={props.organizations}
              required
            />
            <Select
              name="templateId"
              label={t.template}
              errors={errors}
              value={values.templateId}
              options={[
                { value: '', label: t.noTemplate },
                ...props.templates.map((template) => ({
                  value: template.id,
                  label: `${template.organizationName}: ${template.name} (${template.items.length} stående punkter)`,
                })),
              ]}
            />
          </>
        ) : null}
        <TextField name="title" label={t.title} errors={errors} value={values.title} required />
        <TextField
          name="date"
          label={t.date}
          type="date"
          errors={errors}
          value={values.date}
          required
          width="m"
        />
        <TextField
          name="startTime"
          label={t.start}
          type="time"
          errors={errors}
          value={values.startTime}
          required
          width="s"
        />
        <TextField
          name="endTime"
          label={t.end}
          type="time"
          errors={errors}
          value={values.endTime}
          required
          width="s"
        />
        <TextField
          name="location"
          label={t.location}
          errors={errors}
          value={values.location}
          list="locations"
        />
        <datalist id="locations">
          {props.locations.map((location) => (
            <option key={location} value={location} />
          ))}
        </datalist>
        <TextField
          name="caseNumber"
          label={t.caseNumber}
          errors={errors}
          value={values.caseNumber}
          width="l"
        />
        <Select
          name="secretariatContactId"
          label={t.secretariatContact}
          errors={errors}
          value={values.secretariatContactId}
          options={[{ value: '', label: '–' }, ...props.persons]}
        />
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {props.mode === 'create' ? t.create : t.save}
          </button>
          <a class="button button-secondary" href={props.cancelHref}>
            {t.cancel}
          </a>
        </div>
      </form>
      {props.deleteAction ? (
        <form
          method="post"
          action={props.deleteAction}
          class="button-row"
          data-confirm={t.deleteConfirm}
        >
          <HiddenCsrf token={props.ctx.csrfToken} />
          <button type="submit" class="button button-secondary">
            {t.delete}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export type ItemFormValues = {
  title?: string;
  durationMinutes?: string;
  purpose?: string;
  method?: string;
  responsible?: string;
  attachments?: string;
  isPublic?: boolean;
  publicTitle?: string;
  publishClosedDecision?: string;
  note?: string;
  parentId?: string;
  disqualifiedPersonIds?: string[];
};

export function ItemFormPage(props: {
  ctx: PageContext;
  mode: 'create' | 'edit';
  meetingTitle: string;
  action: string;
  cancelHref: string;
  values: ItemFormValues;
  errors: FieldErrors;
  parents: Option[];
  /** The organization's members, who can be marked inhabil (only when editing). */
  members: Option[];
}) {
  const { values, errors } = props;
  const heading = props.mode === 'create' ? ti.addTitle : ti.editTitle;
  const disqualified = new Set(values.disqualifiedPersonIds ?? []);
  return (
    <Layout ctx={props.ctx} title={`${heading} – ${props.meetingTitle}`}>
      <p>
        <a href={props.cancelHref}>{`← ${props.meetingTitle}`}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={props.action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField name="title" label={ti.title} errors={errors} value={values.title} required />
        {props.mode === 'create' ? (
          <Select
            name="parentId"
            label={ti.parent}
            errors={errors}
            value={values.parentId}
            options={[{ value: '', label: ti.noParent }, ...props.parents]}
          />
        ) : null}
        <TextField
          name="durationMinutes"
          label={ti.duration}
          errors={errors}
          value={values.durationMinutes ?? '0'}
          inputMode="numeric"
          width="xs"
          required
        />
        <TextArea
          name="purpose"
          label={ti.purpose}
          errors={errors}
          value={values.purpose}
          rows={5}
        />
        <TextField name="method" label={ti.method} errors={errors} value={values.method} />
        <TextArea
          name="responsible"
          label={ti.responsible}
          hint={ti.responsibleHint}
          errors={errors}
          value={values.responsible}
          rows={2}
        />
        <TextArea
          name="attachments"
          label={ti.attachments}
          hint={ti.attachmentsHint}
          errors={errors}
          value={values.attachments}
          rows={3}
        />
        <TextArea name="note" label={ti.note} errors={errors} value={values.note} rows={2} />
        <Checkbox
          name="isPublic"
          label={ti.isPublic}
          errors={errors}
          checked={values.isPublic ?? true}
        />
        <TextField
          name="publicTitle"
          label={ti.publicTitle}
          hint={ti.publicTitleHint}
          errors={errors}
          value={values.publicTitle}
        />
        <Select
          name="publishClosedDecision"
          label={ti.publishClosedDecision}
          hint={ti.publishClosedDecisionHint}
          errors={errors}
          value={values.publishClosedDecision ?? ''}
          options={[
            { value: '', label: ti.publishClosedDecisionDefault },
            { value: 'ja', label: ti.publishClosedDecisionYes },
            { value: 'nej', label: ti.publishClosedDecisionNo },
          ]}
        />
        {props.mode === 'edit' && props.members.length > 0 ? (
          <fieldset class="form-group">
            <legend class="form-label">{ti.disqualified}</legend>
            <span class="form-hint">{ti.disqualifiedHint}</span>
            {props.members.map((member) => (
              <div key={member.value} class="form-group-checkbox">
                <input
                  class="form-checkbox"
                  type="checkbox"
                  id={`disqualified-${member.value}`}
                  name="disqualifiedPersonIds"
                  value={member.value}
                  checked={disqualified.has(member.value)}
                />
                <label for={`disqualified-${member.value}`}>{member.label}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div class="button-row">
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
          <a class="button button-secondary" href={props.cancelHref}>
            {t.cancel}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** A bilag with a file links to it; one listed by title only is plain text. */
function AttachmentLink(props: { attachment: AttachmentSummary; text: string }) {
  const { attachment, text } = props;
  if (attachment.fileName === null) return <>{text}</>;
  return <a href={attachmentPagePath(attachment.id)}>{text}</a>;
}
