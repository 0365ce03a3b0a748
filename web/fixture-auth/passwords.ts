/** The server's password rules, reduced to what the pages show: length and a few common ones. */
import { Problem } from './http.js';

const COMMON = new Set(['password', 'password1', 'password123', '12345678', 'qwertyuiop']);

/** Throws the field error the forms display beside `field`. */
export function checkPassword(password: string, field: string): void {
  const n = [...password].length;
  const message =
    n < 8 || n > 128
      ? 'Use 8 to 128 characters.'
      : COMMON.has(password.toLowerCase())
        ? 'This password is too common. Choose another one.'
        : null;
  if (message)
    throw new Problem(400, 'Weak password', message, 'about:blank', {
      errors: [{ field, message }],
    });
}
