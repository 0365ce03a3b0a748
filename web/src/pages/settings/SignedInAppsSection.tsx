/**
 * Apps signed in to the account through the device grant (one per `waymark login`, a token
 * family on the server): what each may do, when it was last used, and a way to sign it out.
 */
import type { ReactElement } from 'react';
import { FormAlert } from '../../components/Alerts';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Loading } from '../../components/States';
import { apiSend } from '../../lib/auth';
import { formatDate, formatDateTime, formatRelative } from '../../lib/dates';
import { scopeSentence } from '../../lib/scopes';
import { useApi } from '../../lib/useApi';
import { useForm } from '../../lib/useForm';
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
  const action = useForm<HTMLDivElement>();
  const revoke = (c: ClientInfo): Promise<void> =>
    action.run(async () => {
      await apiSend('DELETE', `/api/v1/me/clients/${encodeURIComponent(c.id)}`);
      list.retry();
    });
  const clients = list.data?.clients;
  return (
    <SettingsSection
      id="apps"
      title="Signed-in apps"
      description="Apps you signed in with waymark login, such as the command-line tool. Revoke any you no longer use."
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
      {list.status === 'loading' && <Loading label="Loading signed-in apps…" />}
      {clients && clients.length === 0 && <p className="muted">No apps are signed in.</p>}
      {clients && clients.length > 0 && (
        <ul className="item-list" aria-label="Signed-in apps">
          {clients.map((c) => (
            <li key={c.id} className="item">
              <div className="item-main">
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
              </div>
              <div className="item-actions">
                <ConfirmButton
                  busy={action.busy}
                  question="It will have to sign in again."
                  confirmLabel="Revoke"
                  onConfirm={() => void revoke(c)}
                >
                  Revoke
                  <span className="visually-hidden">
                    {' '}
                    {c.clientName}, signed in {formatDateTime(c.createdAt)}
                  </span>
                </ConfirmButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  );
}
