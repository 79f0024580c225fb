import { ActionBar } from '../../../platform/http/components/action-bar';
import { Select, TextField, type FieldErrors } from '../../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../../platform/http/layout';
import { da } from '../../../platform/i18n/da';
import { membershipRoles } from '../enums';
import type { MembershipRow, OrganizationRow, PersonRow } from '../repository';
import { periodText } from './members-page';
import { membersHref } from './organization-list-page';

const t = da.memberships;

export type MembershipFormValues = {
  personId?: string;
  role?: string;
  startDate?: string;
  endDate?: string;
};

const roleOptions = membershipRoles.map((role) => ({
  value: role,
  label: da.membershipRoles[role],
}));

function Actions(props: { submit: string; cancelHref: string; danger?: boolean }) {
  return (
    <ActionBar>
      <button
        type="submit"
        class={props.danger ? 'button button-warning' : 'button button-primary'}
      >
        {props.submit}
      </button>
      <a class="button button-secondary" href={props.cancelHref}>
        {t.cancel}
      </a>
    </ActionBar>
  );
}

/** Add a member (person picker) or edit a membership's role and period. */
export function MembershipFormPage(props: {
  ctx: PageContext;
  organization: OrganizationRow;
  /** The membership being edited, with its person's name; absent when adding. */
  membership?: MembershipRow & { personName: string };
  persons: PersonRow[];
  values: MembershipFormValues;
  errors: FieldErrors;
}) {
  const base = membersHref(props.organization.id);
  const title = props.membership
    ? t.editTitle(props.membership.personName)
    : t.addTitle(props.organization.name);
  const action = props.membership ? `${base}/${props.membership.id}/rediger` : `${base}/ny`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <form method="post" action={action}>
        <ErrorSummary messages={Object.values(props.errors)} />
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.membership ? null : (
          <Select
            name="personId"
            label={t.person}
            value={props.values.personId}
            errors={props.errors}
            required
            options={[
              { value: '', label: t.choosePerson },
              ...props.persons.map((person) => ({
                value: person.id,
                label: person.email ? `${person.name} (${person.email})` : person.name,
              })),
            ]}
          />
        )}
        <Select
          name="role"
          label={t.role}
          value={props.values.role ?? 'member'}
          errors={props.errors}
          options={roleOptions}
        />
        <TextField
          name="startDate"
          type="date"
          label={t.from}
          hint={t.startHint}
          value={props.values.startDate}
          errors={props.errors}
          required
        />
        <TextField
          name="endDate"
          type="date"
          label={t.to}
          hint={t.endDateHint}
          value={props.values.endDate}
          errors={props.errors}
        />
        <Actions submit={t.save} cancelHref={base} />
      </form>
    </Layout>
  );
}

/** Afslut: the last day of a membership. */
export function EndMembershipPage(props: {
  ctx: PageContext;
  organization: OrganizationRow;
  membership: MembershipRow & { personName: string };
  values: { endDate?: string };
  errors: FieldErrors;
}) {
  const base = membersHref(props.organization.id);
  const title = t.endTitle(props.membership.personName);
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>{`${da.membershipRoles[props.membership.role]}, ${periodText(props.membership)}`}</p>
      <form method="post" action={`${base}/${props.membership.id}/afslut`}>
        <ErrorSummary messages={Object.values(props.errors)} />
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField
          name="endDate"
          type="date"
          label={t.to}
          hint={t.endHint}
          value={props.values.endDate}
          errors={props.errors}
          required
        />
        <Actions submit={t.end} cancelHref={base} />
      </form>
    </Layout>
  );
}

/** Slet: asks first, since deleting removes the membership as if it never was. */
export function DeleteMembershipPage(props: {
  ctx: PageContext;
  organization: OrganizationRow;
  membership: MembershipRow & { personName: string };
}) {
  const base = membersHref(props.organization.id);
  const title = t.deleteTitle(props.membership.personName);
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>{`${da.membershipRoles[props.membership.role]}, ${periodText(props.membership)}`}</p>
      <div class="alert alert-warning">
        <div class="alert-body">
          <p class="alert-text">{t.deleteWarning}</p>
        </div>
      </div>
      <form method="post" action={`${base}/${props.membership.id}/slet`}>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <Actions submit={t.confirmDelete} cancelHref={base} danger />
      </form>
    </Layout>
  );
}
