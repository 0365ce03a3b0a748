/**
 * Submitting state and errors for the account forms. A failed submit moves focus to the first
 * invalid field (whose error is part of its description) or, when no field is to blame, to the
 * form's alert.
 */
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { ApiError } from './api';

export interface FormErrors {
  /** Messages by input name. */
  fields: Record<string, string>;
  /** The error no single field explains. */
  alert: ApiError | null;
}

const NO_ERRORS: FormErrors = { fields: {}, alert: null };

/** A client-side validation failure, shaped like the server's so both are shown the same way. */
export function invalid(fields: Record<string, string>): ApiError {
  return new ApiError(
    400,
    'Check the form',
    'Some fields need attention.',
    'about:blank',
    Object.entries(fields).map(([field, message]) => ({ field, message })),
  );
}

/**
 * Throws the problems the form's own checks found, if any (`null` where a field is fine):
 * `assertValid({ email: EMAIL.test(email) ? null : 'Enter an email address.' })`.
 */
export function assertValid(problems: Record<string, string | null>): void {
  const found = Object.entries(problems).filter((p): p is [string, string] => p[1] !== null);
  if (found.length) throw invalid(Object.fromEntries(found));
}

/** `/password`, `body/password` and `body.password` all name the `password` input. */
const inputName = (field: string): string =>
  field
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .split(/[./]/)[0] ?? field;

function toErrors(e: unknown, root: HTMLElement | null): FormErrors {
  const form = root instanceof HTMLFormElement ? root : null;
  const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field, message } of error.errors) {
    const name = inputName(field);
    if (form?.elements.namedItem(name) && !fields[name]) fields[name] = message;
    else unplaced.push(message);
  }
  if (error.errors.length === 0) return { fields, alert: error };
  if (unplaced.length === 0) return { fields, alert: null };
  const detail = unplaced.join(' ');
  return {
    fields,
    alert: new ApiError(error.status, error.title, detail, error.type, error.errors),
  };
}

export interface Form<E extends HTMLElement = HTMLFormElement> {
  /** The form, or for actions outside a form, the element holding their FormAlert. */
  ref: RefObject<E | null>;
  busy: boolean;
  errors: FormErrors;
  /** An onSubmit handler running `task` once at a time; its rejections become the form's errors. */
  onSubmit: (task: (form: HTMLFormElement) => Promise<void>) => (e: FormEvent) => void;
  /** Runs `task` (e.g. a button's action) with the same busy state and error handling. */
  run: (task: () => Promise<void>) => Promise<void>;
  reset: () => void;
}

export function useForm<E extends HTMLElement = HTMLFormElement>(): Form<E> {
  const ref = useRef<E>(null);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures === 0) return;
    const form = ref.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.form-alert:not(:empty)');
    target?.focus();
  }, [failures]);

  const run = async (task: () => Promise<void>): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await task();
    } catch (e) {
      setErrors(toErrors(e, ref.current));
      setFailures((n) => n + 1);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const onSubmit =
    (task: (form: HTMLFormElement) => Promise<void>) =>
    (e: FormEvent): void => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      void run(() => task(form));
    };

  return { ref, busy, errors, onSubmit, run, reset: () => setErrors(NO_ERRORS) };
}

/** The trimmed value of a form's input. */
export const valueOf = (form: HTMLFormElement, name: string): string => {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value.trim() : '';
};

/** Passwords are sent as typed: spaces may be part of them. */
export const rawValueOf = (form: HTMLFormElement, name: string): string => {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el.value : '';
};

export const EMAIL = /^[^\s@]+@[^\s@]+$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** The hint of a new password: the length rule, and that the server turns down common ones. */
export const PASSWORD_RULES = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Common passwords are not accepted.`;

/** The length rule the server also applies; everything else (common passwords...) it decides. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length === 0) return 'Enter a password.';
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return null;
}
