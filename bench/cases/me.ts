/**
 * An authenticated read: `GET /api/v1/me` with a session cookie, and with a JWT access token
 * from the OAuth device grant. Targets from the issue: at least 0.5 of the bare route's
 * requests per second, and a p99 of at most 10 ms, with the credential checks served from
 * their cache (AUTH_CACHE_TTL_MS, 5 s by default), as a busy client's requests are.
 */
import { randomBytes } from 'node:crypto';
import { cliBearer, createUsers, signIn } from '../accounts.js';
import type { Comparison, ComparisonSet } from '../compare.js';
import { comparable, record } from '../recording.js';
import { clientHeaders, type Replay, type RunningWaymark } from '../servers.js';

export const mePath = '/api/v1/me';
export const meTargets = { ratio: 0.5, p99Ms: 10 };

export async function meCases({ url, waymark }: RunningWaymark): Promise<ComparisonSet> {
  const email = 'bench-me@example.test';
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createUsers(waymark, [email], await waymark.security.hasher.hash(password));
  const session = await signIn(url, email, password);
  const cookieHeaders = { ...clientHeaders, cookie: session.cookie };

  const comparison = (name: string, headers: () => Promise<Record<string, string>>) => ({
    name,
    path: mePath,
    status: 200,
    targets: meTargets,
    headers,
  });
  const bySession = comparison('/me session cookie', () => Promise.resolve(cookieHeaders));
  const sessionAnswer = await record(url, await asChecked(bySession));
  const comparisons: Comparison[] = [
    { ...bySession, bodyBytes: Buffer.byteLength(sessionAnswer.body) },
  ];
  const replays: Replay[] = [{ path: mePath, status: 200, response: sessionAnswer }];
  const notes: string[] = [];

  // The bearer half needs the OAuth module wired into the app; without it, say so and go on.
  try {
    const byToken = comparison('/me bearer JWT', await cliBearer(url, session));
    const tokenAnswer = await record(url, await asChecked(byToken));
    if (comparable(tokenAnswer) !== comparable(sessionAnswer)) {
      replays.unshift({
        path: mePath,
        status: 200,
        response: tokenAnswer,
        when: (headers) => headers.authorization !== undefined,
      });
    }
    comparisons.push({ ...byToken, bodyBytes: Buffer.byteLength(tokenAnswer.body) });
  } catch (error) {
    notes.push(`The /me bearer case did not run: ${(error as Error).message}`);
  }
  return { comparisons, replays, notes };
}

/** A comparison as record() takes it: with its headers resolved. */
async function asChecked(c: Pick<Comparison, 'path' | 'status' | 'headers'>) {
  return { path: c.path, status: c.status, headers: await c.headers() };
}
