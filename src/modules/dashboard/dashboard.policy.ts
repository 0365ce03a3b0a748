/**
 * Who may read the dashboard: the signed-in learner, their own only (the path names no user).
 * It is a view of their progress, so a token needs `progress:read`.
 */
import { requires } from '../../http/access.js';

export const dashboardPolicy = {
  read: requires({ scopes: ['progress:read'] }),
} as const;
