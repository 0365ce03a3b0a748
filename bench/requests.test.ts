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
