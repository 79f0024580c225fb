import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import type { Role } from '../auth/roles';
import { apiHelpPath, ErrorSummary, Layout, type PageContext } from './layout';
import { navigationAbilities } from './navigation';

function user(role: Role, personId: string | null = null): Actor {
  return {
    kind: 'user',
    userId: `user-${role}`,
    email: `${role}@example.dk`,
    name: role,
    role,
    personId,
    organizationIds: ['org-a'],
  };
}

/** The menu's links, by address, as the layout renders them for this page context. */
function menu(ctx: PageContext): string[] {
  const html = render(h(Layout, { ctx, title: 'Side', children: null }));
  const nav = /<nav class="navigation-menu"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
}

const page = { csrfToken: 'token', currentPath: '/moeder' };

describe('the main menu', () => {
  it('offers what the navigation abilities allow, computed from the policy per page', () => {
    const administrator = user('administrator');
    expect(
      menu({ ...page, actor: administrator, navigation: navigationAbilities(administrator) }),
    ).toEqual(expect.arrayContaining(['/moeder/ny', '/admin/haendelser', '/admin/persondata']));
    const reader = user('reader', 'person-1');
    const readerMenu = menu({ ...page, actor: reader, navigation: navigationAbilities(reader) });
    expect(readerMenu).toContain('/opfoelgninger');
    expect(readerMenu).not.toContain('/moeder/ny');
    expect(readerMenu).not.toContain('/admin/haendelser');
  });

  it('is absent when nobody is signed in', () => {
    expect(menu({ ...page, actor: undefined })).toEqual([]);
  });

  it('offers "API" to administrators only, pointing to the Danish help page', () => {
    const menuOf = (role: Role) => {
      const actor = user(role, 'person-1');
      return menu({ ...page, actor, navigation: navigationAbilities(actor) });
    };
    expect(menuOf('administrator')).toContain(apiHelpPath);
    for (const role of ['secretary', 'case_officer', 'participant', 'reader'] as const) {
      expect(menuOf(role)).not.toContain(apiHelpPath);
      expect(menuOf(role)).not.toContain('/api/v1/docs');
    }
  });
});

describe('the mobile menu', () => {
  const secretary = user('secretary');
  const html = render(
    h(Layout, {
      ctx: { ...page, actor: secretary, navigation: navigationAbilities(secretary) },
      title: 'Side',
      children: null,
    }),
  );

  it("is DKFDS's drawer with the same entries as the main menu", () => {
    const drawer = /<div class="mobile-drawer" id="mobilmenu">[\s\S]*?<\/nav>/.exec(html)?.[0];
    const drawerLinks = [
      ...(drawer ?? '').matchAll(
        /class="nav-link"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="nav-link"/g,
      ),
    ].map((match) => match[1] ?? match[2]);
    expect(drawerLinks).toEqual(
      menu({ ...page, actor: secretary, navigation: navigationAbilities(secretary) }),
    );
    expect(html).toContain('class="button button-secondary button-menu-open js-menu-open');
    expect(html).toContain('js-menu-close');
  });

  it('opens without JavaScript through a link to the drawer', () => {
    expect(html).toContain('<a href="#mobilmenu" class="button button-secondary app-menu-link">');
  });

  it("loads DKFDS's script and the starter as files, never inline", () => {
    expect(html).toContain('<script src="/static/dkfds/js/dkfds.min.js" defer>');
    expect(html).toContain('<script type="module" src="/static/app/menu.js">');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('is left out with the menu when nobody is signed in', () => {
    const anonymous = render(
      h(Layout, { ctx: { ...page, actor: undefined }, title: 'Side', children: null }),
    );
    expect(anonymous).not.toContain('mobile-drawer');
    expect(anonymous).not.toContain('<script');
  });
});

describe('the error summary', () => {
  it('names each field error by its label and links it to the field', () => {
    const html = render(
      h(ErrorSummary, {
        messages: ['Mødet er låst.'],
        errors: { title: 'Skal udfyldes.', start: 'Skal være et klokkeslæt.', form: 'Prøv igen.' },
        labels: { title: 'Titel', start: 'Start' },
        fieldIds: { start: 'start-time' },
      }),
    );
    expect(html).toContain('<li>Mødet er låst.</li>');
    expect(html).toContain('<li><a href="#title">Titel skal udfyldes.</a></li>');
    expect(html).toContain('<li><a href="#start-time">Start: Skal være et klokkeslæt.</a></li>');
    expect(html).toContain('<li>Prøv igen.</li>');
  });

  it('leaves out a line that only repeats the heading', () => {
    const html = render(
      h(ErrorSummary, { heading: 'Perioden overlapper.', messages: ['Perioden overlapper.'] }),
    );
    expect(html).not.toContain('<li>');
  });
});
