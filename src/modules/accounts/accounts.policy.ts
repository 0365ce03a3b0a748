/**
 * Who may call each accounts route. Sign-up, sign-in and recovery are public (and rate
 * limited); everything about one's own account needs a browser session, and changes to the
 * second factor need a recent sign-in as well. `/me` is also readable with a token.
 */
import { publicRoute, requires } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

const session = requires({ via: ['session'] });

export const accountsPolicy = {
  signup: { ...publicRoute, ...strictLimit(5) },
  verifyEmail: { ...publicRoute, ...strictLimit(10) },
  resendVerification: { ...publicRoute, ...strictLimit(3) },
  login: { ...publicRoute, ...strictLimit(10) },
  loginMfa: { ...publicRoute, ...strictLimit(10) },
  forgotPassword: { ...publicRoute, ...strictLimit(3) },
  resetPassword: { ...publicRoute, ...strictLimit(5) },
  logout: session,
  /** Answers for anyone: who is signed in in this browser, if anyone. */
  session: publicRoute,
  me: requires({ scopes: ['profile:read'] }),
  changePassword: { ...session, ...strictLimit(5) },
  listSessions: session,
  revokeSession: session,
  startTotp: requires({ via: ['session'], fresh: true }),
  confirmTotp: session,
  disableMfa: requires({ via: ['session'], fresh: true }),
  regenerateRecoveryCodes: requires({ via: ['session'], fresh: true }),
} as const;
