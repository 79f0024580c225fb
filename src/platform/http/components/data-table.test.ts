import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './data-table';

type Person = { id: string; name: string; email: string };
const columns: Array<Column<Person>> = [
  { header: 'Navn', cell: (person) => person.name, isRowHeader: true },
  { header: 'E-mail', cell: (person) => person.email, class: 'break-word' },
];
const rows: Person[] = [
  { id: '1', name: 'Anne', email: 'anne@example.dk' },
  { id: '2', name: 'Bo', email: 'bo@example.dk' },
];

describe('DataTable', () => {
  it('renders caption, column headers and a row header per row, each cell labelled for phones', () => {
    const html = render(
      h(DataTable<Person>, { caption: 'Personer', columns, rows, rowKey: (row) => row.id }),
    );
    expect(html).toContain('<table class="table table--responsive-headers">');
    expect(html).toContain('<caption class="sr-only">Personer</caption>');
    expect(html).toContain('<th scope="col">Navn</th><th scope="col">E-mail</th>');
    expect(html).toContain('<th scope="row" data-title="Navn">Anne</th>');
    expect(html).toContain('<td data-title="E-mail" class="break-word">bo@example.dk</td>');
    expect(html).not.toContain('role="region"');
  });

  it('scrolls a wide table inside its own focusable, named region instead of stacking it', () => {
    const html = render(
      h(DataTable<Person>, {
        caption: 'Plan',
        columns,
        rows,
        rowKey: (row) => row.id,
        scroll: true,
        isCompact: true,
        isCaptionVisible: true,
      }),
    );
    expect(html).toMatch(
      /^<div class="table--responsive-scroll" role="region" aria-label="Plan" tabindex="0"><table class="table table--compact">/,
    );
    expect(html).toContain('<caption>Plan</caption>');
  });

  it("adds a module's own table class and marks rows by rowClass", () => {
    const html = render(
      h(DataTable<Person>, {
        caption: 'Live',
        columns,
        rows,
        rowKey: (row) => row.id,
        rowClass: (row) => (row.id === '2' ? 'is-current' : undefined),
        scroll: true,
        tableClass: 'live-table',
      }),
    );
    expect(html).toContain('<table class="table live-table">');
    expect(html).toContain('<tr class="is-current"><th scope="row" data-title="Navn">Bo</th>');
    expect(html).toContain('<tr><th scope="row" data-title="Navn">Anne</th>');
  });
});
