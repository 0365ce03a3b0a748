/**
 * Who may read and change learning settings: the signed-in learner, their own only (the path
 * names no user). They shape how progress is planned and shown, so they take the progress
 * scopes: `progress:read` to read, `progress:write` to change; a browser session holds both.
 */
import { requires } from '../../http/access.js';

export const learningSettingsPolicy = {
  read: requires({ scopes: ['progress:read'] }),
  update: requires({ scopes: ['progress:write'] }),
} as const;
