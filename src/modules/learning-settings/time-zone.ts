/**
 * Checking a learner's time zone. The zone decides where their days and weeks begin, both in
 * JavaScript (Intl) and in SQL (`at time zone`), so only IANA region names are accepted: a
 * bare offset such as "+01:00" means different things to the two (POSIX flips its sign).
 */

/**
 * The zone's canonical IANA name ("europe/paris" -> "Europe/Paris", "utc" -> "UTC"), or
 * undefined when Intl does not know it or it is not a name.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return undefined;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
      .timeZone;
    return /^[A-Za-z]/.test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}
