/**
 * Two-factor authentication: enrol an authenticator app (QR code or secret, then a code to
 * confirm), see the recovery codes once, regenerate them, or turn it off.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../../components/AccountForm';
import { FormAlert, Notice } from '../../components/Alerts';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { apiSend, loadSession, type User } from '../../lib/auth';
import { invalid, useForm, valueOf } from '../../lib/useForm';
import { SettingsSection } from './SettingsSection';

interface Enrolment {
  otpauthUri: string;
  secret: string;
  qrSvg: string;
}

type Step =
  | { name: 'idle' }
  | { name: 'enrolling'; enrolment: Enrolment }
  | { name: 'codes'; codes: string[]; first: boolean };

/**
 * The server's SVG as an image URL. An <img> never runs what it shows, and needs no inline
 * markup, which the strict Content-Security-Policy would not allow anyway.
 */
function svgDataUrl(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP", easier to type. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

function EnrolForm({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: Enrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}): ReactElement {
  const form = useForm();
  const qr = useMemo(() => svgDataUrl(enrolment.qrSvg), [enrolment.qrSvg]);
  return (
    <div className="mfa-enrol">
      <ol className="steps">
        <li>
          <p>
            Scan this QR code with an authenticator app (such as 1Password, Aegis, Google
            Authenticator or Microsoft Authenticator).
          </p>
          <img
            className="qr"
            src={qr}
            alt="QR code for adding Waymark to an authenticator app"
            width={200}
            height={200}
          />
          <p>
            On this device? <a href={enrolment.otpauthUri}>Open it in your authenticator app</a>. Or
            enter this key by hand:
          </p>
          <p className="secret">
            <code className="mfa-secret">{grouped(enrolment.secret)}</code>
            <CopyButton text={enrolment.secret} label="Copy key" />
          </p>
        </li>
        <li>
          <AccountForm
            form={form}
            onSubmit={async (f) => {
              const code = valueOf(f, 'code').replace(/[\s-]+/g, '');
              if (!/^\d{6}$/.test(code))
                throw invalid({ code: 'Enter the 6 digits your app shows for Waymark.' });
              const { recoveryCodes } = await apiSend<{ recoveryCodes: string[] }>(
                'POST',
                '/api/v1/me/mfa/totp/confirm',
                { code },
              );
              onConfirmed(recoveryCodes);
            }}
          >
            <Field
              label="Enter the 6-digit code from the app"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              className="input--code"
              required
              error={form.errors.fields.code}
            />
            <div className="form-actions">
              <SubmitButton busy={form.busy} busyLabel="Checking…" block={false}>
                Turn on
              </SubmitButton>
              <button type="button" className="btn" onClick={onCancel}>
                Cancel
              </button>
            </div>
          </AccountForm>
        </li>
      </ol>
    </div>
  );
}

export function MfaSection({ user }: { user: User }): ReactElement {
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const action = useForm<HTMLDivElement>();
  const bodyRef = useRef<HTMLDivElement>(null);
  const shownStep = useRef(step.name);
  // Each step replaces the buttons that led to it: continue from the top of the new content.
  useEffect(() => {
    if (shownStep.current === step.name) return;
    shownStep.current = step.name;
    bodyRef.current?.focus();
  }, [step.name]);
  const [notice, setNotice] = useState<string | null>(null);

  const start = (): Promise<void> =>
    action.run(async () => {
      setNotice(null);
      const enrolment = await apiSend<Enrolment>('POST', '/api/v1/me/mfa/totp');
      setStep({ name: 'enrolling', enrolment });
    });
  const regenerate = (): Promise<void> =>
    action.run(async () => {
      setNotice(null);
      const { recoveryCodes } = await apiSend<{ recoveryCodes: string[] }>(
        'POST',
        '/api/v1/me/mfa/recovery-codes',
      );
      setStep({ name: 'codes', codes: recoveryCodes, first: false });
    });
  const disable = (): Promise<void> =>
    action.run(async () => {
      await apiSend('DELETE', '/api/v1/me/mfa');
      await loadSession();
      setNotice('Two-factor authentication is off. Signing in now needs only your password.');
    });

  let body: ReactElement;
  if (step.name === 'enrolling') {
    body = (
      <EnrolForm
        enrolment={step.enrolment}
        onCancel={() => setStep({ name: 'idle' })}
        onConfirmed={(codes) => {
          setStep({ name: 'codes', codes, first: true });
          void loadSession();
        }}
      />
    );
  } else if (step.name === 'codes') {
    body = (
      <>
        <Notice tone={step.first ? 'success' : 'warning'}>
          <p>
            {step.first
              ? 'Two-factor authentication is on. '
              : 'New recovery codes are ready; the old ones no longer work. '}
            Save these recovery codes somewhere safe. Each one lets you sign in once if you lose
            your authenticator app. <strong>They will not be shown again.</strong>
          </p>
        </Notice>
        <RecoveryCodes codes={step.codes} />
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => setStep({ name: 'idle' })}
          >
            I have saved my codes
          </button>
        </div>
      </>
    );
  } else if (user.mfaEnabled) {
    body = (
      <>
        <p className="status-line">
          <span className="chip chip--on">On</span> Signing in asks for a code from your
          authenticator app.
        </p>
        <div className="form-actions">
          <ConfirmButton
            danger={false}
            busy={action.busy}
            question="Your current recovery codes will stop working."
            confirmLabel="Make new codes"
            onConfirm={() => void regenerate()}
          >
            New recovery codes
          </ConfirmButton>
          <ConfirmButton
            busy={action.busy}
            question="Your account will be protected by your password only."
            confirmLabel="Turn off"
            onConfirm={() => void disable()}
          >
            Turn off two-factor authentication
          </ConfirmButton>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p className="status-line">
          <span className="chip chip--off">Off</span> Add a second step to signing in: a code from
          an authenticator app on your phone.
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={action.busy}
            onClick={() => void start()}
          >
            {action.busy ? 'Starting…' : 'Set up two-factor authentication'}
          </button>
        </div>
      </>
    );
  }

  return (
    <SettingsSection id="two-factor" title="Two-factor authentication">
      <div ref={action.ref}>
        <FormAlert error={action.errors.alert} />
        {notice && (
          <Notice>
            <p>{notice}</p>
          </Notice>
        )}
      </div>
      <div ref={bodyRef} tabIndex={-1} className="focus-target">
        {body}
      </div>
    </SettingsSection>
  );
}
