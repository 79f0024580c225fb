// @ts-check
// Progressive enhancement for memo sections: a small WYSIWYG editor (bold, italic, lists,
// links, tables) over each textarea marked data-rich-text. Without JavaScript the textarea
// takes HTML as before. The server sanitises whatever arrives; the cleaning here only keeps
// the editor from showing markup the server would drop anyway.

const allowedTags = new Set([
  'P',
  'BR',
  'STRONG',
  'EM',
  'B',
  'I',
  'UL',
  'OL',
  'LI',
  'A',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
]);
const renamed = /** @type {Record<string, string>} */ ({ B: 'strong', I: 'em', DIV: 'p' });

/**
 * Copies the allowed elements of `source` into `target`, with only safe link addresses.
 * @param {Node} source
 * @param {Node} target
 */
function copyAllowed(source, target) {
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(child.textContent ?? ''));
    } else if (child instanceof Element) {
      const tag = renamed[child.tagName] ?? (allowedTags.has(child.tagName) ? child.tagName : null);
      if (tag === null) {
        if (!['SCRIPT', 'STYLE', 'TEMPLATE'].includes(child.tagName)) copyAllowed(child, target);
        continue;
      }
      const element = document.createElement(tag);
      const href = child.getAttribute('href') ?? '';
      if (tag === 'A' && /^(https?:|mailto:|\/(?!\/))/i.test(href.trim())) {
        element.setAttribute('href', href.trim());
      }
      for (const name of ['colspan', 'rowspan']) {
        const value = child.getAttribute(name);
        if (value && /^\d+$/.test(value)) element.setAttribute(name, value);
      }
      copyAllowed(child, element);
      target.appendChild(element);
    }
  }
}

/** @param {string} html */
function cleanHtml(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const container = document.createElement('div');
  copyAllowed(parsed.body, container);
  return container.innerHTML;
}

/**
 * @param {string} label
 * @param {() => void} action
 */
function toolbarButton(label, action) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button-tertiary rich-text-button';
  button.textContent = label;
  // Keep the selection in the editor while the button is pressed.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', action);
  return button;
}

/** @param {HTMLTextAreaElement} textarea */
function enhance(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (!(label instanceof HTMLLabelElement)) return;
  label.id ||= `${textarea.id}-label`;

  const editor = document.createElement('div');
  editor.className = 'form-input rich-text-editor';
  editor.contentEditable = 'true';
  editor.setAttribute('role', 'textbox');
  editor.setAttribute('aria-multiline', 'true');
  editor.setAttribute('aria-labelledby', label.id);
  const describedBy = textarea.getAttribute('aria-describedby');
  if (describedBy) editor.setAttribute('aria-describedby', describedBy);
  editor.innerHTML = cleanHtml(textarea.value);

  /** @param {string} command @param {string} [value] */
  const run = (command, value) => {
    editor.focus();
    document.execCommand(command, false, value);
  };
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-text-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', `Formatering: ${label.textContent ?? ''}`);
  let showingHtml = false;
  const toggle = toolbarButton('Vis koder', () => {
    showingHtml = !showingHtml;
    if (showingHtml) textarea.value = editor.innerHTML;
    else editor.innerHTML = cleanHtml(textarea.value);
    textarea.hidden = !showingHtml;
    editor.hidden = showingHtml;
    toggle.textContent = showingHtml ? 'Vis formateret' : 'Vis koder';
    toggle.setAttribute('aria-pressed', String(showingHtml));
  });
  toggle.setAttribute('aria-pressed', 'false');
  toolbar.append(
    toolbarButton('Fed', () => run('bold')),
    toolbarButton('Kursiv', () => run('italic')),
    toolbarButton('Punktliste', () => run('insertUnorderedList')),
    toolbarButton('Nummereret liste', () => run('insertOrderedList')),
    toolbarButton('Link', () => {
      const address = window.prompt('Linkets adresse (https://…)', 'https://');
      if (address && /^(https?:|mailto:)/i.test(address.trim())) run('createLink', address.trim());
    }),
    toolbarButton('Tabel', () =>
      run(
        'insertHTML',
        '<table><tbody><tr><td>&nbsp;</td><td>&nbsp;</td></tr><tr><td>&nbsp;</td><td>&nbsp;</td></tr></tbody></table><p><br></p>',
      ),
    ),
    toggle,
  );

  // Pasted text (from Word, web pages) arrives cleaned, as the server would keep it.
  editor.addEventListener('paste', (event) => {
    const html = event.clipboardData?.getData('text/html');
    if (!html) return;
    event.preventDefault();
    document.execCommand('insertHTML', false, cleanHtml(html));
  });
  label.addEventListener('click', () => {
    if (!showingHtml) editor.focus();
  });
  textarea.form?.addEventListener('submit', () => {
    if (!showingHtml) textarea.value = editor.innerHTML;
  });

  textarea.hidden = true;
  textarea.before(toolbar, editor);
}

document.execCommand('defaultParagraphSeparator', false, 'p');
document.querySelectorAll('textarea[data-rich-text]').forEach((textarea) => {
  if (textarea instanceof HTMLTextAreaElement) enhance(textarea);
});
