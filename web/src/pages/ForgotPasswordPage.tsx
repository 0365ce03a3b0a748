import { useState, type ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { FormAlert, Notice } from '../components/Alerts';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { apiSend } from '../lib/auth';
import { EMAIL, invalid, useForm, valueOf } from '../lib/useForm';

export function ForgotPasswordPage(): ReactElement {
  const form = useForm();
  const [sentTo, setSentTo] = useState<string | null>(null);

  // The same answer whether or not the address has an account, as the server's.
  if (sentTo)
    return (
      <AccountLayout key="sent" title="Check your email">
        <Notice>
          <p>
            If an account exists for <strong>{sentTo}</strong>, we sent a link to reset its
            password. The link works once and expires soon.
          </p>
        </Notice>
        <p>Nothing arrived? Check your spam folder, or make sure you typed the right address.</p>
        <p className="account-links">
          <button type="button" className="link-button" onClick={() => setSentTo(null)}>
            Try another address
          </button>
          <Link href="/signin">Back to sign in</Link>
        </p>
      </AccountLayout>
    );

  const { fields, alert } = form.errors;
  return (
    <AccountLayout
      title="Reset your password"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
    >
      <form
        ref={form.ref}
        className="form"
        noValidate
        onSubmit={form.onSubmit(async (f) => {
          const email = valueOf(f, 'email');
          if (!EMAIL.test(email))
            throw invalid({ email: 'Enter an email address like name@example.com.' });
          await apiSend('POST', '/api/v1/auth/password/forgot', { email });
          setSentTo(email);
        })}
      >
        <FormAlert error={alert} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={fields.email}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={form.busy}>
          {form.busy ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      <p className="account-links">
        <Link href="/signin">Back to sign in</Link>
      </p>
    </AccountLayout>
  );
}
