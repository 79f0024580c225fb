import type { ComponentChildren } from 'preact';

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** The first column names the row: rendered as a row header (th scope="row"). */
  isRowHeader?: boolean;
  /** For cells that need it, e.g. "break-word" for e-mail addresses, "agenda-slot" for times. */
  class?: string;
};

/**
 * A DKFDS table that stays within a phone's width: below 768 px each row becomes a stacked
 * card, every cell labelled by its column (DKFDS's responsive headers, the labels rendered
 * here so no script is needed). A table that is wide by nature (`scroll`) scrolls inside its
 * own focusable region instead (DKFDS's responsive scroll), so keyboard users can scroll it too.
 */
export function DataTable<Row>(props: {
  caption: string;
  /** The caption is read by screen readers only when a heading above already says it. */
  isCaptionVisible?: boolean;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClass?: (row: Row) => string | undefined;
  isCompact?: boolean;
  scroll?: boolean;
  /** A module's own look on top of DKFDS's, e.g. "live-table". */
  tableClass?: string;
}) {
  const classes = [
    'table',
    props.isCompact ? 'table--compact' : undefined,
    props.scroll ? undefined : 'table--responsive-headers',
    props.tableClass,
  ]
    .filter(Boolean)
    .join(' ');
  const table = (
    <table class={classes}>
      <caption class={props.isCaptionVisible ? undefined : 'sr-only'}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)} class={props.rowClass?.(row)}>
            {props.columns.map((column) =>
              column.isRowHeader ? (
                <th key={column.header} scope="row" data-title={column.header} class={column.class}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.header} data-title={column.header} class={column.class}>
                  {column.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!props.scroll) return table;
  return (
    <div class="table--responsive-scroll" role="region" aria-label={props.caption} tabIndex={0}>
      {table}
    </div>
  );
}
