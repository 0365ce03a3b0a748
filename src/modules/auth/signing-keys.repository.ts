/** SQL for the signing keys of access tokens. The key ring (signing-keys.ts) sees plain records. */
import { and, isNotNull, isNull, lt, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { signingKeys } from '../../db/schema.js';
import type { SigningKeyRecord, SigningKeyStore } from './signing-keys.js';

export function createSigningKeysRepository(db: Database): SigningKeyStore {
  return {
    async all(): Promise<SigningKeyRecord[]> {
      return db.select().from(signingKeys);
    },

    async insert(record: SigningKeyRecord): Promise<void> {
      await db.insert(signingKeys).values(record);
    },

    async retireOthers(kid: string, at: Date): Promise<void> {
      await db
        .update(signingKeys)
        .set({ retiredAt: at })
        .where(and(ne(signingKeys.kid, kid), isNull(signingKeys.retiredAt)));
    },

    async deleteRetiredBefore(cutoff: Date): Promise<void> {
      await db
        .delete(signingKeys)
        .where(and(isNotNull(signingKeys.retiredAt), lt(signingKeys.retiredAt, cutoff)));
    },
  };
}
