/**
 * Requests that differ one from the next, for load that a real crowd would make: sign-ins
 * for a pool of accounts, each from an address of its own (as a reverse proxy reports it in
 * X-Forwarded-For), so per-address and per-account limits see what they would in production.
 */

export interface Variation {
  /** Request bodies, sent in turn. */
  bodies?: readonly string[];
  /** Give each request an X-Forwarded-For address of its own. */
  spreadAddresses?: boolean;
}

/** The part of an autocannon request that varies. */
export interface TemplateRequest {
  method?: string;
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
    const { bodies, spreadAddresses } = variation;
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
