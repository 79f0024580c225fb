import { TextArea } from '../../../platform/http/form';
import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import type { ReleasePreview } from '../release-preview';

const t = da.releasePreview;

/** The release mail before releasing: recipients by name, subject and text, then the release form. */
export function ReleasePreviewPage(props: {
  ctx: PageContext;
  preview: ReleasePreview;
  changeNote: string;
}) {
  const { ctx, preview, changeNote } = props;
  const base = `/moeder/${preview.meetingId}`;
  const isAgenda = preview.kind === 'agenda';
  const title = isAgenda ? t.agendaTitle : t.minutesTitle;
  const asksChangeNote = isAgenda && (preview.version ?? 1) > 1;
  return (
    <Layout ctx={ctx} title={`${title}: ${preview.meetingTitle}`}>
      <p>
        <a href={base}>{`${t.backToMeeting}: ${preview.meetingTitle}`}</a>
      </p>
      <h1>{title}</h1>
      <p>{t.intro}</p>
      {preview.version !== null ? <p>{t.version(preview.version)}</p> : null}
      {asksChangeNote ? (
        <form method="get" action={`${base}/udsend/forhaandsvisning`}>
          <TextArea
            name="changeNote"
            label={da.minutes.changeNote}
            hint={da.minutes.changeNoteHint}
            value={changeNote}
            errors={{}}
            rows={2}
          />
          <button type="submit" class="button button-secondary">
            {t.update}
          </button>
        </form>
      ) : null}
      <section aria-labelledby="mail-heading" class="mail-preview">
        <h2 id="mail-heading">{t.recipients}</h2>
        {preview.mail.recipients.length === 0 ? (
          <p>{t.noRecipients}</p>
        ) : (
          <ul>
            {preview.mail.recipients.map((recipient) => (
              <li key={recipient.email}>{recipient.name}</li>
            ))}
          </ul>
        )}
        <h2>{t.subject}</h2>
        <p>{preview.mail.subject}</p>
        <h2>{t.body}</h2>
        <div class="mail-preview-body">
          {preview.mail.body
            .split('\n')
            .map((line, index) => (line.trim() ? <p key={index}>{line}</p> : null))}
        </div>
      </section>
      {isAgenda ? (
        <form method="post" action={`${base}/udsend`}>
          <HiddenCsrf token={ctx.csrfToken} />
          {asksChangeNote ? <input type="hidden" name="changeNote" value={changeNote} /> : null}
          <TextArea
            name="lateReason"
            label={da.law.deadlines.lateReason}
            hint={da.law.deadlines.lateReasonHint}
            value=""
            errors={{}}
            rows={2}
          />
          <button type="submit" class="button button-primary">
            {(preview.version ?? 1) > 1 ? da.minutes.releaseAgain : da.minutes.releaseAgenda}
          </button>
        </form>
      ) : (
        <form method="post" action={`${base}/udsend-referat`}>
          <HiddenCsrf token={ctx.csrfToken} />
          <button type="submit" class="button button-primary">
            {da.minutes.releaseMinutes}
          </button>
        </form>
      )}
    </Layout>
  );
}
