import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  it('hides the values of secret-looking query parameters and keeps the rest', () => {
    expect(redactUrl('/reset-password?token=abc123')).toBe('/reset-password?token=[redacted]');
    expect(redactUrl('/signin?mfa=xyz&returnTo=%2Fsettings')).toBe(
      '/signin?mfa=[redacted]&returnTo=%2Fsettings',
    );
    expect(redactUrl('/api/v1/auth/oidc/callback?code=c&state=s&iss=x')).toBe(
      '/api/v1/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=x',
    );
    expect(redactUrl('/device?user%5Fcode=ABCD-EFGH')).toBe('/device?user%5Fcode=[redacted]');
  });

  it('leaves URLs without a query, and harmless parameters, alone', () => {
    expect(redactUrl('/api/v1/roadmaps')).toBe('/api/v1/roadmaps');
    expect(redactUrl('/api/v1/admin/audit-events?limit=5&flag')).toBe(
      '/api/v1/admin/audit-events?limit=5&flag',
    );
    expect(redactUrl('/x?%E0%A4%A=1')).toBe('/x?%E0%A4%A=1');
  });
});
