import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memoryStorage.testing';
import { recordLocalVisit } from './visitsLocal';

describe('new topics for visitors without an account', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('window', { localStorage: storage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('marks nothing new on the first visit', () => {
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual([]);
  });

  it('marks the topics the roadmap did not have at the previous visit, once', () => {
    recordLocalVisit('r', ['a', 'b']);
    expect([...recordLocalVisit('r', ['a', 'b', 'c', 'd'])]).toEqual(['c', 'd']);
    // The next visit compares with this one: nothing is new any more.
    expect([...recordLocalVisit('r', ['a', 'b', 'c', 'd'])]).toEqual([]);
  });

  it('keeps roadmaps apart, and a topic removed then back counts as new', () => {
    recordLocalVisit('r', ['a', 'b']);
    recordLocalVisit('other', ['x']);
    expect([...recordLocalVisit('r', ['a'])]).toEqual([]);
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual(['b']);
    expect([...recordLocalVisit('other', ['x', 'y'])]).toEqual(['y']);
  });

  it('treats an unreadable record as a first visit, and stores over it', () => {
    storage.setItem('waymark:visit:v1:r', '{not json');
    expect([...recordLocalVisit('r', ['a'])]).toEqual([]);
    storage.setItem('waymark:visit:v1:s', JSON.stringify({ topicIds: 'a' }));
    expect([...recordLocalVisit('s', ['a'])]).toEqual([]);
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual(['b']);
  });

  it('marks nothing when the browser stores nothing', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new Error('disabled');
      },
    });
    expect([...recordLocalVisit('r', ['a'])]).toEqual([]);
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual([]);
  });

  it('still answers when the browser refuses to store this visit', () => {
    recordLocalVisit('r', ['a']);
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual(['b']);
    expect([...recordLocalVisit('r', ['a', 'b'])]).toEqual(['b']);
  });
});
