import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ConfirmButton } from './confirm-button';

describe('ConfirmButton', () => {
  it('asks first and posts only from the confirming button, without JavaScript', () => {
    const html = render(
      h(ConfirmButton, {
        action: '/moeder/1/slet',
        csrfToken: 'csrf',
        label: 'Slet',
        accessibleLabel: 'Slet mødet "Byråd"',
        question: 'Vil du slette mødet?',
        confirmLabel: 'Ja, slet mødet',
        fields: { status: 'done' },
        isDanger: true,
      }),
    );
    expect(html).toMatch(
      /^<details class="confirm-button"><summary [^>]*aria-label="Slet mødet &quot;Byråd&quot;">Slet<\/summary>/,
    );
    expect(html).toContain(
      '<form method="post" action="/moeder/1/slet" class="confirm-button-form">',
    );
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf"/>');
    expect(html).toContain('<input type="hidden" name="status" value="done"/>');
    expect(html).toContain('<p>Vil du slette mødet?</p>');
    expect(html).toContain(
      '<button type="submit" class="button button-primary">Ja, slet mødet</button>',
    );
    // The summary is not a submit button: one click only opens the question.
    expect(html.match(/type="submit"/g)).toHaveLength(1);
  });
});
