/**
 * Account settings: public profile, password, two-factor authentication, linked accounts,
 * sessions, signed-in apps, API tokens, devices.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { AccountLayout } from '../components/AccountLayout';
import { Notice } from '../components/Alerts';
import { RequireSession } from '../components/RequireSession';
import type { User } from '../lib/auth';
import { navigate } from '../lib/router';
import { useResendVerification } from '../lib/useResendVerification';
import { DeviceSection } from './settings/DeviceSection';
import { LinkedAccountsSection, LinkOutcome } from './settings/LinkedAccountsSection';
import { MfaSection } from './settings/MfaSection';
import { PasswordSection } from './settings/PasswordSection';
import { ProfileSection } from './settings/ProfileSection';
import { SessionsSection } from './settings/SessionsSection';
import { SignedInAppsSection } from './settings/SignedInAppsSection';
import { TokensSection } from './settings/TokensSection';
import { YourDataSection } from './settings/YourDataSection';

const SECTIONS = [
  ['profile', 'Public profile'],
  ['password', 'Password'],
  ['two-factor', 'Two-factor authentication'],
  ['linked-accounts', 'Linked accounts'],
  ['sessions', 'Sessions'],
  ['apps', 'Signed-in apps'],
  ['tokens', 'API tokens'],
  ['device', 'Command-line tool'],
  ['your-data', 'Your data'],
] as const;

/** Where linking an external account ended (`/settings?linked=1`, `?error=`). */
interface Outcome {
  linked: boolean;
  error: string | null;
}

function VerifyReminder({ email }: { email: string }): ReactElement {
  const { state, send } = useResendVerification(email);
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
            onClick={send}
          >
            Send it again
          </button>
        )}
        {state === 'failed' && ' Could not send it; try again in a moment.'}
      </p>
    </Notice>
  );
}

function Settings({ user, outcome }: { user: User; outcome: Outcome }): ReactElement {
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
        <LinkOutcome {...outcome} />
        {!user.emailVerified && <VerifyReminder email={user.email} />}
        <ProfileSection />
        <PasswordSection user={user} onChanged={() => setSessionsVersion((v) => v + 1)} />
        <MfaSection user={user} />
        <LinkedAccountsSection />
        <SessionsSection version={sessionsVersion} />
        <SignedInAppsSection />
        <TokensSection />
        <DeviceSection />
        <YourDataSection />
      </div>
    </div>
  );
}

export function SettingsPage({ linked = false, error = null }: Partial<Outcome>): ReactElement {
  // Read once, then dropped from the address, so that reloading does not report it again.
  const [outcome] = useState<Outcome>({ linked, error });
  useEffect(() => {
    // Unless RequireSession already sent a signed-out visitor to sign in (children go first).
    if ((linked || error !== null) && window.location.pathname === '/settings')
      navigate(`/settings${window.location.hash}`, { replace: true });
  }, []);
  return (
    <AccountLayout title="Settings" wide>
      <RequireSession>{(user) => <Settings user={user} outcome={outcome} />}</RequireSession>
    </AccountLayout>
  );
}
