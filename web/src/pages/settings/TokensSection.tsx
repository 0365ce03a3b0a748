/** Personal access tokens for scripts and the API: list, create (shown once), revoke. */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { AccountForm, SubmitButton } from '../../components/AccountForm';
import { Notice } from '../../components/Alerts';
import { CopyButton } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { RevocableList } from '../../components/RevocableList';
import { apiSend } from '../../lib/auth';
import { formatDate, formatRelative } from '../../lib/dates';
import { SCOPES } from '../../lib/scopes';
import { useApi } from '../../lib/useApi';
import { assertValid, useForm, valueOf } from '../../lib/useForm';
import { SettingsSection } from './SettingsSection';

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const EXPIRY_DAYS = [7, 30, 90, 365] as const;

function CreateToken({ onCreated }: { onCreated: () => void }): ReactElement {
  const form = useForm();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const uid = useId();
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) shown.current?.focus();
  }, [created]);
  const { fields } = form.errors;

  if (created)
    return (
      <div ref={shown} tabIndex={-1} className="focus-target new-token">
        <Notice tone="warning">
          <p>
            Your new token <strong>{created.name}</strong> is below. Copy it now:{' '}
            <strong>it will not be shown again.</strong>
          </p>
        </Notice>
        <p className="secret">
          <code className="token-value">{created.token}</code>
          <CopyButton text={created.token} label="Copy token" />
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn--primary" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      </div>
    );

  return (
    <AccountForm
      form={form}
      className="form form--inset"
      aria-labelledby={`${uid}-title`}
      head={
        <h3 className="form-title" id={`${uid}-title`}>
          New token
        </h3>
      }
      onSubmit={async (f) => {
        const name = valueOf(f, 'name');
        const scopes = SCOPES.map((s) => s.value).filter(
          (v) => (f.elements.namedItem(`scope-${v}`) as HTMLInputElement | null)?.checked,
        );
        const expiresInDays = Number(valueOf(f, 'expiresInDays'));
        assertValid({
          name: name ? null : 'Give the token a name, e.g. the script that uses it.',
          scopes: scopes.length === 0 ? 'Choose at least one permission.' : null,
        });
        const answer = await apiSend<{ token: string; name?: string }>(
          'POST',
          '/api/v1/me/tokens',
          { name, scopes, expiresInDays },
        );
        setCreated({ token: answer.token, name: answer.name ?? name });
        onCreated();
      }}
    >
      <Field label="Name" name="name" autoComplete="off" required error={fields.name} />
      {/* Named `scopes` so that server and client errors about the scopes land here. */}
      <fieldset
        className={`fieldset${fields.scopes ? ' field--invalid' : ''}`}
        name="scopes"
        aria-describedby={fields.scopes ? `${uid}-error` : undefined}
      >
        <legend className="field-label">Permissions</legend>
        {SCOPES.map((s, i) => (
          <label key={s.value} className="check">
            <input
              type="checkbox"
              name={`scope-${s.value}`}
              value={s.value}
              defaultChecked={s.value !== 'progress:write'}
              aria-invalid={fields.scopes && i === 0 ? true : undefined}
            />
            <span>
              {s.label} <code>{s.value}</code>
            </span>
          </label>
        ))}
        {fields.scopes && (
          <p className="field-error" id={`${uid}-error`}>
            <span className="visually-hidden">Error: </span>
            {fields.scopes}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${uid}-expiry`}>
          Expires after
        </label>
        <select
          id={`${uid}-expiry`}
          name="expiresInDays"
          className="input select"
          defaultValue="30"
        >
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
        {fields.expiresInDays && <p className="field-error">{fields.expiresInDays}</p>}
      </div>
      <div className="form-actions">
        <SubmitButton busy={form.busy} busyLabel="Creating…" block={false}>
          Create token
        </SubmitButton>
      </div>
    </AccountForm>
  );
}

export function TokensSection(): ReactElement {
  const list = useApi<{ tokens: TokenInfo[] }>('/api/v1/me/tokens');
  return (
    <SettingsSection
      id="tokens"
      title="API tokens"
      description="Personal access tokens let scripts use the Waymark API as you, with only the permissions you choose."
    >
      <RevocableList
        list={list}
        items={list.data?.tokens}
        label="API tokens"
        loadingLabel="Loading tokens…"
        empty="You have no tokens."
        button={(t) => ({
          label: (
            <>
              Revoke<span className="visually-hidden"> token {t.name}</span>
            </>
          ),
          question: 'Scripts using it will stop working.',
          confirmLabel: 'Revoke',
        })}
        onRevoke={async (t) => {
          await apiSend('DELETE', `/api/v1/me/tokens/${encodeURIComponent(t.id)}`);
          list.retry();
        }}
      >
        {(t) => (
          <>
            <p className="item-title">
              {t.name} <code className="token-prefix">{t.prefix}…</code>
            </p>
            <p className="item-meta">
              <span>{t.scopes.join(', ')}</span>
              <span>Created {formatDate(t.createdAt)}</span>
              <span>{t.expiresAt ? `Expires ${formatDate(t.expiresAt)}` : 'Never expires'}</span>
              <span>
                {t.lastUsedAt ? `Last used ${formatRelative(t.lastUsedAt)}` : 'Never used'}
              </span>
            </p>
          </>
        )}
      </RevocableList>
      <CreateToken onCreated={list.retry} />
    </SettingsSection>
  );
}
