import type { ReactElement } from 'react';
import { RevocableList } from '../../components/RevocableList';
import { apiSend, signOut } from '../../lib/auth';
import { formatDateTime, formatRelative } from '../../lib/dates';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { describeUserAgent } from '../../lib/userAgent';
import { SettingsSection } from './SettingsSection';

export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export function SessionsSection({ version }: { version: number }): ReactElement {
  // `version` changes when another section revoked sessions (a password change).
  const list = useApi<{ sessions: SessionInfo[] }>('/api/v1/me/sessions', version);
  const sessions = list.data?.sessions
    .slice()
    .sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <SettingsSection
      id="sessions"
      title="Sessions"
      description="Browsers signed in to your account. Revoke any you don’t recognise."
    >
      <RevocableList
        list={list}
        items={sessions}
        label="Signed-in sessions"
        loadingLabel="Loading sessions…"
        button={(s) => ({
          label: (
            <>
              {s.current ? 'Sign out' : 'Revoke'}
              <span className="visually-hidden">
                {' '}
                {describeUserAgent(s.userAgent)}
                {s.current ? ' (this device)' : `, signed in ${formatDateTime(s.createdAt)}`}
              </span>
            </>
          ),
          question: s.current ? 'Sign out here?' : 'Sign this session out?',
          confirmLabel: s.current ? 'Sign out' : 'Revoke',
        })}
        onRevoke={async (s) => {
          if (s.current) return signOut(() => navigate('/', { replace: true }));
          await apiSend('DELETE', `/api/v1/me/sessions/${encodeURIComponent(s.id)}`);
          list.retry();
        }}
      >
        {(s) => (
          <>
            <p className="item-title">
              {describeUserAgent(s.userAgent)}
              {s.current && <span className="chip chip--on">This device</span>}
            </p>
            <p className="item-meta">
              {s.ip && <span>{s.ip}</span>}
              <span>Signed in {formatDateTime(s.createdAt)}</span>
              <span>
                Last active{' '}
                {s.lastSeenAt ? (
                  <time dateTime={s.lastSeenAt} title={formatDateTime(s.lastSeenAt)}>
                    {formatRelative(s.lastSeenAt)}
                  </time>
                ) : (
                  'never'
                )}
              </span>
            </p>
          </>
        )}
      </RevocableList>
    </SettingsSection>
  );
}
