import {
  Checkbox,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../../platform/http/form';
import { da } from '../../../platform/i18n/da';

const a = da.annualPlan;

export type TopicFormValues = {
  title?: string;
  month?: string;
  year?: string;
  recursYearly?: boolean;
  responsible?: string;
  note?: string;
};

/** A topic's fields, on the year plan's add form and on the topic's edit form. */
export function TopicFields(props: { values: TopicFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <TextField name="title" label={a.topicTitle} errors={errors} value={values.title} required />
      <Select
        name="month"
        label={a.month}
        errors={errors}
        value={values.month}
        options={a.months.map((name, index) => ({ value: String(index + 1), label: name }))}
        required
      />
      <TextField
        name="year"
        label={a.topicYear}
        hint={a.topicYearHint}
        errors={errors}
        value={values.year}
        type="number"
        inputMode="numeric"
        width="xs"
        required
      />
      <Checkbox
        name="recursYearly"
        label={a.recursYearly}
        hint={a.recursYearlyHint}
        errors={errors}
        checked={values.recursYearly ?? false}
      />
      <TextField
        name="responsible"
        label={a.responsible}
        errors={errors}
        value={values.responsible}
      />
      <TextArea name="note" label={a.note} errors={errors} value={values.note} rows={2} />
    </>
  );
}
