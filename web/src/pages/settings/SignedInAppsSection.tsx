/**
 * Apps signed in to the account through the device grant (one per `waymark login`, a token
 * family on the server): what each may do, when it was last used, and a way to sign it out.
 */
import type { ReactElement } from 'react';
import { RevocableList } from '../../components/RevocableList';
import { apiSend } from '../../lib/auth';
import { formatDate, formatDateTime, formatRelative } from '../../lib/dates';
import { scopeSentence } from '../../lib/scopes';
import { useApi } from '../../lib/useApi';
import { SettingsSection } from './SettingsSection';

export interface ClientInfo {
  /** The sign-in (token family), not the app. */
  id: string;
  clientId: string;
  clientName: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

export function SignedInAppsSection(): ReactElement {
  const list = useApi<{ clients: ClientInfo[] }>('/api/v1/me/clients');
  return (
    <SettingsSection
      id="apps"
      title="Signed-in apps"
      description="Apps you signed in with waymark login, such as the command-line tool. Revoke any you no longer use."
    >
      <RevocableList
        list={list}
        items={list.data?.clients}
        label="Signed-in apps"
        loadingLabel="Loading signed-in apps…"
        empty="No apps are signed in."
        button={(c) => ({
          label: (
            <>
              Revoke
              <span className="visually-hidden">
                {' '}
                {c.clientName}, signed in {formatDateTime(c.createdAt)}
              </span>
            </>
          ),
          question: 'It will have to sign in again.',
          confirmLabel: 'Revoke',
        })}
        onRevoke={async (c) => {
          await apiSend('DELETE', `/api/v1/me/clients/${encodeURIComponent(c.id)}`);
          list.retry();
        }}
      >
        {(c) => (
          <>
            <p className="item-title">{c.clientName}</p>
            <p className="item-meta">
              <span>Can {scopeSentence(c.scopes)}</span>
            </p>
            <p className="item-meta">
              <span>Signed in {formatDateTime(c.createdAt)}</span>
              <span>
                Last used{' '}
                <time dateTime={c.lastUsedAt} title={formatDateTime(c.lastUsedAt)}>
                  {formatRelative(c.lastUsedAt)}
                </time>
              </span>
              <span>Expires {formatDate(c.expiresAt)}</span>
            </p>
          </>
        )}
      </RevocableList>
    </SettingsSection>
  );
}
