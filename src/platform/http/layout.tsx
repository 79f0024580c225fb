import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from '../auth/plugin';
import type { Actor } from '../auth/policy';
import { da } from '../i18n/da';
import { PageKeptForm, summaryMessages, type FieldErrors, type KeptForm } from './form';
import { takeFormRefusal, type FormRefusal } from './form-refusal';
import { Breadcrumbs, type Crumb } from './breadcrumbs';
import { navigationAbilities, type NavigationAbilities } from './navigation';

/** What every page needs from the request: who is signed in and a CSRF token for its forms. */
export type PageContext = {
  actor: Actor | undefined;
  csrfToken: string;
  currentPath: string;
  /** What the menu offers; absent when nobody is signed in (no menu). */
  navigation?: NavigationAbilities;
  /** The footer's "Tilgængelighedserklæring" link (config ACCESSIBILITY_STATEMENT_URL). */
  accessibilityStatementUrl?: string;
  /** Why the form posted from this page was refused (platform/http/form-refusal.ts). */
  formRefusal?: FormRefusal;
};

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    actor: request.actor,
    csrfToken: csrfTokenFor(request, reply),
    currentPath: request.url,
    navigation: request.actor && navigationAbilities(request.actor),
    accessibilityStatementUrl: request.server.config.accessibilityStatementUrl,
    formRefusal: takeFormRefusal(request, reply),
  };
}

const defaultAccessibilityStatementUrl = 'https://www.was.digst.dk/';

/** The Danish page about the API (tokens, the OpenAPI docs), linked from the menu. */
export const apiHelpPath = '/hjaelp/api';

/** The mobile drawer's id: the no-JavaScript "Menu" link opens it as its :target. */
const mobileMenuId = 'mobilmenu';

type NavLink = { href: string; label: string; visible: boolean };

export function Layout(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra ES modules for progressive enhancement; pages work without them. */
  scripts?: readonly string[];
  /** The page's address under PUBLIC_BASE_URL, for `<link rel="canonical">`. */
  canonicalUrl?: string;
  /** The pages above this one; shown as DKFDS breadcrumbs ending with the title. */
  breadcrumbs?: readonly Crumb[];
}) {
  const { actor, csrfToken, currentPath, navigation } = props.ctx;
  const links: NavLink[] = navigation
    ? [
        { href: '/moeder', label: da.layout.meetings, visible: true },
        { href: '/soeg', label: da.layout.search, visible: true },
        { href: '/moeder/ny', label: da.layout.newMeeting, visible: navigation.mayCreateMeeting },
        { href: '/sager', label: da.layout.papers, visible: navigation.mayReadPapers },
        {
          href: '/opfoelgninger',
          label: da.layout.myFollowUps,
          visible: navigation.hasOwnFollowUps,
        },
        {
          href: '/aarshjul',
          label: da.layout.annualPlan,
          visible: navigation.mayReadAnnualPlan,
        },
        {
          href: '/sager-paa-vej',
          label: da.layout.casesToCouncil,
          visible: navigation.mayReadAnnualPlan,
        },
        { href: '/skabeloner', label: da.layout.templates, visible: navigation.mayReadTemplates },
        {
          href: '/admin/moederegler',
          label: da.law.settings.link,
          visible: navigation.mayConfigureOrganizations,
        },
        {
          href: '/kalender',
          label: da.layout.calendar,
          visible: navigation.mayUseCalendarFeed,
        },
        {
          href: '/organisationer',
          label: da.layout.organizations,
          visible: navigation.mayManageMemberships,
        },
        { href: '/admin/personer', label: da.layout.persons, visible: navigation.mayReadPersons },
        { href: '/admin/brugere', label: da.layout.users, visible: navigation.mayManageUsers },
        { href: '/admin/haendelser', label: da.layout.audit, visible: navigation.mayReadAudit },
        { href: '/admin/import', label: da.layout.import, visible: navigation.mayImport },
        {
          href: '/admin/persondata',
          label: da.layout.privacy,
          visible: navigation.mayManagePrivacy,
        },
        { href: apiHelpPath, label: da.layout.apiDocs, visible: navigation.usesApi },
      ]
    : [];
  const visibleLinks = links.filter((link) => link.visible);
  const userInfo =
    actor?.kind === 'user' ? (
      <>
        <p class="app-user-name">
          {da.layout.loggedInAs} <strong>{actor.name}</strong> ({da.roles[actor.role]})
        </p>
        <a href="/konto" aria-current={currentPath === '/konto' ? 'page' : undefined}>
          {da.layout.myAccount}
        </a>
        <form method="post" action="/logout">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button type="submit" class="button button-tertiary">
            {da.layout.logout}
          </button>
        </form>
      </>
    ) : null;
  const menuItems = (linkClass: string) =>
    visibleLinks.map((link) => (
      <li key={link.href} class={currentPath === link.href ? 'active current' : undefined}>
        <a
          href={link.href}
          class={linkClass}
          aria-current={currentPath === link.href ? 'page' : undefined}
        >
          <span>{link.label}</span>
        </a>
      </li>
    ));
  const breadcrumbs =
    props.breadcrumbs && props.breadcrumbs.length > 0 ? (
      <Breadcrumbs crumbs={props.breadcrumbs} current={props.title} />
    ) : null;
  const refusal = props.ctx.formRefusal;
  const mainAttributes = { id: 'main-content', class: 'container page-container', tabIndex: -1 };
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${da.appName}`}</title>
        <link rel="icon" href="/static/app/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/static/app/app.css" />
        {props.canonicalUrl ? <link rel="canonical" href={props.canonicalUrl} /> : null}
      </head>
      <body>
        <a class="skipnav" href="#main-content">
          {da.layout.skipLink}
        </a>
        <header class="header app-header">
          <div class="container app-header-inner">
            {/* Signed out, the front page is the public portal rather than the login. */}
            <a href={actor ? '/' : '/offentlig'} class="app-logo">
              {da.appName}
            </a>
            {userInfo ? <div class="app-user">{userInfo}</div> : null}
            {visibleLinks.length > 0 ? (
              <>
                {/* DKFDS's menu button needs its script; without it the link opens the same drawer. */}
                <button
                  type="button"
                  class="button button-secondary button-menu-open js-menu-open app-menu-button"
                  aria-haspopup="menu"
                  aria-controls={mobileMenuId}
                >
                  {da.layout.menu}
                </button>
                <a href={`#${mobileMenuId}`} class="button button-secondary app-menu-link">
                  {da.layout.menu}
                </a>
              </>
            ) : null}
          </div>
          {visibleLinks.length > 0 ? (
            <>
              <nav class="navigation-menu" aria-label={da.layout.nav}>
                <div class="navigation-menu-inner container">
                  <div class="nav">
                    <ul class="mainmenu">{menuItems('nav-link')}</ul>
                  </div>
                </div>
              </nav>
              <div class="mobile-drawer" id={mobileMenuId}>
                <div class="menu-top">
                  <p class="menu-heading h4">{da.layout.menu}</p>
                  <button
                    type="button"
                    class="button button-tertiary button-menu-close js-menu-close"
                  >
                    {da.layout.closeMenu}
                  </button>
                </div>
                {userInfo ? <div class="app-user-mobile">{userInfo}</div> : null}
                <nav class="navigation-menu-mobile" aria-label={da.layout.mobileNav}>
                  <ul class="mainmenu">{menuItems('nav-link')}</ul>
                </nav>
              </div>
            </>
          ) : null}
        </header>
        {visibleLinks.length > 0 ? <div class="overlay" /> : null}
        {refusal ? (
          <main
            {...mainAttributes}
            dangerouslySetInnerHTML={{
              __html: refusedFormPage(refusal, breadcrumbs, props.children),
            }}
          />
        ) : (
          <main {...mainAttributes}>
            {breadcrumbs}
            {props.children}
          </main>
        )}
        <footer class="footer">
          <div class="container">
            <p>{da.layout.footer}</p>
            <p>
              <a href={props.ctx.accessibilityStatementUrl ?? defaultAccessibilityStatementUrl}>
                {da.layout.accessibilityStatement}
              </a>
            </p>
          </div>
        </footer>
        {visibleLinks.length > 0 ? (
          <>
            <script src="/static/dkfds/js/dkfds.min.js" defer />
            <script type="module" src="/static/app/menu.js" />
          </>
        ) : null}
        {(props.scripts ?? []).map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </body>
    </html>
  );
}

/**
 * The page a refused form went back to (form-refusal.ts): its contents render first, with the
 * refused form's input and reasons in its fields, so that the error summary above them can
 * name and link the fields they noted. Only such a page is rendered in two parts.
 */
function refusedFormPage(
  refusal: FormRefusal,
  breadcrumbs: ComponentChildren,
  children: ComponentChildren,
): string {
  const kept: KeptForm = {
    action: refusal.action,
    values: refusal.values,
    errors: refusal.errors,
    labels: {},
    ids: {},
    shown: {},
  };
  const contents = render(<PageKeptForm value={kept}>{children}</PageKeptForm>);
  const top = render(
    <>
      {breadcrumbs}
      <ErrorSummary
        heading={refusal.message}
        messages={refusal.notes}
        errors={refusal.errors}
        labels={kept.labels}
        fieldIds={kept.ids}
      />
    </>,
  );
  return top + contents;
}

/**
 * The error summary: `messages` as they are, then `errors` worded by summaryMessages, each
 * linked to its field when the field has a label (by its id in `fieldIds`, else its name, the
 * shared fields' default id), so a user can jump to what is wrong.
 */
export function ErrorSummary(props: {
  messages: readonly string[];
  heading?: string;
  errors?: FieldErrors;
  labels?: Record<string, string>;
  fieldIds?: Record<string, string>;
}) {
  const errors = props.errors ?? {};
  const labels = props.labels ?? {};
  const fields = Object.keys(errors);
  const fieldLines = summaryMessages(errors, labels).map((text, index) => {
    const field = fields[index]!;
    return { text, href: labels[field] ? `#${props.fieldIds?.[field] ?? field}` : undefined };
  });
  // A reason that only repeats the heading says nothing more.
  const lines = [
    ...props.messages.map((text) => ({ text, href: undefined })),
    ...fieldLines,
  ].filter((line) => line.text !== props.heading);
  if (lines.length === 0 && props.heading === undefined) return null;
  return (
    <div class="alert alert-error" role="alert">
      <div class="alert-body">
        <p class="alert-heading">{props.heading ?? da.errors.VALIDATION_FAILED}</p>
        {lines.length > 0 ? (
          <ul class="alert-text">
            {lines.map((line) => (
              <li key={line.text}>{line.href ? <a href={line.href}>{line.text}</a> : line.text}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function HiddenCsrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
