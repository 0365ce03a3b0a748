/**
 * Who may call each route of external sign-in. Starting and finishing a sign-in are public
 * (and rate limited per address); linked identities are managed from a browser session.
 *
 * Linking is started from the same public route, so its rule is checked in the handler:
 * adding a way into an account needs a session that signed in within the last 10 minutes, as
 * turning MFA on or off does, so a briefly unattended browser cannot be given a back door.
 */
import { publicRoute, requires, type ProtectedAccess } from '../../http/access.js';
import { strictLimit } from '../../http/rate-limit.js';

const session = requires({ via: ['session'] });

export const oidcPolicy = {
  status: publicRoute,
  start: { ...publicRoute, ...strictLimit(20) },
  callback: { ...publicRoute, ...strictLimit(20) },
  listIdentities: session,
  unlinkIdentity: session,
} as const;

/** Required of the caller of `start` with `intent=link`. */
export const linkAccess: ProtectedAccess = { user: true, via: ['session'], fresh: true };
/** Of the caller of `callback` finishing a link: still signed in, as the same user. */
export const signedIn: ProtectedAccess = { user: true, via: ['session'] };
