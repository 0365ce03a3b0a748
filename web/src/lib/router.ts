/**
 * A tiny router over the History API. Routes:
 *   /                          home
 *   /roadmaps/{slug}           roadmap
 *   /roadmaps/{slug}/{topicId} roadmap with the topic panel open
 */
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'roadmap'; slug: string; topicId: string | null }
  | { name: 'notFound' };

/** Extra data we keep in history entries. `topicDepth` counts topic entries pushed over the roadmap. */
export interface HistoryState {
  topicDepth?: number;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'home' };
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
  if (parts[0] === 'roadmaps' && parts[1] && ID.test(parts[1])) {
    if (parts.length === 2) return { name: 'roadmap', slug: parts[1], topicId: null };
    if (parts.length === 3 && parts[2] && ID.test(parts[2]))
      return { name: 'roadmap', slug: parts[1], topicId: parts[2] };
  }
  return { name: 'notFound' };
}

export const roadmapHref = (slug: string): string => `/roadmaps/${encodeURIComponent(slug)}`;
export const topicHref = (slug: string, topicId: string): string =>
  `${roadmapHref(slug)}/${encodeURIComponent(topicId)}`;

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
const getPath = (): string => window.location.pathname;

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
