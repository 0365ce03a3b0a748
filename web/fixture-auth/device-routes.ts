/**
 * The device grant `waymark login` uses: the CLI asks for a code, the signed-in user looks it
 * up and approves (or denies) it on /device, and the CLI's poll of the token endpoint then
 * signs it in. Signed-in CLIs are listed and signed out under /api/v1/me/clients.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Problem, send, str, TAG, type Route } from './http.js';
import { auth, SESSION_DAYS } from './sessions.js';
import { clients, devices, now, token, type DeviceGrant, type SignedInClient } from './store.js';

const CLI = { clientId: 'waymark-cli', clientName: 'Waymark CLI' };
const CLI_SCOPES = ['progress:read', 'progress:write', 'profile:read'];
/** `bcdfghjk` and `BCDF-GHJK` are the same code. */
const userCodeKey = (code: string): string => {
  const bare = code.toUpperCase().replace(/[^A-Z]/g, '');
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
};
const unknownCode = (): Problem =>
  new Problem(
    400,
    'Invalid code',
    'This code is unknown, already used or expired. Run `waymark login` again for a new one.',
    `${TAG}invalid-token`,
  );
/** A code that can still be approved. */
function pendingGrant(code: string): DeviceGrant {
  const grant = devices.get(userCodeKey(code));
  if (!grant || grant.status !== 'pending' || grant.expiresAt <= now()) throw unknownCode();
  return grant;
}

export const deviceRoutes: Route[] = [
  [
    'POST',
    /^\/api\/v1\/auth\/device\/code$/,
    (req, res, body) => {
      const asked = str(body, 'scope', true).split(' ').filter(Boolean);
      if (asked.some((scope) => !CLI_SCOPES.includes(scope)))
        throw new Problem(400, 'Bad Request', 'Scope not available.', 'about:blank', {
          error: 'invalid_scope',
        });
      const letters = 'BCDFGHJKLMNPQRSTVWXZ';
      const pick = (): string =>
        Array.from(randomBytes(4), (b) => letters[b % letters.length]).join('');
      const grant: DeviceGrant = {
        deviceCode: token(),
        userCode: `${pick()}-${pick()}`,
        scopes: asked.length ? [...new Set(asked)] : CLI_SCOPES,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
        status: 'pending',
        userId: null,
      };
      devices.set(grant.userCode, grant);
      const uri = `http://${req.headers.host ?? '127.0.0.1'}/device`;
      send(res, 200, {
        device_code: grant.deviceCode,
        user_code: grant.userCode,
        verification_uri: uri,
        verification_uri_complete: `${uri}?code=${grant.userCode}`,
        expires_in: 600,
        interval: 5,
      });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/device\/approve$/,
    (req, res, body) => {
      const { user } = auth(req);
      const grant = pendingGrant(str(body, 'userCode'));
      grant.status = body.approve === true ? 'approved' : 'denied';
      grant.userId = user.id;
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/token$/,
    (_req, res, body) => {
      const grant = [...devices.values()].find((g) => g.deviceCode === body.device_code);
      // Errors in OAuth's terms (RFC 6749, RFC 8628): the CLI's polling reads `error`.
      const oauth = (error: string, description: string): Problem =>
        new Problem(400, 'Bad Request', description, 'about:blank', {
          error,
          error_description: description,
        });
      if (!grant) throw oauth('invalid_grant', 'Unknown device code.');
      if (grant.status === 'pending') throw oauth('authorization_pending', 'Not approved yet.');
      if (grant.status === 'denied') throw oauth('access_denied', 'The user denied access.');
      devices.delete(grant.userCode);
      const client: SignedInClient = {
        id: randomUUID(),
        userId: grant.userId!,
        scopes: grant.scopes,
        createdAt: now(),
        lastUsedAt: now(),
        expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString(),
      };
      clients.set(client.id, client);
      send(res, 200, {
        access_token: token(),
        token_type: 'Bearer',
        expires_in: 600,
        refresh_token: token(),
        scope: grant.scopes.join(' '),
      });
    },
  ],
  [
    'GET',
    /^\/api\/v1\/auth\/device\/lookup$/,
    (req, res) => {
      auth(req);
      const code = new URL(req.url ?? '/', 'http://x').searchParams.get('userCode') ?? '';
      const grant = pendingGrant(code);
      send(res, 200, {
        userCode: grant.userCode,
        ...CLI,
        scopes: grant.scopes,
        expiresAt: grant.expiresAt,
      });
    },
  ],
  [
    'GET',
    /^\/api\/v1\/me\/clients$/,
    (req, res) => {
      const { user } = auth(req);
      const mine = [...clients.values()].filter((c) => c.userId === user.id);
      send(res, 200, {
        clients: mine.map(({ id, scopes, createdAt, lastUsedAt, expiresAt }) => ({
          id,
          ...CLI,
          scopes,
          createdAt,
          lastUsedAt,
          expiresAt,
        })),
      });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/clients\/([^/]+)$/,
    (req, res, _body, id) => {
      const { user } = auth(req);
      if (clients.get(id)?.userId !== user.id)
        throw new Problem(404, 'Not Found', 'There is no such signed-in client.');
      clients.delete(id);
      send(res, 204);
    },
  ],
];
