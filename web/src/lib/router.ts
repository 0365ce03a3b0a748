/**
 * A tiny router over the History API. Routes:
 *   /                          home
 *   /roadmaps/{slug}           roadmap
 *   /roadmaps/{slug}/{topicId} roadmap with the topic panel open
 *   /roadmaps/{slug}/board     the roadmap as a Kanban board (`board` is never a topic id:
 *                              the content reader refuses it, see BOARD_SEGMENT)
 *   /signup, /signin?returnTo=, /forgot-password, /reset-password?token=, /verify-email?token=,
 *   /settings, /device?code=   account pages
 *   /dashboard                 the learner's dashboard (streak, goal, plans, forecasts)
 *   /u/{username}              a learner's public profile (/u/Ada is /u/ada)
 * The sign-in and settings pages also read what the external sign-in's callback tells them:
 * /signin?mfa=, ?error=, ?link=required&provider=; /settings?linked=1, ?error=.
 */
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'roadmap'; slug: string; topicId: string | null }
  | { name: 'board'; slug: string }
  | { name: 'signup' }
  | {
      name: 'signin';
      returnTo: string | null;
      /** An external sign-in that still needs the second factor. */
      mfaToken: string | null;
      /** Why an external sign-in failed (`oidc`, `email-not-verified`...). */
      error: string | null;
      /** The provider whose account must be linked from settings after a password sign-in. */
      linkProvider: string | null;
    }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword'; token: string }
  | { name: 'verifyEmail'; token: string }
  | { name: 'settings'; linked: boolean; error: string | null }
  | { name: 'device'; code: string }
  | { name: 'dashboard' }
  | { name: 'profile'; username: string }
  | { name: 'notFound' };

/** Extra data we keep in history entries. `topicDepth` counts topic entries pushed over the roadmap. */
export interface HistoryState {
  topicDepth?: number;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** As the API's username rule: 3 to 32 of a-z, 0-9 and '-', not at either end. */
const USERNAME = /^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/;
/** The board's path segment; it takes precedence over a topic deep link. */
export const BOARD_SEGMENT = 'board';

/** Parses a path with an optional query string (`/reset-password?token=...`). */
export function parseRoute(location: string): Route {
  const q = location.indexOf('?');
  const pathname = q === -1 ? location : location.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : location.slice(q));
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'home' };
  switch (path) {
    case '/signup':
      return { name: 'signup' };
    case '/signin':
      return {
        name: 'signin',
        returnTo: safeReturnTo(query.get('returnTo')),
        mfaToken: query.get('mfa') || null,
        error: query.get('error') || null,
        linkProvider: query.get('link') === 'required' ? (query.get('provider') ?? '') : null,
      };
    case '/forgot-password':
      return { name: 'forgotPassword' };
    case '/reset-password':
      return { name: 'resetPassword', token: query.get('token') ?? '' };
    case '/verify-email':
      return { name: 'verifyEmail', token: query.get('token') ?? '' };
    case '/settings':
      return {
        name: 'settings',
        linked: query.get('linked') === '1',
        error: query.get('error') || null,
      };
    case '/dashboard':
      return { name: 'dashboard' };
    case '/device':
      return { name: 'device', code: query.get('code') ?? '' };
  }
  const parts = path
    .split('/')
    .slice(1)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return '';
      }
    });
  if (parts[0] === 'u' && parts.length === 2 && USERNAME.test(parts[1]!.toLowerCase()))
    return { name: 'profile', username: parts[1]!.toLowerCase() };
  if (parts[0] === 'roadmaps' && parts[1] && ID.test(parts[1])) {
    if (parts.length === 2) return { name: 'roadmap', slug: parts[1], topicId: null };
    if (parts.length === 3 && parts[2] === BOARD_SEGMENT) return { name: 'board', slug: parts[1] };
    if (parts.length === 3 && parts[2] && ID.test(parts[2]))
      return { name: 'roadmap', slug: parts[1], topicId: parts[2] };
  }
  return { name: 'notFound' };
}

/**
 * `value` as a path on this site (one leading slash, no scheme or host), else null. Browsers read
 * `//host` and `/\host` as other sites, and drop tabs and newlines first, so the value is
 * checked by resolving it and the normalized path is what is returned.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || !/^\/(?![/\\])/.test(value)) return null;
  try {
    const base = 'https://waymark.invalid';
    const url = new URL(value, base);
    return url.origin === base ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export const signInHref = (returnTo?: string | null): string => {
  const safe = safeReturnTo(returnTo);
  return safe && safe !== '/' ? `/signin?returnTo=${encodeURIComponent(safe)}` : '/signin';
};

/** The current path and query, e.g. to come back to after signing in. */
export const currentPath = (): string => window.location.pathname + window.location.search;

export const roadmapHref = (slug: string): string => `/roadmaps/${encodeURIComponent(slug)}`;
export const topicHref = (slug: string, topicId: string): string =>
  `${roadmapHref(slug)}/${encodeURIComponent(topicId)}`;
export const profileHref = (username: string): string => `/u/${encodeURIComponent(username)}`;
export const boardHref = (slug: string): string => `${roadmapHref(slug)}/${BOARD_SEGMENT}`;
export const DASHBOARD_HREF = '/dashboard';

const listeners = new Set<() => void>();
function emit(): void {
  for (const l of listeners) l();
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}
const getPath = (): string => window.location.pathname + window.location.search;

export function navigate(
  href: string,
  options: { replace?: boolean; state?: HistoryState } = {},
): void {
  const state = options.state ?? {};
  if (options.replace) window.history.replaceState(state, '', href);
  else window.history.pushState(state, '', href);
  emit();
}

export function historyState(): HistoryState {
  const s: unknown = window.history.state;
  return s && typeof s === 'object' ? s : {};
}

export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, getPath, getPath);
  return useMemo(() => parseRoute(path), [path]);
}

/** True when a click should be left to the browser (new tab, download, ...). */
export function isModifiedClick(e: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}
