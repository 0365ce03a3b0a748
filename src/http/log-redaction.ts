/**
 * What a request looks like in the log. Credentials never reach it: the Authorization and
 * Cookie headers are censored (see loggerOptions), and so are the values of query parameters
 * that carry one-time secrets — password reset and verification links, MFA challenges,
 * OAuth codes — which would otherwise sit in every "incoming request" line.
 */
import type { FastifyRequest } from 'fastify';

const secretParameter = /token|code|mfa|secret|password|state/i;

/** The URL with the value of every secret-looking query parameter replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        /* keep the raw name */
      }
      return eq !== -1 && secretParameter.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${params.join('&')}`;
}

/** Fastify's request serializer, with the URL redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
