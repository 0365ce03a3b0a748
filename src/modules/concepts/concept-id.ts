/**
 * A concept's id in URLs, derived from its text. Ticks are stored against the text (see
 * concept_checks), so an id made from the text names the same concept for as long as its
 * wording stands, whatever the order of the list, and a reworded concept gets a new id as it
 * loses its old tick. The text itself is not used in paths: it runs to 80 characters with
 * slashes and parentheses, past the router's 100-character limit for a parameter once
 * percent-encoded.
 */
import { createHash } from 'node:crypto';

export const CONCEPT_ID_PATTERN = '^[A-Za-z0-9_-]{12}$';

export const conceptId = (text: string): string =>
  createHash('sha256').update(text).digest('base64url').slice(0, 12);
