import { da } from '../i18n/da';

export type Crumb = { href: string; label: string };

/**
 * DKFDS's breadcrumb: each link followed by its chevron (from DKFDS's own icon sprite, served
 * from our origin), the current page last and not a link.
 */
export function Breadcrumbs(props: { crumbs: readonly Crumb[]; current: string }) {
  return (
    <nav class="breadcrumbs" aria-label={da.layout.breadcrumbs}>
      <ol class="breadcrumbs__list">
        {props.crumbs.map((crumb) => (
          <li key={crumb.href} class="breadcrumbs__list-item">
            <a href={crumb.href} class="breadcrumbs__link">
              {crumb.label}
            </a>
            <svg class="icon-svg" focusable="false" aria-hidden="true">
              <use href="/static/dkfds/img/all-svg-icons.svg#chevron-right" />
            </svg>
          </li>
        ))}
        <li class="breadcrumbs__list-item" aria-current="page">
          {props.current}
        </li>
      </ol>
    </nav>
  );
}
