/** An in-memory signing-key store, for unit tests of the key ring and access tokens. */
import type { SigningKeyRecord, SigningKeyStore } from '../../src/modules/auth/signing-keys.js';

export function memoryKeyStore(): SigningKeyStore & { records: SigningKeyRecord[]; reads: number } {
  const store = {
    records: [] as SigningKeyRecord[],
    reads: 0,
    async all() {
      store.reads += 1;
      return store.records.map((r) => ({ ...r }));
    },
    async insert(record: SigningKeyRecord) {
      store.records.push({ ...record });
    },
    async retireOthers(kid: string, at: Date) {
      for (const r of store.records) if (r.kid !== kid && r.retiredAt === null) r.retiredAt = at;
    },
    async deleteRetiredBefore(cutoff: Date) {
      store.records = store.records.filter((r) => r.retiredAt === null || r.retiredAt >= cutoff);
    },
  };
  return store;
}
