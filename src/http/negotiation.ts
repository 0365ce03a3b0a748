/**
 * Proactive content negotiation (RFC 9110 section 12.5.1): pick the best of the media types a
 * resource offers for the request's Accept header, q-values included. No Accept header means
 * the first (default) type; nothing acceptable is a 406 that lists what is available.
 */
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { AppError } from './errors.js';

/**
 * Clients send few distinct Accept headers, so answers are remembered per offer (the same
 * array each time: routes keep theirs in a constant) and per header. Each cache is bounded:
 * a client sending endless variants only costs recomputation. Looking up the header alone,
 * not a key built from offer and header, keeps a cached answer to a Map lookup.
 */
const remembered = new WeakMap<readonly string[], Map<string, string | null>>();
const REMEMBER_AT_MOST = 500;

function choose(accept: string, available: readonly string[]): string | undefined {
  let answers = remembered.get(available);
  if (answers === undefined) {
    answers = new Map();
    remembered.set(available, answers);
  }
  const known = answers.get(accept);
  if (known !== undefined) return known ?? undefined;
  // Parameters other than q (e.g. charset=utf-8) do not change which representation is
  // meant; the negotiator would otherwise insist on them matching exactly.
  const simplified = accept
    .split(',')
    .map((range) =>
      range
        .split(';')
        .filter((part, i) => i === 0 || /^\s*q=/i.test(part))
        .join(';'),
    )
    .join(',');
  const chosen = new Negotiator({ headers: { accept: simplified } }).mediaType([...available]);
  if (answers.size >= REMEMBER_AT_MOST) answers.clear();
  answers.set(accept, chosen ?? null);
  return chosen;
}

export function negotiate<T extends string>(request: FastifyRequest, available: readonly T[]): T {
  const accept = request.headers.accept;
  if (accept === undefined || accept.trim() === '') return available[0]!;
  const chosen = choose(accept, available);
  if (chosen === undefined) {
    throw new AppError(
      'not_acceptable',
      `None of the media types in Accept can be served. Available: ${available.join(', ')}.`,
      { available: [...available] },
    );
  }
  return chosen as T;
}
