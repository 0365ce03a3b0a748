/**
 * The HTTP plumbing every route shares: a problem to throw (the router turns it into
 * application/problem+json, as the server does), JSON replies and body parsing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The server's problem types (src/http/problem.ts), which the pages react to. */
export const TAG = 'tag:waymark.dev,2026:problems/';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

/** `param` is the route pattern's first capture (an id in the path), decoded; else empty. */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
  param: string,
) => Promise<void> | void;

/** Method, anchored path pattern, handler. */
export type Route = [string, RegExp, Handler];

export function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  if (body === undefined) return void res.end();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** The body as an object: JSON, or form-encoded (how `waymark login` calls the token endpoint). */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new Problem(400, 'Bad Request', 'The body must be a JSON object.');
}

/** A string field, with the validation problem the server gives when it is not one. */
export function str(body: Record<string, unknown>, field: string, optional = false): string {
  const v = body[field];
  if (typeof v === 'string') return v;
  if (optional && v === undefined) return '';
  throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
    errors: [{ field, message: `${field} must be a string` }],
  });
}
