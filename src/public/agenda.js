// @ts-check
// Progressive enhancement for the meeting page: drag-and-drop reordering of agenda items and
// a confirmation before deleting. Without JavaScript the "Flyt op/ned" and "Slet" buttons work
// as plain forms; this module only adds a faster way to do the same.

const table = document.querySelector('table.agenda-table');

document.querySelectorAll('form[data-confirm]').forEach((form) => {
  form.addEventListener('submit', (event) => {
    const message = form.getAttribute('data-confirm') ?? '';
    if (!window.confirm(message)) event.preventDefault();
  });
});

if (table instanceof HTMLTableElement) {
  const meetingId = table.dataset.meetingId ?? '';
  const csrfToken = table.dataset.csrf ?? '';
  /** @type {HTMLTableRowElement | null} */
  let dragged = null;

  const rows = () =>
    /** @type {HTMLTableRowElement[]} */ ([...table.querySelectorAll('tr.agenda-row')]);

  for (const row of rows()) {
    row.draggable = true;
    row.addEventListener('dragstart', (event) => {
      dragged = row;
      row.classList.add('is-dragging');
      event.dataTransfer?.setData('text/plain', row.dataset.itemId ?? '');
    });
    row.addEventListener('dragend', () => {
      row.classList.remove('is-dragging');
      dragged = null;
    });
    row.addEventListener('dragover', (event) => {
      // Items move only among their siblings: top-level items, or sub-items of one parent.
      if (dragged && dragged !== row && dragged.dataset.parentId === row.dataset.parentId) {
        event.preventDefault();
      }
    });
    row.addEventListener('drop', (event) => {
      event.preventDefault();
      if (!dragged || dragged.dataset.parentId !== row.dataset.parentId) return;
      const position = Number(row.dataset.position);
      void moveItem(dragged.dataset.itemId ?? '', position);
    });
  }

  /**
   * @param {string} itemId
   * @param {number} position
   */
  async function moveItem(itemId, position) {
    const response = await fetch(`/api/v1/meetings/${meetingId}/items/${itemId}/move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ position }),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      window.alert(body?.error?.message ?? 'Punktet kunne ikke flyttes.');
    }
    // The server computes numbers and the time plan; show its answer.
    window.location.reload();
  }
}
