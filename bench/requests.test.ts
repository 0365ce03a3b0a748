import { describe, expect, it } from 'vitest';
import { forwardedAddress, varyRequests, type TemplateRequest } from './requests.js';

describe('forwardedAddress', () => {
  it('counts through 10.0.0.0/8 from 10.0.0.1', () => {
    expect(forwardedAddress(0)).toBe('10.0.0.1');
    expect(forwardedAddress(255)).toBe('10.0.1.0');
    expect(forwardedAddress(0xff_ff_fe)).toBe('10.255.255.255');
  });

  it('never gives two of the first hundred thousand requests the same address', () => {
    const addresses = new Set(Array.from({ length: 100_000 }, (_, n) => forwardedAddress(n)));
    expect(addresses.size).toBe(100_000);
  });
});

describe('varyRequests', () => {
  const template: TemplateRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  };

  it('sends the bodies in turn, starting over after the last', () => {
    const next = varyRequests({ bodies: ['a', 'b'] });
    expect([1, 2, 3].map(() => next(template).body)).toEqual(['a', 'b', 'a']);
  });

  it('gives every request an address of its own and keeps the other headers', () => {
    const next = varyRequests({ spreadAddresses: true });
    const first = next(template);
    const second = next(template);
    expect(first.headers).toEqual({
      'content-type': 'application/json',
      'x-forwarded-for': '10.0.0.1',
    });
    expect(second.headers?.['x-forwarded-for']).toBe('10.0.0.2');
    expect(template.headers).not.toHaveProperty('x-forwarded-for');
  });

  it('carries its count over a shared counter, so a later run does not reuse addresses', () => {
    const counter = { next: 0 };
    varyRequests({ spreadAddresses: true }, counter)(template);
    const later = varyRequests({ spreadAddresses: true }, counter)(template);
    expect(later.headers?.['x-forwarded-for']).toBe('10.0.0.2');
  });

  it('leaves the request as it was when nothing is to vary', () => {
    expect(varyRequests({})(template)).toEqual(template);
  });
});

describe('a walk', () => {
  const walk = {
    clients: [{ cookie: 'a' }, { cookie: 'b' }, { cookie: 'c' }],
    paths: ['/t/1', '/t/2'],
    bodies: ['learning', 'done', 'review'],
  };

  it('gives each client each path in turn, with the next body on every visit', () => {
    const next = varyRequests({ walk });
    const requests = Array.from({ length: 60 }, () => next({ method: 'PUT', headers: { x: '1' } }));
    expect(requests.slice(0, 4)).toEqual([
      { method: 'PUT', headers: { x: '1', cookie: 'a' }, path: '/t/1', body: 'learning' },
      { method: 'PUT', headers: { x: '1', cookie: 'b' }, path: '/t/1', body: 'learning' },
      { method: 'PUT', headers: { x: '1', cookie: 'c' }, path: '/t/1', body: 'learning' },
      { method: 'PUT', headers: { x: '1', cookie: 'a' }, path: '/t/2', body: 'learning' },
    ]);
    // Per client and path: visits 6 requests apart, each body unlike the one before.
    const last = new Map<string, { n: number; body: unknown }>();
    requests.forEach((r, n) => {
      const pair = `${r.headers?.cookie} ${r.path}`;
      const before = last.get(pair);
      if (before) expect([n - before.n, r.body === before.body]).toEqual([6, false]);
      last.set(pair, { n, body: r.body });
    });
    expect(last.size).toBe(6);
  });
});
