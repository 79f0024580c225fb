import { Select, TextArea, TextField, type FieldErrors } from '../../../platform/http/form';
import { da } from '../../../platform/i18n/da';
import { options, type Option } from './select-options';

const t = da.papers;

export type PaperFormValues = Partial<
  Record<
    | 'kind'
    | 'title'
    | 'organizationId'
    | 'senderUnitId'
    | 'addressee'
    | 'paperDate'
    | 'caseNumber'
    | 'caseOfficers'
    | 'phone'
    | 'email',
    string
  >
>;

/** The letterhead's fields on the new and the edit form; the organization is chosen only when creating. */
export function LetterheadFields(props: {
  values: PaperFormValues;
  errors: FieldErrors;
  organizations?: Option[];
  units: Option[];
}) {
  const { values, errors } = props;
  return (
    <>
      <Select
        name="kind"
        label={t.kind}
        errors={errors}
        value={values.kind ?? 'indstilling'}
        options={options(t.kinds)}
      />
      <TextField name="title" label={t.title} errors={errors} value={values.title} required />
      {props.organizations ? (
        <Select
          name="organizationId"
          label={t.organization}
          errors={errors}
          value={values.organizationId}
          options={props.organizations}
          required
        />
      ) : null}
      <Select
        name="senderUnitId"
        label={t.senderUnit}
        errors={errors}
        value={values.senderUnitId}
        options={[{ value: '', label: t.noSenderUnit }, ...props.units]}
      />
      <Select
        name="addressee"
        label={t.addressee}
        errors={errors}
        value={values.addressee ?? 'raadmanden'}
        options={options(t.addressees)}
      />
      <TextField
        name="paperDate"
        label={t.paperDate}
        type="date"
        errors={errors}
        value={values.paperDate}
        required
        width="m"
      />
      <TextField
        name="caseNumber"
        label={t.caseNumber}
        hint={t.caseNumberHint}
        errors={errors}
        value={values.caseNumber}
        width="l"
      />
      <TextArea
        name="caseOfficers"
        label={t.caseOfficers}
        hint={t.caseOfficersHint}
        errors={errors}
        value={values.caseOfficers}
        rows={2}
      />
      <TextField name="phone" label={t.phone} errors={errors} value={values.phone} width="m" />
      <TextField name="email" label={t.email} type="email" errors={errors} value={values.email} />
    </>
  );
}
