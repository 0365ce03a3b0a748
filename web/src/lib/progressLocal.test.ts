import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_CHANGES_PER_TOPIC,
  clearLocalProgress,
  localChanges,
  localStatuses,
  recordLocalChange,
} from './progressLocal';
import { memoryStorage } from './memoryStorage.testing';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('progress kept in the browser', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('when topics change, then each change is kept with its time and the status is the last', () => {
    recordLocalChange('rm', 'dns', 'learning', at(1));
    recordLocalChange('rm', 'http', 'skipped', at(2));
    recordLocalChange('rm', 'dns', 'done', at(3));
    expect(localChanges('rm')).toEqual([
      { topicId: 'dns', from: null, to: 'learning', at: at(1).toISOString() },
      { topicId: 'http', from: null, to: 'skipped', at: at(2).toISOString() },
      { topicId: 'dns', from: 'learning', to: 'done', at: at(3).toISOString() },
    ]);
    expect(localStatuses(localChanges('rm'))).toEqual({ dns: 'done', http: 'skipped' });
    expect(localChanges('other-roadmap')).toEqual([]);
  });

  it('when the status a topic already has is set, then nothing is recorded', () => {
    recordLocalChange('rm', 'dns', 'not_started', at(1));
    expect(localChanges('rm')).toEqual([]);
    recordLocalChange('rm', 'dns', 'done', at(2));
    recordLocalChange('rm', 'dns', 'done', at(3));
    expect(localChanges('rm')).toHaveLength(1);
  });

  it('keeps the newest changes of a topic only, so a merge stays within its limit', () => {
    const statuses = ['learning', 'done'] as const;
    for (let i = 0; i < MAX_CHANGES_PER_TOPIC + 5; i++) {
      recordLocalChange('rm', 'dns', statuses[i % 2]!, at(i));
    }
    recordLocalChange('rm', 'http', 'review', at(99));
    const dns = localChanges('rm').filter((c) => c.topicId === 'dns');
    expect(dns).toHaveLength(MAX_CHANGES_PER_TOPIC);
    expect(dns.at(-1)!.at).toBe(at(MAX_CHANGES_PER_TOPIC + 4).toISOString());
    expect(localStatuses(localChanges('rm'))).toEqual({
      dns: statuses[(MAX_CHANGES_PER_TOPIC + 4) % 2],
      http: 'review',
    });
  });

  it('ignores what it cannot read, and clears a roadmap', () => {
    storage.setItem('waymark:progress:v1:rm', '{not json');
    expect(localChanges('rm')).toEqual([]);
    storage.setItem(
      'waymark:progress:v1:rm',
      JSON.stringify({
        changes: [
          { topicId: 'dns', from: null, to: 'done', at: at(1).toISOString() },
          { topicId: 'x', from: null, to: 'finished', at: at(1).toISOString() },
          { topicId: 'y', from: null, to: 'done', at: 'yesterday' },
        ],
      }),
    );
    expect(localChanges('rm').map((c) => c.topicId)).toEqual(['dns']);
    clearLocalProgress('rm');
    expect(localChanges('rm')).toEqual([]);
  });

  it('when the browser refuses to store, then the change throws', () => {
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => recordLocalChange('rm', 'dns', 'done', at(1))).toThrow('QuotaExceededError');
  });
});
