/**
 * `Idempotency-Key` on POST, as Stripe does it: a client that retries a POST with the same
 * key gets the first response again (`Idempotent-Replayed: true`) instead of a second
 * execution; the same key on another request is refused (422), and while the first request
 * is still running, 409. Keys are kept 24 hours. See docs/adr/0013-idempotency-keys.md.
 *
 * Honoured on the POST routes that need a signed-in user, where the key is scoped to that
 * user; the anonymous ones (sign-up, sign-in, the OAuth protocol) ignore it. The claim runs
 * as the route's last preHandler, after authentication, CSRF and validation: a replay needs
 * the same credentials, and a refused request stores nothing. The response is captured in
 * onSend. A POST without the header costs no database work; other methods get no hook.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { Type, type TSchema } from 'typebox';
import { AppError } from './errors.js';
import { open, requestHash, seal, sha256Hex } from './idempotency-crypto.js';
import { ProblemSchema } from './problem.js';

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;
/** A claim still in flight after this long belongs to a request that died with its instance. */
export const ABANDONED_AFTER_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 500;

/** The headers replayed with the body; the others belong to one response (request id, limits). */
const REPLAYED_HEADERS = [
  'content-type',
  'content-language',
  'cache-control',
  'pragma',
  'location',
  'etag',
  'last-modified',
  'link',
  'set-cookie',
  'www-authenticate',
];

export interface Claim {
  /** Who sent it: `user:<id>`. */
  scope: string;
  keyHash: string;
  method: string;
  path: string;
  requestHash: string;
  createdAt: Date;
  expiresAt: Date;
}
export type ClaimRef = Pick<Claim, 'scope' | 'keyHash' | 'createdAt'>;

export interface StoredKey {
  method: string;
  path: string;
  requestHash: string;
  /** Null while the first request is in flight. */
  status: number | null;
  response: string | null;
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: StoredKey };

/** Where claims live: src/http/idempotency.repository.ts (PostgreSQL, shared by instances). */
export interface IdempotencyStore {
  claim(claim: Claim, abandonedBefore: Date): Promise<ClaimResult>;
  complete(claim: ClaimRef, status: number, response: string): Promise<boolean>;
  release(claim: ClaimRef): Promise<void>;
  pruneExpired(now: Date, limit: number): Promise<number>;
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  now?: () => Date;
}

interface StoredResponse {
  headers: Record<string, string | string[]>;
  /** Base64 of the body's bytes. */
  body: string;
}

export const IdempotencyKeyHeader = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x20-\\x7E]+$',
  description:
    'Makes this POST safe to retry: send a new random value (a UUID) per operation and the ' +
    'same value on each retry. The same key with the same method, path and body within 24 ' +
    'hours answers the first response again, with `Idempotent-Replayed: true`, without doing ' +
    'anything; with another body or path it is 422, and 409 while the first request is still ' +
    'running. Keys belong to the signed-in user; 5xx and 429 responses are not kept, so ' +
    'those can be retried with the same key. 1 to 255 printable ASCII characters. Only ' +
    'routes that need a signed-in user take it: anonymous POSTs ignore it.',
});

const HEADER_NAME = 'Idempotency-Key';

/** Adds the header to a route's schema: Fastify validates it and the OpenAPI lists it. */
function documented(schema: RouteOptions['schema']): RouteOptions['schema'] {
  const headers = (schema?.headers ?? Type.Object({})) as TSchema & {
    properties?: Record<string, TSchema>;
  };
  const response = schema?.response as Record<string, unknown> | undefined;
  return {
    ...schema,
    headers: {
      ...headers,
      type: 'object',
      properties: { ...headers.properties, [HEADER_NAME]: Type.Optional(IdempotencyKeyHeader) },
    },
    ...(response && {
      response: { 400: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema, ...response },
    }),
  };
}

const bodyBytes = (payload: unknown): Buffer | undefined =>
  payload === null || payload === undefined
    ? Buffer.alloc(0)
    : typeof payload === 'string'
      ? Buffer.from(payload, 'utf8')
      : Buffer.isBuffer(payload)
        ? payload
        : undefined; // a stream: not kept

function replayedHeaders(reply: FastifyReply): Record<string, string | string[]> {
  const all = reply.getHeaders();
  const kept: Record<string, string | string[]> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = all[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value : String(value);
  }
  return kept;
}

/** What the sealed response is bound to: its row and its status. */
const sealContext = (claim: Omit<Claim, 'createdAt' | 'expiresAt'>, status: number) =>
  [claim.scope, claim.method, claim.path, claim.requestHash, status].join('\n');

export const idempotency = fp(
  async (app: FastifyInstance, { store, now = () => new Date() }: IdempotencyOptions) => {
    const claimed = new WeakMap<FastifyRequest, { key: string; claim: Claim }>();
    let lastPrune = -Infinity;

    /** Deletes a batch of expired keys, at most once a minute per instance. */
    async function pruneSometimes(at: Date, log: FastifyBaseLogger) {
      if (at.getTime() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = at.getTime();
      try {
        await store.pruneExpired(at, PRUNE_BATCH);
      } catch (error) {
        log.warn({ err: error }, 'idempotency: could not prune expired keys');
      }
    }

    async function claimKey(request: FastifyRequest, reply: FastifyReply) {
      const key = request.headers['idempotency-key'];
      // Without a key, or with a request refused by validation, nothing is kept.
      if (typeof key !== 'string' || request.validationError || !request.auth) return;
      const at = now();
      const claim: Claim = {
        scope: `user:${request.auth.userId}`,
        keyHash: sha256Hex(key),
        method: request.method,
        path: request.url.split('?')[0]!,
        requestHash: requestHash(request.query, request.body),
        createdAt: at,
        expiresAt: new Date(at.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      };
      const result = await store.claim(claim, new Date(at.getTime() - ABANDONED_AFTER_MS));
      if (result.claimed) {
        claimed.set(request, { key, claim });
        await pruneSometimes(at, request.log);
        return;
      }
      const { existing } = result;
      if (
        existing.method !== claim.method ||
        existing.path !== claim.path ||
        existing.requestHash !== claim.requestHash
      ) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for another request (method, path or body) within ' +
            'the last 24 hours; send a new key for a new request.',
        );
      }
      if (existing.status === null || existing.response === null) {
        throw new AppError(
          'idempotency_key_in_use',
          'A request with this Idempotency-Key is still running; retry in a moment.',
          {},
          { 'retry-after': '1' },
        );
      }
      const stored = JSON.parse(
        open(key, sealContext(claim, existing.status), existing.response).toString('utf8'),
      ) as StoredResponse;
      reply.code(existing.status).headers(stored.headers).header('idempotent-replayed', 'true');
      return reply.send(Buffer.from(stored.body, 'base64'));
    }

    async function capture(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const held = claimed.get(request);
      if (!held) return payload;
      claimed.delete(request);
      const { key, claim } = held;
      const status = reply.statusCode;
      const body = bodyBytes(payload);
      try {
        // 5xx and 429 say "try again": the key is freed for that retry.
        if (status >= 500 || status === 429 || body === undefined) {
          await store.release(claim);
          return payload;
        }
        const response: StoredResponse = {
          headers: replayedHeaders(reply),
          body: body.toString('base64'),
        };
        const sealed = seal(key, sealContext(claim, status), Buffer.from(JSON.stringify(response)));
        if (!(await store.complete(claim, status, sealed))) {
          request.log.warn('idempotency: the claim was taken over before the response was kept');
        }
      } catch (error) {
        // The response goes out regardless; the claim is freed so a retry is not stuck on 409
        // (or, if even that fails, it is taken over once abandoned).
        request.log.error({ err: error }, 'idempotency: could not keep the response');
        await store.release(claim).catch(() => undefined);
      }
      return payload;
    }

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (![route.method].flat().includes('POST') || !access || access === 'public') return;
      route.schema = documented(route.schema);
      route.preHandler = [...(route.preHandler ? [route.preHandler].flat() : []), claimKey];
      route.onSend = [...(route.onSend ? [route.onSend].flat() : []), capture];
    });
  },
  { name: 'idempotency', dependencies: ['authentication'] },
);
