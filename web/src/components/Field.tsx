/** A labelled input with an optional hint and error, both tied to it with aria-describedby. */
import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import { passwordStrength } from '../lib/passwordStrength';
import { PASSWORD_RULES } from '../lib/useForm';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'> & { name: string };

export interface FieldProps extends InputProps {
  ref?: Ref<HTMLInputElement>;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Rendered after the input, inside the field's box (e.g. a show-password toggle). */
  addon?: ReactNode;
  /** Rendered between the input and the hint (e.g. a strength meter). */
  extra?: (id: string) => ReactNode;
}

export function Field({
  label,
  hint,
  error,
  addon,
  extra,
  className,
  ref,
  ...input
}: FieldProps): ReactElement {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const extraId = `${id}-extra`;
  const described =
    [error && errorId, extra && extraId, hint && hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="field-control">
        <input
          ref={ref}
          id={id}
          className={`input${className ? ` ${className}` : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          {...input}
        />
        {addon}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {extra?.(extraId)}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The account's email address, as the account forms ask for it. */
export function EmailField(props: Omit<FieldProps, 'label' | 'name' | 'type'>): ReactElement {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      {...props}
    />
  );
}

/** A password input with a show/hide toggle and, for new passwords, a strength hint. */
export function PasswordField({
  showStrength = false,
  ...props
}: Omit<FieldProps, 'type' | 'addon' | 'extra'> & { showStrength?: boolean }): ReactElement {
  const [visible, setVisible] = useState(false);
  const [value, setValue] = useState('');
  const strength = passwordStrength(value);
  return (
    <Field
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      onChange={(e) => {
        setValue(e.currentTarget.value);
        props.onChange?.(e);
      }}
      addon={
        <button
          type="button"
          className="field-toggle"
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? 'Hide' : 'Show'}
          <span className="visually-hidden"> password</span>
        </button>
      }
      extra={
        showStrength
          ? (id) => (
              <div className="strength" id={id}>
                <span className={`strength-bar strength-bar--${strength.score}`} aria-hidden="true">
                  <span />
                  <span />
                  <span />
                  <span />
                </span>
                <span className="strength-label">{strength.label}</span>
              </div>
            )
          : undefined
      }
    />
  );
}

/** A password being chosen: with the strength meter, and the rules as its hint. */
export function NewPasswordField(
  props: Omit<FieldProps, 'type' | 'addon' | 'extra' | 'autoComplete'>,
): ReactElement {
  return (
    <PasswordField
      autoComplete="new-password"
      required
      showStrength
      hint={PASSWORD_RULES}
      {...props}
    />
  );
}
