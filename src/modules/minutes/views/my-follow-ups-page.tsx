import { DataTable, type Column } from '../../../platform/http/components/data-table';
import { EmptyState } from '../../../platform/http/components/empty-state';
import { statusTag } from '../../../platform/http/components/status-tag';
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
  const columns: ReadonlyArray<Column<FollowUpView>> = [
    { header: f.text, cell: (followUp) => followUp.text },
    {
      header: f.dueDate,
      cell: (followUp) => formatDateLong(new Date(`${followUp.dueDate}T12:00:00Z`)),
    },
    {
      header: f.status,
      cell: (followUp) =>
        statusTag(followUp.state, f.statuses, { done: 'success', overdue: 'error' }),
    },
    {
      header: f.origin,
      cell: (followUp) => (
        <>
          <a href={`/moeder/${followUp.meetingId}/referat`}>
            {`${followUp.meetingTitle}, ${formatDateLong(followUp.meetingStartsAt)}`}
          </a>
          {`: ${followUp.itemTitle}`}
        </>
      ),
    },
    {
      header: da.items.actions,
      cell: (followUp) => (
        <form method="post" action={`/opfoelgninger/${followUp.id}/status`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <input type="hidden" name="status" value={followUp.status === 'done' ? 'open' : 'done'} />
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
      ),
    },
  ];
  return (
    <Layout ctx={props.ctx} title={f.mine}>
      <h1>{f.mine}</h1>
      {!props.hasPerson ? <EmptyState message={f.noPerson} /> : null}
      {props.hasPerson && props.followUps.length === 0 ? <EmptyState message={f.none} /> : null}
      {props.followUps.length > 0 ? (
        <DataTable
          caption={f.mine}
          columns={columns}
          rows={props.followUps}
          rowKey={(followUp) => followUp.id}
        />
      ) : null}
    </Layout>
  );
}
