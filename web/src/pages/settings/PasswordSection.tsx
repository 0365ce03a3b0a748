import { useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../../components/AccountForm';
import { Notice } from '../../components/Alerts';
import { NewPasswordField, PasswordField } from '../../components/Field';
import { apiSend, type User } from '../../lib/auth';
import {
  PASSWORD_RULES,
  assertValid,
  passwordProblem,
  rawValueOf,
  useForm,
} from '../../lib/useForm';
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
      <AccountForm
        // A fresh form after a change: empty fields and strength meter.
        key={changed}
        form={form}
        // Lets password managers file the new password under the right account.
        head={
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={user.email}
            readOnly
            hidden
          />
        }
        onSubmit={async (f) => {
          const currentPassword = rawValueOf(f, 'currentPassword');
          const newPassword = rawValueOf(f, 'newPassword');
          assertValid({
            currentPassword: currentPassword ? null : 'Enter your current password.',
            newPassword:
              passwordProblem(newPassword) ??
              (newPassword === currentPassword
                ? 'Choose a password different from the current one.'
                : null),
          });
          await apiSend('POST', '/api/v1/me/password', { currentPassword, newPassword });
          setChanged((n) => n + 1);
          onChanged();
        }}
      >
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <NewPasswordField
          label="New password"
          name="newPassword"
          hint={`${PASSWORD_RULES} Changing it signs out your other devices.`}
          error={fields.newPassword}
        />
        <div className="form-actions">
          <SubmitButton busy={form.busy} busyLabel="Changing…" block={false}>
            Change password
          </SubmitButton>
        </div>
      </AccountForm>
    </SettingsSection>
  );
}
