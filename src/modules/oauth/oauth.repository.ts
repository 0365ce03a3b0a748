/**
 * SQL for the device grant and refresh-token families. Every step that must happen once
 * (approving a code, exchanging it, spending a refresh token) is a conditional UPDATE, so
 * two concurrent requests cannot both win.
 */
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deviceCodes, refreshTokens, tokenFamilies, users } from '../../db/schema.js';

export type DeviceCodeRow = typeof deviceCodes.$inferSelect;
export type NewDeviceCode = typeof deviceCodes.$inferInsert;
export type FamilyRow = typeof tokenFamilies.$inferSelect;
export type NewFamily = typeof tokenFamilies.$inferInsert;

const liveFamily = (now: Date) =>
  and(isNull(tokenFamilies.revokedAt), gt(tokenFamilies.expiresAt, now));

export function createOAuthRepository(db: Database) {
  return {
    async insertDeviceCode(row: NewDeviceCode): Promise<void> {
      await db.insert(deviceCodes).values(row);
    },

    async deleteDeviceCodesExpiredBefore(cutoff: Date): Promise<void> {
      await db.delete(deviceCodes).where(lt(deviceCodes.expiresAt, cutoff));
    },

    async findDeviceCode(deviceCodeHash: string): Promise<DeviceCodeRow | null> {
      const [row] = await db
        .select()
        .from(deviceCodes)
        .where(eq(deviceCodes.deviceCodeHash, deviceCodeHash));
      return row ?? null;
    },

    async findPendingByUserCode(userCode: string, now: Date): Promise<DeviceCodeRow | null> {
      const [row] = await db
        .select()
        .from(deviceCodes)
        .where(
          and(
            eq(deviceCodes.userCode, userCode),
            eq(deviceCodes.status, 'pending'),
            gt(deviceCodes.expiresAt, now),
          ),
        );
      return row ?? null;
    },

    /** Approves or denies a pending, unexpired code; null when there is none. */
    async decide(
      userCode: string,
      status: 'approved' | 'denied',
      userId: string,
      now: Date,
    ): Promise<DeviceCodeRow | null> {
      const [row] = await db
        .update(deviceCodes)
        .set({ status, userId })
        .where(
          and(
            eq(deviceCodes.userCode, userCode),
            eq(deviceCodes.status, 'pending'),
            gt(deviceCodes.expiresAt, now),
          ),
        )
        .returning();
      return row ?? null;
    },

    async recordPoll(id: string, at: Date, intervalSeconds: number): Promise<void> {
      await db
        .update(deviceCodes)
        .set({ lastPolledAt: at, intervalSeconds })
        .where(eq(deviceCodes.id, id));
    },

    /**
     * Spends an approved code and starts a token family with its first refresh token, all or
     * nothing. Null when the code was not (or no longer) approved: a second exchange fails.
     */
    async exchangeDeviceCode(
      id: string,
      family: Omit<NewFamily, 'userId' | 'clientId' | 'scopes'>,
      refreshTokenHash: string,
    ): Promise<FamilyRow | null> {
      return db.transaction(async (tx) => {
        const [code] = await tx
          .update(deviceCodes)
          .set({ status: 'consumed' })
          .where(and(eq(deviceCodes.id, id), eq(deviceCodes.status, 'approved')))
          .returning();
        if (!code?.userId) return null;
        const [created] = await tx
          .insert(tokenFamilies)
          .values({ ...family, userId: code.userId, clientId: code.clientId, scopes: code.scopes })
          .returning();
        await tx.insert(refreshTokens).values({
          familyId: created!.id,
          tokenHash: refreshTokenHash,
          createdAt: family.createdAt,
        });
        return created!;
      });
    },

    /** A refresh token by its hash, with its family (revoked or not). */
    async findRefreshToken(tokenHash: string) {
      const [row] = await db
        .select({ id: refreshTokens.id, usedAt: refreshTokens.usedAt, family: tokenFamilies })
        .from(refreshTokens)
        .innerJoin(tokenFamilies, eq(tokenFamilies.id, refreshTokens.familyId))
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return row ?? null;
    },

    /**
     * Spends a refresh token and issues its successor in the same family. False when the
     * token was already spent (by a concurrent request, or earlier): the caller treats that as
     * reuse.
     */
    async rotateRefreshToken(
      tokenId: string,
      familyId: string,
      nextTokenHash: string,
      now: Date,
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const spent = await tx
          .update(refreshTokens)
          .set({ usedAt: now })
          .where(and(eq(refreshTokens.id, tokenId), isNull(refreshTokens.usedAt)))
          .returning({ id: refreshTokens.id });
        if (spent.length === 0) return false;
        await tx
          .insert(refreshTokens)
          .values({ familyId, tokenHash: nextTokenHash, createdAt: now });
        await tx
          .update(tokenFamilies)
          .set({ lastUsedAt: now })
          .where(eq(tokenFamilies.id, familyId));
        return true;
      });
    },

    /** Revokes a live family (of this user, when given); null when there is none. */
    async revokeFamily(
      familyId: string,
      reason: string,
      now: Date,
      userId?: string,
    ): Promise<FamilyRow | null> {
      const [row] = await db
        .update(tokenFamilies)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(tokenFamilies.id, familyId),
            isNull(tokenFamilies.revokedAt),
            userId === undefined ? undefined : eq(tokenFamilies.userId, userId),
          ),
        )
        .returning();
      return row ?? null;
    },

    /** A live family with its user's role. */
    async findLiveFamily(familyId: string, now: Date) {
      const [row] = await db
        .select({ userId: tokenFamilies.userId, role: users.role })
        .from(tokenFamilies)
        .innerJoin(users, eq(users.id, tokenFamilies.userId))
        .where(and(eq(tokenFamilies.id, familyId), liveFamily(now)));
      return row ?? null;
    },

    async listLiveFamilies(userId: string, now: Date): Promise<FamilyRow[]> {
      return db
        .select()
        .from(tokenFamilies)
        .where(and(eq(tokenFamilies.userId, userId), liveFamily(now)))
        .orderBy(desc(tokenFamilies.lastUsedAt));
    },
  };
}

export type OAuthRepository = ReturnType<typeof createOAuthRepository>;
