import {
  Checkbox,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';

const t = da.meetings;
const ti = da.items;
const tc = da.law.closure;

type Option = { value: string; label: string };

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
  closedReasonCode?: string;
  closedReasonText?: string;
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
  /** The organization's § 10 reasons to close an item. */
  closureReasons: ReadonlyArray<{ code: string; label: string }>;
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
          name="closedReasonCode"
          label={tc.reason}
          hint={tc.reasonHint}
          errors={errors}
          value={values.closedReasonCode ?? ''}
          options={[
            { value: '', label: tc.choose },
            ...props.closureReasons.map((reason) => ({ value: reason.code, label: reason.label })),
          ]}
        />
        <TextArea
          name="closedReasonText"
          label={tc.addition}
          hint={tc.additionHint}
          errors={errors}
          value={values.closedReasonText}
          rows={2}
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
