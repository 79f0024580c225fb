import { Select } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { AgendaComparison } from '../agenda-comparison';
import type { ItemChange } from '../agenda-version-diff';

const t = da.agendaComparison;

const releasedAt = (at: Date) => `${formatDateLong(at)} kl. ${formatTime(at)}`;

function changeText(change: ItemChange): string {
  switch (change.kind) {
    case 'added':
      return t.change.added;
    case 'removed':
      return t.change.removed;
    case 'moved':
      return t.change.moved(change.fromNumber, change.toNumber);
    case 'titleChanged':
      return t.change.titleChanged(change.from, change.to);
    case 'memoVersionChanged':
      return t.change.memoVersionChanged(change.from, change.to);
    case 'attachmentAdded':
      return t.change.attachmentAdded(change.title);
    case 'attachmentRemoved':
      return t.change.attachmentRemoved(change.title);
    case 'closedChanged':
      return t.change.closedChanged(change.isPublic);
  }
}

/** /moeder/:id/versioner: two released versions of the agenda, item by item. */
export function AgendaComparisonPage(props: { ctx: PageContext; comparison: AgendaComparison }) {
  const { ctx, comparison } = props;
  const { diff, from, to } = comparison;
  const options = comparison.versions.map((version) => ({
    value: String(version.version),
    label: t.versionOption(version.version, releasedAt(version.releasedAt)),
  }));
  const meetingPath = `/moeder/${comparison.meetingId}`;
  return (
    <Layout ctx={ctx} title={t.pageTitle(comparison.meetingTitle)}>
      <p>
        <a href={meetingPath}>{`${t.backToMeeting}: ${comparison.meetingTitle}`}</a>
      </p>
      <h1>{t.pageTitle(comparison.meetingTitle)}</h1>
      <p>{t.intro}</p>
      {comparison.versions.length < 2 ? (
        <p>{t.onlyOneVersion}</p>
      ) : (
        <>
          <form method="get" action={`${meetingPath}/versioner`} class="comparison-choice">
            <Select
              name="fra"
              label={t.from}
              value={String(from.version)}
              options={options}
              errors={{}}
            />
            <Select
              name="til"
              label={t.to}
              value={String(to.version)}
              options={options}
              errors={{}}
            />
            <button type="submit" class="button button-secondary">
              {t.show}
            </button>
          </form>
          <h2>{t.heading(from.version, to.version)}</h2>
          {to.changeNote ? (
            <p>
              <strong>{`${t.changeNote(to.version)}: `}</strong>
              {to.changeNote}
            </p>
          ) : null}
          {diff.items.length === 0 ? <p>{t.noChanges}</p> : null}
          <ul class="nobullet-list comparison-list">
            {diff.items.map((item) => (
              <li key={item.itemId}>
                <h3 class="h4">{t.itemHeading(item.number, item.title)}</h3>
                <ul>
                  {item.changes.map((change, index) => (
                    <li key={index}>{changeText(change)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {diff.unchangedCount > 0 ? <p>{t.unchanged(diff.unchangedCount)}</p> : null}
        </>
      )}
    </Layout>
  );
}
