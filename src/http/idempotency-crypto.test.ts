import { describe, expect, it } from 'vitest';
import { canonicalJson, open, requestHash, seal, sha256Hex } from './idempotency-crypto.js';

describe('canonicalJson', () => {
  it('when objects list the same keys in another order, then they read the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('when arrays hold the same items in another order, then they differ', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('requestHash', () => {
  it('when bodies differ only in key order, then the hash is the same', () => {
    expect(requestHash({}, JSON.parse('{"name":"x","scopes":["a"]}'))).toBe(
      requestHash({}, JSON.parse('{ "scopes": ["a"],\n  "name": "x" }')),
    );
  });

  it('when a value, the query or the presence of a body differs, then the hash differs', () => {
    const base = requestHash({}, { name: 'x' });
    expect(requestHash({}, { name: 'y' })).not.toBe(base);
    expect(requestHash({ dry: 'true' }, { name: 'x' })).not.toBe(base);
    expect(requestHash(undefined, undefined)).not.toBe(requestHash(undefined, {}));
    expect(requestHash(undefined, null)).toBe(requestHash({}, undefined));
  });
});

describe('sha256Hex', () => {
  it('when hashing a key, then it gives the SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('seal and open', () => {
  const plaintext = Buffer.from('{"token":"wm_pat_secret"}');

  it('when opened with the same key and context, then the plaintext comes back', () => {
    const sealed = seal('key-1', 'user:1\nPOST\n/x\nhash\n201', plaintext);
    expect(open('key-1', 'user:1\nPOST\n/x\nhash\n201', sealed)).toEqual(plaintext);
  });

  it('when sealed twice, then the outputs differ and hold no plaintext', () => {
    const a = seal('key-1', 'ctx', plaintext);
    const b = seal('key-1', 'ctx', plaintext);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').includes(Buffer.from('wm_pat_secret'))).toBe(false);
  });

  it('when the key, the context or a byte differs, then opening fails', () => {
    const sealed = seal('key-1', 'ctx', plaintext);
    expect(() => open('key-2', 'ctx', sealed)).toThrow();
    expect(() => open('key-1', 'ctx2', sealed)).toThrow();
    const tampered = Buffer.from(sealed, 'base64');
    tampered[tampered.length - 20]! ^= 1;
    expect(() => open('key-1', 'ctx', tampered.toString('base64'))).toThrow();
    expect(() => open('key-1', 'ctx', 'AAAA')).toThrow(/too short/);
  });
});
