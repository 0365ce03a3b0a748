/**
 * Who may read and write notes: the signed-in learner, their own only (the path names no
 * user; it is always the caller's note). Notes belong with progress, so they take its
 * scopes: `progress:read` to read, `progress:write` to write; a browser session holds both.
 */
import { requires } from '../../http/access.js';

export const notesPolicy = {
  read: requires({ scopes: ['progress:read'] }),
  write: requires({ scopes: ['progress:write'] }),
} as const;
