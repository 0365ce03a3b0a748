/**
 * Typed errors. Services and routes throw AppError with a code; src/http/problem-handler.ts
 * is the one place that turns any error into an RFC 9457 problem+json response.
 */

const statusByCode = {
  bad_request: 400,
  validation_failed: 400,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  payload_too_large: 413,
  unsupported_media_type: 415,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

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
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
