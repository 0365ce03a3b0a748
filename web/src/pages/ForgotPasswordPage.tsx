import { useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../components/AccountForm';
import { AccountLayout, OutcomePage } from '../components/AccountLayout';
import { EmailField } from '../components/Field';
import { Link } from '../components/Link';
import { apiSend } from '../lib/auth';
import { EMAIL, invalid, useForm, valueOf } from '../lib/useForm';

export function ForgotPasswordPage(): ReactElement {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);

  // The same answer whether or not the address has an account, as the server's.
  if (sentTo)
    return (
      <OutcomePage
        key="sent"
        title="Check your email"
        notice={
          <>
            If an account exists for <strong>{sentTo}</strong>, we sent a link to reset its
            password. The link works once and expires soon.
          </>
        }
        links={
          <>
            <button type="button" className="link-button" onClick={() => setSentTo(null)}>
              Try another address
            </button>
            <Link href="/signin">Back to sign in</Link>
          </>
        }
      >
        <p>Nothing arrived? Check your spam folder, or make sure you typed the right address.</p>
      </OutcomePage>
    );

  return (
    <AccountLayout
      title="Reset your password"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
    >
      <AccountForm
        form={form}
        onSubmit={async (f) => {
          const email = valueOf(f, 'email');
          if (!EMAIL.test(email))
            throw invalid({ email: 'Enter an email address like name@example.com.' });
          await apiSend('POST', '/api/v1/auth/password/forgot', { email });
          setSentTo(email);
        }}
      >
        <EmailField error={form.errors.fields.email} />
        <SubmitButton busy={form.busy} busyLabel="Sending…">
          Send reset link
        </SubmitButton>
      </AccountForm>
      <p className="account-links">
        <Link href="/signin">Back to sign in</Link>
      </p>
    </AccountLayout>
  );
}
