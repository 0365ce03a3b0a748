/**
 * Records Waymark's answers once (over HTTP, as a client sees them) so the bare server can
 * replay them, and checks that the two servers then answer alike: a comparison between
 * different bytes or different headers would measure the wrong thing.
 */
import type { RecordedResponse } from './servers.js';

/** Written by Node per response, not chosen by the application. */
const perConnection = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

export interface Exchange {
  status: number;
  response: RecordedResponse;
}

export async function fetchExchange(
  origin: string,
  path: string,
  headers: Record<string, string>,
): Promise<Exchange> {
  const response = await fetch(`${origin}${path}`, { headers });
  const chosen: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!perConnection.has(name)) chosen[name] = value;
  });
  return { status: response.status, response: { body: await response.text(), headers: chosen } };
}

/** Records Waymark's answer, which must have the expected status. */
export async function record(
  origin: string,
  request: { path: string; headers: Record<string, string>; status: number },
): Promise<RecordedResponse> {
  const { status, response } = await fetchExchange(origin, request.path, request.headers);
  if (status !== request.status) {
    throw new Error(
      `Waymark answered ${status}, not ${request.status}, to GET ${request.path} with ` +
        `${JSON.stringify(Object.keys(request.headers))}: ${response.body.slice(0, 300)}`,
    );
  }
  return response;
}

/** The request id differs per request by design; everything else must be identical. */
export function comparable({ body, headers }: RecordedResponse): string {
  const { 'x-request-id': requestId, ...rest } = headers;
  return JSON.stringify({
    body,
    requestId: requestId?.length,
    headers: Object.entries(rest).sort(),
  });
}

export interface CheckedRequest {
  name: string;
  path: string;
  status: number;
  headers(): Promise<Record<string, string>>;
}

/** Throws unless every server gives the expected status, and the same bytes and headers. */
export async function assertAlike(
  origins: string[],
  requests: readonly CheckedRequest[],
): Promise<void> {
  for (const request of requests) {
    const headers = await request.headers();
    const answers = await Promise.all(
      origins.map((origin) => fetchExchange(origin, request.path, headers)),
    );
    const [first, ...others] = answers.map((a) => `${a.status} ${comparable(a.response)}`);
    if (answers.some((a) => a.status !== request.status) || others.some((o) => o !== first)) {
      throw new Error(
        `The servers answer ${request.name} differently:\n${answers
          .map((a, i) => `${origins[i]} → ${a.status} ${JSON.stringify(a.response.headers)}`)
          .join('\n')}`,
      );
    }
  }
}
