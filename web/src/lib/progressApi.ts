/** The progress API as the signed-in learner (`/api/v1/me/roadmaps/{slug}/...`). */
import type { ProgressStatus } from '../../../src/db/progress.schema';
import type {
  MergeChange,
  MergeResult,
  RoadmapProgress,
  RoadmapVisit,
  TopicHistory,
  TopicStatus,
} from '../../../src/modules/progress/progress.schemas';
import { apiSend } from './auth';

export type { ProgressStatus, RoadmapProgress, TopicHistory };
export type ProgressEvent = TopicHistory['events'][number];

/** Most changes one merge takes (MERGE_MAX_CHANGES on the server). */
export const MERGE_MAX_CHANGES = 2000;

const enc = encodeURIComponent;
const mine = (slug: string): string => `/api/v1/me/roadmaps/${enc(slug)}`;

export const progressApi = {
  progress: (slug: string) => apiSend<RoadmapProgress>('GET', `${mine(slug)}/progress`),
  setStatus: (slug: string, topicId: string, status: ProgressStatus) =>
    apiSend<TopicStatus>('PUT', `${mine(slug)}/topics/${enc(topicId)}/status`, { status }),
  history: (slug: string, topicId: string) =>
    apiSend<TopicHistory>('GET', `${mine(slug)}/topics/${enc(topicId)}/history?limit=50`),
  merge: (slug: string, changes: readonly MergeChange[]) =>
    apiSend<MergeResult>('POST', `${mine(slug)}/progress/merge`, { changes }),
  visit: (slug: string) => apiSend<RoadmapVisit>('POST', `${mine(slug)}/visits`),
};
