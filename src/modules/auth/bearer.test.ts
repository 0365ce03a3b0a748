import { beforeEach, describe, expect, it } from 'vitest';
import type { VerifiedAccessToken } from './access-tokens.js';
import { createBearerAuthenticator, type ResolvedPat } from './bearer.js';

const USER = '0b0c9a51-3f4e-4a8e-9d51-6c1f0f4f2b11';

describe('bearer authenticator', () => {
  let clock: number;
  let pats: Map<string, ResolvedPat>;
  let families: Map<string, { userId: string; role: 'member' | 'admin' }>;
  let jwts: Map<string, VerifiedAccessToken>;
  let calls: { pat: number; jwt: number; family: number };

  beforeEach(() => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    calls = { pat: 0, jwt: 0, family: 0 };
    pats = new Map([
      [
        'wm_pat_good',
        {
          id: 'pat-1',
          userId: USER,
          role: 'member',
          scopes: ['profile:read'],
          expiresAt: new Date(clock + 3600_000),
        },
      ],
    ]);
    families = new Map([['fam-1', { userId: USER, role: 'admin' }]]);
    jwts = new Map([
      [
        'a.b.c',
        {
          userId: USER,
          scopes: ['progress:read'],
          clientId: 'waymark-cli',
          familyId: 'fam-1',
          jti: 'j',
          expiresAt: clock + 600_000,
        },
      ],
    ]);
  });

  const build = (cacheTtlMs = 5_000, maxEntries?: number) =>
    createBearerAuthenticator({
      cacheTtlMs,
      maxEntries,
      now: () => clock,
      pats: {
        resolve: async (token) => {
          calls.pat += 1;
          return pats.get(token) ?? null;
        },
      },
      accessTokens: {
        verify: async (token) => {
          calls.jwt += 1;
          return jwts.get(token) ?? null;
        },
      },
      families: {
        activeFamily: async (id) => {
          calls.family += 1;
          return families.get(id) ?? null;
        },
      },
    });

  it('when a PAT is valid, then it resolves to a pat context', async () => {
    const auth = build();
    expect(await auth.bearer('wm_pat_good')).toEqual({
      userId: USER,
      role: 'member',
      via: 'pat',
      scopes: ['profile:read'],
      credentialId: 'pat-1',
    });
  });

  it('when a JWT is valid and its family live, then it resolves with the role of the user', async () => {
    const auth = build();
    expect(await auth.bearer('a.b.c')).toEqual({
      userId: USER,
      role: 'admin',
      via: 'jwt',
      scopes: ['progress:read'],
      credentialId: 'fam-1',
    });
  });

  it('when the same token comes again within the TTL, then no lookup is made', async () => {
    const auth = build();
    await auth.bearer('wm_pat_good');
    await auth.bearer('wm_pat_good');
    await auth.bearer('a.b.c');
    await auth.bearer('a.b.c');
    expect(calls).toEqual({ pat: 1, jwt: 1, family: 1 });
  });

  it('when a token is unknown, then the refusal is cached too', async () => {
    const auth = build();
    expect(await auth.bearer('wm_pat_nope')).toBeNull();
    expect(await auth.bearer('wm_pat_nope')).toBeNull();
    expect(calls.pat).toBe(1);
  });

  it('when revoked elsewhere, then the cached answer holds until the TTL ends', async () => {
    const auth = build(5_000);
    await auth.bearer('a.b.c');
    families.delete('fam-1');
    clock += 4_999;
    expect(await auth.bearer('a.b.c')).not.toBeNull();
    clock += 1;
    expect(await auth.bearer('a.b.c')).toBeNull();
  });

  it('when revoked through this instance (evict), then it is refused at once', async () => {
    const auth = build();
    await auth.bearer('wm_pat_good');
    await auth.bearer('a.b.c');
    pats.delete('wm_pat_good');
    families.delete('fam-1');
    auth.evict('pat-1');
    expect(await auth.bearer('wm_pat_good')).toBeNull();
    expect(await auth.bearer('a.b.c')).not.toBeNull(); // another credential: still cached
    auth.evict('fam-1');
    expect(await auth.bearer('a.b.c')).toBeNull();
  });

  it('when a user is evicted, then every credential of theirs is looked up again', async () => {
    const auth = build();
    await auth.bearer('wm_pat_good');
    await auth.bearer('a.b.c');
    auth.evictUser(USER);
    expect(auth.size).toBe(0);
  });

  it('when the cache TTL is 0, then every request looks the token up', async () => {
    const auth = build(0);
    await auth.bearer('wm_pat_good');
    await auth.bearer('wm_pat_good');
    expect(calls.pat).toBe(2);
  });

  it('when a PAT expires before the TTL ends, then the cache does not outlive it', async () => {
    pats.set('wm_pat_short', { ...pats.get('wm_pat_good')!, expiresAt: new Date(clock + 1_000) });
    const auth = build(5_000);
    await auth.bearer('wm_pat_short');
    pats.delete('wm_pat_short');
    clock += 1_000;
    expect(await auth.bearer('wm_pat_short')).toBeNull();
  });

  it('when the JWT family belongs to another user, then it is refused', async () => {
    families.set('fam-1', { userId: 'someone-else', role: 'member' });
    expect(await build().bearer('a.b.c')).toBeNull();
  });

  it('when more tokens come than the cache holds, then the oldest entries are dropped', async () => {
    const auth = build(5_000, 2);
    await auth.bearer('wm_pat_good');
    await auth.bearer('wm_pat_x');
    await auth.bearer('wm_pat_y'); // drops wm_pat_good
    expect(auth.size).toBe(2);
    calls.pat = 0;
    await auth.bearer('wm_pat_y');
    expect(calls.pat).toBe(0);
    await auth.bearer('wm_pat_good');
    expect(calls.pat).toBe(1);
  });
});
