/**
 * Who may do what with public profiles. Reading one's own settings needs `profile:read` with
 * a token; changing them only a browser session: making one's progress public is the
 * learner's own decision, never a script's. A public profile and its card are public
 * routes: the profile being on is what allows them (the service answers 404 otherwise).
 */
import { publicRoute, requires } from '../../http/access.js';

export const profilesPolicy = {
  readSettings: requires({ scopes: ['profile:read'] }),
  writeSettings: requires({ via: ['session'] }),
  readPublic: publicRoute,
  readCard: publicRoute,
} as const;
