/**
 * Accounts for the browser tests, made from Node against the server under test: signed up and
 * verified through the API, the mail read from the dev mailbox (which answers loopback only, so
 * Node reads it, never a page: see browser.ts), sessions for API calls from Node, and the
 * sign-in form filled in a page.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { asSession, sessionCookieOf, type BrowserSession } from './accounts.js';

/** The path of an email verification link, as mailed. */
export const VERIFY_LINK = /\/verify-email\?token=[A-Za-z0-9_-]+/;

export interface Account {
  email: string;
  password: string;
}

export interface CallOptions {
  /** Sends the session's cookie and CSRF token. */
  session?: BrowserSession;
  /** Sent last, so they win over the defaults. */
  headers?: Record<string, string>;
}

export interface BrowserAccounts {
  /** Unique to the file and the run, so that runs against one server never collide. */
  readonly run: string;
  /** A new address per call and run. */
  uniqueEmail: (who: string) => string;
  /** Long and random, so never on a common-password list; `word` ends it. */
  newPassword: (word?: string) => string;
  /** A JSON request from Node (content-type only when there is a body). */
  call: (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<Response>;
  post: (path: string, body: unknown, options?: CallOptions) => Promise<Response>;
  /** The path of the newest link matching `pattern` mailed to `to` that was not used yet. */
  mailedLink: (to: string, pattern?: RegExp) => Promise<string>;
  /** Signs up through the API (202) and follows the mailed verification link (204). */
  verifiedAccount: (options?: Partial<Account> & { displayName?: string }) => Promise<Account>;
  /** Signs in through the API (200): a session for calls from Node as the account. */
  sessionOf: (account: Account) => Promise<BrowserSession>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Accounts on `server`, whose url is read at each call (the suite starts in beforeAll). */
export function browserAccounts(server: { readonly url: string }): BrowserAccounts {
  const run = `${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
  let emails = 0;
  const seenLinks = new Set<string>();

  const uniqueEmail = (who: string): string => `${who}.${run}.${++emails}@example.com`;
  const newPassword = (word = 'trail'): string => `wm ${randomUUID().slice(0, 18)} ${word}`;

  const call: BrowserAccounts['call'] = (method, path, body, { session, headers } = {}) =>
    fetch(server.url + path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session ? asSession(session) : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post: BrowserAccounts['post'] = (path, body, options) => call('POST', path, body, options);

  const mailedLink: BrowserAccounts['mailedLink'] = async (to, pattern = VERIFY_LINK) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await fetch(`${server.url}/dev/mailbox/messages?to=${encodeURIComponent(to)}`);
      expect(res.status).toBe(200);
      const { messages } = (await res.json()) as { messages: { to: string; text: string }[] };
      for (const m of messages) {
        const link = pattern.exec(m.text)?.[0];
        if (m.to === to && link && !seenLinks.has(link)) {
          seenLinks.add(link);
          return link;
        }
      }
      if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern}`);
      await sleep(250);
    }
  };

  return {
    run,
    uniqueEmail,
    newPassword,
    call,
    post,
    mailedLink,
    async verifiedAccount({
      email = uniqueEmail('learner'),
      password = newPassword(),
      displayName,
    } = {}) {
      expect((await post('/api/v1/auth/signup', { email, password, displayName })).status).toBe(
        202,
      );
      const token = new URL(await mailedLink(email), server.url).searchParams.get('token');
      expect((await post('/api/v1/auth/verify-email', { token })).status).toBe(204);
      return { email, password };
    },
    async sessionOf({ email, password }) {
      const login = await post('/api/v1/auth/login', { email, password });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      return { cookie: sessionCookieOf(login.headers.getSetCookie()), csrfToken };
    },
  };
}

/** Fills the sign-in form on `page` and submits it. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
