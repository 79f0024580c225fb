import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { da } from '../../../platform/i18n/da';
import type { TemplateWithItems } from '../templates';

const t = da.meetings;

type Option = { value: string; label: string };

/**
 * Organisation, template and "Brug skabelon", as the new-meeting form and the mødeplan ask for
 * them. With one organisation it is chosen; with several, none is chosen for the user.
 * "Brug skabelon" posts the form back filled from the template (meeting-form.js does it on change).
 */
export function OrganizationAndTemplateFields(props: {
  values: { organizationId?: string; templateId?: string };
  errors: FieldErrors;
  organizations: Option[];
  templates: TemplateWithItems[];
}) {
  const { values, errors, organizations } = props;
  const isSingle = organizations.length === 1;
  return (
    <>
      <Select
        name="organizationId"
        label={t.organization}
        errors={errors}
        value={isSingle ? organizations[0]!.value : values.organizationId}
        options={
          isSingle ? organizations : [{ value: '', label: t.chooseOrganization }, ...organizations]
        }
        required
      />
      <Select
        name="templateId"
        label={t.template}
        hint={t.templateHint}
        errors={errors}
        value={values.templateId}
        options={[
          { value: '', label: t.noTemplate },
          ...props.templates.map((template) => ({
            value: template.id,
            label: `${template.organizationName}: ${template.name} (${template.items.length} stående punkter)`,
          })),
        ]}
      />
      <div class="form-group">
        <button
          type="submit"
          name="handling"
          value="skabelon"
          class="button button-secondary"
          data-apply-template=""
        >
          {t.useTemplate}
        </button>
      </div>
    </>
  );
}

/** The meeting place, offering the places used before. */
export function LocationField(props: {
  value: string | undefined;
  errors: FieldErrors;
  locations: readonly string[];
}) {
  return (
    <>
      <TextField
        name="location"
        label={t.location}
        errors={props.errors}
        value={props.value}
        list="locations"
      />
      <datalist id="locations">
        {props.locations.map((location) => (
          <option key={location} value={location} />
        ))}
      </datalist>
    </>
  );
}
