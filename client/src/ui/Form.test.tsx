import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DisclosureButton, Form, FormActions, useDisclosure } from './Form';
import { setLanguage } from './i18n';

afterEach(cleanup);

function Opener() {
  const disclosure = useDisclosure();
  if (!disclosure.open) return <DisclosureButton disclosure={disclosure} testId="open">Ny</DisclosureButton>;
  return (
    <Form id={disclosure.panelId} data-testid="form" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="f-name">Navn</label>
      <input id="f-name" />
      <FormActions onCancel={disclosure.hide} />
    </Form>
  );
}

describe('the kit form', () => {
  it('lays every form out with the kit class, and an inline (filter) layout on request', () => {
    render(
      <>
        <Form data-testid="a" className="card" />
        <Form data-testid="b" layout="inline" />
      </>,
    );
    expect(screen.getByTestId('a').className).toBe('kit-form card');
    expect(screen.getByTestId('b').className).toBe('kit-form kit-form-inline');
  });

  it('disables the submit button while saving and says so, in the reader’s language', () => {
    setLanguage('da');
    const { rerender } = render(<FormActions pending={false} onCancel={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Gem' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByRole('button', { name: 'Annuller' })).toBeTruthy();
    rerender(<FormActions pending onCancel={vi.fn()} />);
    const busy = screen.getByRole('button', { name: 'Gemmer…' });
    expect(busy.hasAttribute('disabled')).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    setLanguage('sv');
    rerender(<FormActions pending submitLabel="Spara ändringar" pendingLabel="Sparar ändringar…" />);
    expect(screen.getByRole('button', { name: 'Sparar ändringar…' }).hasAttribute('disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Avbryt' })).toBeNull(); // no cancel without onCancel
  });

  it('the disclosure button says it is collapsed, opens the form with the focus in it, and cancel returns the focus', () => {
    setLanguage('da');
    render(<Opener />);
    expect(screen.getByTestId('open').getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByTestId('open'));
    expect(document.activeElement?.id).toBe('f-name');
    fireEvent.click(screen.getByRole('button', { name: 'Annuller' }));
    expect(document.activeElement).toBe(screen.getByTestId('open'));
  });

  it('no area renders a bare <form> or hand-builds an "open form" toggle (both belong to the kit)', () => {
    const src = path.resolve(__dirname, '..');
    const offences: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'generated') walk(p);
        } else if (/\.tsx$/.test(e.name) && !/\.test\.tsx$/.test(e.name) && p !== path.join(src, 'ui', 'Form.tsx')) {
          const text = fs.readFileSync(p, 'utf8');
          if (/<form\b/.test(text)) offences.push(`${path.relative(src, p)}: <form> (use the kit's <Form>)`);
          if (/onClick=\{\(\) => set[A-Za-z]*(Open|Editing)\(true\)\}/.test(text)) offences.push(`${path.relative(src, p)}: hand-built toggle (use useDisclosure + DisclosureButton)`);
        }
      }
    };
    walk(src);
    expect(offences).toEqual([]);
  });
});
