import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { TextArea, TextField } from './form';
import type { FormRefusal } from './form-refusal';
import { keepInput, postedTextFields, takeKeptInput } from './kept-input';
import { Layout } from './layout';

describe('postedTextFields', () => {
  it('keeps text fields and lists, not the CSRF token or files', () => {
    expect(
      postedTextFields({
        _csrf: 'token',
        minutes: 'Lang tekst',
        dates: ['2031-01-01', '2031-01-08'],
        file: { type: 'file', fieldname: 'file', filename: 'a.pdf', bytes: Buffer.from('x') },
        title: { type: 'field', fieldname: 'title', value: 'Bilag' },
      }),
    ).toEqual({ minutes: ['Lang tekst'], dates: ['2031-01-01', '2031-01-08'], title: ['Bilag'] });
  });

  it('keeps nothing of a form with a password, whose repeat field is one too', () => {
    expect(postedTextFields({ password: 'hemmelig', repeat: 'hemmelig', name: 'A' })).toBe(
      undefined,
    );
    expect(postedTextFields({ currentPassword: 'x', email: 'a@b.dk' })).toBe(undefined);
  });
});

describe('the kept input store', () => {
  it('gives the values once, to the session that posted them only', () => {
    const id = keepInput('session-a', { minutes: ['Tekst'] })!;
    expect(takeKeptInput(id, 'session-b')).toBe(undefined);
    expect(takeKeptInput(id, 'session-a')).toEqual({ minutes: ['Tekst'] });
    expect(takeKeptInput(id, 'session-a')).toBe(undefined);
  });

  it('forgets values after a minute', () => {
    const now = Date.now();
    const id = keepInput('session-a', { minutes: ['Tekst'] }, now)!;
    expect(takeKeptInput(id, 'session-a', now + 61_000)).toBe(undefined);
  });

  it('leaves out a value past the bound of one entry, whole', () => {
    const id = keepInput('session-a', { huge: ['x'.repeat(2 * 1024 * 1024)], note: ['kort'] })!;
    expect(takeKeptInput(id, 'session-a')).toEqual({ note: ['kort'] });
  });
});

describe('a page a refused form went back to', () => {
  const refusal: FormRefusal = {
    message: 'Formularen indeholder fejl.',
    notes: [],
    errors: { text: 'Skal udfyldes.', elsewhere: 'Findes ikke.' },
    action: '/sager/1/tekst',
    values: { text: ['Det jeg skrev'], code: ['hemmelig kode'] },
  };
  const form = (action: string, suffix: string) =>
    h(
      'form',
      { method: 'post', action },
      h(TextArea, { name: 'text', id: `text${suffix}`, label: 'Tekst', value: 'Gemt', errors: {} }),
      h(TextField, { name: 'code', type: 'password', label: 'Kode', value: '', errors: {} }),
    );
  const html = render(
    h(Layout, {
      ctx: { actor: undefined, csrfToken: '', currentPath: '/sager/1', formRefusal: refusal },
      title: 'Side',
      children: [form('/sager/1/tekst?x=1', '-1'), form('/sager/1/andet', '-2')],
    }),
  );

  it('puts the typed text back into the posted form only, with its reason', () => {
    expect(html).toMatch(/<textarea[^>]*id="text-1"[^>]*>Det jeg skrev<\/textarea>/);
    expect(html).toMatch(/<textarea[^>]*id="text-2"[^>]*>Gemt<\/textarea>/);
    expect(html).toContain('id="text-1-error"');
    expect(html).not.toContain('id="text-2-error"');
  });

  it('names and links the field in the error summary; a field not on the page is plain', () => {
    expect(html).toContain('<li><a href="#text-1">Tekst skal udfyldes.</a></li>');
    expect(html).toContain('<li>Findes ikke.</li>');
  });

  it('never writes a password into the page', () => {
    expect(html).not.toContain('hemmelig kode');
  });
});
