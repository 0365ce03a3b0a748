/**
 * The set-up shared by the tests of a learner's own data per topic (progress, notes, links,
 * concepts) on one database: an app, a signed-in learner most tests act as, the roadmap's topics
 * handed out one per test, and requests from addresses of their own.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { asSession, createUser, signIn, type BrowserSession } from './accounts.js';
import { createTestApp, type TestApp } from './app.js';
import type { DatabaseTarget } from './databases.js';

export interface Learner {
  id: string;
  session: BrowserSession;
}

export interface RoadmapSection {
  id: string;
  topicIds: string[];
}

export interface LearnerSuiteOptions {
  /** The roadmap whose topics the tests use. */
  slug: string;
  /** The first two parts of the IPv4 addresses the requests come from, e.g. '10.10'. */
  network: string;
}

export interface LearnerSuite {
  /** The app (started in beforeAll, closed in afterAll). */
  readonly t: TestApp;
  /** The learner most tests act as (signed in by beforeAll). */
  readonly alice: Learner;
  /** The roadmap's topic ids, in order (more than ten). */
  readonly topicIds: readonly string[];
  /** The roadmap's sections, in order, each with its topic ids. */
  readonly sections: readonly RoadmapSection[];
  /** A topic no earlier test has touched, so tests do not depend on each other. */
  freshTopic: () => string;
  /** Another verified learner, signed in. */
  learner: () => Promise<Learner>;
  /**
   * A request from an address not used before, so the per-address limits never trip. Headers
   * are the caller's: `{ cookie }` to read as a session, asSession(...) to change something.
   */
  inject: (request: InjectOptions) => Promise<LightMyRequestResponse>;
  /** The Authorization header of a new token of alice's with only progress:read. */
  readOnlyToken: (name: string) => Promise<string>;
}

/** Starts the app and alice before the describe block's tests, and closes the app after. */
export function learnerSuite(
  target: DatabaseTarget,
  { slug, network }: LearnerSuiteOptions,
): LearnerSuite {
  let t: TestApp | undefined;
  let signedInAlice: Learner | undefined;
  let topicIds: string[] = [];
  let sections: RoadmapSection[] = [];
  let used = 0;
  let addresses = 0;

  const started = (): TestApp => {
    if (!t) throw new Error('The learner suite starts in beforeAll.');
    return t;
  };
  const signedIn = (): Learner => {
    if (!signedInAlice) throw new Error('The learner suite starts in beforeAll.');
    return signedInAlice;
  };
  // Her fields are read when used, so the tests can take her before beforeAll signs her in.
  const alice: Learner = {
    get id() {
      return signedIn().id;
    },
    get session() {
      return signedIn().session;
    },
  };
  const nextIp = () => `${network}.${Math.floor(++addresses / 250) % 250}.${addresses % 250}`;
  const learner = async (): Promise<Learner> => {
    const user = await createUser(started());
    return { id: user.id, session: await signIn(started(), user.email, user.password) };
  };
  const inject = (request: InjectOptions) =>
    started().app.inject({ ...request, remoteAddress: nextIp() });

  beforeAll(async () => {
    t = await createTestApp(target);
    signedInAlice = await learner();
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${slug}` });
    const view = roadmap.json<{ topics: { id: string }[]; sections: RoadmapSection[] }>();
    topicIds = view.topics.map((x) => x.id);
    sections = view.sections;
    expect(topicIds.length).toBeGreaterThan(10);
  });
  afterAll(() => t?.close());

  return {
    get t() {
      return started();
    },
    alice,
    get topicIds() {
      return topicIds;
    },
    get sections() {
      return sections;
    },
    freshTopic: () => topicIds[used++]!,
    learner,
    inject,
    async readOnlyToken(name) {
      const created = await inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: asSession(alice.session),
        payload: { name, scopes: ['progress:read'], expiresInDays: 1 },
      });
      expect(created.statusCode, created.body).toBe(201);
      return `Bearer ${created.json<{ token: string }>().token}`;
    },
  };
}
