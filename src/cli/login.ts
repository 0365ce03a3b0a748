/**
 * `waymark login` and `waymark logout`: the command line signs in to a Waymark server with
 * the OAuth device grant (RFC 8628) — it shows a code, the user approves it in a browser
 * where they are already signed in, and the CLI receives tokens. They are kept in
 * `$XDG_CONFIG_HOME/waymark/credentials.json` (mode 0600). Later commands call
 * `authorizedFetch`, which refreshes the access token when it has expired.
 *
 * This is a client of the HTTP API: it reads its own environment (WAYMARK_URL,
 * XDG_CONFIG_HOME), not the server's configuration.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const CLIENT_ID = 'waymark-cli';
export const DEFAULT_SERVER = 'http://127.0.0.1:3000';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Refresh a little before expiry, so a token does not die in flight. */
const EXPIRY_MARGIN_MS = 30_000;
const LOCK_WAIT_MS = 15_000;
const STALE_LOCK_MS = 30_000;

/** A failure to show the user as is (no stack trace). */
export class LoginError extends Error {
  override name = 'LoginError';
}

export interface Credentials {
  server: string;
  access_token: string;
  refresh_token: string;
  /** When the access token expires (ISO 8601). */
  expires_at: string;
}

export interface CliEnvironment {
  env?: NodeJS.ProcessEnv;
  /** Where messages for the user go (standard output by default). */
  print?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'waymark', 'credentials.json');
}

/** The server's origin (and path prefix, if any) without a trailing slash. */
export function serverUrl(server: string | undefined, env: NodeJS.ProcessEnv = process.env) {
  const raw = server || env.WAYMARK_URL || DEFAULT_SERVER;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LoginError(`"${raw}" is not a URL; give the server as e.g. https://waymark.example`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LoginError(`the server must be an http(s) URL, not "${raw}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

interface OAuthAnswer {
  ok: boolean;
  status: number;
  body: Record<string, unknown>;
}

async function postForm(
  server: string,
  route: string,
  params: Record<string, string>,
): Promise<OAuthAnswer> {
  let response: Response;
  try {
    response = await fetch(`${server}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(params),
    });
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : '';
    throw new LoginError(`cannot reach ${server}${reason ? ` (${reason})` : ''}`);
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's error page): described by the status below.
  }
  return { ok: response.ok, status: response.status, body };
}

function describe(answer: OAuthAnswer): string {
  const { error_description: description, detail } = answer.body;
  if (typeof description === 'string') return description;
  return typeof detail === 'string' ? detail : `HTTP ${answer.status}`;
}

function toCredentials(server: string, body: Record<string, unknown>, now = Date.now()) {
  const { access_token, refresh_token, expires_in } = body;
  if (typeof access_token !== 'string' || typeof refresh_token !== 'string') {
    throw new LoginError('the server answered without tokens');
  }
  const seconds = typeof expires_in === 'number' ? expires_in : 0;
  return {
    server,
    access_token,
    refresh_token,
    expires_at: new Date(now + seconds * 1000).toISOString(),
  } satisfies Credentials;
}

export async function loadCredentials(env: NodeJS.ProcessEnv = process.env) {
  let text: string;
  try {
    text = await fs.readFile(credentialsPath(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Credentials>;
    if (parsed.server && parsed.access_token && parsed.refresh_token && parsed.expires_at) {
      return parsed as Credentials;
    }
  } catch {
    // fall through
  }
  throw new LoginError(`${credentialsPath(env)} is damaged; run waymark login again`);
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export async function saveCredentials(credentials: Credentials, env = process.env) {
  const file = credentialsPath(env);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    await fs.chmod(temporary, 0o600);
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/**
 * Runs `work` while holding a lock file next to the credentials, so two commands refreshing
 * at once do not both spend the same refresh token (the second would look like theft and
 * sign the user out).
 */
async function withCredentialsLock<T>(env: NodeJS.ProcessEnv, work: () => Promise<T>) {
  const lock = `${credentialsPath(env)}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await fs.open(lock, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = await fs.stat(lock).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) {
        await fs.rm(lock, { force: true }); // left behind by a command that crashed
        continue;
      }
      if (Date.now() > deadline) {
        throw new LoginError(`another waymark command is holding ${lock}; try again`);
      }
      await wait(100);
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

async function refreshCredentials(stale: Credentials, env: NodeJS.ProcessEnv) {
  return withCredentialsLock(env, async () => {
    // Another command may have refreshed while this one waited for the lock.
    const current = await loadCredentials(env);
    if (
      current &&
      current.server === stale.server &&
      current.refresh_token !== stale.refresh_token
    ) {
      return current;
    }
    const answer = await postForm(stale.server, '/api/v1/auth/token', {
      grant_type: 'refresh_token',
      refresh_token: stale.refresh_token,
      client_id: CLIENT_ID,
    });
    if (!answer.ok) {
      if (answer.body.error === 'invalid_grant') {
        await fs.rm(credentialsPath(env), { force: true });
        throw new LoginError(
          `your sign-in to ${stale.server} has ended (${describe(answer)}); run waymark login`,
        );
      }
      throw new LoginError(`could not refresh the sign-in: ${describe(answer)}`);
    }
    const next = toCredentials(stale.server, answer.body);
    await saveCredentials(next, env);
    return next;
  });
}

/**
 * `fetch` against the signed-in server with the access token, refreshed first when it has
 * expired (and once more if the server still says 401). `init.body`, if any, must be
 * replayable (a string, not a stream).
 */
export async function authorizedFetch(
  server: string,
  route: string,
  init: RequestInit = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Response> {
  const base = serverUrl(server, env);
  let credentials = await loadCredentials(env);
  if (!credentials || credentials.server !== base) {
    throw new LoginError(`not signed in to ${base}; run: waymark login --server ${base}`);
  }
  if (Date.parse(credentials.expires_at) - EXPIRY_MARGIN_MS <= Date.now()) {
    credentials = await refreshCredentials(credentials, env);
  }
  const send = (c: Credentials) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${c.access_token}`);
    return fetch(`${base}${route}`, { ...init, headers });
  };
  const response = await send(credentials);
  if (response.status !== 401) return response;
  return send(await refreshCredentials(credentials, env));
}

export async function login(
  options: { server?: string } = {},
  { env = process.env, print = console.log, sleep = wait }: CliEnvironment = {},
): Promise<Credentials> {
  const server = serverUrl(options.server, env);
  const start = await postForm(server, '/api/v1/auth/device/code', { client_id: CLIENT_ID });
  if (!start.ok)
    throw new LoginError(`could not start signing in at ${server}: ${describe(start)}`);
  const { device_code, user_code, verification_uri, verification_uri_complete } =
    start.body as Record<string, string>;
  let interval = Number(start.body.interval) || 5;
  print(`To sign in, open ${verification_uri} in a browser and enter the code: ${user_code}`);
  print(`(or open ${verification_uri_complete})`);
  print('Waiting for approval...');
  for (;;) {
    await sleep(interval * 1000);
    const answer = await postForm(server, '/api/v1/auth/token', {
      grant_type: DEVICE_CODE_GRANT,
      device_code: device_code!,
      client_id: CLIENT_ID,
    });
    if (answer.ok) {
      const credentials = toCredentials(server, answer.body);
      await saveCredentials(credentials, env);
      print(`Signed in to ${server}.`);
      return credentials;
    }
    switch (answer.body.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        interval += 5;
        continue;
      case 'access_denied':
        throw new LoginError('the sign-in was denied in the browser');
      case 'expired_token':
        throw new LoginError('the code expired before it was approved; run waymark login again');
      default:
        throw new LoginError(`signing in failed: ${describe(answer)}`);
    }
  }
}

export async function logout({ env = process.env, print = console.log }: CliEnvironment = {}) {
  const credentials = await loadCredentials(env).catch(() => null);
  if (!credentials) {
    await fs.rm(credentialsPath(env), { force: true });
    print('Not signed in.');
    return;
  }
  try {
    const answer = await postForm(credentials.server, '/api/v1/auth/token/revoke', {
      token: credentials.refresh_token,
      client_id: CLIENT_ID,
    });
    if (!answer.ok) print(`warning: the server did not confirm the sign-out (${describe(answer)})`);
  } catch (error) {
    print(`warning: ${(error as Error).message}; the sign-in stays valid there until it expires`);
  }
  await fs.rm(credentialsPath(env), { force: true });
  print(`Signed out of ${credentials.server}.`);
}
