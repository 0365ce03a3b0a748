/**
 * Approves (or denies) a device sign-in started by `waymark login` (OAuth device grant,
 * RFC 8628): the user enters the code the terminal shows, sees which app asks for what, and
 * decides.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { PROBLEM, apiSend, isProblem } from '../lib/auth';
import { describeScope, sortScopes } from '../lib/scopes';
import { useApi } from '../lib/useApi';
import { invalid, useForm, valueOf } from '../lib/useForm';
import { FormAlert, Notice } from './Alerts';
import { Field } from './Field';
import { Loading } from './States';

/** Codes are shown in capitals, grouped with a hyphen; accept them typed any way. */
export const normalizeUserCode = (code: string): string =>
  code.toUpperCase().replace(/[^A-Z0-9-]/g, '');

/** `GET /api/v1/auth/device/lookup`: what a pending code asks for. */
interface DeviceRequest {
  userCode: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  expiresAt: string;
}

type Step =
  | { name: 'enter'; code: string }
  | { name: 'confirm'; code: string }
  | { name: 'done'; clientName: string; approved: boolean };

function Confirm({
  code,
  onDecided,
  onOtherCode,
}: {
  code: string;
  onDecided: (request: DeviceRequest, approved: boolean) => void;
  onOtherCode: () => void;
}): ReactElement {
  const lookup = useApi<DeviceRequest>(
    `/api/v1/auth/device/lookup?userCode=${encodeURIComponent(code)}`,
  );
  const decide = useForm<HTMLDivElement>();
  const otherCode = (
    <button
      type="button"
      className="link-button"
      disabled={decide.busy}
      onClick={() => {
        decide.reset();
        onOtherCode();
      }}
    >
      Enter a different code
    </button>
  );

  if (lookup.status === 'loading') return <Loading label="Checking the code…" />;
  if (lookup.status === 'error') {
    const unknown = isProblem(lookup.error, PROBLEM.invalidToken);
    return (
      <div>
        {unknown ? (
          <div className="alert alert--error" role="alert">
            <p>
              The code <strong>{code}</strong> is unknown, already used or expired. Run{' '}
              <code>waymark login</code> again and enter the new code it shows.
            </p>
          </div>
        ) : (
          <FormAlert error={lookup.error}>
            <button type="button" className="btn btn--small" onClick={lookup.retry}>
              Try again
            </button>
          </FormAlert>
        )}
        <div className="form-actions">{otherCode}</div>
      </div>
    );
  }

  const request = lookup.data;
  const answer = (approve: boolean): Promise<void> =>
    decide.run(async () => {
      await apiSend('POST', '/api/v1/auth/device/approve', {
        userCode: request.userCode,
        approve,
      });
      onDecided(request, approve);
    });
  return (
    <div ref={decide.ref}>
      <p>Check that this code matches the one shown in your terminal:</p>
      <p className="user-code">{request.userCode}</p>
      <p>
        <strong>{request.clientName}</strong> asks to use your account to:
      </p>
      <ul className="scope-list" aria-label="Requested permissions">
        {sortScopes(request.scopes).map((scope) => (
          <li key={scope}>{describeScope(scope)}</li>
        ))}
      </ul>
      <p>
        Only approve a request you started yourself. You can sign the device out at any time in
        Settings, under Signed-in apps.
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
        {otherCode}
      </div>
    </div>
  );
}

export function DeviceApproval({ initialCode = '' }: { initialCode?: string }): ReactElement {
  const start = normalizeUserCode(initialCode);
  const [step, setStep] = useState<Step>(
    start ? { name: 'confirm', code: start } : { name: 'enter', code: '' },
  );
  const enter = useForm();
  const region = useRef<HTMLDivElement>(null);
  const shown = useRef(step.name);
  useEffect(() => {
    if (shown.current === step.name) return;
    shown.current = step.name;
    region.current?.focus();
  }, [step.name]);

  let body: ReactElement;
  if (step.name === 'done') {
    body = step.approved ? (
      <Notice>
        <p>
          Device connected: {step.clientName} can now use your account. Go back to your terminal:{' '}
          <code>waymark login</code> finishes on its own.
        </p>
      </Notice>
    ) : (
      <Notice tone="info">
        <p>Request denied. The device did not get access to your account.</p>
      </Notice>
    );
  } else if (step.name === 'confirm') {
    body = (
      <Confirm
        // A new code is a new request: nothing of the previous one's answer or errors stays.
        key={step.code}
        code={step.code}
        onDecided={(request, approved) =>
          setStep({ name: 'done', clientName: request.clientName, approved })
        }
        onOtherCode={() => setStep({ name: 'enter', code: step.code })}
      />
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
          defaultValue={step.code}
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
