/**
 * The OAuth clients Waymark knows. There is one, the `waymark` command line: a public client
 * (it cannot keep a secret), so it proves nothing but its id and only uses the device grant.
 */
import { scopes as allScopes, type Scope } from '../../http/access.js';
import { oauthError } from './oauth.errors.js';

export interface OAuthClient {
  id: string;
  name: string;
  /** What it may ask for; also what it gets when it asks for nothing in particular. */
  scopes: readonly Scope[];
}

export const CLI_CLIENT_ID = 'waymark-cli';

const clients: ReadonlyMap<string, OAuthClient> = new Map([
  [
    CLI_CLIENT_ID,
    {
      id: CLI_CLIENT_ID,
      name: 'Waymark CLI',
      scopes: ['progress:read', 'progress:write', 'profile:read'],
    },
  ],
]);

export function findClient(id: string | undefined): OAuthClient | undefined {
  return id === undefined ? undefined : clients.get(id);
}

export function requireClient(id: string | undefined): OAuthClient {
  const client = findClient(id);
  if (!client) {
    throw oauthError(
      'invalid_client',
      id === undefined ? 'client_id is required.' : `Unknown client "${id}".`,
    );
  }
  return client;
}

/** A space-separated `scope` parameter, checked against what the client may have. */
export function parseScope(scope: string | undefined, allowed: readonly Scope[]): Scope[] {
  const asked = (scope ?? '').split(' ').filter(Boolean);
  if (asked.length === 0) return [...allowed];
  const unknown = asked.filter(
    (s) => !(allScopes as readonly string[]).includes(s) || !allowed.includes(s as Scope),
  );
  if (unknown.length > 0) {
    throw oauthError('invalid_scope', `Scope not available: ${unknown.join(', ')}.`);
  }
  return [...new Set(asked as Scope[])];
}
