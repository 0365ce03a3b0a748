/** Recognizing the database errors that are answers rather than failures. */

/** The PostgreSQL error the driver reports, PGlite or pg; Drizzle may wrap it in `cause`. */
function databaseError(error: unknown): { code: string; constraint?: unknown } | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code } = e as { code?: unknown };
    // SQLSTATE codes are five characters; Node's own codes (ECONNRESET...) are not.
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return e as { code: string; constraint?: unknown };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether `error` is PostgreSQL's unique_violation (23505), on `constraint` when given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = databaseError(error);
  return found?.code === '23505' && (constraint === undefined || found.constraint === constraint);
}

/**
 * Whether PostgreSQL refused text it cannot store: NUL (22021) or a character the database
 * encoding lacks (22P05). That is the client's bad input, not a failure of the server.
 */
export function isUnstorableText(error: unknown): boolean {
  const code = databaseError(error)?.code;
  return code === '22021' || code === '22P05';
}
