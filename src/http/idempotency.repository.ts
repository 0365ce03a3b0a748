/**
 * SQL for Idempotency-Key claims. The row is the lock: whichever request inserts it first
 * (on any instance) runs, the others find it. A claim is identified by its `created_at`, so a
 * request whose claim was taken over (expired, or abandoned by a crashed instance) cannot
 * overwrite its successor's.
 */
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import type { Claim, ClaimRef, ClaimResult, IdempotencyStore } from './idempotency.js';

const byKey = (scope: string, keyHash: string) =>
  and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.keyHash, keyHash));

export function createIdempotencyRepository(db: Database): IdempotencyStore {
  return {
    /**
     * Claims the key for this request, replacing a row that has expired or whose request has
     * been in flight since before `abandonedBefore`; otherwise answers the row that holds it.
     */
    async claim(claim: Claim, abandonedBefore: Date): Promise<ClaimResult> {
      // The row that held the key can vanish between the two statements (released after a
      // 5xx, pruned): then the key is free again, and claiming it is tried once more.
      for (let attempt = 0; attempt < 3; attempt++) {
        const [inserted] = await db
          .insert(idempotencyKeys)
          .values({ ...claim, status: null, response: null })
          .onConflictDoUpdate({
            target: [idempotencyKeys.scope, idempotencyKeys.keyHash],
            set: {
              method: claim.method,
              path: claim.path,
              requestHash: claim.requestHash,
              status: null,
              response: null,
              meta: null,
              createdAt: claim.createdAt,
              expiresAt: claim.expiresAt,
            },
            setWhere: or(
              lte(idempotencyKeys.expiresAt, claim.createdAt),
              and(isNull(idempotencyKeys.status), lte(idempotencyKeys.createdAt, abandonedBefore)),
            ),
          })
          .returning({ scope: idempotencyKeys.scope });
        if (inserted) return { claimed: true };
        const [existing] = await db
          .select({
            method: idempotencyKeys.method,
            path: idempotencyKeys.path,
            requestHash: idempotencyKeys.requestHash,
            status: idempotencyKeys.status,
            response: idempotencyKeys.response,
          })
          .from(idempotencyKeys)
          .where(byKey(claim.scope, claim.keyHash));
        if (existing) return { claimed: false, existing };
      }
      throw new Error('could not claim an idempotency key that keeps changing hands');
    },

    /** Stores the response of a claimed request; false if the claim was taken over. */
    async complete(claim: ClaimRef, status: number, response: string): Promise<boolean> {
      const rows = await db
        .update(idempotencyKeys)
        .set({ status, response })
        .where(
          and(
            byKey(claim.scope, claim.keyHash),
            eq(idempotencyKeys.createdAt, claim.createdAt),
            isNull(idempotencyKeys.status),
          ),
        )
        .returning({ scope: idempotencyKeys.scope });
      return rows.length > 0;
    },

    /** Frees a claimed key (the request failed in a way the client may retry). */
    async release(claim: ClaimRef): Promise<void> {
      await db
        .delete(idempotencyKeys)
        .where(
          and(
            byKey(claim.scope, claim.keyHash),
            eq(idempotencyKeys.createdAt, claim.createdAt),
            isNull(idempotencyKeys.status),
          ),
        );
    },

    /** Deletes up to `limit` expired rows, oldest first; answers how many. */
    async pruneExpired(now: Date, limit: number): Promise<number> {
      const expired = db
        .select({ scope: idempotencyKeys.scope, keyHash: idempotencyKeys.keyHash })
        .from(idempotencyKeys)
        .where(lte(idempotencyKeys.expiresAt, now))
        .orderBy(asc(idempotencyKeys.expiresAt))
        .limit(limit);
      const rows = await db
        .delete(idempotencyKeys)
        .where(
          and(
            lte(idempotencyKeys.expiresAt, now),
            sql`(${idempotencyKeys.scope}, ${idempotencyKeys.keyHash}) in (${expired})`,
          ),
        )
        .returning({ scope: idempotencyKeys.scope });
      return rows.length;
    },
  };
}
