/** Who may read the audit log: administrators, through a browser session or a token. */
import { requires } from '../../http/access.js';

export const auditPolicy = {
  list: requires({ role: 'admin' }),
} as const;
