/**
 * Requests that differ one from the next, for load that a real crowd would make: sign-ins
 * for a pool of accounts, each from an address of its own (as a reverse proxy reports it in
 * X-Forwarded-For), so per-address and per-account limits see what they would in production;
 * and a walk of many clients over many paths, for writes that must each change something.
 */

export interface Variation {
  /** Request bodies, sent in turn. */
  bodies?: readonly string[];
  /** Give each request an X-Forwarded-For address of its own. */
  spreadAddresses?: boolean;
  walk?: Walk;
}

/**
 * The n-th request is client n % C's (its headers), on path (n / C) % P, with body
 * (n / (C × P)) % B: each client visits each path once every C × P requests, with the next
 * body each time. With bodies that each change what the one before set (three statuses in
 * turn, say), every request changes something, even when a run stopped with a request
 * built but never sent, provided C × P is well above the number of connections (so a
 * client's previous request to a path has been answered).
 */
export interface Walk {
  clients: readonly Record<string, string>[];
  paths: readonly string[];
  bodies: readonly string[];
}

/** The part of an autocannon request that varies. */
export interface TemplateRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The n-th address of 10.0.0.0/8 (n from 0): distinct for the first 16.7 million requests. */
export function forwardedAddress(n: number): string {
  const host = (n % 0xff_ff_ff) + 1;
  return `10.${host >>> 16}.${(host >>> 8) & 0xff}.${host & 0xff}`;
}

/**
 * autocannon's `setupRequest`: each call makes the next request. The count runs on across
 * calls (warm-up and measured run alike), so no address is used twice.
 */
export function varyRequests(variation: Variation, counter = { next: 0 }) {
  return (request: TemplateRequest): TemplateRequest => {
    const n = counter.next++;
    const { bodies, spreadAddresses, walk } = variation;
    if (walk) return walked(walk, n, request);
    return {
      ...request,
      headers: {
        ...request.headers,
        ...(spreadAddresses ? { 'x-forwarded-for': forwardedAddress(n) } : {}),
      },
      ...(bodies && bodies.length > 0 ? { body: bodies[n % bodies.length] } : {}),
    };
  };
}

function walked(walk: Walk, n: number, request: TemplateRequest): TemplateRequest {
  const clients = walk.clients.length;
  const paths = walk.paths.length;
  return {
    ...request,
    headers: { ...request.headers, ...walk.clients[n % clients] },
    path: walk.paths[Math.floor(n / clients) % paths],
    body: walk.bodies[Math.floor(n / (clients * paths)) % walk.bodies.length],
  };
}
