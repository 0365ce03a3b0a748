/**
 * The roadmap read path, Waymark's busiest: `GET /api/v1/roadmaps/senior-backend` as a full
 * 200 and as a 304 to a matching If-None-Match. Target from the issue: at least 0.85 of the
 * bare route's requests per second, for both.
 */
import type { ComparisonSet } from '../compare.js';
import { record } from '../recording.js';
import { clientHeaders, type RunningWaymark } from '../servers.js';

export const roadmapPath = '/api/v1/roadmaps/senior-backend';
export const roadmapTargets = { ratio: 0.85 };

export async function roadmapCases({ url }: RunningWaymark): Promise<ComparisonSet> {
  const ok = await record(url, { path: roadmapPath, headers: clientHeaders, status: 200 });
  const etag = ok.headers.etag;
  if (etag === undefined) throw new Error(`Waymark sent no ETag for ${roadmapPath}`);
  const conditional = { ...clientHeaders, 'if-none-match': etag };
  const notModified = await record(url, { path: roadmapPath, headers: conditional, status: 304 });
  const bodyBytes = Buffer.byteLength(ok.body);
  return {
    comparisons: [
      {
        name: '200 full JSON',
        path: roadmapPath,
        status: 200,
        targets: roadmapTargets,
        bodyBytes,
        headers: () => Promise.resolve(clientHeaders),
      },
      {
        name: '304 If-None-Match',
        path: roadmapPath,
        status: 304,
        targets: roadmapTargets,
        bodyBytes: 0,
        headers: () => Promise.resolve(conditional),
      },
    ],
    replays: [
      {
        path: roadmapPath,
        status: 304,
        response: notModified,
        when: (headers) => headers['if-none-match'] === etag,
      },
      { path: roadmapPath, status: 200, response: ok },
    ],
    notes: [],
  };
}
