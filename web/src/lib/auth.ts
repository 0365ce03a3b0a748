/**
 * The browser's session with the Waymark server: loaded once from `GET /api/v1/auth/session`,
 * shared through useSession(), and used by apiSend() to sign state-changing requests with the
 * session's CSRF token.
 */
import { useSyncExternalStore } from 'react';
import { ApiError, networkError, problemError } from './api';

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
  emailVerified: boolean;
  mfaEnabled: boolean;
  createdAt: string;
}

export type Session =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: User; csrfToken: string }
  | { status: 'error'; error: ApiError };

/** Problem types the account pages react to (see the accounts API contract). */
export const PROBLEM = {
  csrf: 'tag:waymark.dev,2026:problems/csrf-failed',
  reauthenticate: 'tag:waymark.dev,2026:problems/reauthentication-required',
  mfaRequired: 'tag:waymark.dev,2026:problems/mfa-required',
  invalidToken: 'tag:waymark.dev,2026:problems/invalid-token',
  emailNotVerified: 'tag:waymark.dev,2026:problems/email-not-verified',
} as const;

/** Whether `error` is the problem `type` (one of PROBLEM). */
export function isProblem(error: unknown, type: string): boolean {
  return error instanceof ApiError && error.type === type;
}

const SESSION_URL = '/api/v1/auth/session';
const ACCEPT = 'application/json, application/problem+json';

let session: Session = { status: 'loading' };
let loading: Promise<Session> | null = null;
/** Bumped by every change, so that a slow, older answer never overwrites a newer state. */
let version = 0;
const listeners = new Set<() => void>();

function setSession(next: Session): void {
  version++;
  session = next;
  for (const l of listeners) l();
}

async function fetchSession(): Promise<Session> {
  let res: Response;
  try {
    res = await fetch(SESSION_URL, { headers: { accept: ACCEPT }, cache: 'no-store' });
  } catch {
    return { status: 'error', error: networkError() };
  }
  if (!res.ok) return { status: 'error', error: await problemError(res) };
  const body = (await res.json()) as { user: User; csrfToken: string } | { user: null };
  if (body.user === null) return { status: 'signedOut' };
  return { status: 'signedIn', user: body.user, csrfToken: body.csrfToken };
}

/** The server's word on who is signed in. The previous state stays visible until it answers. */
export function loadSession(): Promise<Session> {
  const before = version;
  loading = fetchSession().then((next) => {
    if (version === before) setSession(next);
    return session;
  });
  return loading;
}

const ensureLoaded = (): Promise<Session> => loading ?? loadSession();

function subscribe(listener: () => void): () => void {
  void ensureLoaded();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const getSession = (): Session => session;

export function useSession(): Session {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** Records a successful sign-in (the login endpoints answer with the same body as the session). */
export function signedIn(body: { user: User; csrfToken: string }): void {
  setSession({ status: 'signedIn', user: body.user, csrfToken: body.csrfToken });
  loading = Promise.resolve(session);
}

async function send(method: string, url: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session.status === 'signedIn' && method !== 'GET')
    headers['x-csrf-token'] = session.csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw networkError();
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Wrong credentials also answer 401; only other endpoints mean "your session has ended". */
const isSignInAttempt = (url: string): boolean => url.startsWith('/api/v1/auth/login');

/**
 * Sends a JSON request as the signed-in user (with `X-CSRF-Token` when there is a session) and
 * resolves with the JSON answer, or undefined for 204. Failures reject with an ApiError carrying
 * the problem's type and field errors.
 */
export async function apiSend<T = void>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  await ensureLoaded();
  let res = await send(method, url, body);
  if (res.ok) return parse<T>(res);
  let error = await problemError(res);
  if (isProblem(error, PROBLEM.csrf) && session.status === 'signedIn') {
    // The token belongs to the session; it changed if the user signed in again in another tab.
    await loadSession();
    if (session.status !== 'signedIn') throw error;
    res = await send(method, url, body);
    if (res.ok) return parse<T>(res);
    error = await problemError(res);
  }
  if (error.status === 401 && session.status === 'signedIn' && !isSignInAttempt(url)) {
    setSession({ status: 'signedOut' });
  }
  throw error;
}

/**
 * Ends the session on the server, then here. `leave` runs just before the state changes, so a
 * page that needs a session can navigate away in the same render instead of first sending the
 * visitor to sign in again.
 */
export async function signOut(leave?: () => void): Promise<void> {
  try {
    await apiSend('POST', '/api/v1/auth/logout');
  } catch (e) {
    // Already gone on the server: the browser is signed out either way.
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  leave?.();
  setSession({ status: 'signedOut' });
}

/** Forgets the session locally after the server ended it (e.g. the current session was revoked). */
export function sessionEnded(): void {
  setSession({ status: 'signedOut' });
}

/** The name to greet the user by. */
export const userName = (user: User): string => user.displayName?.trim() || user.email;
