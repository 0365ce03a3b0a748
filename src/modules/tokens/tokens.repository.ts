/** SQL for personal access tokens. Tokens are found by the hash of their secret, never the secret. */
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { personalAccessTokens, users } from '../../db/schema.js';

export type PatRow = typeof personalAccessTokens.$inferSelect;
export type NewPat = typeof personalAccessTokens.$inferInsert;

const live = (now: Date) =>
  and(isNull(personalAccessTokens.revokedAt), gt(personalAccessTokens.expiresAt, now));

export function createTokensRepository(db: Database) {
  return {
    /** The user's tokens that have not been revoked (expired ones included), newest first. */
    async listUnrevoked(userId: string): Promise<PatRow[]> {
      return db
        .select()
        .from(personalAccessTokens)
        .where(and(eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt)))
        .orderBy(desc(personalAccessTokens.createdAt));
    },

    /**
     * Inserts the token unless the user already has `limit` live ones. The user's row is
     * locked meanwhile, so two concurrent creations cannot both slip under the limit.
     */
    async insertWithinLimit(row: NewPat, limit: number, now: Date): Promise<PatRow | null> {
      return db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).where(eq(users.id, row.userId)).for('update');
        const [counted] = await tx
          .select({ n: count() })
          .from(personalAccessTokens)
          .where(and(eq(personalAccessTokens.userId, row.userId), live(now)));
        if ((counted?.n ?? 0) >= limit) return null;
        const [inserted] = await tx.insert(personalAccessTokens).values(row).returning();
        return inserted!;
      });
    },

    /** A live token by the hash of its secret, with the role of its user. */
    async findLiveByHash(tokenHash: string, now: Date) {
      const [row] = await db
        .select({
          id: personalAccessTokens.id,
          userId: personalAccessTokens.userId,
          scopes: personalAccessTokens.scopes,
          expiresAt: personalAccessTokens.expiresAt,
          lastUsedAt: personalAccessTokens.lastUsedAt,
          role: users.role,
        })
        .from(personalAccessTokens)
        .innerJoin(users, eq(users.id, personalAccessTokens.userId))
        .where(and(eq(personalAccessTokens.tokenHash, tokenHash), live(now)));
      return row ?? null;
    },

    async touch(id: string, at: Date): Promise<void> {
      await db
        .update(personalAccessTokens)
        .set({ lastUsedAt: at })
        .where(
          and(
            eq(personalAccessTokens.id, id),
            sql`(${personalAccessTokens.lastUsedAt} is null or ${personalAccessTokens.lastUsedAt} < ${at.toISOString()}::timestamptz)`,
          ),
        );
    },

    /** Revokes one of the user's own tokens; null when there is no such unrevoked token. */
    async revoke(userId: string, id: string, at: Date): Promise<PatRow | null> {
      const [row] = await db
        .update(personalAccessTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(personalAccessTokens.id, id),
            eq(personalAccessTokens.userId, userId),
            isNull(personalAccessTokens.revokedAt),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
