/**
 * Who may do what with public profiles. Reading one's own settings needs `profile:read` with
 * a token; changing them only a browser session: making one's progress public is the
 * learner's own decision, never a script's. A public profile and its card are public
 * routes: the profile being on is what allows them (the service answers 404 otherwise).
 * Each costs database queries, and anyone may call them: they are limited per client address
 * (the 60-second cache helps only where a shared cache sits in front).
 */
import { publicRoute, requires } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

/** Requests a minute per client address to the public profile and card routes. */
export const PUBLIC_PROFILE_LIMIT = 120;

export const profilesPolicy = {
  readSettings: requires({ scopes: ['profile:read'] }),
  writeSettings: requires({ via: ['session'] }),
  readPublic: { ...publicRoute, ...strictLimit(PUBLIC_PROFILE_LIMIT) },
  readCard: { ...publicRoute, ...strictLimit(PUBLIC_PROFILE_LIMIT) },
} as const;
