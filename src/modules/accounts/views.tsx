import { returnToParameter } from '../../platform/auth/plugin';
import { HiddenCsrf, Layout, ErrorSummary, type PageContext } from '../../platform/http/layout';
import { TextField, type FieldErrors } from '../../platform/http/form';
import { da } from '../../platform/i18n/da';

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
    </Layout>
  );
}

export function ChangePasswordPage(props: { ctx: PageContext; errors: FieldErrors }) {
  return (
    <Layout ctx={props.ctx} title={t.changePasswordTitle}>
      <h1>{t.changePasswordTitle}</h1>
      <p>{t.changePasswordIntro}</p>
      <ErrorSummary messages={Object.values(props.errors)} />
      <form method="post" action="/konto/adgangskode">
        <HiddenCsrf token={props.ctx.csrfToken} />
        <TextField
          name="password"
          label={t.newPassword}
          type="password"
          autocomplete="new-password"
          hint={da.validation.passwordLength}
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
