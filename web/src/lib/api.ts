import type {
  RoadmapList,
  RoadmapView,
  TopicDetail,
} from '../../../src/modules/roadmaps/roadmaps.schemas';
import { useEffect, useState } from 'react';

/** An error from the API, carrying the problem+json fields the server sends. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json, application/problem+json' } });
  } catch {
    throw new ApiError(
      0,
      'Network error',
      'Could not reach the Waymark server. Check your connection and try again.',
    );
  }
  if (res.ok) return (await res.json()) as T;
  let problem: Problem = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    /* not JSON: fall back to the status line */
  }
  throw new ApiError(
    res.status,
    problem.title ?? (res.statusText || 'Request failed'),
    problem.detail ??
      `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
  );
}

// Successful responses are cached for the session; failures are not, so "Try again" refetches.
const cache = new Map<string, Promise<unknown>>();
function cached<T>(url: string): Promise<T> {
  let p = cache.get(url) as Promise<T> | undefined;
  if (!p) {
    p = getJson<T>(url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

const enc = encodeURIComponent;
export const api = {
  roadmaps: () => cached<RoadmapList>('/api/v1/roadmaps'),
  roadmap: (slug: string) => cached<RoadmapView>(`/api/v1/roadmaps/${enc(slug)}`),
  topic: (slug: string, topicId: string) =>
    cached<TopicDetail>(`/api/v1/roadmaps/${enc(slug)}/topics/${enc(topicId)}`),
};

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError };

/** Loads `load()` whenever `key` changes; `retry()` loads again. A null key means "nothing to load". */
export function useResource<T>(
  key: string | null,
  load: () => Promise<T>,
): Resource<T> & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string | null; value: Resource<T> }>({
    key: null,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) =>
      s.key === key && s.value.status === 'ok' ? s : { key, value: { status: 'loading' } },
    );
    load().then(
      (data) => live && setState({ key, value: { status: 'ok', data } }),
      (e: unknown) =>
        live &&
        setState({
          key,
          value: {
            status: 'error',
            error: e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)),
          },
        }),
    );
    return () => {
      live = false;
    };
    // `load` is derived from `key`; re-running on its identity would refetch every render.
  }, [key, attempt]);
  const value: Resource<T> = state.key === key ? state.value : { status: 'loading' };
  return { ...value, retry: () => setAttempt((a) => a + 1) };
}
