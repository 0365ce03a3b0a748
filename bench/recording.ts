/**
 * Records Waymark's answers once (over HTTP, as a client sees them) so the bare server can
 * replay them, and checks that the two servers then answer alike: a comparison between
 * different bytes or different headers would measure the wrong thing.
 */
import { clientHeaders, roadmapPath, type RecordedResponse, type Recording } from './servers.js';

/** Written by Node per response, not chosen by the application. */
const perConnection = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

async function get(origin: string, headers: Record<string, string>) {
  const response = await fetch(`${origin}${roadmapPath}`, {
    headers: { ...clientHeaders, ...headers },
  });
  const chosen: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!perConnection.has(name)) chosen[name] = value;
  });
  return { status: response.status, response: { body: await response.text(), headers: chosen } };
}

export async function record(waymarkOrigin: string): Promise<Recording> {
  const ok = await get(waymarkOrigin, {});
  if (ok.status !== 200) throw new Error(`Waymark answered ${ok.status} to GET ${roadmapPath}`);
  const etag = ok.response.headers.etag;
  if (etag === undefined) throw new Error(`Waymark sent no ETag for ${roadmapPath}`);
  const notModified = await get(waymarkOrigin, { 'if-none-match': etag });
  if (notModified.status !== 304) {
    throw new Error(`Waymark answered ${notModified.status}, not 304, to a matching If-None-Match`);
  }
  return { etag, ok: ok.response, notModified: notModified.response };
}

/** The request id differs per request by design; everything else must be identical. */
function comparable({ body, headers }: RecordedResponse): string {
  const { 'x-request-id': requestId, ...rest } = headers;
  return JSON.stringify({
    body,
    requestId: requestId?.length,
    headers: Object.entries(rest).sort(),
  });
}

/** Throws unless both servers give the same status, bytes and headers for both cases. */
export async function assertAlike(recording: Recording, origins: string[]): Promise<void> {
  const cases: Record<string, string>[] = [{}, { 'if-none-match': recording.etag }];
  for (const headers of cases) {
    const answers = await Promise.all(origins.map((origin) => get(origin, headers)));
    const [first, ...others] = answers.map((a) => `${a.status} ${comparable(a.response)}`);
    if (others.some((other) => other !== first)) {
      throw new Error(
        `The servers answer differently to ${JSON.stringify(headers)}:\n${answers
          .map((a, i) => `${origins[i]} → ${a.status} ${JSON.stringify(a.response.headers)}`)
          .join('\n')}`,
      );
    }
  }
}
