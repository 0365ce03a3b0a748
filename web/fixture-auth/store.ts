/**
 * The fixture's whole state: plain maps in this process's memory, shared by every route module
 * (ES modules are singletons) and gone when the dev server stops. Passwords are kept as typed:
 * this is a stand-in to click through, never a place for real accounts.
 */
import { randomBytes } from 'node:crypto';

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  password: string;
  emailVerified: boolean;
  createdAt: string;
  mfaSecret: string | null;
  pendingSecret: string | null;
  recoveryCodes: string[];
  lastTotpStep: number;
}
export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  signedInAt: number;
  ip: string | null;
  userAgent: string | null;
}
export interface Pat {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}
export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  scopes: string[];
  expiresAt: string;
  status: 'pending' | 'approved' | 'denied';
  userId: string | null;
}
/** A CLI signed in with the device grant (a token family on the server). */
export interface SignedInClient {
  id: string;
  userId: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
}

/** Users by their (lower-cased) email, the key sign-up and sign-in look them up by. */
export const users = new Map<string, User>();
export const sessions = new Map<string, Session>();
export const oneTimeTokens = new Map<string, { kind: 'verify' | 'reset'; userId: string }>();
/** Sign-ins waiting for their second factor: token to user id. */
export const mfaTokens = new Map<string, string>();
export const pats = new Map<string, Pat>();
/** Device grants by user code, the key the approval page sends. */
export const devices = new Map<string, DeviceGrant>();
export const clients = new Map<string, SignedInClient>();

export const token = (): string => randomBytes(24).toString('base64url');
export const now = (): string => new Date().toISOString();

/** Only called with ids taken from the fixture's own sessions, tokens and grants. */
export const userById = (id: string): User => [...users.values()].find((u) => u.id === id)!;
