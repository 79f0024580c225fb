import { passwordChangePath, returnToParameter } from '../../platform/auth/plugin';
import type { Role } from '../../platform/auth/roles';
import {
  apiHelpPath,
  HiddenCsrf,
  Layout,
  ErrorSummary,
  type PageContext,
} from '../../platform/http/layout';
import { ConfirmButton } from '../../platform/http/components/confirm-button';
import { DataTable } from '../../platform/http/components/data-table';
import { EmptyState } from '../../platform/http/components/empty-state';
import { Select, TextField, type FieldErrors } from '../../platform/http/form';
import { da } from '../../platform/i18n/da';
import { formatDateLong, formatTime } from '../../platform/i18n/format';
import type { OwnToken } from './api-tokens';

const t = da.auth;

export function LoginPage(props: {
  ctx: PageContext;
  email: string;
  errors: FieldErrors;
  notice?: string;
  /** The single sign-on provider's name, when one is configured. */
  ssoName?: string;
  /** The page to return to after login (already checked to be a path on this site). */
  returnTo?: string;
}) {
  const ssoHref = props.returnTo
    ? `/login/oidc?${new URLSearchParams({ [returnToParameter]: props.returnTo }).toString()}`
    : '/login/oidc';
  return (
    <Layout ctx={props.ctx} title={t.loginTitle}>
      <h1>{t.loginTitle}</h1>
      {props.notice ? (
        <div class="alert alert-info" role="status">
          <div class="alert-body">
            <p class="alert-text">{props.notice}</p>
          </div>
        </div>
      ) : null}
      {props.errors.form ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{props.errors.form}</p>
          </div>
        </div>
      ) : null}
      {props.ssoName ? (
        <>
          <p>
            <a class="button button-primary" href={ssoHref}>
              {t.ssoButton(props.ssoName)}
            </a>
          </p>
          <h2 class="h3">{t.ssoOr}</h2>
        </>
      ) : null}
      <form method="post" action="/login">
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.returnTo ? (
          <input type="hidden" name={returnToParameter} value={props.returnTo} />
        ) : null}
        <TextField
          name="email"
          label={t.email}
          type="email"
          autocomplete="username"
          errors={props.errors}
          value={props.email}
          required
        />
        <TextField
          name="password"
          label={t.password}
          type="password"
          autocomplete="current-password"
          errors={props.errors}
          value=""
          required
        />
        <button type="submit" class="button button-primary">
          {t.submit}
        </button>
      </form>
      <p class="login-portal">
        <a href="/offentlig">{da.home.publicPortal}</a>
      </p>
    </Layout>
  );
}

export function ChangePasswordPage(props: {
  ctx: PageContext;
  errors: FieldErrors;
  /** Signed in with a one-time password: the current password is not asked for again. */
  isOneTime: boolean;
}) {
  const title = props.isOneTime ? t.oneTimePasswordTitle : t.changePasswordTitle;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>{props.isOneTime ? t.oneTimePasswordIntro : t.changePasswordIntro}</p>
      {props.errors.form ? (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{props.errors.form}</p>
          </div>
        </div>
      ) : (
        <ErrorSummary messages={Object.values(props.errors)} />
      )}
      <form method="post" action={passwordChangePath} novalidate>
        <HiddenCsrf token={props.ctx.csrfToken} />
        {props.isOneTime ? null : (
          <TextField
            name="currentPassword"
            label={t.currentPassword}
            type="password"
            autocomplete="current-password"
            errors={props.errors}
            value=""
            required
          />
        )}
        <TextField
          name="password"
          label={t.newPassword}
          type="password"
          autocomplete="new-password"
          hint={t.newPasswordHint}
          errors={props.errors}
          value=""
          required
        />
        <TextField
          name="repeat"
          label={t.repeatPassword}
          type="password"
          autocomplete="new-password"
          errors={props.errors}
          value=""
          required
        />
        <button type="submit" class="button button-primary">
          {t.savePassword}
        </button>
      </form>
    </Layout>
  );
}

export function AccountPage(props: {
  ctx: PageContext;
  account: { name: string; email: string; role: Role; hasPassword: boolean };
  notice?: string;
}) {
  const { account } = props;
  return (
    <Layout ctx={props.ctx} title={t.accountTitle}>
      <h1>{t.accountTitle}</h1>
      {props.notice ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{props.notice}</p>
          </div>
        </div>
      ) : null}
      <dl>
        <dt>{t.accountName}</dt>
        <dd>{account.name}</dd>
        <dt>{t.email}</dt>
        <dd>{account.email}</dd>
        <dt>{t.accountRole}</dt>
        <dd>{da.roles[account.role]}</dd>
      </dl>
      <h2>{t.accountPassword}</h2>
      {account.hasPassword ? (
        <p>
          <a href={passwordChangePath}>{t.changePasswordTitle}</a>
        </p>
      ) : (
        <p>{t.passwordManagedBySso}</p>
      )}
      <h2>{t.accountTokens}</h2>
      <p>{t.accountTokensIntro}</p>
      <p>
        <a href="/konto/tokens">{t.manageTokens}</a>
      </p>
    </Layout>
  );
}

const when = (date: Date) => `${formatDateLong(date)} kl. ${formatTime(date)}`;

export function TokensPage(props: {
  ctx: PageContext;
  tokens: readonly OwnToken[];
  /** False for a request signed in by token: only a browser session may make tokens. */
  canCreate: boolean;
  errors: FieldErrors;
  values: { name: string; expiresInDays: string };
  /** A token made in this request; it is never shown again. */
  created?: OwnToken & { token: string };
}) {
  const tt = t.tokens;
  const { ctx, created } = props;
  const now = new Date();
  return (
    <Layout ctx={ctx} title={tt.title}>
      <h1>{tt.title}</h1>
      <p>
        <a href="/konto">{tt.backToAccount}</a>
      </p>
      <p>{tt.intro}</p>
      <p>
        <a href={apiHelpPath}>{tt.helpLink}</a>
      </p>
      {created ? (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <h2 class="alert-heading">{tt.createdHeading}</h2>
            <p class="alert-text">{tt.shownOnce}</p>
            <div class="form-group">
              <label class="form-label" for="new-token">
                {`${tt.tokenLabel}: ${created.name}`}
              </label>
              <input
                class="form-input input-width-xl"
                id="new-token"
                type="text"
                readOnly
                value={created.token}
              />
            </div>
          </div>
        </div>
      ) : null}
      {props.tokens.length === 0 ? <EmptyState message={tt.none} /> : null}
      {props.tokens.length > 0 ? (
        <DataTable
          caption={tt.listCaption}
          isCompact
          rows={props.tokens}
          rowKey={(token) => token.id}
          columns={[
            { header: tt.name, cell: (token) => token.name, isRowHeader: true },
            { header: tt.createdAt, cell: (token) => when(token.createdAt) },
            {
              header: tt.expiresAt,
              cell: (token) =>
                token.expiresAt <= now ? tt.expired(when(token.expiresAt)) : when(token.expiresAt),
            },
            {
              header: tt.lastUsedAt,
              cell: (token) => (token.lastUsedAt ? when(token.lastUsedAt) : tt.neverUsed),
            },
            {
              header: tt.actions,
              cell: (token) => (
                <ConfirmButton
                  action={`/konto/tokens/${token.id}/slet`}
                  csrfToken={ctx.csrfToken}
                  label={tt.revoke}
                  accessibleLabel={tt.revokeLabel(token.name)}
                  question={tt.revokeConfirm}
                  confirmLabel={tt.revokeConfirmButton}
                  isDanger
                />
              ),
            },
          ]}
        />
      ) : null}
      <section aria-labelledby="nyt-token">
        <h2 id="nyt-token">{tt.createHeading}</h2>
        {props.canCreate ? (
          <>
            <ErrorSummary messages={Object.values(props.errors)} />
            <form method="post" action="/konto/tokens" novalidate>
              <HiddenCsrf token={ctx.csrfToken} />
              <TextField
                name="name"
                label={tt.name}
                hint={tt.nameHint}
                errors={props.errors}
                value={props.values.name}
                width="l"
                required
              />
              <Select
                name="expiresInDays"
                label={tt.expiresIn}
                hint={tt.expiresInHint}
                errors={props.errors}
                value={props.values.expiresInDays}
                options={expiryChoices.map((days) => ({
                  value: String(days),
                  label: tt.days(days),
                }))}
                required
              />
              <button type="submit" class="button button-primary">
                {tt.create}
              </button>
            </form>
          </>
        ) : (
          <p>{tt.sessionRequired}</p>
        )}
      </section>
    </Layout>
  );
}

/** The lifetimes the form offers; the API takes any whole number of days up to a year. */
const expiryChoices = [7, 30, 90, 180, 365] as const;
