import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import type { Role } from '../auth/roles';
import { Layout, type PageContext } from './layout';
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
});
