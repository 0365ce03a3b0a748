/**
 * Accounts at an external OpenID provider linked to this one, so that either signs in: list,
 * unlink (the server refuses to remove the last way in), and link one when a provider is set
 * up. Linking is a round trip through the provider that ends on `/settings?linked=1` or
 * `/settings?error=...`, reported by LinkOutcome.
 */
import type { ReactElement } from 'react';
import { Notice } from '../../components/Alerts';
import { RevocableList } from '../../components/RevocableList';
import { apiSend } from '../../lib/auth';
import { formatDate } from '../../lib/dates';
import { useApi } from '../../lib/useApi';
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
  const providerName = provider.data?.enabled ? provider.data.name?.trim() || 'an account' : null;
  return (
    <SettingsSection
      id="linked-accounts"
      title="Linked accounts"
      description="Accounts elsewhere that you can sign in to Waymark with, instead of your password."
    >
      <RevocableList
        list={list}
        items={list.data?.identities}
        label="Linked accounts"
        loadingLabel="Loading linked accounts…"
        empty="No accounts are linked."
        button={(identity) => ({
          label: (
            <>
              Unlink
              <span className="visually-hidden"> {identity.email ?? identity.issuer}</span>
            </>
          ),
          question: 'You will no longer be able to sign in with it.',
          confirmLabel: 'Unlink',
        })}
        onRevoke={async (identity) => {
          await apiSend('DELETE', `/api/v1/me/identities/${encodeURIComponent(identity.id)}`);
          list.retry();
        }}
      >
        {(identity) => (
          <>
            <p className="item-title">{identity.email ?? issuerName(identity.issuer)}</p>
            <p className="item-meta">
              <span className="item-issuer">{identity.issuer}</span>
              <span>Linked {formatDate(identity.createdAt)}</span>
            </p>
          </>
        )}
      </RevocableList>
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
