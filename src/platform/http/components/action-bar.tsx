import type { ComponentChildren } from 'preact';

/**
 * A row of a page's actions (buttons, links styled as buttons, small forms) that wraps on a
 * narrow screen instead of running off it. Hidden when printed.
 */
export function ActionBar(props: { children: ComponentChildren; label?: string }) {
  return (
    <div
      class="action-bar no-print"
      role={props.label ? 'group' : undefined}
      aria-label={props.label}
    >
      {props.children}
    </div>
  );
}
