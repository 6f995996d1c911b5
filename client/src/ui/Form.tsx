import { useCallback, useEffect, useId, useRef, useState, type FormHTMLAttributes, type ReactNode } from 'react';
import { t } from './i18n';

/**
 * The kit's form layout. Every form of every area renders through <Form>, so one stylesheet section
 * (".kit-form" in styles.css) decides how fields sit - before this, five areas had five layouts and three
 * forms used a grid class that existed only under the agreements area (e2e/forms.e2e.mjs checks the class).
 *
 * - "stack" (default): label, control, hint and error one under the other; controls as wide as the form
 *   (at most a readable width), so nothing runs off a 375 px phone.
 * - "inline": a filter or search row; each <label> holds its control, the row wraps on a phone.
 */
export type FormLayout = 'stack' | 'inline';

export function formClass(layout: FormLayout = 'stack', className?: string) {
  return ['kit-form', layout === 'inline' ? 'kit-form-inline' : null, className].filter(Boolean).join(' ');
}

export function Form({ layout = 'stack', className, children, ...rest }: FormHTMLAttributes<HTMLFormElement> & { layout?: FormLayout }) {
  return (
    <form className={formClass(layout, className)} {...rest}>
      {children}
    </form>
  );
}

/**
 * Label beside control in two columns on a wide screen, one column on a phone (".kit-form-grid"). Each field
 * is a <FormField> (or a label and a wrapper holding the control and its error), never loose siblings.
 */
export function FormGrid({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={['kit-form-grid', className].filter(Boolean).join(' ')}>{children}</div>;
}

/** One field: its label, the control, an optional hint and the error placed under it (FieldError). */
export function FormField({ label, htmlFor, hint, children, className }: { label: ReactNode; htmlFor: string; hint?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={['kit-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={htmlFor}>{label}</label>
      <div className="kit-control">
        {children}
        {hint && <p className="hint">{hint}</p>}
      </div>
    </div>
  );
}

/**
 * Submit (and cancel) of a form. While `pending` the submit button is disabled, says "Saving…" (or
 * `pendingLabel`) and is aria-busy, so a double click cannot send the mutation twice. `children` are further
 * buttons or a status line, placed after cancel.
 */
export function FormActions({
  pending = false,
  disabled = false,
  submitLabel,
  pendingLabel,
  onCancel,
  cancelLabel,
  submitTestId,
  cancelTestId,
  children,
}: {
  pending?: boolean;
  disabled?: boolean;
  submitLabel?: ReactNode;
  pendingLabel?: ReactNode;
  onCancel?: () => void;
  cancelLabel?: ReactNode;
  submitTestId?: string;
  cancelTestId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="kit-actions">
      <button type="submit" className="primary" disabled={pending || disabled} aria-busy={pending || undefined} data-testid={submitTestId}>
        {pending ? (pendingLabel ?? t('ui.form.saving')) : (submitLabel ?? t('ui.form.save'))}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel} data-testid={cancelTestId}>
          {cancelLabel ?? t('ui.form.cancel')}
        </button>
      )}
      {children}
    </div>
  );
}

/**
 * Open/closed state of a form behind a button ("New network", "Correct register details"). The button
 * (DisclosureButton) gives way to the form: opening moves the focus to the form's first field, closing
 * (cancel, or saved) back to the button, so a keyboard or screen-reader user is not left on <body>.
 * Give the form `id={disclosure.panelId}`.
 */
export function useDisclosure(initiallyOpen = false) {
  const [open, setOpenState] = useState(initiallyOpen);
  const base = `disclosure-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const panelId = `${base}-panel`;
  const buttonId = `${base}-button`;
  const moved = useRef(false);
  const setOpen = useCallback((next: boolean) => {
    moved.current = true;
    setOpenState(next);
  }, []);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (open) document.getElementById(panelId)?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button')?.focus();
    else document.getElementById(buttonId)?.focus();
  }, [open, panelId, buttonId]);
  const show = useCallback(() => setOpen(true), [setOpen]);
  const hide = useCallback(() => setOpen(false), [setOpen]);
  const toggle = useCallback(() => setOpen(!open), [setOpen, open]);
  return { open, show, hide, toggle, setOpen, panelId, buttonId };
}

export type Disclosure = ReturnType<typeof useDisclosure>;

/**
 * The button that opens a disclosed form: it says whether its panel is open (aria-expanded) and which element
 * that is (aria-controls, while open). Render the panel with `id={disclosure.panelId}` when `disclosure.open`.
 */
export function DisclosureButton({ disclosure, children, primary = false, className, testId }: { disclosure: Disclosure; children: ReactNode; primary?: boolean; className?: string; testId?: string }) {
  return (
    <button
      type="button"
      id={disclosure.buttonId}
      className={[primary ? 'primary' : null, className].filter(Boolean).join(' ') || undefined}
      aria-expanded={disclosure.open}
      aria-controls={disclosure.open ? disclosure.panelId : undefined}
      onClick={disclosure.toggle}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
