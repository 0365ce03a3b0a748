/**
 * SQL for external sign-in: sign-ins in progress (`oidc_flows`), linked identities, and the
 * user lookups and creation that sign-in needs. Taking a flow deletes it in the same
 * statement, so a callback can be completed once however often it is replayed.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { identities, oidcFlows, users } from '../../db/schema.js';

export type FlowRow = typeof oidcFlows.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;
export type UserRow = typeof users.$inferSelect;
type NewIdentity = Pick<typeof identities.$inferInsert, 'issuer' | 'subject' | 'email'>;

/** Rolls a transaction back when the identity was linked by a concurrent request. */
class IdentityTaken extends Error {}

export function createOidcRepository(db: Database) {
  return {
    // ---- flows
    async insertFlow(values: typeof oidcFlows.$inferInsert): Promise<void> {
      await db.insert(oidcFlows).values(values);
    },
    /** Removes and returns a flow: whatever the callback decides, it cannot be used again. */
    async takeFlow(idHash: string): Promise<FlowRow | undefined> {
      const [row] = await db.delete(oidcFlows).where(eq(oidcFlows.idHash, idHash)).returning();
      return row;
    },
    /** Flows abandoned at the provider; swept as new ones start. */
    async deleteExpiredFlows(now: Date): Promise<void> {
      await db.delete(oidcFlows).where(lte(oidcFlows.expiresAt, now));
    },

    // ---- users
    async userById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async userByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      return row;
    },
    /**
     * Creates a user without a password, linked to the identity, in one transaction.
     * 'email_taken' when the address has an account (a concurrent sign-up won);
     * 'identity_taken' when the identity was linked meanwhile.
     */
    async insertLinkedUser(
      user: Pick<typeof users.$inferInsert, 'email' | 'displayName' | 'emailVerifiedAt'>,
      identity: NewIdentity,
    ): Promise<UserRow | 'email_taken' | 'identity_taken'> {
      try {
        return await db.transaction(async (tx) => {
          const [created] = await tx
            .insert(users)
            .values({ ...user, passwordHash: null })
            .onConflictDoNothing()
            .returning();
          if (!created) return 'email_taken' as const;
          const [linked] = await tx
            .insert(identities)
            .values({ ...identity, userId: created.id })
            .onConflictDoNothing()
            .returning({ id: identities.id });
          if (!linked) throw new IdentityTaken();
          return created;
        });
      } catch (error) {
        if (error instanceof IdentityTaken) return 'identity_taken';
        throw error;
      }
    },

    // ---- identities
    async identityBySubject(issuer: string, subject: string): Promise<IdentityRow | undefined> {
      const [row] = await db
        .select()
        .from(identities)
        .where(and(eq(identities.issuer, issuer), eq(identities.subject, subject)));
      return row;
    },
    /**
     * Links an identity to a user unless it is linked already; returns the link as it now
     * stands (possibly someone else's) and whether this call made it.
     */
    async linkIdentity(
      userId: string,
      identity: NewIdentity,
    ): Promise<{ identity: IdentityRow; created: boolean }> {
      const [created] = await db
        .insert(identities)
        .values({ ...identity, userId })
        .onConflictDoNothing()
        .returning();
      if (created) return { identity: created, created: true };
      const existing = await this.identityBySubject(identity.issuer, identity.subject);
      return { identity: existing!, created: false };
    },
    async identitiesOf(userId: string): Promise<IdentityRow[]> {
      return db
        .select()
        .from(identities)
        .where(eq(identities.userId, userId))
        .orderBy(asc(identities.createdAt));
    },
    /**
     * Unlinks an identity of a user unless it is their last way to sign in (no password and
     * no other identity). The user's row is locked first, so two unlinks at once cannot
     * each leave the other to be the last.
     */
    async unlinkIdentity(
      userId: string,
      identityId: string,
    ): Promise<'unlinked' | 'not_found' | 'last_way_in'> {
      return db.transaction(async (tx) => {
        const [user] = await tx
          .select({ passwordHash: users.passwordHash })
          .from(users)
          .where(eq(users.id, userId))
          .for('update');
        if (!user) return 'not_found';
        const linked = await tx
          .select({ id: identities.id })
          .from(identities)
          .where(eq(identities.userId, userId));
        if (!linked.some((row) => row.id === identityId)) return 'not_found';
        if (user.passwordHash === null && linked.length === 1) return 'last_way_in';
        await tx
          .delete(identities)
          .where(and(eq(identities.id, identityId), eq(identities.userId, userId)));
        return 'unlinked';
      });
    },
  };
}
export type OidcRepository = ReturnType<typeof createOidcRepository>;
