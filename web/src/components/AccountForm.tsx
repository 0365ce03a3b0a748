/**
 * The frame of the account and settings forms: the browser's own validation off (the form's
 * messages, tied to their fields, replace its bubbles), submits run through `useForm`, and the
 * error area first, where a failed submit can move the focus.
 */
import type { FormHTMLAttributes, ReactElement, ReactNode } from 'react';
import type { Form } from '../lib/useForm';
import { FormAlert } from './Alerts';

export function AccountForm({
  form,
  onSubmit,
  head,
  errorHelp,
  className = 'form',
  children,
  ...attributes
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'children'> & {
  form: Form;
  onSubmit: (form: HTMLFormElement) => Promise<void>;
  /** Before the error area, e.g. the form's heading. */
  head?: ReactNode;
  /** Shown with the error, e.g. a way around it. */
  errorHelp?: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <form
      ref={form.ref}
      className={className}
      noValidate
      onSubmit={form.onSubmit(onSubmit)}
      {...attributes}
    >
      {head}
      <FormAlert error={form.errors.alert}>{errorHelp}</FormAlert>
      {children}
    </form>
  );
}

/** A form's main button, saying what it is doing while the submit runs. */
export function SubmitButton({
  busy,
  busyLabel,
  block = true,
  children,
}: {
  busy: boolean;
  busyLabel: string;
  /** Full width, as on the account pages' cards. */
  block?: boolean;
  children: ReactNode;
}): ReactElement {
  return (
    <button
      type="submit"
      className={block ? 'btn btn--primary btn--block' : 'btn btn--primary'}
      disabled={busy}
    >
      {busy ? busyLabel : children}
    </button>
  );
}
