/**
 * Who may read and change personal links: the signed-in learner, their own only (the path
 * names the caller's topic; a link id of someone else's is not found). Links belong with
 * progress and notes, so they take the same scopes: `progress:read` to list,
 * `progress:write` to add or remove; a browser session holds both.
 */
import { requires } from '../../http/access.js';

export const linksPolicy = {
  read: requires({ scopes: ['progress:read'] }),
  write: requires({ scopes: ['progress:write'] }),
} as const;
