/**
 * Who may do what with roadmaps. Roadmaps are published content: anyone may read them.
 */
import { publicRoute } from '../../http/access.js';

export const roadmapsPolicy = {
  list: publicRoute,
  read: publicRoute,
  readTopic: publicRoute,
} as const;
