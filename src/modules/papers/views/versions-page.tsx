import { Select } from '../../../platform/http/form';
import { Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../../platform/i18n/format';
import type { VersionRow } from '../repository';
import type { SectionComparison } from '../versions';

const t = da.papers;

export function VersionsPage(props: {
  ctx: PageContext;
  paper: { id: string; title: string; approvedVersion: number | null };
  versions: VersionRow[];
  from: number;
  to: number;
  comparison: SectionComparison[];
}) {
  const base = `/sager/${props.paper.id}`;
  const options = props.versions.map((version) => ({
    value: String(version.number),
    label: `${t.version(version.number)} – ${formatDateLong(version.createdAt)} kl. ${formatTime(version.createdAt)}, ${version.actorLabel}${version.number === props.paper.approvedVersion ? ` (${t.approved})` : ''}`,
  }));
  return (
    <Layout ctx={props.ctx} title={`${t.versionsTitle} – ${props.paper.title}`}>
      <p>
        <a href={base}>{`← ${props.paper.title}`}</a>
      </p>
      <h1>{`${t.versionsTitle}: ${props.paper.title}`}</h1>
      <ol reversed>
        {options.map((option) => (
          <li key={option.value}>{option.label}</li>
        ))}
      </ol>
      {props.versions.length > 1 ? (
        <>
          <form method="get" action={`${base}/versioner`}>
            <Select
              name="fra"
              label={t.compareFrom}
              errors={{}}
              value={String(props.from)}
              options={options}
            />
            <Select
              name="til"
              label={t.compareTo}
              errors={{}}
              value={String(props.to)}
              options={options}
            />
            <button type="submit" class="button button-secondary">
              {t.compare}
            </button>
          </form>
          <h2>{t.comparison(props.from, props.to)}</h2>
          {props.comparison.map((section) => (
            <section key={section.heading} class="paper-section">
              <h3>{`${section.heading} – ${t.changes[section.change]}`}</h3>
              {section.change === 'unchanged' ? null : (
                <p class="diff">
                  {section.parts.map((part, index) =>
                    part.kind === 'added' ? (
                      <ins key={index}>{part.text}</ins>
                    ) : part.kind === 'removed' ? (
                      <del key={index}>{part.text}</del>
                    ) : (
                      <span key={index}>{part.text}</span>
                    ),
                  )}
                </p>
              )}
            </section>
          ))}
        </>
      ) : null}
    </Layout>
  );
}
