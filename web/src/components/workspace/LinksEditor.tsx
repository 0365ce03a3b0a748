/** The learner's own links on a topic: listed, added by URL (and a title), removed. */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { ApiError } from '../../lib/api';
import { linksApi, type Link } from '../../lib/workspaceApi';
import { CloseIcon, ExternalIcon } from '../Icons';

const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
};

export function LinksEditor({ slug, topicId }: { slug: string; topicId: string }): ReactElement {
  const [links, setLinks] = useState<Link[] | null>(null);
  const [max, setMax] = useState(50);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: 'url' | 'title' | null; message: string } | null>(
    null,
  );
  const [attempt, setAttempt] = useState(0);
  const id = useId();

  useEffect(() => {
    let live = true;
    setLinks(null);
    setLoadError(null);
    linksApi.list(slug, topicId).then(
      (res) => {
        if (!live) return;
        setLinks(res.links);
        setMax(res.max);
      },
      (e: unknown) => live && setLoadError(e instanceof ApiError ? e : null),
    );
    return () => {
      live = false;
    };
  }, [slug, topicId, attempt]);

  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const link = await linksApi.add(slug, topicId, url.trim(), title.trim());
      setLinks((l) => [...(l ?? []), link]);
      setUrl('');
      setTitle('');
    } catch (err) {
      const apiError = err instanceof ApiError ? err : null;
      const field = apiError?.errors.find((f) => f.field === 'body.title') ? 'title' : 'url';
      const message =
        apiError?.errors.find((f) => f.field === `body.${field}`)?.message ??
        apiError?.detail ??
        'The link could not be added.';
      setError({ field: apiError?.status === 400 ? field : null, message });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (link: Link): Promise<void> => {
    setError(null);
    try {
      await linksApi.remove(slug, topicId, link.id);
      setLinks((l) => (l ?? []).filter((x) => x.id !== link.id));
    } catch (err) {
      // Already gone (removed in another tab): the list catches up.
      if (err instanceof ApiError && err.status === 404) {
        setLinks((l) => (l ?? []).filter((x) => x.id !== link.id));
        return;
      }
      setError({ field: null, message: err instanceof ApiError ? err.detail : String(err) });
    }
  };

  if (loadError) {
    return (
      <div className="workspace-error" role="alert">
        <p>Your links could not be loaded: {loadError.detail}</p>
        <button type="button" className="btn btn--small" onClick={() => setAttempt((a) => a + 1)}>
          Try again
        </button>
      </div>
    );
  }
  if (!links) {
    return (
      <p className="muted" role="status">
        Loading your links…
      </p>
    );
  }
  const full = links.length >= max;
  const errorId = `${id}-error`;
  return (
    <div className="my-links">
      {links.length === 0 ? (
        <p className="muted">No links yet: keep articles, videos or repositories you found here.</p>
      ) : (
        <ul className="my-links-list">
          {links.map((l) => (
            <li key={l.id} className="my-link">
              {isWebUrl(l.url) ? (
                <a
                  href={l.url}
                  target="_blank"
                  rel="noopener noreferrer nofollow"
                  className="my-link-a"
                >
                  <span className="my-link-title">{l.title}</span>
                  <ExternalIcon size={14} />
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                <span className="my-link-title">{l.title}</span>
              )}
              <span className="my-link-host">{hostOf(l.url)}</span>
              <button
                type="button"
                className="icon-btn my-link-remove"
                aria-label={`Remove link ${l.title}`}
                title="Remove"
                onClick={() => void remove(l)}
              >
                <CloseIcon size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="my-links-form" onSubmit={(e) => void add(e)} noValidate>
        <div className="my-links-fields">
          <label className="my-links-label" htmlFor={`${id}-url`}>
            URL
          </label>
          <input
            id={`${id}-url`}
            className="my-links-input"
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://…"
            required
            value={url}
            disabled={full}
            aria-invalid={error?.field === 'url' ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <label className="my-links-label" htmlFor={`${id}-title`}>
            Title <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-title`}
            className="my-links-input"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={title}
            disabled={full}
            aria-invalid={error?.field === 'title' ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
        </div>
        <button
          type="submit"
          className="btn btn--small"
          disabled={busy || full || url.trim() === ''}
        >
          Add link
        </button>
      </form>
      {full && (
        <p className="muted">
          This topic holds {max} links, the most it can: remove one to add another.
        </p>
      )}
      {error && (
        <p id={errorId} className="workspace-field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
