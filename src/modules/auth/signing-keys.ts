/**
 * The key ring that signs access tokens: Ed25519 keys kept in the `signing_keys` table, so
 * every instance signs and verifies with the same keys.
 *
 * Rotation never signs anyone out: `rotate()` adds a new signing key and retires the old one,
 * which stays published in the JWKS and keeps verifying for as long as a token it signed can
 * live (plus a margin), then drops out. Other instances learn about a new key when they meet
 * a token with an unknown `kid` (reloading at most once every few seconds, so a stream of
 * made-up kids cannot hammer the database), and re-read the table now and then when signing,
 * so they stop signing with a key that was retired elsewhere.
 */
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-tokens.js';

export const SIGNING_ALGORITHM = 'EdDSA';

/** How long a retired key keeps verifying: the longest-lived token it signed, plus margin. */
export const RETIRED_KEY_GRACE_MS = ACCESS_TOKEN_TTL_SECONDS * 1000 + 5 * 60_000;

export interface SigningKeyRecord {
  kid: string;
  algorithm: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Where keys are kept (signing-keys.repository.ts; an in-memory one in unit tests). */
export interface SigningKeyStore {
  all(): Promise<SigningKeyRecord[]>;
  insert(record: SigningKeyRecord): Promise<void>;
  /** Retires every still-active key except `kid`. */
  retireOthers(kid: string, at: Date): Promise<void>;
  deleteRetiredBefore(cutoff: Date): Promise<void>;
}

/** A public key as published in the JWKS. */
export interface PublishedJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface SigningKeyRingOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  graceMs?: number;
  /** An unknown kid makes the ring reload from the store at most this often. */
  unknownKidReloadMs?: number;
  /** When signing or publishing, the ring re-reads the store once its copy is this old. */
  refreshMs?: number;
}

interface LoadedKey {
  kid: string;
  createdAt: number;
  retiredAt: number | null;
  jwk: PublishedJwk;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

async function generateRecord(now: number): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    algorithm: SIGNING_ALGORITHM,
    publicJwk: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x },
    privateJwk: { ...privateJwk },
    createdAt: new Date(now),
    retiredAt: null,
  };
}

async function loadRecord(record: SigningKeyRecord): Promise<LoadedKey> {
  const { kty, crv, x } = record.publicJwk as { kty: string; crv: string; x: string };
  return {
    kid: record.kid,
    createdAt: record.createdAt.getTime(),
    retiredAt: record.retiredAt?.getTime() ?? null,
    jwk: { kty, crv, x, kid: record.kid, alg: SIGNING_ALGORITHM, use: 'sig' },
    publicKey: (await importJWK(record.publicJwk as JWK, SIGNING_ALGORITHM)) as CryptoKey,
    privateKey: (await importJWK(record.privateJwk as JWK, SIGNING_ALGORITHM)) as CryptoKey,
  };
}

/**
 * The ring loads from the store on first use (creating the first key if there is none); call
 * `reload()` at start-up to fail early when the store is unreachable.
 */
export function createSigningKeyRing(store: SigningKeyStore, options: SigningKeyRingOptions = {}) {
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? RETIRED_KEY_GRACE_MS;
  const unknownKidReloadMs = options.unknownKidReloadMs ?? 5_000;
  const refreshMs = options.refreshMs ?? 60_000;

  let keys = new Map<string, LoadedKey>();
  let current: LoadedKey | undefined;
  let loadedAt = 0;
  let lastUnknownKidReload = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  const verifies = (key: LoadedKey, at: number) =>
    key.retiredAt === null || at < key.retiredAt + graceMs;

  async function load(): Promise<void> {
    let records = (await store.all()).filter((r) => r.algorithm === SIGNING_ALGORITHM);
    if (!records.some((r) => r.retiredAt === null)) {
      // First start (or every key retired): make one. Two instances starting together may
      // both do so; both keys then verify and the newest signs, which is harmless.
      await store.insert(await generateRecord(now()));
      records = (await store.all()).filter((r) => r.algorithm === SIGNING_ALGORITHM);
    }
    const next = new Map<string, LoadedKey>();
    for (const record of records) {
      const known = keys.get(record.kid);
      next.set(
        record.kid,
        known
          ? { ...known, retiredAt: record.retiredAt?.getTime() ?? null }
          : await loadRecord(record),
      );
    }
    const active = [...next.values()]
      .filter((k) => k.retiredAt === null)
      .sort((a, b) => b.createdAt - a.createdAt || (a.kid < b.kid ? -1 : 1));
    keys = next;
    current = active[0];
    loadedAt = now();
  }

  /** One load at a time; callers that arrive meanwhile share it. */
  function reload(): Promise<void> {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  async function fresh(): Promise<void> {
    if (!current || now() - loadedAt >= refreshMs) await reload();
  }

  return {
    /** The key new tokens are signed with. */
    async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
      await fresh();
      return { kid: current!.kid, key: current!.privateKey };
    },

    /**
     * The public key for a token's `kid`, or null when the kid is unknown (after one reload,
     * rate limited) or belongs to a key retired longer ago than the grace period.
     */
    async verificationKey(kid: string | undefined): Promise<CryptoKey | null> {
      if (!kid) return null;
      await fresh();
      let key = keys.get(kid);
      if (!key && now() - lastUnknownKidReload >= unknownKidReloadMs) {
        lastUnknownKidReload = now();
        await reload();
        key = keys.get(kid);
      }
      return key && verifies(key, now()) ? key.publicKey : null;
    },

    /** The JSON Web Key Set: public keys that still verify, never private parts. */
    async jwks(): Promise<{ keys: PublishedJwk[] }> {
      await fresh();
      const at = now();
      return {
        keys: [...keys.values()]
          .filter((k) => verifies(k, at))
          // The signing key first, then the others from newest to oldest.
          .sort(
            (a, b) => Number(a !== current) - Number(b !== current) || b.createdAt - a.createdAt,
          )
          .map((k) => ({ ...k.jwk })),
      };
    },

    /** Starts signing with a new key; the old one verifies until its tokens have expired. */
    async rotate(): Promise<string> {
      const at = now();
      const record = await generateRecord(at);
      await store.insert(record);
      await store.retireOthers(record.kid, new Date(at));
      await store.deleteRetiredBefore(new Date(at - graceMs));
      await reload();
      return record.kid;
    },

    reload,
  };
}

export type SigningKeyRing = ReturnType<typeof createSigningKeyRing>;
