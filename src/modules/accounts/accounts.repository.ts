/**
 * SQL for accounts: users, sessions, one-time tokens, recovery codes and sign-in failure
 * counters. Updates that must happen once (consuming a token, accepting a TOTP step, using a
 * recovery code) are single conditional UPDATEs, so two concurrent requests cannot both win.
 */
import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  identities,
  loginFailures,
  recoveryCodes,
  sessions,
  tokenFamilies,
  users,
  userTokens,
} from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type TokenPurpose = (typeof userTokens.$inferSelect)['purpose'];

export function createAccountsRepository(db: Database) {
  const repository = queries(db);
  return {
    ...repository,
    /** Runs `work` in one transaction: all of its writes land, or none. */
    transaction<T>(work: (tx: typeof repository) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(queries(tx as unknown as Database)));
    },
  };
}

/** A token of this purpose and hash that is neither used nor expired. */
const liveTokenWhere = (purpose: TokenPurpose, tokenHash: string, now: Date) =>
  and(
    eq(userTokens.tokenHash, tokenHash),
    eq(userTokens.purpose, purpose),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, now),
  );

function queries(db: Database) {
  return {
    // ---- users
    async userByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      return row;
    },
    async userById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    /** Inserts a user; undefined when the email is taken (a concurrent sign-up won). */
    async insertUser(values: typeof users.$inferInsert): Promise<UserRow | undefined> {
      const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
      return row;
    },
    async updateUser(id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
      await db
        .update(users)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(users.id, id));
    },
    /** Records a TOTP step as used; false when it (or a later one) already was: a replay. */
    async acceptTotpStep(userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(
          and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))),
        )
        .returning({ id: users.id });
      return rows.length === 1;
    },

    // ---- sessions
    async insertSession(values: typeof sessions.$inferInsert): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning();
      return row!;
    },
    async sessionWithUser(tokenHash: string) {
      const [row] = await db
        .select({ session: sessions, role: users.role })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash));
      return row;
    },
    async touchSession(id: string, at: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async liveSessions(userId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        )
        .orderBy(desc(sessions.lastSeenAt));
    },
    /** Revokes one session of a user; false when it is not theirs or already revoked. */
    async revokeSession(userId: string, sessionId: string): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(
          and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
        )
        .returning({ id: sessions.id });
      return rows.length === 1;
    },
    /** Revokes every session of a user except `keep`; returns the ids revoked. */
    async revokeSessionsExcept(userId: string, keep: string | null): Promise<string[]> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            keep ? ne(sessions.id, keep) : undefined,
          ),
        )
        .returning({ id: sessions.id });
      return rows.map((r) => r.id);
    },
    async unlinkIdentities(userId: string): Promise<void> {
      await db.delete(identities).where(eq(identities.userId, userId));
    },
    async revokeTokenFamilies(userId: string, reason: string): Promise<void> {
      await db
        .update(tokenFamilies)
        .set({ revokedAt: new Date(), revokedReason: reason })
        .where(and(eq(tokenFamilies.userId, userId), isNull(tokenFamilies.revokedAt)));
    },

    // ---- one-time tokens
    async insertToken(values: typeof userTokens.$inferInsert): Promise<void> {
      await db.insert(userTokens).values(values);
    },
    /** A live (unused, unexpired) token of the purpose, without consuming it. */
    async liveToken(purpose: TokenPurpose, tokenHash: string, now: Date) {
      const [row] = await db
        .select()
        .from(userTokens)
        .where(liveTokenWhere(purpose, tokenHash, now));
      return row;
    },
    /** Marks a live token used; returns its user, or undefined when it was not live. */
    async consumeToken(purpose: TokenPurpose, tokenHash: string, now: Date) {
      const [row] = await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(liveTokenWhere(purpose, tokenHash, now))
        .returning({ userId: userTokens.userId });
      return row;
    },
    /** Counts a wrong code against a token; returns the attempts so far. */
    async tokenAttempt(id: string): Promise<number> {
      const [row] = await db
        .update(userTokens)
        .set({ attempts: sql`${userTokens.attempts} + 1` })
        .where(eq(userTokens.id, id))
        .returning({ attempts: userTokens.attempts });
      return row?.attempts ?? 0;
    },
    /** Older unused tokens of the same purpose stop working when a new one is sent. */
    async expireTokens(userId: string, purpose: TokenPurpose, now: Date): Promise<void> {
      await db
        .update(userTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(userTokens.userId, userId),
            eq(userTokens.purpose, purpose),
            isNull(userTokens.usedAt),
          ),
        );
    },

    // ---- recovery codes
    async replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length > 0) {
        await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      }
    },
    /** Uses a recovery code once; false when unknown or already used. */
    async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    },
    async unusedRecoveryCodes(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
    },

    // ---- sign-in failures (brute-force protection)
    async failures(keyHash: string) {
      const [row] = await db.select().from(loginFailures).where(eq(loginFailures.keyHash, keyHash));
      return row;
    },
    /**
     * Counts one failure in the current window (a new window when the old one has passed)
     * and returns the count, in one statement.
     */
    async addFailure(keyHash: string, now: Date, windowMs: number): Promise<number> {
      const windowStart = new Date(now.getTime() - windowMs);
      const [row] = await db
        .insert(loginFailures)
        .values({ keyHash, count: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: loginFailures.keyHash,
          set: {
            count: sql`case when ${loginFailures.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then 1 else ${loginFailures.count} + 1 end`,
            windowStartedAt: sql`case when ${loginFailures.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginFailures.windowStartedAt} end`,
          },
        })
        .returning({ count: loginFailures.count });
      return row!.count;
    },
    async lockUntil(keyHash: string, until: Date): Promise<void> {
      await db
        .update(loginFailures)
        .set({ lockedUntil: until })
        .where(eq(loginFailures.keyHash, keyHash));
    },
    async clearFailures(keyHash: string): Promise<void> {
      await db.delete(loginFailures).where(eq(loginFailures.keyHash, keyHash));
    },
    /**
     * Deletes up to `limit` counters that no longer count: their window began at or before
     * `windowStart` and any lock has run out by `now`. Such a row is the same as none (the
     * next failure starts a new window); the rest stay. Returns how many went.
     */
    async pruneFailures(windowStart: Date, now: Date, limit: number): Promise<number> {
      const stale = db
        .select({ keyHash: loginFailures.keyHash })
        .from(loginFailures)
        .where(
          and(
            lte(loginFailures.windowStartedAt, windowStart),
            or(isNull(loginFailures.lockedUntil), lte(loginFailures.lockedUntil, now)),
          ),
        )
        .limit(limit);
      const rows = await db
        .delete(loginFailures)
        .where(inArray(loginFailures.keyHash, stale))
        .returning({ keyHash: loginFailures.keyHash });
      return rows.length;
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
