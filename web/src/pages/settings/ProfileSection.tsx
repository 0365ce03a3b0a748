/** The public profile: choose a username, turn the profile on or off, preview it. */
import { useId, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../../components/AccountForm';
import { Notice } from '../../components/Alerts';
import { Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/States';
import { profileApi, usernameProblem, type ProfileSettings } from '../../lib/profileApi';
import { profileHref } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { assertValid, useForm } from '../../lib/useForm';
import '../../profile.css';
import { SettingsSection } from './SettingsSection';

function ProfileForm({ initial }: { initial: ProfileSettings }): ReactElement {
  const form = useForm();
  const uid = useId();
  const [saved, setSaved] = useState<ProfileSettings>(initial);
  const [username, setUsername] = useState(initial.username ?? '');
  const [isPublic, setPublic] = useState(initial.public);
  const [changes, setChanges] = useState(0);
  const { fields, alert } = form.errors;
  const address = `${window.location.origin}${profileHref(username || 'your-name')}`;

  return (
    <>
      {changes > 0 && !alert && Object.keys(fields).length === 0 && (
        <Notice>
          <p>
            {saved.public
              ? 'Your profile is public.'
              : 'Saved. Your profile is private: nobody else can see it.'}
          </p>
        </Notice>
      )}
      <AccountForm
        form={form}
        aria-label="Public profile"
        onSubmit={async () => {
          const name = username.trim();
          assertValid({
            username: name
              ? usernameProblem(name)
              : isPublic
                ? 'Choose a username: it is the address of your profile.'
                : null,
          });
          const next = await profileApi.saveSettings({ username: name || null, public: isPublic });
          setSaved(next);
          setChanges((n) => n + 1);
        }}
      >
        <Field
          label="Username"
          name="username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          value={username}
          // Usernames are lower case; typing capitals is not a mistake worth an error.
          onChange={(e) => setUsername(e.target.value.toLowerCase())}
          hint={
            <>
              3 to 32 lower-case letters, digits and hyphens. Your profile&rsquo;s address:{' '}
              <span className="profile-address">{address}</span>
            </>
          }
          error={fields.username}
        />
        <div className="profile-switch">
          <label className="check">
            <input
              type="checkbox"
              name="public"
              checked={isPublic}
              aria-describedby={`${uid}-privacy`}
              onChange={(e) => setPublic(e.target.checked)}
            />
            <span>Make my profile public</span>
          </label>
          <p className="field-hint profile-privacy" id={`${uid}-privacy`}>
            Anyone with the link can then see your display name, username and progress on each
            roadmap you follow (how many topics have each status, percent complete, and the day of
            your last change), and show your progress card. Your email, notes and history stay
            private. Turning it off hides it at once here; copies others keep, such as a README
            image, are refreshed within a minute.
          </p>
        </div>
        <div className="form-actions">
          <SubmitButton busy={form.busy} busyLabel="Saving…" block={false}>
            Save profile
          </SubmitButton>
          {saved.public && saved.username && (
            <Link href={profileHref(saved.username)} className="btn">
              View your public profile
            </Link>
          )}
        </div>
      </AccountForm>
    </>
  );
}

export function ProfileSection(): ReactElement {
  const settings = useApi<ProfileSettings>('/api/v1/me/profile');
  return (
    <SettingsSection
      id="profile"
      title="Public profile"
      description="Share your progress at an address of your own, with an image for your README. Off until you turn it on."
    >
      {settings.status === 'loading' && <Loading label="Loading your profile settings…" />}
      {settings.status === 'error' && (
        <Notice tone="warning">
          <p>
            Your profile settings could not be loaded.{' '}
            <button type="button" className="link-button" onClick={settings.retry}>
              Try again
            </button>
          </p>
        </Notice>
      )}
      {settings.status === 'ok' && <ProfileForm initial={settings.data} />}
    </SettingsSection>
  );
}
