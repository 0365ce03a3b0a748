/**
 * Sign in with email and password, then, when the account has two-factor authentication, with
 * a code from the authenticator app or a recovery code. Also where the external provider's
 * callback lands: straight on the code step (`?mfa=`), or with a message (`?error=`,
 * `?link=required`).
 */
import { useEffect, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../components/AccountForm';
import { AccountLayout } from '../components/AccountLayout';
import { Notice } from '../components/Alerts';
import { EmailField, Field, PasswordField } from '../components/Field';
import { Link } from '../components/Link';
import {
  PROBLEM,
  apiSend,
  isProblem,
  signedIn,
  useSession,
  userName,
  type User,
} from '../lib/auth';
import { navigate } from '../lib/router';
import { useResendVerification } from '../lib/useResendVerification';
import { EMAIL, assertValid, invalid, rawValueOf, useForm, valueOf } from '../lib/useForm';

type LoginAnswer =
  | { status: 'signed_in'; user: User; csrfToken: string }
  | { status: 'mfa_required'; mfaToken: string };

function finish(body: { user: User; csrfToken: string }, returnTo: string | null): void {
  signedIn(body);
  navigate(returnTo ?? '/', { replace: true });
}

function ResendVerification({ email }: { email: string }): ReactElement {
  const { state, send } = useResendVerification(email);
  if (state === 'sent')
    return <p>We sent a new verification link to {email}. It may take a minute to arrive.</p>;
  return (
    <p>
      <button
        type="button"
        className="btn btn--small"
        disabled={state === 'sending'}
        onClick={send}
      >
        Send the verification link again
      </button>
      {state === 'failed' && ' Could not send it. Try again in a moment.'}
    </p>
  );
}

function OidcButton({ returnTo }: { returnTo: string | null }): ReactElement | null {
  const [provider, setProvider] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    apiSend<{ enabled: boolean; name: string }>('GET', '/api/v1/auth/oidc').then(
      (r) => live && r.enabled && setProvider(r.name),
      () => {
        /* not configured: no button */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (!provider) return null;
  const href = `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo ?? '/')}`;
  return (
    <>
      <p className="divider">
        <span>or</span>
      </p>
      {/* A full page load: the server redirects to the provider. */}
      <a className="btn btn--block" href={href}>
        Sign in with {provider}
      </a>
    </>
  );
}

/** What the external sign-in's callback came back with, for the top of the password step. */
interface ExternalOutcome {
  error: string | null;
  linkProvider: string | null;
}

const EXTERNAL_ERRORS: Record<string, string> = {
  oidc: 'Signing in with your external account did not work, and nothing was changed. Try again, or sign in with your email and password.',
  'email-not-verified':
    'Your external account’s email address is not verified by its provider, so Waymark cannot use it to sign you in. Verify it with the provider first, or sign in with your email and password.',
  'oidc-no-email':
    'Your external account did not share an email address, which Waymark needs to sign you in. Allow it to share your email address, or sign in with your email and password.',
  'oidc-unavailable':
    'The external sign-in provider cannot be reached right now. Try again in a few minutes, or sign in with your email and password.',
};

function ExternalMessage({ error, linkProvider }: ExternalOutcome): ReactElement | null {
  if (linkProvider !== null) {
    const provider = linkProvider.trim() || 'your external account';
    return (
      <Notice tone="info">
        <p>
          You already have a Waymark account with this email address. Sign in with your password,
          then link {provider} under <strong>Settings › Linked accounts</strong> to sign in with it
          from then on.
        </p>
      </Notice>
    );
  }
  if (error === 'reauthenticate')
    return (
      <Notice tone="info">
        <p>
          For your security, linking an account needs a recent sign-in. Sign in again, then link it
          from Settings.
        </p>
      </Notice>
    );
  if (error === null) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{EXTERNAL_ERRORS[error] ?? EXTERNAL_ERRORS.oidc}</p>
    </div>
  );
}

function PasswordStep({
  returnTo,
  outcome,
  onMfa,
}: {
  returnTo: string | null;
  outcome: ExternalOutcome;
  onMfa: (mfaToken: string) => void;
}): ReactElement {
  const session = useSession();
  const form = useForm();
  const [unverified, setUnverified] = useState<string | null>(null);
  const { fields, alert } = form.errors;
  const again = session.status === 'signedIn';
  return (
    <AccountLayout title={again ? 'Confirm it’s you' : 'Sign in'}>
      {again && (
        <Notice tone="info">
          <p>
            You are signed in as {userName(session.user)}. Enter your password again to continue.
          </p>
        </Notice>
      )}
      <ExternalMessage {...outcome} />
      <AccountForm
        form={form}
        errorHelp={
          unverified &&
          isProblem(alert, PROBLEM.emailNotVerified) && <ResendVerification email={unverified} />
        }
        onSubmit={async (f) => {
          const email = valueOf(f, 'email');
          const password = rawValueOf(f, 'password');
          assertValid({
            email: EMAIL.test(email) ? null : 'Enter the email address of your account.',
            password: password ? null : 'Enter your password.',
          });
          setUnverified(null);
          try {
            const answer = await apiSend<LoginAnswer>('POST', '/api/v1/auth/login', {
              email,
              password,
            });
            if (answer.status === 'mfa_required') onMfa(answer.mfaToken);
            else finish(answer, returnTo);
          } catch (e) {
            if (isProblem(e, PROBLEM.emailNotVerified)) setUnverified(email);
            throw e;
          }
        }}
      >
        <EmailField defaultValue={again ? session.user.email : undefined} error={fields.email} />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <p className="form-aside">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
        <SubmitButton busy={form.busy} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
        <OidcButton returnTo={returnTo} />
      </AccountForm>
      <p className="account-links">
        New to Waymark? <Link href="/signup">Create an account</Link>
      </p>
    </AccountLayout>
  );
}

const TOTP = /^\d{6}$/;
const RECOVERY = /^([a-z0-9]{5})-?([a-z0-9]{5})$/i;

function CodeStep({
  mfaToken,
  returnTo,
  onRestart,
}: {
  mfaToken: string;
  returnTo: string | null;
  onRestart: () => void;
}): ReactElement {
  const form = useForm();
  const [recovery, setRecovery] = useState(false);
  const { fields, alert } = form.errors;
  return (
    <AccountLayout key="mfa" title="Two-factor authentication" focusHeading={false}>
      <AccountForm
        form={form}
        errorHelp={
          alert?.status === 401 && (
            <p>
              Codes change every 30 seconds; use the current one. If this keeps failing,{' '}
              <button type="button" className="link-button" onClick={onRestart}>
                start again
              </button>
              .
            </p>
          )
        }
        onSubmit={async (f) => {
          const typed = valueOf(f, 'code').replace(recovery ? /\s+/g : /[\s-]+/g, '');
          const code = recovery ? typed.replace(RECOVERY, '$1-$2') : typed;
          if (!(recovery ? RECOVERY : TOTP).test(code))
            throw invalid({
              code: recovery
                ? 'Enter a recovery code like abcde-12345.'
                : 'Enter the 6 digits from your authenticator app.',
            });
          const answer = await apiSend<{ user: User; csrfToken: string }>(
            'POST',
            '/api/v1/auth/login/mfa',
            { mfaToken, code },
          );
          finish(answer, returnTo);
        }}
      >
        <Field
          // A new input per mode: it takes the focus, and the browser's autofill starts afresh.
          key={recovery ? 'recovery' : 'totp'}
          label={recovery ? 'Recovery code' : 'Authentication code'}
          name="code"
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={recovery ? 11 : 7}
          className="input--code"
          required
          autoFocus
          hint={
            recovery
              ? 'One of the recovery codes you saved when you set up two-factor authentication. Each works once.'
              : 'Open your authenticator app and enter the 6-digit code it shows for Waymark.'
          }
          error={fields.code}
        />
        <SubmitButton busy={form.busy} busyLabel="Checking…">
          Verify
        </SubmitButton>
      </AccountForm>
      <p className="account-links">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            form.reset();
            setRecovery((r) => !r);
          }}
        >
          {recovery ? 'Use your authenticator app instead' : 'Use a recovery code instead'}
        </button>
      </p>
      <p className="account-links">
        <button type="button" className="link-button" onClick={onRestart}>
          Sign in with a different account
        </button>
      </p>
    </AccountLayout>
  );
}

export function SignInPage({
  returnTo,
  mfaToken: mfaFromUrl = null,
  error = null,
  linkProvider = null,
}: {
  returnTo: string | null;
  mfaToken?: string | null;
  error?: string | null;
  linkProvider?: string | null;
}): ReactElement {
  // Read once: the address is tidied below, and the token must not stay in the history.
  const [mfaToken, setMfaToken] = useState(mfaFromUrl);
  const [outcome, setOutcome] = useState<ExternalOutcome>({ error, linkProvider });
  useEffect(() => {
    if (mfaFromUrl === null && error === null && linkProvider === null) return;
    const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
    navigate(`/signin${query}`, { replace: true });
  }, []);
  return mfaToken ? (
    <CodeStep
      mfaToken={mfaToken}
      returnTo={returnTo}
      onRestart={() => {
        setOutcome({ error: null, linkProvider: null });
        setMfaToken(null);
      }}
    />
  ) : (
    <PasswordStep returnTo={returnTo} outcome={outcome} onMfa={setMfaToken} />
  );
}
