/**
 * A rough, local hint of how strong a new password looks. Only a hint: the server decides
 * (length 8..256 and a list of common passwords), and its answer is shown when it says no.
 */
import { PASSWORD_MAX, PASSWORD_MIN } from './useForm';

export interface Strength {
  /** 0 = not acceptable, 1..4 = weak..strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
}

export function passwordStrength(password: string): Strength {
  const length = [...password].length;
  if (length === 0) return { score: 0, label: '' };
  if (length < PASSWORD_MIN)
    return { score: 0, label: `Too short: ${length} of at least ${PASSWORD_MIN} characters.` };
  if (length > PASSWORD_MAX)
    return { score: 0, label: `Too long: ${length} of at most ${PASSWORD_MAX} characters.` };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const repetitive = new Set(password).size <= Math.max(2, length / 4);
  let score = length >= 16 ? 3 : length >= 12 ? 2 : 1;
  if (kinds >= 3) score++;
  if (repetitive) score = 1;
  const s = Math.min(4, score) as 1 | 2 | 3 | 4;
  const label = { 1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong' }[s];
  return { score: s, label: `Strength: ${label}. Long passphrases are best.` };
}
