/**
 * Typed errors. Services and routes throw AppError with a code; src/http/problem-handler.ts
 * is the one place that turns any error into an RFC 9457 problem+json response.
 */

const statusByCode = {
  bad_request: 400,
  validation_failed: 400,
  invalid_token: 400,
  mfa_required: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  insufficient_scope: 403,
  reauthentication_required: 403,
  email_not_verified: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  idempotency_key_in_use: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  invalid_import: 422,
  precondition_required: 428,
  too_many_requests: 429,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

/**
 * Codes that only restate the HTTP status keep `about:blank` as their problem type (RFC 9457
 * section 4.2.1); every other code names a Waymark problem type a client can act on.
 */
const plainCodes = new Set<ErrorCode>([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'not_acceptable',
  'conflict',
  'precondition_failed',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_required',
  'too_many_requests',
  'service_unavailable',
]);

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extension members added to the problem document (RFC 9457 section 3.2). */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong with the problem, e.g. Allow on a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusByCode[code];
  }

  /** Whether the problem document gets a type of its own rather than about:blank. */
  get typed(): boolean {
    return !plainCodes.has(this.code) || Object.keys(this.extensions).length > 0;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
