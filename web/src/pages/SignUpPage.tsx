import { useState, type ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { FormAlert, Notice } from '../components/Alerts';
import { Field, PasswordField } from '../components/Field';
import { Link } from '../components/Link';
import { apiSend } from '../lib/auth';
import { EMAIL, invalid, passwordProblem, rawValueOf, useForm, valueOf } from '../lib/useForm';

export function SignUpPage(): ReactElement {
  const form = useForm();
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);

  if (sentTo)
    return (
      <AccountLayout key="sent" title="Check your email">
        <Notice>
          <p>{sentTo.message}</p>
        </Notice>
        <p>
          We sent a link to <strong>{sentTo.email}</strong>. Open it to confirm your address, then
          sign in.
        </p>
        <p className="account-links">
          <Link href="/signin">Go to sign in</Link>
        </p>
      </AccountLayout>
    );

  const { fields, alert } = form.errors;
  return (
    <AccountLayout title="Create your account" lead="Save your progress through the roadmaps.">
      <form
        ref={form.ref}
        className="form"
        noValidate
        onSubmit={form.onSubmit(async (f) => {
          const email = valueOf(f, 'email');
          const password = rawValueOf(f, 'password');
          const displayName = valueOf(f, 'displayName');
          const problems: Record<string, string> = {};
          if (!EMAIL.test(email)) problems.email = 'Enter an email address like name@example.com.';
          const pw = passwordProblem(password);
          if (pw) problems.password = pw;
          if (Object.keys(problems).length) throw invalid(problems);
          const body = await apiSend<{ message?: string }>('POST', '/api/v1/auth/signup', {
            email,
            password,
            ...(displayName ? { displayName } : {}),
          });
          setSentTo({
            email,
            message: body?.message ?? 'Thanks! Check your inbox to finish signing up.',
          });
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
        <Field
          label={
            <>
              Display name <span className="field-optional">(optional)</span>
            </>
          }
          name="displayName"
          autoComplete="name"
          error={fields.displayName}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          required
          showStrength
          hint="8 to 256 characters. Common passwords are not accepted."
          error={fields.password}
        />
        <button type="submit" className="btn btn--primary btn--block" disabled={form.busy}>
          {form.busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="account-links">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </AccountLayout>
  );
}
