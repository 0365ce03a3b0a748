/** Recognizing the database errors a repository turns into an answer of its own. */

/**
 * Whether `error` is PostgreSQL's unique_violation (23505), on `constraint` when given.
 * Drizzle may wrap the driver's error (pg or PGlite) in `cause`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
