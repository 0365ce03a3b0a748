import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { createPasswordHasher, passwordProblem } from './passwords.js';

const cheap = { memoryKib: 8192, iterations: 1, concurrency: 2 };

describe('password rules', () => {
  it('accepts 8 to 256 characters of any script', () => {
    expect(passwordProblem('correct horse')).toBeNull();
    expect(passwordProblem('пароль-для-входа')).toBeNull();
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull(); // 8 code points, 16 UTF-16 units
    expect(passwordProblem('x'.repeat(256))).toBeNull();
  });

  it('refuses short, overlong, common and email-equal passwords', () => {
    expect(passwordProblem('short1!')).toMatch(/at least 8/);
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('password')).toMatch(/common/);
    expect(passwordProblem('Qwertyuiop')).toMatch(/common/);
    expect(passwordProblem('me@example.com', 'Me@Example.com ')).toMatch(/email/);
  });
});

describe('password hasher', () => {
  it('hashes with argon2id and verifies, including after Unicode normalization', async () => {
    const hasher = createPasswordHasher(cheap);
    const stored = await hasher.hash('ﬁsh and chips'); // "ﬁ" ligature: NFKC gives "fi"
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    expect(await hasher.verify(stored, 'fish and chips')).toBe(true);
    expect(await hasher.verify(stored, 'fish and chipz')).toBe(false);
  });

  it('never signs in without a stored hash, and survives a malformed one', async () => {
    const hasher = createPasswordHasher(cheap);
    expect(await hasher.verify(null, 'anything at all')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'anything at all')).toBe(false);
  });

  it('runs at most `concurrency` at once and refuses beyond the queue', async () => {
    const hasher = createPasswordHasher({ ...cheap, concurrency: 1, maxQueue: 2 });
    const accepted = [
      hasher.hash('first one!'),
      hasher.hash('second one'),
      hasher.hash('third one'),
    ];
    await expect(hasher.hash('fourth one')).rejects.toBeInstanceOf(AppError);
    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
    // Slots are released: it accepts work again.
    await expect(hasher.hash('fifth one!')).resolves.toMatch(/^\$argon2id/);
  });
});
