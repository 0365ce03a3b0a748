import { useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../components/AccountForm';
import { AccountLayout, OutcomePage } from '../components/AccountLayout';
import { EmailField, Field, NewPasswordField } from '../components/Field';
import { Link } from '../components/Link';
import { apiSend } from '../lib/auth';
import { EMAIL, assertValid, passwordProblem, rawValueOf, useForm, valueOf } from '../lib/useForm';

export function SignUpPage(): ReactElement {
  const form = useForm();
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);

  if (sentTo)
    return (
      <OutcomePage
        key="sent"
        title="Check your email"
        notice={sentTo.message}
        links={<Link href="/signin">Go to sign in</Link>}
      >
        <p>
          We sent a link to <strong>{sentTo.email}</strong>. Open it to confirm your address, then
          sign in.
        </p>
      </OutcomePage>
    );

  const { fields } = form.errors;
  return (
    <AccountLayout title="Create your account" lead="Save your progress through the roadmaps.">
      <AccountForm
        form={form}
        onSubmit={async (f) => {
          const email = valueOf(f, 'email');
          const password = rawValueOf(f, 'password');
          const displayName = valueOf(f, 'displayName');
          assertValid({
            email: EMAIL.test(email) ? null : 'Enter an email address like name@example.com.',
            password: passwordProblem(password),
          });
          const body = await apiSend<{ message?: string }>('POST', '/api/v1/auth/signup', {
            email,
            password,
            ...(displayName ? { displayName } : {}),
          });
          setSentTo({
            email,
            message: body?.message ?? 'Thanks! Check your inbox to finish signing up.',
          });
        }}
      >
        <EmailField error={fields.email} />
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
        <NewPasswordField label="Password" name="password" error={fields.password} />
        <SubmitButton busy={form.busy} busyLabel="Creating account…">
          Create account
        </SubmitButton>
      </AccountForm>
      <p className="account-links">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </AccountLayout>
  );
}
