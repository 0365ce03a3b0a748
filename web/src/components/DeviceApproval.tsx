/**
 * Approves (or denies) a device sign-in started by `waymark login` (OAuth device grant,
 * RFC 8628): the user enters the code the terminal shows, checks it, and decides.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { apiSend } from '../lib/auth';
import { invalid, useForm, valueOf } from '../lib/useForm';
import { FormAlert, Notice } from './Alerts';
import { Field } from './Field';

/** Codes are shown in capitals, grouped with a hyphen; accept them typed any way. */
export const normalizeUserCode = (code: string): string =>
  code.toUpperCase().replace(/[^A-Z0-9-]/g, '');

type Step =
  | { name: 'enter' }
  | { name: 'confirm'; code: string }
  | { name: 'done'; code: string; approved: boolean };

export function DeviceApproval({ initialCode = '' }: { initialCode?: string }): ReactElement {
  const start = normalizeUserCode(initialCode);
  const [step, setStep] = useState<Step>(
    start ? { name: 'confirm', code: start } : { name: 'enter' },
  );
  const enter = useForm();
  const decide = useForm<HTMLDivElement>();
  const region = useRef<HTMLDivElement>(null);
  const shown = useRef(step.name);
  useEffect(() => {
    if (shown.current === step.name) return;
    shown.current = step.name;
    region.current?.focus();
  }, [step.name]);

  const answer = (approve: boolean): Promise<void> =>
    decide.run(async () => {
      if (step.name !== 'confirm') return;
      await apiSend('POST', '/api/v1/auth/device/approve', { userCode: step.code, approve });
      setStep({ name: 'done', code: step.code, approved: approve });
    });

  let body: ReactElement;
  if (step.name === 'done') {
    body = step.approved ? (
      <Notice>
        <p>
          Device connected. Go back to your terminal: <code>waymark login</code> finishes on its
          own.
        </p>
      </Notice>
    ) : (
      <Notice tone="info">
        <p>Request denied. The device did not get access to your account.</p>
      </Notice>
    );
  } else if (step.name === 'confirm') {
    body = (
      <div ref={decide.ref}>
        <p>Check that this code matches the one shown in your terminal:</p>
        <p className="user-code">{step.code}</p>
        <p>
          Approving lets the Waymark command-line tool on that device use your account. Only approve
          a request you started yourself.
        </p>
        <FormAlert error={decide.errors.alert} />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={decide.busy}
            onClick={() => void answer(true)}
          >
            Approve
          </button>
          <button
            type="button"
            className="btn"
            disabled={decide.busy}
            onClick={() => void answer(false)}
          >
            Deny
          </button>
          <button
            type="button"
            className="link-button"
            disabled={decide.busy}
            onClick={() => {
              decide.reset();
              setStep({ name: 'enter' });
            }}
          >
            Enter a different code
          </button>
        </div>
      </div>
    );
  } else {
    body = (
      <form
        ref={enter.ref}
        className="form"
        noValidate
        onSubmit={enter.onSubmit(async (f) => {
          const code = normalizeUserCode(valueOf(f, 'userCode'));
          if (code.replace(/-/g, '').length < 4)
            throw invalid({ userCode: 'Enter the code shown by waymark login.' });
          setStep({ name: 'confirm', code });
        })}
      >
        <FormAlert error={enter.errors.alert} />
        <Field
          label="Code from your terminal"
          name="userCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="input--code"
          hint="Run waymark login on the device; it shows a code like ABCD-EFGH."
          required
          error={enter.errors.fields.userCode}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={enter.busy}>
            Continue
          </button>
        </div>
      </form>
    );
  }
  return (
    <div ref={region} tabIndex={-1} className="focus-target device">
      {body}
    </div>
  );
}
