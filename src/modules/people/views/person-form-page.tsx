import { Checkbox, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';

const t = da.persons;

export type PersonFormValues = {
  name: string;
  title: string;
  unit: string;
  email: string;
  phone: string;
  party: string;
  isExternal: boolean;
};

export const emptyPersonForm: PersonFormValues = {
  name: '',
  title: '',
  unit: '',
  email: '',
  phone: '',
  party: '',
  isExternal: false,
};

/** /admin/personer/ny and /admin/personer/:id/rediger. */
export function PersonFormPage(props: {
  ctx: PageContext;
  /** The person being edited; a new person when absent. */
  person?: { id: string; name: string };
  values: PersonFormValues;
  errors: FieldErrors;
}) {
  const { values, errors, person } = props;
  const title = person ? t.editTitle(person.name) : t.newTitle;
  const action = person ? `/admin/personer/${person.id}/rediger` : '/admin/personer/ny';
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href={person ? `/admin/personer/${person.id}` : '/admin/personer'}>{t.back}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <form method="post" action={action} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField name="name" label={t.name} value={values.name} errors={errors} required />
        <TextField name="title" label={t.title} value={values.title} errors={errors} />
        <TextField name="unit" label={t.unit} value={values.unit} errors={errors} />
        <TextField
          name="email"
          type="email"
          label={t.email}
          value={values.email}
          errors={errors}
          autocomplete="off"
        />
        <TextField name="phone" label={t.phone} value={values.phone} errors={errors} width="m" />
        <TextField
          name="party"
          label={t.party}
          hint={t.partyHint}
          value={values.party}
          errors={errors}
        />
        <Checkbox
          name="isExternal"
          label={t.isExternal}
          checked={values.isExternal}
          errors={errors}
        />
        <button type="submit" class="button button-primary">
          {t.save}
        </button>
      </form>
    </Layout>
  );
}
