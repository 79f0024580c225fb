import type { ComponentChildren } from 'preact';

/** What a list says when it has nothing to show, with what to do next when there is one. */
export function EmptyState(props: { message: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p>{props.message}</p>
      {props.children}
    </div>
  );
}
