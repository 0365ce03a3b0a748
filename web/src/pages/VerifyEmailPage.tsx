/** Confirms an email address from the link in the verification email (`/verify-email?token=`). */
import { useEffect, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../components/AccountForm';
import { AccountLayout, OutcomePage } from '../components/AccountLayout';
import { FormAlert, Notice } from '../components/Alerts';
import { EmailField } from '../components/Field';
import { Link } from '../components/Link';
import { Loading } from '../components/States';
import { ApiError } from '../lib/api';
import { PROBLEM, apiSend, isProblem, loadSession, useSession } from '../lib/auth';
import { EMAIL, invalid, useForm, valueOf } from '../lib/useForm';

// A token works once: remember each attempt so that a second render (React's StrictMode runs
// effects twice in development) does not spend it again and report failure.
const attempts = new Map<string, Promise<void>>();
function verify(token: string): Promise<void> {
  let p = attempts.get(token);
  if (!p) {
    p = apiSend('POST', '/api/v1/auth/verify-email', { token });
    attempts.set(token, p);
    p.catch(() => attempts.delete(token));
  }
  return p;
}

function Resend(): ReactElement {
  const form = useForm();
  const [sent, setSent] = useState(false);
  if (sent)
    return (
      <Notice>
        <p>If that address has an account waiting for verification, a new link is on its way.</p>
      </Notice>
    );
  return (
    <AccountForm
      form={form}
      head={<h2 className="form-title">Get a new link</h2>}
      onSubmit={async (f) => {
        const email = valueOf(f, 'email');
        if (!EMAIL.test(email))
          throw invalid({ email: 'Enter the email address you signed up with.' });
        await apiSend('POST', '/api/v1/auth/verify-email/resend', { email });
        setSent(true);
      }}
    >
      <EmailField error={form.errors.fields.email} />
      <SubmitButton busy={form.busy} busyLabel="Sending…">
        Send a new link
      </SubmitButton>
    </AccountForm>
  );
}

export function VerifyEmailPage({ token }: { token: string }): ReactElement {
  const session = useSession();
  const [state, setState] = useState<
    { status: 'verifying' } | { status: 'ok' } | { status: 'failed'; error: ApiError }
  >(() =>
    token
      ? { status: 'verifying' }
      : {
          status: 'failed',
          error: new ApiError(400, 'Invalid link', 'This link has no token.', PROBLEM.invalidToken),
        },
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    verify(token).then(
      () => {
        if (!live) return;
        setState({ status: 'ok' });
        // A signed-in user's `emailVerified` has changed.
        void loadSession();
      },
      (e: unknown) =>
        live &&
        setState({
          status: 'failed',
          error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)),
        }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (state.status === 'verifying')
    return (
      <AccountLayout title="Verifying your email">
        <Loading label="Confirming your email address…" />
      </AccountLayout>
    );

  if (state.status === 'ok')
    return (
      <OutcomePage
        key="ok"
        title="Email verified"
        notice="Thanks! Your email address is confirmed."
        links={
          session.status === 'signedIn' ? (
            <Link href="/" className="btn btn--primary">
              Continue to Waymark
            </Link>
          ) : (
            <Link href="/signin" className="btn btn--primary">
              Sign in
            </Link>
          )
        }
      />
    );

  const invalidToken = isProblem(state.error, PROBLEM.invalidToken) || state.error.status === 400;
  return (
    <AccountLayout key="failed" title="We couldn’t verify your email">
      <FormAlert
        error={
          invalidToken
            ? new ApiError(
                400,
                'Invalid link',
                'This verification link is invalid, has expired or was already used. If you already verified your address, you can sign in.',
              )
            : state.error
        }
      />
      <p className="account-links">
        <Link href="/signin">Sign in</Link>
      </p>
      <Resend />
    </AccountLayout>
  );
}
