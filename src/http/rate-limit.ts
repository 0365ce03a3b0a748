/**
 * Rate limiting (@fastify/rate-limit). Only routes that declare `config.rateLimit` are
 * limited; reading roadmaps pays nothing. Counters live in Redis when REDIS_URL is set, so
 * every instance behind the load balancer shares them, and in this process otherwise.
 *
 * Policy when Redis is unreachable: each instance falls back to counting in its own memory
 * (limits stay on, at most N instances times looser) and logs a warning once per minute;
 * the server never fails a request because the limiter's store is down.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
// The plugin's own stores; it does not export them, so they are loaded from its files.
// @ts-expect-error untyped CommonJS module inside @fastify/rate-limit
import LocalStoreModule from '@fastify/rate-limit/store/LocalStore.js';
// @ts-expect-error untyped CommonJS module inside @fastify/rate-limit
import RedisStoreModule from '@fastify/rate-limit/store/RedisStore.js';
import { AppError } from './errors.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface Store {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  read?(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(routeOptions: Record<string, unknown>): Store;
}
type StoreClass = new (...args: unknown[]) => Store;
const LocalStore = LocalStoreModule as StoreClass;
const RedisStore = RedisStoreModule as StoreClass;
interface StoreParams {
  continueExceeding: boolean;
  exponentialBackoff: boolean;
}

/** A Redis store that counts locally while Redis does not answer. */
function fallbackStoreClass(redis: Redis, warn: (error: Error) => void) {
  let lastWarning = 0;
  const warnSometimes = (error: Error) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    warn(error);
  };
  class FallbackStore implements Store {
    constructor(
      params: StoreParams,
      private readonly primary: Store = new RedisStore(
        params.continueExceeding,
        params.exponentialBackoff,
        redis,
        'waymark:ratelimit:',
      ),
      private readonly local: Store = new LocalStore(
        params.continueExceeding,
        params.exponentialBackoff,
      ),
    ) {}
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      this.primary.incr(
        key,
        (error, result) => {
          if (!error) return cb(null, result);
          warnSometimes(error);
          this.local.incr(key, cb, timeWindow, max);
        },
        timeWindow,
        max,
      );
    }
    child(routeOptions: Record<string, unknown>): Store {
      return new FallbackStore(
        routeOptions as unknown as StoreParams,
        this.primary.child(routeOptions),
        this.local.child(routeOptions),
      );
    }
  }
  return FallbackStore;
}

export interface RateLimitSettings {
  redis: Redis | undefined;
}

export const rateLimiting = fp(
  async (app: FastifyInstance, { redis }: RateLimitSettings) => {
    await app.register(rateLimit, {
      global: false,
      // IETF RateLimit-* headers, plus Retry-After on 429.
      enableDraftSpec: true,
      ...(redis
        ? {
            store: fallbackStoreClass(redis, (error) =>
              app.log.warn({ err: error }, 'rate limiter: Redis unreachable, counting in memory'),
            ) as unknown as RateLimitOptions['store'],
          }
        : {}),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'too_many_requests',
          `Too many requests; try again in ${context.after}.`,
          {},
          { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        ),
    });
  },
  { name: 'rate-limiting' },
);

/**
 * Limits per client address: the sensitive endpoints (sign-in, sign-up, reset, tokens) and
 * public reads that cost database queries (the public profile and its card).
 */
export const strictLimit = (max: number, timeWindow = '1 minute') => ({
  rateLimit: { max, timeWindow },
});

/** A per-key limiter (e.g. per account) for use inside a handler. */
export function keyedLimiter(
  app: FastifyInstance,
  options: { max: number; timeWindow: string; name: string },
): (request: FastifyRequest, key: string) => Promise<void> {
  // createRateLimit derives the key from the request; the key for this check rides along here.
  const keys = new WeakMap<FastifyRequest, string>();
  const check = app.createRateLimit({
    max: options.max,
    timeWindow: options.timeWindow,
    keyGenerator: (request: FastifyRequest) => `${options.name}:${keys.get(request) ?? ''}`,
  });
  return async (request, key) => {
    keys.set(request, key);
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new AppError(
        'too_many_requests',
        'Too many attempts for this account; try again later.',
        {},
        { 'retry-after': String(result.ttlInSeconds ?? 60) },
      );
    }
  };
}
