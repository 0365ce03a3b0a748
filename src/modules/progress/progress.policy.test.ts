import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { sourceOf } from './progress.policy.js';

describe('sourceOf', () => {
  it('records a browser session as web', () => {
    expect(sourceOf('session', undefined)).toBe('web');
  });

  it('records a bearer token as api unless it says cli', () => {
    expect(sourceOf('pat', undefined)).toBe('api');
    expect(sourceOf('jwt', undefined)).toBe('api');
    expect(sourceOf('pat', 'cli')).toBe('cli');
    expect(sourceOf('jwt', 'cli')).toBe('cli');
    expect(sourceOf('pat', 'api')).toBe('api');
  });

  it('refuses a browser session that claims another source', () => {
    expect(() => sourceOf('session', 'cli')).toThrow(AppError);
    expect(() => sourceOf('session', 'api')).toThrow(/browser changes are recorded as web/);
  });
});
