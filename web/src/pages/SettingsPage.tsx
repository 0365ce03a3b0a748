/** Account settings: password, two-factor authentication, sessions, API tokens, devices. */
import { useState, type ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { Notice } from '../components/Alerts';
import { RequireSession } from '../components/RequireSession';
import { apiSend, type User } from '../lib/auth';
import { DeviceSection } from './settings/DeviceSection';
import { MfaSection } from './settings/MfaSection';
import { PasswordSection } from './settings/PasswordSection';
import { SessionsSection } from './settings/SessionsSection';
import { TokensSection } from './settings/TokensSection';

const SECTIONS = [
  ['password', 'Password'],
  ['two-factor', 'Two-factor authentication'],
  ['sessions', 'Sessions'],
  ['tokens', 'API tokens'],
  ['device', 'Command-line tool'],
] as const;

function VerifyReminder({ email }: { email: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  return (
    <Notice tone="warning">
      <p>
        Your email address is not verified yet. Open the link we sent to {email}.{' '}
        {state === 'sent' ? (
          'A new link is on its way.'
        ) : (
          <button
            type="button"
            className="link-button"
            disabled={state === 'sending'}
            onClick={() => {
              setState('sending');
              apiSend('POST', '/api/v1/auth/verify-email/resend', { email }).then(
                () => setState('sent'),
                () => setState('failed'),
              );
            }}
          >
            Send it again
          </button>
        )}
        {state === 'failed' && ' Could not send it; try again in a moment.'}
      </p>
    </Notice>
  );
}

function Settings({ user }: { user: User }): ReactElement {
  // Bumped when a password change revoked the other sessions, so that their list reloads.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings sections">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-sections">
        <p className="settings-who">
          Signed in as <strong>{user.email}</strong>
          {user.displayName ? ` (${user.displayName})` : ''}
        </p>
        {!user.emailVerified && <VerifyReminder email={user.email} />}
        <PasswordSection user={user} onChanged={() => setSessionsVersion((v) => v + 1)} />
        <MfaSection user={user} />
        <SessionsSection version={sessionsVersion} />
        <TokensSection />
        <DeviceSection />
      </div>
    </div>
  );
}

export function SettingsPage(): ReactElement {
  return (
    <AccountLayout title="Settings" wide>
      <RequireSession>{(user) => <Settings user={user} />}</RequireSession>
    </AccountLayout>
  );
}
