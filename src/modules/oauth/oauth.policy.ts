/**
 * Who may call the OAuth endpoints. The protocol endpoints are public (the CLI has no
 * session) and rate limited per client address; approving a device, and seeing or ending
 * signed-in clients, needs a browser session.
 */
import { publicRoute, requires } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

const session = requires({ via: ['session'] });

export const oauthPolicy = {
  deviceCode: { ...publicRoute, ...strictLimit(10) },
  // A polling CLI asks every 5 seconds; several may share an address.
  token: { ...publicRoute, ...strictLimit(120) },
  revoke: { ...publicRoute, ...strictLimit(30) },
  // User codes are short: bound how fast one address can guess at them.
  lookupDevice: { ...session, ...strictLimit(20) },
  approveDevice: { ...session, ...strictLimit(10) },
  listClients: session,
  revokeClient: session,
  jwks: publicRoute,
} as const;
