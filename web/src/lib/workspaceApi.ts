/**
 * What the topic workspace asks the server: the learner's note on a topic (read and written
 * with its ETag), their links, and their ticks of the topic's key concepts.
 */
import type { ConceptChecklist } from '../../../src/modules/concepts/concepts.schemas';
import type { Link, TopicLinks } from '../../../src/modules/links/links.schemas';
import { ApiError, networkError, problemError } from './api';
import { apiSend, isProblem, loadSession, PROBLEM } from './auth';

export type { ConceptChecklist, Link, TopicLinks };

/** A note as a version: its text and the ETag a write must send back. */
export interface NoteVersion {
  markdown: string;
  etag: string;
  updatedAt: string | null;
}

/** A write refused because the note changed since `If-Match`; `current` is the note now. */
export class NoteConflict extends Error {
  constructor(readonly current: NoteVersion) {
    super('The note changed since it was read.');
    this.name = 'NoteConflict';
  }
}

export const NOTE_MAX_CHARS = 20_000;
const ACCEPT = 'application/json, application/problem+json';
const enc = encodeURIComponent;
const topicUrl = (slug: string, topicId: string) =>
  `/api/v1/me/roadmaps/${enc(slug)}/topics/${enc(topicId)}`;

async function send(
  method: 'GET' | 'PUT',
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      headers: { accept: ACCEPT, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw networkError();
  }
}

async function noteOf(res: Response): Promise<NoteVersion> {
  const body = (await res.json()) as { markdown: string; updatedAt: string | null };
  return { ...body, etag: res.headers.get('etag') ?? '' };
}

export const notesApi = {
  async read(slug: string, topicId: string): Promise<NoteVersion> {
    const res = await send('GET', `${topicUrl(slug, topicId)}/notes`, {});
    if (!res.ok) throw await problemError(res);
    return noteOf(res);
  },

  /**
   * Writes the note if it is still the version `ifMatch` names; rejects with NoteConflict
   * (carrying the current note) when it is not. apiSend cannot send If-Match or read the ETag,
   * so this retries a stale CSRF token itself, as apiSend does.
   */
  async write(
    slug: string,
    topicId: string,
    markdown: string,
    ifMatch: string,
    csrfToken: string,
  ): Promise<NoteVersion> {
    const url = `${topicUrl(slug, topicId)}/notes`;
    const put = (token: string) =>
      send(
        'PUT',
        url,
        { 'content-type': 'application/json', 'if-match': ifMatch, 'x-csrf-token': token },
        { markdown },
      );
    let res = await put(csrfToken);
    if (res.status === 403) {
      const error = await problemError(res.clone());
      if (isProblem(error, PROBLEM.csrf)) {
        const session = await loadSession();
        if (session.status === 'signedIn') res = await put(session.csrfToken);
      }
    }
    if (res.ok) return noteOf(res);
    if (res.status === 412) {
      const problem = (await res.json()) as { current?: NoteVersion };
      if (problem.current) throw new NoteConflict(problem.current);
      throw new ApiError(412, 'Precondition Failed', 'The note changed since it was read.');
    }
    throw await problemError(res);
  },
};

export const linksApi = {
  list: (slug: string, topicId: string) =>
    apiSend<TopicLinks>('GET', `${topicUrl(slug, topicId)}/links`),
  add: (slug: string, topicId: string, url: string, title: string) =>
    apiSend<Link>('POST', `${topicUrl(slug, topicId)}/links`, title ? { url, title } : { url }),
  remove: (slug: string, topicId: string, linkId: string) =>
    apiSend('DELETE', `${topicUrl(slug, topicId)}/links/${enc(linkId)}`),
};

export const conceptsApi = {
  checklist: (slug: string, topicId: string) =>
    apiSend<ConceptChecklist>('GET', `${topicUrl(slug, topicId)}/concepts`),
  set: (slug: string, topicId: string, conceptId: string, checked: boolean) =>
    apiSend<ConceptChecklist>(
      checked ? 'PUT' : 'DELETE',
      `${topicUrl(slug, topicId)}/concepts/${enc(conceptId)}`,
    ),
};
