/**
 * Development only (WAYMARK_FIXTURES=1): an in-memory stand-in for the accounts API, so that
 * the account pages can be built and browser-tested without the server. Good enough to click through; not a reference implementation (no hashing, no limits).
 * Also answers `GET /dev/mailbox/messages?to=` like the server's dev mailbox.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';

interface User {
  id: string;
  email: string;
  displayName: string | null;
  password: string;
  emailVerified: boolean;
  createdAt: string;
  mfaSecret: string | null;
  pendingSecret: string | null;
  recoveryCodes: string[];
  lastTotpStep: number;
}
interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  signedInAt: number;
  ip: string | null;
  userAgent: string | null;
}
interface Pat {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}
interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  scopes: string[];
  expiresAt: string;
  status: 'pending' | 'approved' | 'denied';
  userId: string | null;
}
/** A CLI signed in with the device grant (a token family on the server). */
interface SignedInClient {
  id: string;
  userId: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

const users = new Map<string, User>();
const sessions = new Map<string, Session>();
const oneTimeTokens = new Map<string, { kind: 'verify' | 'reset'; userId: string }>();
const mfaTokens = new Map<string, string>();
const pats = new Map<string, Pat>();
const devices = new Map<string, DeviceGrant>();
const clients = new Map<string, SignedInClient>();
const mailbox: { to: string; subject: string; text: string }[] = [];

/** The server's problem types (src/http/problem.ts), which the pages react to. */
const TAG = 'tag:waymark.dev,2026:problems/';
const COMMON = new Set(['password', 'password1', 'password123', '12345678', 'qwertyuiop']);
const FRESH_MS = 10 * 60_000;
const SESSION_DAYS = 30;

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

// ---------- TOTP (RFC 6238, SHA-1, 6 digits, 30 s) ----------

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((c) => B32[parseInt(c.padEnd(5, '0'), 2)]).join('');
}
function unbase32(text: string): Buffer {
  const bits = [...text.replace(/=+$/, '').toUpperCase()]
    .map((c) => B32.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}
function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', unbase32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
/** Accepts the current step ±1, each step once. */
function checkTotp(user: User, secret: string, code: string): boolean {
  const now = Math.floor(Date.now() / 30_000);
  for (const step of [now - 1, now, now + 1]) {
    if (step > user.lastTotpStep && totp(secret, step) === code) {
      user.lastTotpStep = step;
      return true;
    }
  }
  return false;
}
function checkSecondFactor(user: User, code: string): boolean {
  if (!user.mfaSecret) return true;
  if (/^\d{6}$/.test(code)) return checkTotp(user, user.mfaSecret, code);
  const i = user.recoveryCodes.indexOf(code.toLowerCase());
  if (i === -1) return false;
  user.recoveryCodes.splice(i, 1);
  return true;
}
const recoveryCodes = (): string[] =>
  Array.from({ length: 10 }, () => {
    const s = randomBytes(8).toString('hex').slice(0, 10);
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });

// ---------- helpers ----------

const token = (): string => randomBytes(24).toString('base64url');
const now = (): string => new Date().toISOString();
const publicUser = (u: User) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: 'user',
  emailVerified: u.emailVerified,
  mfaEnabled: u.mfaSecret !== null,
  createdAt: u.createdAt,
});

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body === undefined) return void res.end();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new Problem(400, 'Bad Request', 'The body must be a JSON object.');
}

function str(body: Record<string, unknown>, field: string, optional = false): string {
  const v = body[field];
  if (typeof v === 'string') return v;
  if (optional && v === undefined) return '';
  throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
    errors: [{ field, message: `${field} must be a string` }],
  });
}

function checkPassword(password: string, field: string): void {
  const n = [...password].length;
  const message =
    n < 8 || n > 128
      ? 'Use 8 to 128 characters.'
      : COMMON.has(password.toLowerCase())
        ? 'This password is too common. Choose another one.'
        : null;
  if (message)
    throw new Problem(400, 'Weak password', message, 'about:blank', {
      errors: [{ field, message }],
    });
}

function mail(req: IncomingMessage, to: string, subject: string, path: string, lead: string): void {
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  mailbox.push({ to, subject, text: `${lead}\n\n${origin}${path}\n\nWaymark` });
}

function cookieSession(req: IncomingMessage): Session | null {
  const match = /(?:^|;\s*)waymark_session=([^;]+)/.exec(req.headers.cookie ?? '');
  const s = match ? sessions.get(match[1]!) : undefined;
  if (!s) return null;
  s.lastSeenAt = now();
  return s;
}

function startSession(req: IncomingMessage, res: ServerResponse, user: User): void {
  const s: Session = {
    id: randomUUID(),
    userId: user.id,
    csrfToken: token(),
    createdAt: now(),
    lastSeenAt: now(),
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString(),
    signedInAt: Date.now(),
    ip: req.socket.remoteAddress ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
  sessions.set(s.id, s);
  res.setHeader('set-cookie', `waymark_session=${s.id}; HttpOnly; SameSite=Lax; Path=/`);
  send(res, 200, { status: 'signed_in', user: publicUser(user), csrfToken: s.csrfToken });
}

const patMeta = (p: Pat) => ({
  id: p.id,
  name: p.name,
  prefix: p.prefix,
  scopes: p.scopes,
  createdAt: p.createdAt,
  expiresAt: p.expiresAt,
  lastUsedAt: p.lastUsedAt,
});

const userById = (id: string): User => [...users.values()].find((u) => u.id === id)!;

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

/** The signed-in user, with the contract's CSRF and freshness rules. */
function auth(req: IncomingMessage, fresh = false): { user: User; session: Session } {
  const session = cookieSession(req);
  if (!session) throw new Problem(401, 'Unauthorized', 'Sign in to continue.');
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrfToken)
    throw new Problem(403, 'Forbidden', 'The CSRF token is missing or wrong.', `${TAG}csrf-failed`);
  if (fresh && Date.now() - session.signedInAt > FRESH_MS)
    throw new Problem(
      403,
      'Reauthentication required',
      'Sign in again to do this.',
      `${TAG}reauthentication-required`,
    );
  return { user: userById(session.userId), session };
}

// ---------- routes ----------

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
  param: string,
) => Promise<void> | void;

const routes: [string, RegExp, Handler][] = [
  [
    'POST',
    /^\/api\/v1\/auth\/signup$/,
    (req, res, body) => {
      const email = str(body, 'email').trim().toLowerCase();
      const password = str(body, 'password');
      const displayName = str(body, 'displayName', true).trim() || null;
      if (!/^[^\s@]+@[^\s@]+$/.test(email))
        throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
          errors: [{ field: 'email', message: 'Enter a valid email address.' }],
        });
      checkPassword(password, 'password');
      if (!users.has(email)) {
        const user: User = {
          id: randomUUID(),
          email,
          displayName,
          password,
          emailVerified: false,
          createdAt: now(),
          mfaSecret: null,
          pendingSecret: null,
          recoveryCodes: [],
          lastTotpStep: 0,
        };
        users.set(email, user);
        const t = token();
        oneTimeTokens.set(t, { kind: 'verify', userId: user.id });
        mail(req, email, 'Confirm your email', `/verify-email?token=${t}`, 'Confirm your email:');
      } else {
        mail(req, email, 'Someone tried to sign up', '/signin', 'You already have an account.');
      }
      send(res, 202, { message: 'Check your inbox for a link to confirm your email address.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/verify-email$/,
    (_req, res, body) => {
      const t = oneTimeTokens.get(str(body, 'token'));
      if (!t || t.kind !== 'verify')
        throw new Problem(400, 'Invalid token', 'This link is not valid.', `${TAG}invalid-token`);
      oneTimeTokens.delete(str(body, 'token'));
      userById(t.userId).emailVerified = true;
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/verify-email\/resend$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (user && !user.emailVerified) {
        const t = token();
        oneTimeTokens.set(t, { kind: 'verify', userId: user.id });
        mail(req, user.email, 'Confirm your email', `/verify-email?token=${t}`, 'Confirm:');
      }
      send(res, 202, { message: 'If that account needs it, a new link is on its way.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/login$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (!user || user.password !== str(body, 'password'))
        throw new Problem(401, 'Unauthorized', 'The email or password is wrong.');
      if (!user.emailVerified)
        throw new Problem(
          403,
          'Email not verified',
          'Confirm your email address first: open the link we sent you.',
          `${TAG}email-not-verified`,
        );
      if (user.mfaSecret) {
        const t = token();
        mfaTokens.set(t, user.id);
        return send(res, 200, { status: 'mfa_required', mfaToken: t });
      }
      startSession(req, res, user);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/login\/mfa$/,
    (req, res, body) => {
      const userId = mfaTokens.get(str(body, 'mfaToken'));
      const user = userId ? userById(userId) : null;
      if (!user || !checkSecondFactor(user, str(body, 'code').trim()))
        throw new Problem(401, 'Unauthorized', 'That code is not right.');
      mfaTokens.delete(str(body, 'mfaToken'));
      startSession(req, res, user);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/logout$/,
    (req, res) => {
      const s = cookieSession(req);
      if (s) sessions.delete(s.id);
      res.setHeader('set-cookie', 'waymark_session=; Max-Age=0; Path=/');
      send(res, 204);
    },
  ],
  [
    'GET',
    /^\/api\/v1\/auth\/session$/,
    (req, res) => {
      const s = cookieSession(req);
      if (!s) return send(res, 200, { user: null });
      send(res, 200, {
        user: publicUser(userById(s.userId)),
        csrfToken: s.csrfToken,
        sessionId: s.id,
      });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/password\/forgot$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (user) {
        const t = token();
        oneTimeTokens.set(t, { kind: 'reset', userId: user.id });
        mail(req, user.email, 'Reset your password', `/reset-password?token=${t}`, 'Reset:');
      }
      send(res, 202, { message: 'If an account exists, we sent a link.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/password\/reset$/,
    (_req, res, body) => {
      const key = str(body, 'token');
      const t = oneTimeTokens.get(key);
      if (!t || t.kind !== 'reset')
        throw new Problem(400, 'Invalid token', 'This link is not valid.', `${TAG}invalid-token`);
      const user = userById(t.userId);
      const password = str(body, 'password');
      checkPassword(password, 'password');
      const code = str(body, 'code', true).trim();
      if (user.mfaSecret && !code)
        throw new Problem(400, 'Code required', 'Enter a two-factor code.', `${TAG}mfa-required`);
      if (!checkSecondFactor(user, code))
        throw new Problem(401, 'Unauthorized', 'That code is not right.');
      oneTimeTokens.delete(key);
      user.password = password;
      for (const [id, s] of sessions) if (s.userId === user.id) sessions.delete(id);
      send(res, 204);
    },
  ],
  ['GET', /^\/api\/v1\/me$/, (req, res) => send(res, 200, publicUser(auth(req).user))],
  [
    'POST',
    /^\/api\/v1\/me\/password$/,
    (req, res, body) => {
      const { user, session } = auth(req);
      if (str(body, 'currentPassword') !== user.password)
        throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
          errors: [{ field: 'currentPassword', message: 'This is not your current password.' }],
        });
      const next = str(body, 'newPassword');
      checkPassword(next, 'newPassword');
      user.password = next;
      for (const [id, s] of sessions)
        if (s.userId === user.id && id !== session.id) sessions.delete(id);
      send(res, 204);
    },
  ],
  [
    'GET',
    /^\/api\/v1\/me\/sessions$/,
    (req, res) => {
      const { user, session } = auth(req);
      const list = [...sessions.values()]
        .filter((s) => s.userId === user.id)
        .map(({ id, createdAt, lastSeenAt, expiresAt, ip, userAgent }) => ({
          id,
          current: id === session.id,
          createdAt,
          lastSeenAt,
          expiresAt,
          ip,
          userAgent,
        }));
      send(res, 200, { sessions: list });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/sessions\/([^/]+)$/,
    (req, res, _body, id) => {
      const { user } = auth(req);
      if (sessions.get(id)?.userId !== user.id)
        throw new Problem(404, 'Not Found', 'There is no such session.');
      sessions.delete(id);
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/totp$/,
    async (req, res) => {
      const { user } = auth(req, true);
      const secret = base32(randomBytes(20));
      user.pendingSecret = secret;
      const otpauthUri = `otpauth://totp/Waymark:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Waymark`;
      const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 0 });
      send(res, 200, { otpauthUri, secret, qrSvg });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/totp\/confirm$/,
    (req, res, body) => {
      const { user } = auth(req);
      if (!user.pendingSecret || !checkTotp(user, user.pendingSecret, str(body, 'code').trim()))
        throw new Problem(400, 'Bad Request', 'That code is not right. Try the current one.');
      user.mfaSecret = user.pendingSecret;
      user.pendingSecret = null;
      user.recoveryCodes = recoveryCodes();
      send(res, 200, { recoveryCodes: user.recoveryCodes });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/mfa$/,
    (req, res) => {
      const { user } = auth(req, true);
      user.mfaSecret = null;
      user.recoveryCodes = [];
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/mfa\/recovery-codes$/,
    (req, res) => {
      const { user } = auth(req, true);
      if (!user.mfaSecret) throw new Problem(409, 'Conflict', 'Two-factor authentication is off.');
      user.recoveryCodes = recoveryCodes();
      send(res, 200, { recoveryCodes: user.recoveryCodes });
    },
  ],
  [
    'GET',
    /^\/api\/v1\/me\/tokens$/,
    (req, res) => {
      const { user } = auth(req);
      const tokens = [...pats.values()].filter((p) => p.userId === user.id);
      send(res, 200, { tokens: tokens.map(patMeta) });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/tokens$/,
    (req, res, body) => {
      const { user } = auth(req);
      const days = body.expiresInDays;
      const scopes = body.scopes;
      if (![7, 30, 90, 365].includes(days as number) || !Array.isArray(scopes) || !scopes.length)
        throw new Problem(400, 'Bad Request', 'The request is not valid.');
      const secret = `wm_pat_${randomBytes(24).toString('base64url')}`;
      const pat: Pat = {
        id: randomUUID(),
        userId: user.id,
        name: str(body, 'name'),
        prefix: secret.slice(0, 12),
        scopes: scopes as string[],
        createdAt: now(),
        expiresAt: new Date(Date.now() + (days as number) * 86_400_000).toISOString(),
        lastUsedAt: null,
      };
      pats.set(pat.id, pat);
      send(res, 201, { token: secret, ...patMeta(pat) });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/tokens\/([^/]+)$/,
    (req, res, _body, id) => {
      const { user } = auth(req);
      if (pats.get(id)?.userId !== user.id) throw new Problem(404, 'Not Found', 'No such token.');
      pats.delete(id);
      send(res, 204);
    },
  ],
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
  // No provider here, so nothing is ever linked.
  [
    'GET',
    /^\/api\/v1\/me\/identities$/,
    (req, res) => {
      auth(req);
      send(res, 200, { identities: [] });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/identities\/([^/]+)$/,
    (req) => {
      auth(req);
      throw new Problem(404, 'Not Found', 'There is no such identity.');
    },
  ],
  ['GET', /^\/api\/v1\/auth\/oidc$/, (_req, res) => send(res, 200, { enabled: false, name: '' })],
  [
    'GET',
    /^\/dev\/mailbox\/messages$/,
    (req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      // Newest first, as the server's.
      send(res, 200, { messages: mailbox.filter((m) => !to || m.to === to).reverse() });
    },
  ],
];

/** Answers the accounts API; calls `next` for anything else. */
export function authFixtures(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path));
  if (!route) return next();
  const param = decodeURIComponent(route[1].exec(path)?.[1] ?? '');
  (async () => {
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
    await route[2](req, res, body, param);
  })().catch((e: unknown) => {
    const p =
      e instanceof Problem ? e : new Problem(500, 'Internal Server Error', 'Something broke.');
    if (!(e instanceof Problem)) console.error(e);
    res.statusCode = p.status;
    res.setHeader('content-type', 'application/problem+json');
    res.end(
      JSON.stringify({
        type: p.type,
        title: p.title,
        status: p.status,
        detail: p.detail,
        instance: path,
        ...p.extra,
      }),
    );
  });
}
