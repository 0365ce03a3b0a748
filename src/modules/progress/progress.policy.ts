/**
 * Who may read and change progress: the signed-in learner, their own only (every route acts
 * on the caller's progress; no route names another user). A token needs `progress:read` to
 * read and `progress:write` to change; a browser session holds both.
 *
 * Also who may say where a change came from: the history records it, so a client may not
 * pass a browser change off as something else, nor a token's change as a browser's.
 */
import { requires, type Credential } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import type { ProgressSource } from '../../db/progress.schema.js';
import type { ClaimedSource } from './progress.schemas.js';

export const progressPolicy = {
  read: requires({ scopes: ['progress:read'] }),
  setStatus: requires({ scopes: ['progress:write'] }),
  merge: requires({ scopes: ['progress:write'] }),
  /** Recording a visit changes what the next visit shows as new, so it is a write. */
  visit: requires({ scopes: ['progress:write'] }),
} as const;

/** `web` for a browser session; `api` for a bearer token unless it says it is the CLI. */
export function sourceOf(via: Credential, claimed: ClaimedSource): ProgressSource {
  if (via === 'session') {
    if (claimed !== undefined) {
      throw new AppError(
        'bad_request',
        'X-Waymark-Source is for clients with a bearer token; browser changes are recorded as web.',
      );
    }
    return 'web';
  }
  return claimed ?? 'api';
}
