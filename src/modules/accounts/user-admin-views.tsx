import { roles } from '../../platform/auth/roles';
import { ActionBar } from '../../platform/http/components/action-bar';
import { DataTable } from '../../platform/http/components/data-table';
import { EmptyState } from '../../platform/http/components/empty-state';
import { StatusTag, type StatusTone } from '../../platform/http/components/status-tag';
import { Select, TextField, type FieldErrors } from '../../platform/http/form';
import { ErrorSummary, HiddenCsrf, Layout, type PageContext } from '../../platform/http/layout';
import { da } from '../../platform/i18n/da';
import { formatDateLong } from '../../platform/i18n/format';
import type { ManagedUser } from './user-admin';

const t = da.userAdmin;

export type PersonChoice = { id: string; name: string };

export type UserFormValues = { email: string; name: string; role: string; personId: string };

const roleOptions = roles.map((role) => ({ value: role, label: da.roles[role] }));

function personOptions(persons: readonly PersonChoice[]) {
  return [
    { value: '', label: t.noPerson },
    ...persons.map((p) => ({ value: p.id, label: p.name })),
  ];
}

function Notice(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <div class="alert alert-success" role="status">
      <div class="alert-body">
        <p class="alert-text">{props.text}</p>
      </div>
    </div>
  );
}

function statusOf({ user, isInvited }: ManagedUser): { label: string; tone: StatusTone } {
  if (user.deactivatedAt) return { label: t.deactivated, tone: 'neutral' };
  if (user.oidcSubject) return { label: t.singleSignOn, tone: 'success' };
  if (!user.passwordHash && isInvited) return { label: t.invited, tone: 'info' };
  return { label: t.active, tone: 'success' };
}

/** /admin/brugere: every user with role, person and state (administrators). */
export function UserListPage(props: {
  ctx: PageContext;
  users: readonly ManagedUser[];
  notice?: string;
}) {
  return (
    <Layout ctx={props.ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <Notice text={props.notice} />
      <p>{t.intro}</p>
      <ActionBar>
        <a class="button button-primary" href="/admin/brugere/ny">
          {t.create}
        </a>
      </ActionBar>
      {props.users.length === 0 ? (
        <EmptyState message={t.none} />
      ) : (
        <DataTable
          caption={t.listTitle}
          isCompact
          rows={props.users}
          rowKey={(managed) => managed.user.id}
          columns={[
            {
              header: t.name,
              isRowHeader: true,
              cell: (managed) => (
                <a href={`/admin/brugere/${managed.user.id}`}>{managed.user.name}</a>
              ),
            },
            { header: t.email, class: 'break-word', cell: (managed) => managed.user.email },
            { header: t.role, cell: (managed) => da.roles[managed.user.role] },
            {
              header: t.person,
              cell: (managed) =>
                managed.person ? (
                  <a href={`/admin/personer/${managed.person.id}`}>{managed.person.name}</a>
                ) : (
                  '–'
                ),
            },
            { header: t.status, cell: (managed) => <StatusTag {...statusOf(managed)} /> },
          ]}
        />
      )}
    </Layout>
  );
}

/** /admin/brugere/ny: e-mail, role, person and name; the user is invited by e-mail. */
export function NewUserPage(props: {
  ctx: PageContext;
  persons: readonly PersonChoice[];
  values: UserFormValues;
  errors: FieldErrors;
  invitationHours: number;
}) {
  const { values, errors } = props;
  return (
    <Layout ctx={props.ctx} title={t.newTitle}>
      <p>
        <a href="/admin/brugere">{t.back}</a>
      </p>
      <h1>{t.newTitle}</h1>
      <ErrorSummary messages={Object.values(errors)} />
      <p>{t.inviteHint(props.invitationHours)}</p>
      <form method="post" action="/admin/brugere/ny" novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField
          name="email"
          type="email"
          label={t.email}
          value={values.email}
          errors={errors}
          autocomplete="off"
          required
        />
        <Select
          name="role"
          label={t.role}
          value={values.role}
          options={roleOptions}
          errors={errors}
        />
        <Select
          name="personId"
          label={t.person}
          hint={t.personHint}
          value={values.personId}
          options={personOptions(props.persons)}
          errors={errors}
        />
        <TextField
          name="name"
          label={t.name}
          hint={t.nameHint}
          value={values.name}
          errors={errors}
        />
        <ActionBar>
          <button type="submit" class="button button-primary">
            {t.create}
          </button>
        </ActionBar>
      </form>
    </Layout>
  );
}

/** /admin/brugere/:id: change role, name and person; invite, deactivate or reactivate. */
export function UserPage(props: {
  ctx: PageContext;
  managed: ManagedUser;
  persons: readonly PersonChoice[];
  values: UserFormValues;
  errors: FieldErrors;
  notice?: string;
  invitationHours: number;
  /** A token just issued for the user: shown this once, never again. */
  issuedToken?: { name: string; token: string };
}) {
  const { managed, values, errors } = props;
  const { user } = managed;
  const title = t.editTitle(user.name);
  // The current person stays selectable even when deactivated, so saving keeps the link.
  const persons =
    managed.person && !props.persons.some((p) => p.id === managed.person?.id)
      ? [...props.persons, { id: managed.person.id, name: managed.person.name }]
      : props.persons;
  const base = `/admin/brugere/${user.id}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href="/admin/brugere">{t.back}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <ErrorSummary messages={Object.values(errors)} />
      <dl>
        <dt>{t.email}</dt>
        <dd class="break-word">{user.email}</dd>
        <dt>{t.status}</dt>
        <dd>
          <StatusTag {...statusOf(managed)} />
          {user.deactivatedAt ? ` (${formatDateLong(user.deactivatedAt)})` : ''}
        </dd>
      </dl>
      <form method="post" action={base} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField name="name" label={t.name} value={values.name} errors={errors} required />
        <Select
          name="role"
          label={t.role}
          value={values.role}
          options={roleOptions}
          errors={errors}
        />
        <Select
          name="personId"
          label={t.person}
          hint={t.personHint}
          value={values.personId}
          options={personOptions(persons)}
          errors={errors}
        />
        <ActionBar>
          <button type="submit" class="button button-primary">
            {t.save}
          </button>
        </ActionBar>
      </form>
      {!user.deactivatedAt && !user.oidcSubject ? (
        <form method="post" action={`${base}/inviter`}>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <h2>{t.invite}</h2>
          <p>{t.inviteHint(props.invitationHours)}</p>
          <button type="submit" class="button button-secondary">
            {t.invite}
          </button>
        </form>
      ) : null}
      {props.issuedToken ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <h2 class="alert-heading">{t.tokenCreated}</h2>
            <p class="alert-text">{da.auth.tokens.shownOnce}</p>
            <div class="form-group">
              <label class="form-label" for="issued-token">
                {`${da.auth.tokens.tokenLabel}: ${props.issuedToken.name}`}
              </label>
              <input
                class="form-input input-width-xl"
                id="issued-token"
                type="text"
                readOnly
                value={props.issuedToken.token}
              />
            </div>
          </div>
        </div>
      ) : null}
      {user.deactivatedAt ? null : (
        <form method="post" action={`${base}/token`} novalidate>
          <HiddenCsrf token={props.ctx.csrfToken} />
          <h2>{t.tokenHeading}</h2>
          <p>{t.tokenHint}</p>
          <TextField name="tokenName" label={t.tokenName} value="" errors={errors} required />
          <button type="submit" class="button button-secondary">
            {t.tokenCreate}
          </button>
        </form>
      )}
      <form method="post" action={`${base}/${user.deactivatedAt ? 'genaktiver' : 'deaktiver'}`}>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <h2>{user.deactivatedAt ? t.reactivate : t.deactivate}</h2>
        {user.deactivatedAt ? null : <p>{t.deactivateHint}</p>}
        <button
          type="submit"
          class={user.deactivatedAt ? 'button button-secondary' : 'button button-warning'}
        >
          {user.deactivatedAt ? t.reactivate : t.deactivate}
        </button>
      </form>
    </Layout>
  );
}

/** /invitation/:token: the invited user chooses a password (public, the link is the key). */
export function InvitationPage(props: {
  ctx: PageContext;
  token: string;
  email: string;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={props.ctx} title={t.acceptTitle}>
      <h1>{t.acceptTitle}</h1>
      <ErrorSummary messages={Object.values(props.errors)} />
      <p>{t.acceptIntro(props.email)}</p>
      <form method="post" action={`/invitation/${props.token}`} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <TextField
          name="password"
          type="password"
          label={t.password}
          value=""
          errors={props.errors}
          autocomplete="new-password"
          required
        />
        <TextField
          name="repeat"
          type="password"
          label={t.repeat}
          value=""
          errors={props.errors}
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button button-primary">
          {t.accept}
        </button>
      </form>
    </Layout>
  );
}
