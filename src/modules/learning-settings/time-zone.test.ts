import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from './time-zone.js';

describe('canonicalTimeZone', () => {
  it('accepts IANA names and returns their canonical spelling', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(canonicalTimeZone('Etc/GMT+5')).toBe('Etc/GMT+5');
  });

  it('refuses unknown names, offsets and anything that is not a name', () => {
    for (const zone of ['Mars/Olympus', '+01:00', '-05', 'UTC+1 ', '', ' Europe/Paris', 'x;y']) {
      expect(canonicalTimeZone(zone), zone).toBeUndefined();
    }
  });
});
