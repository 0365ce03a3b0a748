/**
 * Who may manage personal access tokens: the signed-in user, through a browser session only,
 * so a leaked token cannot mint more tokens. Creation is rate limited per client address.
 */
import { requires } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

const session = requires({ via: ['session'] });

export const tokensPolicy = {
  list: session,
  create: { ...session, ...strictLimit(10) },
  revoke: session,
} as const;
