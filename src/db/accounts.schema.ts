/**
 * Tables of accounts and security: users, sessions, one-time tokens, MFA, personal access
 * tokens, OAuth device grant and refresh-token families, signing keys, linked external
 * identities and sign-ins with the external provider in progress, brute-force counters and
 * the audit log.
 *
 * Every secret a client holds (session id, token, code) is stored only as its SHA-256 hash,
 * so a copy of the database does not let anyone sign in.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => at('created_at').notNull().defaultNow();
const id = () => uuid('id').primaryKey().defaultRandom();
const userRef = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored as entered (trimmed); unique case-insensitively through the index below. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string; null for accounts that only sign in through an external provider. */
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['member', 'admin'] })
      .notNull()
      .default('member'),
    emailVerifiedAt: at('email_verified_at'),
    /** Base32 TOTP secret; set while enrolling (pending) and after. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: at('totp_enabled_at'),
    /** The last TOTP time step accepted: a code at or before it is refused (no replay). */
    totpLastStep: integer('totp_last_step'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: userRef(),
    /** Synchronizer token for CSRF; sent to the page, compared with X-CSRF-Token. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    /** When the user last proved who they are (password, MFA): gates sensitive changes. */
    authenticatedAt: at('authenticated_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    /** Absolute end of life, whatever the activity. */
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use, expiring tokens sent by mail or held during a multi-step sign-in. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: id(),
    userId: userRef(),
    purpose: text('purpose', {
      enum: ['verify_email', 'reset_password', 'mfa_challenge'],
    }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** Wrong codes tried against an MFA challenge: it dies after a few. */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId, t.purpose)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: userRef(),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_idx').on(t.userId, t.codeHash)],
);

export const personalAccessTokens = pgTable(
  'personal_access_tokens',
  {
    id: id(),
    userId: userRef(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, shown in lists so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('pats_user_idx').on(t.userId)],
);

/** RFC 8628 device authorization requests. */
export const deviceCodes = pgTable('device_codes', {
  id: id(),
  deviceCodeHash: text('device_code_hash').notNull().unique(),
  /** Short code the user types; unique while pending. */
  userCode: text('user_code').notNull().unique(),
  clientId: text('client_id').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  status: text('status', { enum: ['pending', 'approved', 'denied', 'consumed'] })
    .notNull()
    .default('pending'),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: at('expires_at').notNull(),
  intervalSeconds: integer('interval_seconds').notNull(),
  lastPolledAt: at('last_polled_at'),
});

/**
 * A refresh-token family: one signed-in client (a CLI on a laptop). Every refresh rotates the
 * token; presenting a spent token revokes the whole family.
 */
export const tokenFamilies = pgTable(
  'token_families',
  {
    id: id(),
    userId: userRef(),
    clientId: text('client_id').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('token_families_user_idx').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => tokenFamilies.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    /** Set when the token is exchanged for a new one; presenting it again is reuse. */
    usedAt: at('used_at'),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
);

/** Keys that sign access tokens (EdDSA). Retired keys stay published until their tokens expire. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateJwk: jsonb('private_jwk').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  /** When it stopped signing; it still verifies until the longest token it signed expires. */
  retiredAt: at('retired_at'),
});

/** Accounts at an external OpenID Connect provider linked to a Waymark user. */
export const identities = pgTable(
  'identities',
  {
    id: id(),
    userId: userRef(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('identities_issuer_subject_idx').on(t.issuer, t.subject)],
);

/**
 * A sign-in with the external provider in progress, between the redirect to the provider and
 * its callback. The browser holds a random id in a short-lived cookie; the row (found by the
 * id's hash) holds what the callback checks: state, nonce and the PKCE verifier. Rows live
 * here rather than in memory so that any instance can take the callback; each is used once.
 */
export const oidcFlows = pgTable(
  'oidc_flows',
  {
    idHash: text('id_hash').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** A path in the web app to land on afterwards (checked to be same-site). */
    returnTo: text('return_to').notNull(),
    intent: text('intent', { enum: ['signin', 'link'] }).notNull(),
    /** For `link`: the signed-in user who started it. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('oidc_flows_expires_idx').on(t.expiresAt)],
);

/**
 * Failed sign-ins per email address (hashed), whether or not an account exists, so the
 * lockout answer is the same either way.
 */
export const loginFailures = pgTable('login_failures', {
  keyHash: text('key_hash').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: at('window_started_at').notNull(),
  lockedUntil: at('locked_until'),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: at('at').notNull().defaultNow(),
    type: text('type').notNull(),
    userId: uuid('user_id'),
    actorId: uuid('actor_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_user_idx').on(t.userId, t.at)],
);
