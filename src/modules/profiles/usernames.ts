/**
 * Names no learner may take: they would pass for Waymark itself or for one of its pages in
 * the address /u/{username}, or mislead whoever reads a shared link.
 */
const reserved = new Set([
  'about',
  'account',
  'admin',
  'administrator',
  'anonymous',
  'api',
  'app',
  'assets',
  'auth',
  'dashboard',
  'dev',
  'device',
  'docs',
  'help',
  'login',
  'logout',
  'me',
  'moderator',
  'null',
  'oauth',
  'official',
  'profile',
  'roadmaps',
  'root',
  'security',
  'settings',
  'signin',
  'signup',
  'staff',
  'static',
  'status',
  'support',
  'system',
  'undefined',
  'user',
  'users',
  'waymark',
  'www',
]);

/** Whether a (well-formed, lower-case) username is one no learner may take. */
export const isReservedUsername = (username: string): boolean => reserved.has(username);
