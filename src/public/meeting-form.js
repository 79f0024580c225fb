// @ts-check
// Progressive enhancement for the new-meeting form: choosing a template fills the form at once,
// as pressing "Brug skabelon" does. Without JavaScript the button does the same.

const button = document.querySelector('button[data-apply-template]');
const select = document.querySelector('select[name="templateId"]');

if (button instanceof HTMLButtonElement && select instanceof HTMLSelectElement && button.form) {
  const form = button.form;
  select.addEventListener('change', () => {
    if (select.value !== '') form.requestSubmit(button);
  });
}
