/**
 * Validation of an uploaded progress document beyond its schema: what only this server can
 * tell (which roadmaps and topics exist) and what a schema cannot say (a history that chains,
 * no duplicates, URLs a link may hold). Every problem is reported with its JSON Pointer, and
 * the walk tolerates a document that failed its schema, so that one answer lists everything.
 */
import { AppError } from '../../http/errors.js';
import { linkTitle, parseLinkUrl } from '../links/links.service.js';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type ImportError } from './portability.schemas.js';

/** Which topic ids a roadmap knows: on it now, or removed from it (archived). */
export interface KnownTopics {
  current: ReadonlySet<string>;
  archived: ReadonlySet<string>;
}

/** An error of the JSON Schema validator, as Fastify attaches it (ajv's shape). */
export interface SchemaIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Most errors one answer lists; a file wrong everywhere says how many more there were. */
export const MAX_REPORTED_ERRORS = 200;
/** A change dated this far ahead of the server's clock is refused (clocks differ a little). */
const FUTURE_SLACK_MS = 5 * 60_000;

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointer = (...tokens: (string | number)[]) =>
  tokens.map((t) => `/${escapeToken(String(t))}`).join('');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasNul = (value: unknown) => typeof value === 'string' && value.includes('\u0000');

/** Whether the document says it is this format in a version this server reads. */
const isOurs = (document: unknown) =>
  isObject(document) &&
  document.format === DOCUMENT_FORMAT &&
  document.version === DOCUMENT_VERSION;

/** What to say when the file is not a progress export at all. */
const ourValue: Record<string, unknown> = {
  '/format': DOCUMENT_FORMAT,
  '/version': DOCUMENT_VERSION,
};
const notOurs: Record<string, string> = {
  '': 'must be a JSON object: a Waymark progress export',
  '/format': `must be "${DOCUMENT_FORMAT}": this is not a Waymark progress export`,
  '/version': `must be ${DOCUMENT_VERSION}, the version of the format this server reads`,
};

/**
 * Schema errors as pointers and sentences, without the noise of unions. When the document is
 * not a progress export at all, only that is said.
 */
export function schemaErrors(issues: readonly SchemaIssue[], document: unknown): ImportError[] {
  if (!isOurs(document)) {
    const which = ['', '/format', '/version'].filter(
      (field) =>
        (field === '' && !isObject(document)) ||
        (field !== '' && isObject(document) && document[field.slice(1)] !== ourValue[field]),
    );
    return which.map((field) => ({ field, message: notOurs[field]! }));
  }
  const out: ImportError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.instancePath ?? '';
    // `note: null | {...}` fails both branches; the branch that was meant says more.
    if (issue.keyword === 'anyOf') continue;
    const alsoNull = issue.keyword === 'type' && issue.params?.type === 'null';
    const saidBetter = (other: SchemaIssue) =>
      other !== issue &&
      other.keyword !== 'anyOf' &&
      `${other.instancePath ?? ''}/`.startsWith(`${path}/`);
    if (alsoNull && issues.some(saidBetter)) continue;
    const params = issue.params ?? {};
    let field = path;
    let message = issue.message ?? 'is invalid';
    if (typeof params.missingProperty === 'string') {
      field = path + pointer(params.missingProperty);
      message = 'is required';
    } else if (typeof params.additionalProperty === 'string') {
      field = path + pointer(params.additionalProperty);
      message = 'is not a field of this format';
    } else if (Array.isArray(params.allowedValues)) {
      message = `must be one of: ${params.allowedValues.map(String).join(', ')}`;
    } else if ('allowedValue' in params) {
      message = `must be ${JSON.stringify(params.allowedValue)}`;
    }
    const key = `${field}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

export interface ValidationContext {
  /** The topics of a roadmap, or undefined when there is no such roadmap. */
  known: (slug: string) => KnownTopics | undefined;
  now: Date;
}

/**
 * The problems of a document that its schema cannot see. Parts that are not even the right
 * shape are skipped here: the schema errors already name them.
 */
export function documentErrors(document: unknown, context: ValidationContext): ImportError[] {
  const errors: ImportError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  // Another kind of file (or another version of this one): the schema's errors say so, and
  // listing everything else that differs would bury that.
  if (!isObject(document) || !isOurs(document)) return errors;
  if (!Array.isArray(document.roadmaps)) return errors;
  const slugs = new Map<string, number>();
  document.roadmaps.forEach((roadmap: unknown, r) => {
    if (!isObject(roadmap)) return;
    const at = pointer('roadmaps', r);
    let known: KnownTopics | undefined;
    if (typeof roadmap.slug === 'string') {
      const first = slugs.get(roadmap.slug);
      if (first !== undefined) {
        add(`${at}/slug`, `roadmap "${roadmap.slug}" is already at /roadmaps/${first}`);
      } else slugs.set(roadmap.slug, r);
      known = context.known(roadmap.slug);
      if (!known) add(`${at}/slug`, `there is no roadmap "${roadmap.slug}" on this server`);
    }
    if (!Array.isArray(roadmap.topics)) return;
    const ids = new Map<string, number>();
    roadmap.topics.forEach((topic: unknown, t) => {
      if (!isObject(topic)) return;
      const topicAt = `${at}${pointer('topics', t)}`;
      if (typeof topic.id === 'string') {
        const first = ids.get(topic.id);
        if (first !== undefined) {
          add(`${topicAt}/id`, `topic "${topic.id}" is already at ${at}/topics/${first}`);
        } else ids.set(topic.id, t);
        if (known && !known.current.has(topic.id) && !known.archived.has(topic.id)) {
          add(
            `${topicAt}/id`,
            `roadmap "${String(roadmap.slug)}" has no topic "${topic.id}" (not even a removed one)`,
          );
        }
      }
      topicErrors(topic, topicAt, context.now, add);
    });
  });
  return errors;
}

function topicErrors(
  topic: Record<string, unknown>,
  at: string,
  now: Date,
  add: (field: string, message: string) => void,
): void {
  const latest = now.getTime() + FUTURE_SLACK_MS;
  const inFuture = (value: unknown) => typeof value === 'string' && Date.parse(value) > latest;

  if (Array.isArray(topic.history)) {
    let previous: { to: unknown; at: number } | undefined;
    topic.history.forEach((event: unknown, e) => {
      if (!isObject(event)) return;
      const eventAt = `${at}${pointer('history', e)}`;
      const expectedFrom = previous ? previous.to : null;
      if (event.from !== expectedFrom) {
        add(
          `${eventAt}/from`,
          previous
            ? `must be ${JSON.stringify(expectedFrom)}, the status the change before ended at`
            : 'must be null: the first change of a topic starts from no status',
        );
      }
      const time = typeof event.at === 'string' ? Date.parse(event.at) : Number.NaN;
      if (inFuture(event.at)) add(`${eventAt}/at`, 'is in the future');
      else if (previous && time < previous.at) {
        add(`${eventAt}/at`, 'is earlier than the change before it (oldest first)');
      }
      previous = { to: event.to, at: Number.isNaN(time) ? (previous?.at ?? 0) : time };
    });
    if (previous && typeof topic.status === 'string' && previous.to !== topic.status) {
      add(
        `${at}/status`,
        `is "${topic.status}" but the last change in history ends at ${JSON.stringify(previous.to)}`,
      );
    }
  }

  if (isObject(topic.note)) {
    if (hasNul(topic.note.markdown)) add(`${at}/note/markdown`, 'must not contain NUL characters');
    if (inFuture(topic.note.updatedAt)) add(`${at}/note/updatedAt`, 'is in the future');
  }

  if (Array.isArray(topic.links)) {
    const urls = new Map<string, number>();
    topic.links.forEach((link: unknown, l) => {
      if (!isObject(link)) return;
      const linkAt = `${at}${pointer('links', l)}`;
      if (inFuture(link.createdAt)) add(`${linkAt}/createdAt`, 'is in the future');
      if (typeof link.url !== 'string') return;
      const url = linkUrl(link.url);
      if ('error' in url) {
        add(`${linkAt}/url`, url.error);
        return;
      }
      const first = urls.get(url.href);
      if (first !== undefined) add(`${linkAt}/url`, `is the same link as ${at}/links/${first}`);
      else urls.set(url.href, l);
    });
  }

  if (Array.isArray(topic.conceptChecks)) {
    const concepts = new Map<string, number>();
    topic.conceptChecks.forEach((check: unknown, c) => {
      if (!isObject(check)) return;
      const checkAt = `${at}${pointer('conceptChecks', c)}`;
      if (inFuture(check.checkedAt)) add(`${checkAt}/checkedAt`, 'is in the future');
      if (typeof check.concept !== 'string') return;
      if (hasNul(check.concept)) add(`${checkAt}/concept`, 'must not contain NUL characters');
      const first = concepts.get(check.concept);
      if (first !== undefined) {
        add(`${checkAt}/concept`, `is already ticked at ${at}/conceptChecks/${first}`);
      } else concepts.set(check.concept, c);
    });
  }
}

/** A link's URL as the links API stores it, or why it cannot be one. */
export function linkUrl(raw: string): URL | { error: string } {
  try {
    return parseLinkUrl(raw);
  } catch (error) {
    // "The URL must start with http://." said of the field: "must start with http://".
    if (error instanceof AppError) {
      return { error: error.message.replace(/^The URL /, '').replace(/\.$/, '') };
    }
    throw error;
  }
}

/** Every problem of an upload, in the order of the places they are at in the file. */
export function importErrors(
  document: unknown,
  issues: readonly SchemaIssue[],
  context: ValidationContext,
): ImportError[] {
  return [...schemaErrors(issues, document), ...documentErrors(document, context)].sort((a, b) =>
    a.field.localeCompare(b.field, 'en', { numeric: true }),
  );
}

/** The title the links API would store for this link. */
export const importedLinkTitle = (title: string | undefined, url: URL) => linkTitle(title, url);
