/**
 * Who may read and tick a topic's key concepts: the signed-in learner, their own ticks only
 * (the path names no user). Ticks are progress, so they take its scopes: `progress:read` to
 * read the checklist, `progress:write` to tick or untick; a browser session holds both.
 */
import { requires } from '../../http/access.js';

export const conceptsPolicy = {
  read: requires({ scopes: ['progress:read'] }),
  write: requires({ scopes: ['progress:write'] }),
} as const;
