/**
 * Request ids: an incoming X-Request-Id is kept when it looks like an id (so a trace crosses
 * the load balancer), otherwise a new one is made; every response carries it back
 * (src/http/security-headers.ts sets the header).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

export function genReqId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && acceptable.test(incoming) ? incoming : randomUUID();
}
