import { DataTable, type Column } from '../../platform/http/components/data-table';
import { EmptyState } from '../../platform/http/components/empty-state';
import { Checkbox, FileField, Select, type FieldErrors } from '../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import type { ImportFormat } from './archive';
import { importFormatChoices } from './schemas';
import type { ImportRun } from './service';

const t = da.imports;

export type ImportFormValues = { format: 'auto' | ImportFormat; dryRun: boolean };

type Warning = ImportRun['warnings'][number];

const warningColumns: ReadonlyArray<Column<Warning>> = [
  { header: t.warningCode, cell: (warning) => <code>{warning.code}</code>, class: 'break-word' },
  { header: t.warningMessage, cell: (warning) => warning.message },
  { header: t.warningWhere, cell: (warning) => warning.where ?? '', class: 'break-word' },
];

function Summary(props: { run: ImportRun }) {
  const { run } = props;
  return (
    <section aria-labelledby="import-result">
      <h2 id="import-result">{t.result}</h2>
      <div class={run.dryRun ? 'alert alert-info' : 'alert alert-success'} role="status">
        <div class="alert-body">
          <p class="alert-heading">{run.dryRun ? t.dryRunResult : t.done}</p>
          <p class="alert-text">{t.counts(run.meetings, run.items, run.files)}</p>
          <p class="alert-text">{`${t.detectedFormat}: ${t.formats[run.format]}`}</p>
        </div>
      </div>
      <h3>{t.warnings}</h3>
      {run.warnings.length === 0 ? (
        <EmptyState message={t.noWarnings} />
      ) : (
        <DataTable
          caption={t.warnings}
          columns={warningColumns}
          rows={run.warnings.map((warning, index) => ({ ...warning, index }))}
          rowKey={(warning) => String(warning.index)}
          isCompact
        />
      )}
    </section>
  );
}

/** The upload form, and after a post the summary (or the errors, with the choices kept). */
export function ImportPage(props: {
  ctx: PageContext;
  values: ImportFormValues;
  errors: FieldErrors;
  run?: ImportRun;
  maxUploadMb: number;
}) {
  return (
    <Layout ctx={props.ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {props.run ? <Summary run={props.run} /> : null}
      <form method="post" action="/admin/import" enctype="multipart/form-data">
        <ErrorSummary messages={Object.values(props.errors)} />
        <HiddenCsrf token={props.ctx.csrfToken} />
        <FileField
          name="file"
          label={t.file}
          hint={t.fileHint(props.maxUploadMb)}
          errors={props.errors}
          accept=".xml,.pdf,.zip"
        />
        <Select
          name="format"
          label={t.format}
          value={props.values.format}
          errors={props.errors}
          options={importFormatChoices.map((format) => ({
            value: format,
            label: t.formats[format],
          }))}
        />
        <Checkbox
          name="dryRun"
          label={t.dryRun}
          hint={t.dryRunHint}
          errors={props.errors}
          checked={props.values.dryRun}
        />
        <button type="submit" class="button button-primary">
          {t.submit}
        </button>
      </form>
    </Layout>
  );
}
