import type {
  RoadmapList,
  RoadmapView,
  TopicDetail,
} from '../../../src/modules/roadmaps/roadmaps.schemas';
import { useEffect, useState } from 'react';

/** One invalid field of a request, as listed in a problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error from the API, carrying the problem+json fields the server sends. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** The problem type URI; `about:blank` when the server sent none. */
    readonly type: string = 'about:blank',
    readonly errors: readonly FieldError[] = [],
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
  errors?: unknown;
  /** OAuth endpoints also carry RFC 6749 fields. */
  error_description?: string;
}

export const networkError = (): ApiError =>
  new ApiError(
    0,
    'Network error',
    'Could not reach the Waymark server. Check your connection and try again.',
  );

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    if (!e || typeof e !== 'object') return [];
    const { field, message } = e as Record<string, unknown>;
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

/** Turns a failed response (problem+json or not) into an ApiError. */
export async function problemError(res: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    /* not JSON: fall back to the status line */
  }
  return new ApiError(
    res.status,
    problem.title ?? (res.statusText || 'Request failed'),
    problem.detail ??
      problem.error_description ??
      `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
    typeof problem.type === 'string' ? problem.type : 'about:blank',
    fieldErrors(problem.errors),
  );
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json, application/problem+json' } });
  } catch {
    throw networkError();
  }
  if (res.ok) return (await res.json()) as T;
  throw await problemError(res);
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
