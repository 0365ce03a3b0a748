import { beforeEach, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../test/helpers/memory-key-store.js';
import { createSigningKeyRing } from './signing-keys.js';

describe('signing key ring', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = Date.parse('2026-03-01T12:00:00Z');
  });

  it('when the store is empty, then the first ring creates one key and the next ring reuses it', async () => {
    const store = memoryKeyStore();
    const first = createSigningKeyRing(store, { now });
    const kid = (await first.signingKey()).kid;
    const second = createSigningKeyRing(store, { now });
    expect((await second.signingKey()).kid).toBe(kid);
    expect(store.records).toHaveLength(1);
  });

  it('when publishing the JWKS, then only public members are in it', async () => {
    const ring = createSigningKeyRing(memoryKeyStore(), { now });
    const { keys } = await ring.jwks();
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  });

  it('when another instance rotated, then a token with the new kid makes this one reload', async () => {
    const store = memoryKeyStore();
    const a = createSigningKeyRing(store, { now });
    await a.reload();
    const b = createSigningKeyRing(store, { now });
    await b.reload();
    const newKid = await a.rotate();
    expect(await b.verificationKey(newKid)).not.toBeNull();
  });

  it('when unknown kids keep coming, then the store is read at most once per interval', async () => {
    const store = memoryKeyStore();
    const ring = createSigningKeyRing(store, { now, unknownKidReloadMs: 5_000 });
    await ring.reload();
    const reads = store.reads;
    expect(await ring.verificationKey('made-up-1')).toBeNull();
    expect(await ring.verificationKey('made-up-2')).toBeNull();
    expect(store.reads).toBe(reads + 1);
    clock += 5_000;
    expect(await ring.verificationKey('made-up-3')).toBeNull();
    expect(store.reads).toBe(reads + 2);
  });

  it('when another instance rotated, then this one stops signing with the retired key after a refresh', async () => {
    const store = memoryKeyStore();
    const a = createSigningKeyRing(store, { now, refreshMs: 60_000 });
    await a.reload();
    const b = createSigningKeyRing(store, { now, refreshMs: 60_000 });
    const oldKid = (await b.signingKey()).kid;
    const newKid = await a.rotate();
    expect((await b.signingKey()).kid).toBe(oldKid);
    clock += 60_000;
    expect((await b.signingKey()).kid).toBe(newKid);
  });

  it('when rotated twice past the grace period, then the oldest key is deleted from the store', async () => {
    const store = memoryKeyStore();
    const ring = createSigningKeyRing(store, { now, graceMs: 1_000 });
    await ring.reload();
    await ring.rotate();
    expect(store.records).toHaveLength(2);
    clock += 1_001;
    await ring.rotate();
    expect(store.records).toHaveLength(2);
    expect(store.records.filter((r) => r.retiredAt === null)).toHaveLength(1);
  });
});
