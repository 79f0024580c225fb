import { HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong } from '../../../platform/i18n/format';
import type { FollowUpView } from '../follow-ups';

const t = da.minutes;

/** Mine opfølgninger: open and overdue first, each with a button to mark it done. */
export function MyFollowUpsPage(props: {
  ctx: PageContext;
  followUps: readonly FollowUpView[];
  hasPerson: boolean;
}) {
  const f = t.followUps;
  return (
    <Layout ctx={props.ctx} title={f.mine}>
      <h1>{f.mine}</h1>
      {!props.hasPerson ? <p>{f.noPerson}</p> : null}
      {props.hasPerson && props.followUps.length === 0 ? <p>{f.none}</p> : null}
      {props.followUps.length > 0 ? (
        <table class="table">
          <caption class="sr-only">{f.mine}</caption>
          <thead>
            <tr>
              <th scope="col">{f.text}</th>
              <th scope="col">{f.dueDate}</th>
              <th scope="col">{f.status}</th>
              <th scope="col">{f.origin}</th>
              <th scope="col">{da.items.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.followUps.map((followUp) => (
              <tr key={followUp.id}>
                <td>{followUp.text}</td>
                <td>{formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`))}</td>
                <td>
                  <span class={`tag follow-up-${followUp.state}`}>
                    {f.statuses[followUp.state]}
                  </span>
                </td>
                <td>
                  <a href={`/moeder/${followUp.meetingId}/referat`}>
                    {`${followUp.meetingTitle}, ${formatDateLong(followUp.meetingStartsAt)}`}
                  </a>
                  {`: ${followUp.itemTitle}`}
                </td>
                <td>
                  <form method="post" action={`/opfoelgninger/${followUp.id}/status`}>
                    <HiddenCsrf token={props.ctx.csrfToken} />
                    <input
                      type="hidden"
                      name="status"
                      value={followUp.status === 'done' ? 'open' : 'done'}
                    />
                    <button
                      type="submit"
                      class="button button-tertiary"
                      aria-label={
                        followUp.status === 'done'
                          ? f.reopenLabel(followUp.text)
                          : f.markDoneLabel(followUp.text)
                      }
                    >
                      {followUp.status === 'done' ? f.reopen : f.markDone}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
