/**
 * Who may export and import: the signed-in learner, their own data only (no route names a
 * user). Exporting reads progress (`progress:read` with a token); importing changes it
 * (`progress:write`); a browser session holds both. An import is the heaviest write there is
 * (up to 5 MB in one transaction), so it is also limited per client address.
 */
import { requires } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

export const portabilityPolicy = {
  export: requires({ scopes: ['progress:read'] }),
  import: { ...requires({ scopes: ['progress:write'] }), ...strictLimit(20) },
} as const;
