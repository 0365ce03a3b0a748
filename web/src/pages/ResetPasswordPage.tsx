/** Choose a new password from the link in a reset email (`/reset-password?token=`). */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../components/AccountForm';
import { AccountLayout, OutcomePage } from '../components/AccountLayout';
import { FormAlert } from '../components/Alerts';
import { Field, NewPasswordField } from '../components/Field';
import { Link } from '../components/Link';
import { ApiError } from '../lib/api';
import { PROBLEM, apiSend, isProblem, loadSession } from '../lib/auth';
import { assertValid, passwordProblem, rawValueOf, useForm, valueOf } from '../lib/useForm';

function BadLink(): ReactElement {
  return (
    <AccountLayout key="bad" title="This link doesn’t work">
      <FormAlert
        error={
          new ApiError(
            400,
            'Invalid link',
            'This password reset link is invalid, has expired or was already used.',
          )
        }
      />
      <p className="account-links">
        <Link href="/forgot-password" className="btn btn--primary">
          Send a new link
        </Link>
      </p>
    </AccountLayout>
  );
}

export function ResetPasswordPage({ token }: { token: string }): ReactElement {
  const form = useForm();
  const [needsCode, setNeedsCode] = useState(false);
  const [done, setDone] = useState(false);
  const [badToken, setBadToken] = useState(token === '');
  const codeRef = useRef<HTMLInputElement>(null);
  // The code field appears when the server asks for it: continue there.
  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  if (badToken) return <BadLink />;
  if (done)
    return (
      <OutcomePage
        key="done"
        title="Password changed"
        notice="Your password has been changed, and every device signed in to your account was signed out."
        links={
          <Link href="/signin" className="btn btn--primary">
            Sign in with your new password
          </Link>
        }
      />
    );

  const { fields } = form.errors;
  return (
    <AccountLayout title="Choose a new password">
      <AccountForm
        form={form}
        onSubmit={async (f) => {
          const password = rawValueOf(f, 'password');
          const code = valueOf(f, 'code').replace(/\s+/g, '');
          assertValid({
            password: passwordProblem(password),
            code:
              needsCode && !code
                ? 'Enter a code from your authenticator app, or a recovery code.'
                : null,
          });
          try {
            await apiSend('POST', '/api/v1/auth/password/reset', {
              token,
              password,
              ...(needsCode ? { code } : {}),
            });
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            if (isProblem(e, PROBLEM.invalidToken)) return setBadToken(true);
            if (isProblem(e, PROBLEM.mfaRequired) && !needsCode) {
              setNeedsCode(true);
              return;
            }
            throw e;
          }
          // All sessions were revoked, this browser's included.
          void loadSession();
          setDone(true);
        }}
      >
        <NewPasswordField label="New password" name="password" error={fields.password} />
        {needsCode && (
          <Field
            ref={codeRef}
            label="Two-factor code"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            className="input--code"
            required
            hint="Your account uses two-factor authentication. Enter the 6-digit code from your authenticator app, or one of your recovery codes."
            error={fields.code}
          />
        )}
        <SubmitButton busy={form.busy} busyLabel="Saving…">
          Change password
        </SubmitButton>
      </AccountForm>
    </AccountLayout>
  );
}
