/**
 * Credentials for the accounts cases, got the way clients get them: users are written
 * straight to the database (as test/helpers/accounts.ts does: no mail round trip), then
 * signed in through POST /auth/login for a session cookie, and through the OAuth device
 * grant, as `waymark login` does, for a JWT access token.
 */
import { createAccountsRepository } from '../src/modules/accounts/accounts.repository.js';
import type { TestApp } from '../test/helpers/app.js';
import { clientHeaders } from './servers.js';

/** Verified members with these emails, all with the same (already computed) password hash. */
export async function createUsers(
  waymark: TestApp,
  emails: readonly string[],
  passwordHash: string,
): Promise<void> {
  const repository = createAccountsRepository(waymark.core.database.db);
  const batch = 25;
  for (let i = 0; i < emails.length; i += batch) {
    await Promise.all(
      emails.slice(i, i + batch).map(async (email) => {
        const user = await repository.insertUser({
          email,
          displayName: email.split('@')[0]!,
          passwordHash,
          role: 'member',
          emailVerifiedAt: new Date(),
        });
        if (!user) throw new Error(`could not create ${email}`);
      }),
    );
  }
}

async function post(
  origin: string,
  path: string,
  body: object | URLSearchParams,
  headers: Record<string, string> = {},
) {
  const form = body instanceof URLSearchParams;
  const response = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: {
      ...clientHeaders,
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...headers,
    },
    body: form ? body.toString() : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return { response, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export interface Session {
  /** `waymark_session=...`, as the Cookie header sends it. */
  cookie: string;
  csrfToken: string;
}

export async function signIn(
  origin: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Session> {
  const { response, json } = await post(origin, '/auth/login', { email, password }, headers);
  const line = response.headers.getSetCookie().find((c) => c.startsWith('waymark_session='));
  if (!line || typeof json.csrfToken !== 'string') {
    throw new Error(`sign-in as ${email} set no session: ${JSON.stringify(json)}`);
  }
  return { cookie: line.split(';')[0]!, csrfToken: json.csrfToken };
}

const CLI_CLIENT_ID = 'waymark-cli';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

function tokensOf(json: Record<string, unknown>): Tokens {
  const { access_token: accessToken, refresh_token: refreshToken } = json;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') {
    throw new Error(`no tokens in ${JSON.stringify(json)}`);
  }
  return { accessToken, refreshToken };
}

/**
 * Bearer headers from the device grant, renewed through the refresh grant before the access
 * token (10 minutes) can expire during a run.
 */
export async function cliBearer(
  origin: string,
  session: Session,
  renewAfterMs = 4 * 60_000,
): Promise<() => Promise<Record<string, string>>> {
  const { json: device } = await post(origin, '/auth/device/code', {
    client_id: CLI_CLIENT_ID,
    scope: 'profile:read',
  });
  await post(
    origin,
    '/auth/device/approve',
    { userCode: device.user_code, approve: true },
    { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  );
  const grant = new URLSearchParams({
    grant_type: DEVICE_GRANT,
    device_code: String(device.device_code),
    client_id: CLI_CLIENT_ID,
  });
  let tokens = tokensOf((await post(origin, '/auth/token', grant)).json);
  let issuedAt = Date.now();
  return async () => {
    if (Date.now() - issuedAt > renewAfterMs) {
      const refresh = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        client_id: CLI_CLIENT_ID,
      });
      tokens = tokensOf((await post(origin, '/auth/token', refresh)).json);
      issuedAt = Date.now();
    }
    return { ...clientHeaders, authorization: `Bearer ${tokens.accessToken}` };
  };
}
