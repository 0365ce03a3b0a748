import { useState, type ReactElement } from 'react';
import { FormAlert, Notice } from '../../components/Alerts';
import { PasswordField } from '../../components/Field';
import { apiSend, type User } from '../../lib/auth';
import { invalid, passwordProblem, rawValueOf, useForm } from '../../lib/useForm';
import { SettingsSection } from './SettingsSection';

export function PasswordSection({
  user,
  onChanged,
}: {
  user: User;
  /** Other sessions were revoked. */
  onChanged: () => void;
}): ReactElement {
  const form = useForm();
  const [changed, setChanged] = useState(0);
  const { fields, alert } = form.errors;
  return (
    <SettingsSection id="password" title="Password">
      {changed > 0 && !alert && (
        <Notice>
          <p>Your password was changed. Other devices signed in to your account were signed out.</p>
        </Notice>
      )}
      <form
        // A fresh form after a change: empty fields and strength meter.
        key={changed}
        ref={form.ref}
        className="form"
        noValidate
        onSubmit={form.onSubmit(async (f) => {
          const currentPassword = rawValueOf(f, 'currentPassword');
          const newPassword = rawValueOf(f, 'newPassword');
          const problems: Record<string, string> = {};
          if (!currentPassword) problems.currentPassword = 'Enter your current password.';
          const pw = passwordProblem(newPassword);
          if (pw) problems.newPassword = pw;
          else if (newPassword === currentPassword)
            problems.newPassword = 'Choose a password different from the current one.';
          if (Object.keys(problems).length) throw invalid(problems);
          await apiSend('POST', '/api/v1/me/password', { currentPassword, newPassword });
          setChanged((n) => n + 1);
          onChanged();
        })}
      >
        {/* Lets password managers file the new password under the right account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user.email}
          readOnly
          hidden
        />
        <FormAlert error={alert} />
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <PasswordField
          label="New password"
          name="newPassword"
          autoComplete="new-password"
          required
          showStrength
          hint="8 to 256 characters. Common passwords are not accepted. Changing it signs out your other devices."
          error={fields.newPassword}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={form.busy}>
            {form.busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
