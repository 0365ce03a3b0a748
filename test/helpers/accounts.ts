/**
 * Accounts for tests: a verified user made directly (no mail round trip), and a signed-in
 * browser session (cookie + CSRF token) obtained through the real sign-in route.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DevMailbox } from '../../src/mail/mailer.js';
import { createAccountsRepository } from '../../src/modules/accounts/accounts.repository.js';
import type { TestApp } from './app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export const uniqueEmail = (label = 'user') =>
  `${label}-${randomBytes(4).toString('hex')}@example.test`;

export async function createUser(
  t: TestApp,
  options: {
    email?: string;
    password?: string;
    role?: 'member' | 'admin';
    verified?: boolean;
  } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const repository = createAccountsRepository(t.core.database.db);
  const user = await repository.insertUser({
    email,
    displayName: email.split('@')[0]!,
    passwordHash: await t.security.hasher.hash(password),
    role: options.role ?? 'member',
    emailVerifiedAt: options.verified === false ? null : new Date(),
  });
  if (!user) throw new Error(`could not create ${email}`);
  return { id: user.id, email, password };
}

export interface BrowserSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in through POST /auth/login; the user must not have MFA on. */
export async function signIn(t: TestApp, email: string, password: string): Promise<BrowserSession> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    // An address of its own, so the per-address sign-in limit never trips in tests.
    remoteAddress: `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return {
    cookie: sessionCookieOf(response.headers['set-cookie']),
    csrfToken: response.json<Body>().csrfToken,
  };
}

/** The `name=value` of the session cookie in a Set-Cookie header. */
export function sessionCookieOf(header: string | string[] | undefined): string {
  const line = [header ?? []].flat().find((c) => c.startsWith('waymark_session='));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return line.split(';')[0]!;
}

/** Headers of a cookie-authenticated change. */
export const asSession = (s: BrowserSession) => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken });

/** The newest mail to an address in the dev mailbox (tests run without SMTP). */
export async function latestMail(t: TestApp, to: string, subject?: RegExp, atLeast = 1) {
  const mailbox = t.security.mailer;
  if (!(mailbox instanceof DevMailbox)) throw new Error('tests expect the dev mailbox');
  // Mail is sent after the response (so timing does not reveal accounts): wait for it.
  for (let i = 0; i < 100; i++) {
    const found = mailbox.messages({ to }).filter((m) => !subject || subject.test(m.subject));
    if (found.length >= atLeast) return found[0]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no mail to ${to}${subject ? ` matching ${subject}` : ''}`);
}

/** The token in the first Waymark link of a mail's text. */
export function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1]!;
}

/** Response bodies of the accounts API as the tests read them (one shape for all of them). */
export interface Body {
  type: string;
  title: string;
  detail: string;
  instance: string;
  errors: { field: string; message: string }[];
  status: string;
  csrfToken: string;
  mfaToken: string;
  secret: string;
  qrSvg: string;
  otpauthUri: string;
  recoveryCodes: string[];
  mfaEnabled: boolean;
  sessions: { id: string; current: boolean }[];
  events: { type: string; userId: string; ip: string }[];
  user: { email: string; emailVerified: boolean };
}
