/**
 * Rate limits shared through Redis by several instances, and the policy when Redis is down:
 * each instance keeps limiting in its own memory and keeps serving.
 *
 * Needs a Redis server: REDIS_URL (CI sets it; without it these tests are skipped locally
 * and fail in CI).
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.CI) throw new Error('CI must set REDIS_URL for the Redis tests');
const [target] = databaseTargets;

/** A documentation address (RFC 5737) of its own per run, so shared counters never collide. */
const freshIp = () => `203.0.113.${randomInt(1, 255)}`;

async function signups(t: TestApp, ip: string, count: number): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < count; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: uniqueEmail('redis'), password: 'a fine passphrase' },
      remoteAddress: ip,
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe.skipIf(!redisUrl)('rate limits through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp(target!, { redisUrl });
    b = await createTestApp(target!, { redisUrl });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('two instances share one budget per client', async () => {
    const ip = `198.18.${randomInt(0, 255)}.${randomInt(1, 255)}`;
    expect(await signups(a, ip, 3)).toEqual([202, 202, 202]);
    expect(await signups(b, ip, 3)).toEqual([202, 202, 429]);
    expect(await signups(a, ip, 1)).toEqual([429]);
  });
});

describe('rate limits when Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    t = await createTestApp(target!, { redisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('keeps serving and falls back to limiting in memory', async () => {
    const ip = freshIp();
    expect(await signups(t, ip, 6)).toEqual([202, 202, 202, 202, 202, 429]);
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});
