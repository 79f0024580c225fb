// @ts-check
// Mødeafvikling: the minutes save themselves while the secretary writes (after a pause and when a
// field loses focus), with the form's own revision for the optimistic locking; a conflict stops
// the saving and says so. A standard phrase goes into the decision field. Alt+N saves and moves
// to the next item. Without JavaScript the form's buttons do the same with a normal submit.

const form = document.querySelector('form[data-autosave]');
if (form instanceof HTMLFormElement) {
  const status = form.querySelector('[data-save-status]');
  const revision = form.querySelector('input[name="revision"]');
  const decision = form.querySelector('textarea[name="decision"]');
  const next = form.querySelector('[data-next-item]');
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let isDirty = false;
  let isStopped = false;
  /** @type {Promise<void>} */
  let pending = Promise.resolve();

  /** @param {string} text */
  const say = (text) => {
    if (status) status.textContent = text;
  };

  const save = () => {
    if (!isDirty || isStopped) return pending;
    isDirty = false;
    clearTimeout(timer);
    say('Gemmer …');
    pending = pending.then(async () => {
      if (isStopped) return;
      // Read when sent, not when asked for: a save still under way (a field left for a phrase
      // button) returns the revision this one must carry, or it would be refused as a conflict.
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (typeof value === 'string') body.append(name, value);
      }
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body,
          headers: { accept: 'application/json' },
        });
        /** @type {{ revision?: number; error?: { code: string; message: string } }} */
        const result = await response.json();
        if (response.ok && typeof result.revision === 'number') {
          if (revision instanceof HTMLInputElement) revision.value = String(result.revision);
          say('Gemt');
          return;
        }
        if (result.error?.code === 'MINUTES_CONFLICT') isStopped = true;
        say(result.error?.message ?? 'Kunne ikke gemme. Prøv igen, eller brug knappen Gem.');
      } catch {
        isDirty = true;
        say('Kunne ikke gemme. Prøv igen, eller brug knappen Gem.');
      }
    });
    return pending;
  };

  form.addEventListener('input', () => {
    isDirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 1500);
  });
  form.addEventListener('focusout', () => void save());

  form.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || target.dataset.phrase === undefined) return;
    if (!(decision instanceof HTMLTextAreaElement)) return;
    event.preventDefault();
    decision.value = target.dataset.phrase;
    isDirty = true;
    void save();
  });

  // A submit waits for a save under way, so it carries the revision that save returned.
  let isWaiting = false;
  form.addEventListener('submit', (event) => {
    if (isWaiting) return;
    event.preventDefault();
    isWaiting = true;
    const submitter = event.submitter;
    clearTimeout(timer);
    // In a task of its own: while the submit event is still firing (a save already done
    // resolves at once), a form ignores requestSubmit, and the button would do nothing.
    void pending.then(() => setTimeout(() => form.requestSubmit(submitter)));
  });

  document.addEventListener('keydown', (event) => {
    if (event.altKey && event.code === 'KeyN' && next instanceof HTMLButtonElement) {
      event.preventDefault();
      next.click();
    }
  });
}
