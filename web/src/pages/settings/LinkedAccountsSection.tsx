/**
 * Accounts at an external OpenID provider linked to this one, so that either signs in: list,
 * unlink (the server refuses to remove the last way in), and link one when a provider is set
 * up. Linking is a round trip through the provider that ends on `/settings?linked=1` or
 * `/settings?error=...`, reported by LinkOutcome.
 */
import type { ReactElement } from 'react';
import { FormAlert, Notice } from '../../components/Alerts';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/States';
import { apiSend } from '../../lib/auth';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
import { useForm } from '../../lib/useForm';
import { SettingsSection } from './SettingsSection';

export interface IdentityInfo {
  id: string;
  /** The provider's issuer identifier, a URL. */
  issuer: string;
  /** The address the provider gave when the account was linked. */
  email: string | null;
  createdAt: string;
}

/** `https://accounts.example.com/realms/x` as `accounts.example.com`: enough to recognise it. */
function issuerName(issuer: string): string {
  try {
    return new URL(issuer).host || issuer;
  } catch {
    return issuer;
  }
}

const LINK_HREF = '/api/v1/auth/oidc/start?intent=link&returnTo=/settings';

/** The message for the page the provider sent the browser back to. */
export function LinkOutcome({
  linked,
  error,
}: {
  linked: boolean;
  error: string | null;
}): ReactElement | null {
  if (error === 'identity-in-use')
    return (
      <div className="alert alert--error" role="alert">
        <p>
          That external account is already linked to another Waymark account, so it was not linked
          to this one. Unlink it there first, or sign in with it to use that account.
        </p>
      </div>
    );
  if (error !== null)
    return (
      <div className="alert alert--error" role="alert">
        <p>The account could not be linked, and nothing was changed. Try again in a moment.</p>
      </div>
    );
  if (linked)
    return (
      <Notice>
        <p>Account linked. You can now use it to sign in to Waymark.</p>
      </Notice>
    );
  return null;
}

export function LinkedAccountsSection(): ReactElement {
  const list = useApi<{ identities: IdentityInfo[] }>('/api/v1/me/identities');
  // Not configured, or not answering: there is simply nothing to link.
  const provider = useApi<{ enabled: boolean; name?: string }>('/api/v1/auth/oidc');
  const action = useForm<HTMLDivElement>();
  const unlink = (identity: IdentityInfo): Promise<void> =>
    action.run(async () => {
      await apiSend('DELETE', `/api/v1/me/identities/${encodeURIComponent(identity.id)}`);
      list.retry();
    });
  const identities = list.data?.identities;
  const providerName = provider.data?.enabled ? provider.data.name?.trim() || 'an account' : null;
  return (
    <SettingsSection
      id="linked-accounts"
      title="Linked accounts"
      description="Accounts elsewhere that you can sign in to Waymark with, instead of your password."
    >
      <div ref={action.ref}>
        <FormAlert error={action.errors.alert ?? list.error ?? null}>
          {list.error && (
            <button type="button" className="btn btn--small" onClick={list.retry}>
              Try again
            </button>
          )}
        </FormAlert>
      </div>
      {list.status === 'loading' && <Loading label="Loading linked accounts…" />}
      {identities && identities.length === 0 && <p className="muted">No accounts are linked.</p>}
      {identities && identities.length > 0 && (
        <ul className="item-list" aria-label="Linked accounts">
          {identities.map((identity) => (
            <li key={identity.id} className="item">
              <div className="item-main">
                <p className="item-title">{identity.email ?? issuerName(identity.issuer)}</p>
                <p className="item-meta">
                  <span className="item-issuer">{identity.issuer}</span>
                  <span>Linked {formatDate(identity.createdAt)}</span>
                </p>
              </div>
              <div className="item-actions">
                <ConfirmButton
                  busy={action.busy}
                  question="You will no longer be able to sign in with it."
                  confirmLabel="Unlink"
                  onConfirm={() => void unlink(identity)}
                >
                  Unlink
                  <span className="visually-hidden"> {identity.email ?? identity.issuer}</span>
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      {providerName && (
        <div className="form-actions">
          {/* A full page load: the server redirects to the provider. */}
          <a className="btn" href={LINK_HREF}>
            Link {providerName}
          </a>
        </div>
      )}
    </SettingsSection>
  );
}
